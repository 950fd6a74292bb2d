"""The procedure checklist: each step's dates, place and notes, with deadline reminders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.assessment import ProcedureEntry
from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date, parse_optional_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.scoring import Verdict
from pbgdpl_desktop.ui.assessment.common import UNCONFIRMED, background
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.tables import cell, fill_rows, make_table

_STATUS = {"done": Verdict.PASS, "todo": Verdict.PENDING, "late": Verdict.FAIL, "problem": Verdict.PARTIAL}


class Checklist(QWidget):
    def __init__(self, ui: UiContext, year_of: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.year_of = ui, year_of
        self.table = make_table(
            self,
            ["Bước", "Ngày", "Đến ngày", "Nơi thực hiện", "Tình trạng"],
            name="assessment_checklist",
            stretch=(0, 4),
        )
        self.table.setWordWrap(True)
        self.start, self.end = QLineEdit(self), QLineEdit(self)
        for edit in (self.start, self.end):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.place, self.note = QLineEdit(self), QLineEdit(self)
        self.save = QPushButton("Lưu bước này", self)
        form = QFormLayout()
        form.addRow("Ngày thực hiện / bắt đầu", self.start)
        form.addRow("Ngày kết thúc (niêm yết)", self.end)
        form.addRow("Nơi thực hiện", self.place)
        form.addRow("Ghi chú", self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.entries: list[ProcedureEntry] = []
        self.table.currentCellChanged.connect(lambda row, *_: self._fill(row))
        self.save.clicked.connect(self._save)

    def reload(self) -> None:
        try:
            self.entries = self.ui.services.assessment.procedure.checklist(self.year_of())
        except DomainError:  # a year without a ruleset: the page says so at the top
            self.entries = []
        fill_rows(self.table, [self._row(e) for e in self.entries])
        self.table.resizeRowsToContents()

    @staticmethod
    def _row(e: ProcedureEntry) -> list[object]:
        title = e.title + (f" ({UNCONFIRMED})" if e.unconfirmed else "")
        status = cell(
            e.message + (f" Hạn: {format_date(e.deadline)}." if e.deadline and e.status != "todo" else "")
        )
        status.setBackground(background(_STATUS[e.status]))
        return [title, format_date(e.start_date), format_date(e.end_date), e.place, status]

    def _fill(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        e = self.entries[row]
        self.start.setText(format_date(e.start_date))
        self.end.setText(format_date(e.end_date))
        self.end.setEnabled(e.has_end)
        self.place.setText(e.place)
        self.note.setText(e.note)

    def _save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            self.ui.messages.warn(self, "Hãy chọn một bước trong danh sách.")
            return

        def save() -> Changes:
            start = parse_optional_date(self.start.text(), label="Ngày thực hiện")
            end = parse_optional_date(self.end.text(), label="Ngày kết thúc")
            return self.ui.services.assessment.procedure.set_step(
                self.year_of(), self.entries[row].code, start, end, self.place.text(), self.note.text()
            )

        if self.ui.run_action(self, save):
            self.reload()
            self.table.selectRow(row)
