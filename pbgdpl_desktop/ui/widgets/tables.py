"""Short record tables (QTableWidget): one setup, one way to make cells and fill rows, and the row the clerk
selected. Long lists (sessions, cases, the ledger) use ``PagedTableModel`` with a QTableView instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.ui.widgets.fit import scaled

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id, kept on the first cell of a row
MAX_COLUMN = 320  # a column fitted to its contents stops here (10 pt pixels); the cell is elided
TOOLTIP_FROM = 24  # characters: a longer cell also shows its whole text as a tooltip

T = TypeVar("T")


def make_table(
    parent: QWidget | None,
    headers: Sequence[str],
    *,
    name: str = "",
    editable: bool = False,
    select_rows: bool = True,
    single: bool = False,
    row_numbers: bool = True,
    alternating: bool = False,
    stretch: Sequence[int] | None = None,
    widths: Sequence[int] = (),
) -> QTableWidget:
    """A table with ``headers``; read-only unless ``editable``. ``select_rows`` selects whole rows (``single``:
    one at a time); ``stretch`` lists the columns that share the spare width (None: the last column takes it);
    ``widths`` are the starting widths of the first columns (for 10 pt text). Long cells are elided on one line
    and show their whole text as a tooltip."""
    table = QTableWidget(0, len(headers), parent)
    table.setWordWrap(False)
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(alternating)
    table.verticalHeader().setVisible(row_numbers)
    header = table.horizontalHeader()
    if stretch is None:
        header.setStretchLastSection(True)
    for column in stretch or ():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    set_widths(table, widths)
    return table


def set_widths(table: QTableWidget, widths: Sequence[int]) -> None:
    """Column widths chosen for 10 pt text, scaled to the application's text size."""
    for column, width in enumerate(widths):
        table.setColumnWidth(column, scaled(width))


def cell(
    value: object, *, align_right: bool = False, row_id: str | None = None, editable: bool = False
) -> QTableWidgetItem:
    """A cell showing ``value``: dates as dd/mm/yyyy, None as nothing, anything else as ``str(value)``."""
    if isinstance(value, date):
        text = format_date(value)
    elif value is None:
        text = ""
    else:
        text = str(value)
    item = QTableWidgetItem(text)
    if len(text) > TOOLTIP_FROM:
        item.setToolTip(text)
    if not editable:
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if row_id is not None:
        item.setData(ID_ROLE, row_id)
    return item


def money_cell(amount: int | None) -> QTableWidgetItem:
    """An amount in đồng ("1.500.000 đ"), right-aligned; None shows nothing."""
    return cell(format_money(amount) if amount is not None else "", align_right=True)


def fill_rows(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Replace the rows; a value is a ready cell (QTableWidgetItem) or anything ``cell`` shows."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, value if isinstance(value, QTableWidgetItem) else cell(value))


def fill_rows_with_ids(table: QTableWidget, rows: Sequence[tuple[str, Sequence[QTableWidgetItem]]]) -> None:
    """Rows of (id, cells): the id is kept on the first cell, the selected id stays selected when it is still
    there, and the columns fit their contents."""
    selected = selected_id(table)
    table.setRowCount(len(rows))
    for r, (row_id, cells) in enumerate(rows):
        for c, item in enumerate(cells):
            if c == 0:
                item.setData(ID_ROLE, row_id)
            table.setItem(r, c, item)
    for r, (row_id, _) in enumerate(rows):
        if row_id == selected:
            table.selectRow(r)
    table.resizeColumnsToContents()
    widest = scaled(MAX_COLUMN)
    for column in range(table.columnCount()):
        if table.columnWidth(column) > widest:
            table.setColumnWidth(column, widest)


def selected_row(table: QTableWidget) -> int | None:
    """The first selected row, or None."""
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def selected_of(table: QTableWidget, records: Sequence[T]) -> T | None:
    """The record shown in the selected row (``records`` in the table's row order), or None."""
    row = selected_row(table)
    return records[row] if row is not None and row < len(records) else None


def current_of(table: QTableWidget, records: Sequence[T]) -> T | None:
    """The record of the current row (where the keyboard focus is), or None."""
    row = table.currentRow()
    return records[row] if 0 <= row < len(records) else None


def selected_id(table: QTableWidget) -> str | None:
    """The id kept on the first cell of the selected row (``fill_rows_with_ids``), or None."""
    row = selected_row(table)
    item = table.item(row, 0) if row is not None else None
    return None if item is None else item.data(ID_ROLE)


def select_id(table: QTableWidget, row_id: str) -> bool:
    """Select the row whose first cell keeps ``row_id``; False when there is none."""
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(ID_ROLE) == row_id:
            table.selectRow(r)
            return True
    return False
