"""A table of people (Họ và tên, Đơn vị/địa chỉ) a clerk types into or pastes a block from Excel into (Ctrl+V
at any cell: the rows and columns of the clipboard fill the table from there). An empty row is always left at
the end for the next name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pbgdpl_desktop.services.dissemination.attendees import Person, people_from_text

HEADERS = ("Họ và tên", "Đơn vị / địa chỉ")


class PeopleTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("people_table")
        self.setHorizontalHeaderLabels(HEADERS)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setToolTip("Gõ tên, hoặc dán (Ctrl+V) một khối ô đã sao chép từ Excel.")
        self.itemChanged.connect(lambda _item: self._keep_empty_row())
        self._keep_empty_row()

    def people(self) -> list[Person]:
        out = []
        for row in range(self.rowCount()):
            name, unit = (self._text(row, column) for column in range(2))
            if name.strip() or unit.strip():
                out.append(Person(name, unit))
        return out

    def set_people(self, people: Sequence[Person]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self.setRowCount(len(people))
        for row, person in enumerate(people):
            self.setItem(row, 0, QTableWidgetItem(person.name))
            self.setItem(row, 1, QTableWidgetItem(person.unit))
        self.blockSignals(False)
        self._keep_empty_row()

    def paste_text(self, text: str) -> int:
        """Put pasted people in from the current row on; returns how many."""
        people = people_from_text(text)
        if not people:
            return 0
        start = max(self.currentRow(), 0)
        current = self.people_rows()
        current[start : start + len(people)] = people
        self.set_people(current)
        return len(people)

    def people_rows(self) -> list[Person]:
        """Every row with its position kept (blank rows included, the last empty row excluded)."""
        rows = [Person(self._text(r, 0), self._text(r, 1)) for r in range(self.rowCount())]
        while rows and not (rows[-1].name or rows[-1].unit):
            rows.pop()
        return rows

    def remove_selected_rows(self) -> None:
        for row in sorted({index.row() for index in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)
        self._keep_empty_row()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def _keep_empty_row(self) -> None:
        last = self.rowCount() - 1
        if last < 0 or self._text(last, 0) or self._text(last, 1):
            self.blockSignals(True)
            self.insertRow(self.rowCount())
            self.blockSignals(False)
