"""A table model for long lists (a million rows): holds the row count and a block cache, nothing else.

Rows are fetched in blocks from a Qt-free ``PagedSource`` (services.core.listing) the first time they are painted;
filter and sort changes re-run the query in SQL; ``invalidate()`` after a write drops the cache."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from pbgdpl_desktop.domain.dates import format_date, format_datetime
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.services.core.listing import ListQuery, PagedSource
from pbgdpl_desktop.ui.widgets.fit import line_height, scaled

log = logging.getLogger(__name__)

BLOCK = 200
MAX_BLOCKS = 64
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# Plain ints: data() is called thousands of times per paint, enum comparisons cost (helper-3's profile).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ROW_ID = int(ROW_ID_ROLE)
_ROW = int(ROW_ROLE)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
MAX_TEXT_ROWS = BLOCK * MAX_BLOCKS


@dataclass(frozen=True)
class Column:
    key: str  # attribute of the row DTO
    title: str
    kind: str = "text"  # text | date | datetime | money | int | bool
    sortable: bool = True
    width: int | None = None
    formatter: Callable[[Any], str] | None = None


def format_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, date):
        return format_date(value)
    if kind == "datetime" and isinstance(value, datetime):
        return format_datetime(value)
    if kind == "money":
        return format_money(int(value))
    if kind == "int":
        return f"{int(value):,}".replace(",", ".")
    if kind == "bool":
        return "✓" if value else ""
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


class PagedTableModel(QAbstractTableModel):
    def __init__(
        self,
        source: PagedSource,
        columns: Sequence[Column],
        query: ListQuery | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = list(columns)
        self._query = query or ListQuery()
        self._count = 0
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self._texts: dict[int, tuple[str, ...]] = {}  # formatted cells per row, filled when first painted
        self._align = [_RIGHT if c.kind in ("money", "int") else _LEFT for c in self._columns]
        self._error: str | None = None
        self._reload_count()

    # ------------------------------------------------------------------ query
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._blocks.clear()
        self._texts.clear()
        self._reload_count()
        self.endResetModel()

    def invalidate(self) -> None:
        """The data changed (a save or delete): re-count and drop cached rows."""
        self.set_query(self._query)

    def _reload_count(self) -> None:
        try:
            self._count = self._source.count(self._query)
            self._error = None
        except Exception as exc:
            log.exception("list count failed")
            self._count, self._error = 0, str(exc)

    @property
    def error(self) -> str | None:
        return self._error

    # ------------------------------------------------------------------ rows
    def _block(self, number: int) -> list[Any]:
        block = self._blocks.get(number)
        if block is None:
            try:
                block = list(self._source.page(self._query, number * BLOCK, BLOCK))
            except Exception:
                log.exception("list page failed")
                block = []
            self._blocks[number] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block

    def row_at(self, row: int) -> Any | None:
        if not 0 <= row < self._count:
            return None
        block = self._block(row // BLOCK)
        offset = row % BLOCK
        return block[offset] if offset < len(block) else None

    def row_id(self, row: int) -> str | None:
        item = self.row_at(row)
        return None if item is None else item.id

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def _row_texts(self, row: int) -> tuple[str, ...] | None:
        texts = self._texts.get(row)
        if texts is None:
            item = self.row_at(row)
            if item is None:
                return None
            texts = tuple(
                c.formatter(getattr(item, c.key, None))
                if c.formatter
                else format_cell(getattr(item, c.key, None), c.kind)
                for c in self._columns
            )
            if len(self._texts) >= MAX_TEXT_ROWS:
                self._texts.clear()
            self._texts[row] = texts
        return texts

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row, col = index.row(), index.column()
        if not index.isValid() or row >= self._count or col >= len(self._columns):
            return None
        if type(role) is not int:  # Qt may pass the ItemDataRole enum, a subclass of int
            role = int(role)
        if role == _DISPLAY or role == _TOOLTIP:
            texts = self._row_texts(row)
            if texts is None:
                return "…" if role == _DISPLAY else None
            return texts[col]
        if role == _ALIGN:
            return self._align[col]
        if role == _ROW_ID or role == _ROW:
            item = self.row_at(row)
            if item is None:
                return None
            return item.id if role == _ROW_ID else item
        return None

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._query.with_sort(self._columns[column].key, descending))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def configure_table_view(view: QTableView, model: PagedTableModel, *, sortable: bool = True) -> None:
    """Fixed row height (one line of text), whole-row selection, no per-row size computation (fast over a million
    rows); long cells are elided and show their whole text as a tooltip."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(max(24, line_height() + 8))
    vertical.setVisible(False)
    horizontal = view.horizontalHeader()
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setStretchLastSection(True)
    horizontal.setSortIndicatorShown(sortable)
    view.setSortingEnabled(False)  # sorting goes through sectionClicked → SQL, not a sort of all rows
    if sortable:

        def on_click(section: int) -> None:
            order = horizontal.sortIndicatorOrder()
            model.sort(section, order)

        horizontal.setSectionsClickable(True)
        horizontal.sectionClicked.connect(on_click)
    for i, column in enumerate(model._columns):  # noqa: SLF001
        if column.width:
            view.setColumnWidth(i, scaled(column.width))
