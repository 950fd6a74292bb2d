"""A short list (provinces, communes, people) with a filter box that ignores diacritics and case.

Typing that leaves one match selects it; Down in the box moves into the list, Enter in the box takes the first
match; in the list, Enter chooses and moves on to the next field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.text import fold

FOLD_ROLE = Qt.ItemDataRole.UserRole + 10
VALUE_ROLE = Qt.ItemDataRole.UserRole + 11


class _FoldFilter(QSortFilterProxyModel):
    """Fine for a few thousand items (communes); long tables use PagedTableModel instead."""

    def __init__(self) -> None:
        super().__init__()
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return self._needle in (index.data(FOLD_ROLE) or "")


class FilterableList(QWidget):
    """``valueSelected(object)`` fires with the value of the chosen item (None when nothing is selected)."""

    valueSelected = Signal(object)  # noqa: N815

    def __init__(
        self, parent: QWidget | None = None, placeholder: str = "Gõ để lọc (không cần dấu)…"
    ) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.view = QListView(self)
        self.view.setUniformItemSizes(True)
        self._model = QStandardItemModel(self)
        self._proxy = _FoldFilter()
        self._proxy.setParent(self)
        self._proxy.setSourceModel(self._model)
        self.view.setModel(self._proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.filter_edit.installEventFilter(self)
        self.view.installEventFilter(self)

    def _filter_changed(self, text: str) -> None:
        self._proxy.set_needle(text)
        if self._proxy.rowCount() == 1:  # one match left: it is the clerk's choice
            self.view.setCurrentIndex(self._proxy.index(0, 0))

    def _choose_first(self) -> bool:
        if self._proxy.rowCount() == 0:
            return False
        current = self.view.currentIndex()
        if not current.isValid():
            self.view.setCurrentIndex(self._proxy.index(0, 0))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.filter_edit and key == Qt.Key.Key_Down and self._proxy.rowCount():
            self._choose_first()
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if watched is self.filter_edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._choose_first():
                self.focusNextChild()  # on to the next field of the form
            return True
        if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return True
        return False

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        """(label, value) pairs, already in display order."""
        self._model.clear()
        for label, value in items:
            item = QStandardItem(label)
            item.setEditable(False)
            item.setData(fold(label), FOLD_ROLE)
            item.setData(value, VALUE_ROLE)
            self._model.appendRow(item)
        self.valueSelected.emit(None)

    def visible_labels(self) -> list[str]:
        return [self._proxy.index(r, 0).data() for r in range(self._proxy.rowCount())]

    def select_value(self, predicate: Callable[[Any], bool]) -> bool:
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, 0)
            if predicate(index.data(VALUE_ROLE)):
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def current_value(self) -> Any:
        index = self.view.currentIndex()
        return index.data(VALUE_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.valueSelected.emit(current.data(VALUE_ROLE) if current.isValid() else None)
