"""Người tham dự: the optional attendee list of one dissemination session — typed, pasted from Excel, or read
from an .xlsx/.csv list — from which certificates can be printed (Báo cáo & in ấn → Giấy chứng nhận)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.names_lists import FILE_FILTER
from pbgdpl_desktop.services.dissemination.attendees import people_from_file
from pbgdpl_desktop.services.dissemination.dto import SessionDTO
from pbgdpl_desktop.ui.widgets import files
from pbgdpl_desktop.ui.widgets.people_table import PeopleTable
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, save_and_close

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


class AttendeesDialog(QDialog):
    def __init__(self, ui: UiContext, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.session = ui, session
        self.setObjectName("attendees_dialog")
        self.setWindowTitle("Người tham dự buổi phổ biến")
        intro = QLabel(
            f"<b>{session.data.title}</b> — {format_date(session.data.held_on)}<br>"
            "Gõ tên từng người, dán (Ctrl+V) một khối ô sao chép từ Excel, hoặc nhập từ tệp danh sách. "
            "Danh sách này dùng để in giấy chứng nhận.",
            self,
        )
        intro.setWordWrap(True)
        self.table = PeopleTable(self)
        self.table.set_people(ui.services.dissemination.attendees.of(session.id))
        self.count = QLabel(self)
        self.table.itemChanged.connect(lambda _i: self._count())
        import_button = QPushButton("Nhập từ tệp…", self)
        import_button.clicked.connect(self._choose_file)
        remove_button = QPushButton("Xóa dòng đang chọn", self)
        remove_button.clicked.connect(self._remove)
        tools = QHBoxLayout()
        tools.addWidget(import_button)
        tools.addWidget(remove_button)
        tools.addStretch(1)
        tools.addWidget(self.count)
        self.error = QLabel(self)
        self.save_button = frame_record_dialog(
            self, [intro, tools, self.table], self.submit, error=self.error
        )
        self.resize(720, 520)
        self._count()

    def _count(self) -> None:
        self.count.setText(f"{len(self.table.people())} người")

    def _remove(self) -> None:
        self.table.remove_selected_rows()
        self._count()

    def _choose_file(self) -> None:
        path = files.open_file_name(self, "Chọn danh sách người tham dự", FILE_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            people = people_from_file(path)
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        self.table.set_people([*self.table.people_rows(), *people])
        self._count()

    def submit(self) -> bool:
        people = self.table.people()
        return save_and_close(
            self,
            self.ui,
            lambda: self.ui.services.dissemination.attendees.replace(self.session.id, people),
            self.error,
        )
