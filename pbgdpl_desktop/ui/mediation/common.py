"""Small helpers of the mediation widgets: combos, read-only tables, a form dialog that never blocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import DateEdit, MoneyEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def team_items(ui: UiContext, *, with_all: str | None = None) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [(t.name, t.id) for t in ui.services.mediation.teams.all()]
    return [(with_all, None), *items] if with_all else items


def cell(value: Any, *, align_right: bool = False, row_id: str | None = None) -> QTableWidgetItem:
    if isinstance(value, date):
        text = format_date(value)
    elif value is None:
        text = ""
    else:
        text = str(value)
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if row_id is not None:
        item.setData(ID_ROLE, row_id)
    return item


def money_cell(amount: int | None) -> QTableWidgetItem:
    return cell(format_money(amount) if amount is not None else "", align_right=True)


def make_table(parent: QWidget, headers: Sequence[str], *, name: str) -> QTableWidget:
    """A read-only, whole-row-selection table for short lists (teams, mediators, fee requests)."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_table(table: QTableWidget, rows: Sequence[tuple[str, Sequence[QTableWidgetItem]]]) -> None:
    """Rows of (id, cells); the id is kept on the first cell; the selected id is kept when possible."""
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


def selected_id(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else item.data(ID_ROLE)


def select_id(table: QTableWidget, row_id: str) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(ID_ROLE) == row_id:
            table.selectRow(r)
            return True
    return False


class FormDialog(QDialog):
    """A small form (label → widget) whose "Lưu" calls ``on_submit(values)``. A DomainError raised there is
    shown and the dialog stays open with everything typed; success closes it. Opened with ``open()``."""

    submitted = Signal(object)

    def __init__(
        self,
        ui: UiContext,
        title: str,
        fields: Sequence[tuple[str, str, QWidget]],
        on_submit: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
        *,
        ok_text: str = "Lưu",
        intro: str = "",
        name: str = "mediation_form_dialog",
    ) -> None:
        super().__init__(parent)
        self.ui, self._on_submit = ui, on_submit
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.widgets: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        for key, label, widget in fields:
            widget.setParent(self)
            widget.setObjectName(f"{key}_field")
            self.widgets[key] = widget
            form.addRow(label, widget)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> dict[str, Any]:
        return {key: widget_value(w) for key, w in self.widgets.items()}

    def submit(self) -> bool:
        try:
            result = self._on_submit(self.values())
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return False
        self.submitted.emit(result)
        self.accept()
        return True


def widget_value(widget: QWidget) -> Any:
    if isinstance(widget, DateEdit):
        return widget.value()
    if isinstance(widget, MoneyEdit):
        return widget.amount()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(type(widget))


def line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def spin(value: int | None, minimum: int, maximum: int, empty_text: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    if empty_text:
        box.setSpecialValueText(empty_text)
    box.setValue(value if value is not None else minimum)
    return box


def optional_int(value: int, minimum: int) -> int | None:
    """A spin box at its minimum with special text means "not entered"."""
    return None if value == minimum else value
