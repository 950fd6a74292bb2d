"""The procedure checklist: each step's dates, place and notes, with deadline reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.assessment import ProcedureEntry, PublicPosting
from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date, parse_optional_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.scoring import Verdict
from pbgdpl_desktop.ui.assessment.common import UNCONFIRMED, background
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.tables import cell, fill_rows, make_table

_STATUS = {"done": Verdict.PASS, "todo": Verdict.PENDING, "late": Verdict.FAIL, "problem": Verdict.PARTIAL}


def _pair(parent: QWidget, *widgets: QWidget) -> QWidget:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box


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
        # TT 09/2021 Điều 3.1.c: besides the office, the web portal or ≥ 03 loudspeaker announcements
        self.web_start, self.web_end = QLineEdit(self), QLineEdit(self)
        self.speaker_start, self.speaker_end = QLineEdit(self), QLineEdit(self)
        for edit in (self.web_start, self.web_end, self.speaker_start, self.speaker_end):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.speaker_count = QSpinBox(self)
        self.speaker_count.setRange(0, 99)
        self.web_row = _pair(self, self.web_start, self.web_end)
        self.speaker_row = _pair(self, self.speaker_start, self.speaker_end, self.speaker_count)
        self.save = QPushButton("Lưu bước này", self)
        form = QFormLayout()
        form.addRow("Ngày thực hiện / bắt đầu", self.start)
        form.addRow("Ngày kết thúc (niêm yết tại trụ sở)", self.end)
        form.addRow("Đăng Cổng/Trang TTĐT (từ – đến)", self.web_row)
        form.addRow("Thông báo trên loa (từ – đến, số lần)", self.speaker_row)
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
        p = e.posting or PublicPosting()
        is_posting = e.code == "posting"
        self.web_row.setEnabled(is_posting)
        self.speaker_row.setEnabled(is_posting)
        self.web_start.setText(format_date(p.web_start))
        self.web_end.setText(format_date(p.web_end))
        self.speaker_start.setText(format_date(p.loudspeaker_start))
        self.speaker_end.setText(format_date(p.loudspeaker_end))
        self.speaker_count.setValue(p.loudspeaker_count)

    def _posting(self) -> PublicPosting:
        def day(edit: QLineEdit, label: str) -> date | None:
            return parse_optional_date(edit.text(), label=label)

        return PublicPosting(
            day(self.start, "Ngày bắt đầu niêm yết"),
            day(self.end, "Ngày kết thúc niêm yết"),
            day(self.web_start, "Ngày bắt đầu đăng Cổng/Trang TTĐT"),
            day(self.web_end, "Ngày kết thúc đăng Cổng/Trang TTĐT"),
            self.speaker_count.value(),
            day(self.speaker_start, "Ngày bắt đầu thông báo trên loa"),
            day(self.speaker_end, "Ngày kết thúc thông báo trên loa"),
        )

    def _save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            self.ui.messages.warn(self, "Hãy chọn một bước trong danh sách.")
            return

        def save() -> Changes:
            if self.entries[row].code == "posting":
                return self.ui.services.assessment.procedure.set_posting(
                    self.year_of(), self._posting(), self.place.text(), self.note.text()
                )
            start = parse_optional_date(self.start.text(), label="Ngày thực hiện")
            end = parse_optional_date(self.end.text(), label="Ngày kết thúc")
            return self.ui.services.assessment.procedure.set_step(
                self.year_of(), self.entries[row].code, start, end, self.place.text(), self.note.text()
            )

        if self.ui.run_action(self, save):
            self.reload()
            self.table.selectRow(row)
