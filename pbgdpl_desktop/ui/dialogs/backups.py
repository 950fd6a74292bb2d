"""Khôi phục: the list of backup copies (date, why, size, what they hold), the newest one that checks out
chosen first; restoring asks once, then the app closes its file, keeps a copy of it, puts the chosen copy in
its place and reopens on it (the launcher does that part: ``UiContext.on_restore``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.persistence.backups import BackupInfo
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog
from pbgdpl_desktop.ui.widgets.tables import cell, make_table, selected_of

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

HEADERS = ("Thời điểm", "Lý do", "Dung lượng", "Nội dung", "Tình trạng")


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",") if size >= 1024 * 1024 else f"{size // 1024} KB"


class BackupsDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle("Khôi phục dữ liệu từ bản sao lưu")
        self.backups: list[BackupInfo] = ui.services.backups.all()
        self.intro = QLabel(
            "Chọn bản sao lưu muốn khôi phục. Tệp dữ liệu hiện tại được sao lưu trước, rồi phần mềm mở lại "
            "trên bản đã chọn.",
            self,
        )
        self.intro.setWordWrap(True)
        self.table = make_table(self, HEADERS, name="backups_table", single=True, row_numbers=False)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            texts = (info.created_text, info.reason_label, size_text(info.size), info.counts_text, "")
            for col, text in enumerate(texts):
                item = cell(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.error = QLabel(self)
        self.restore_button = frame_record_dialog(
            self,
            [self.intro, self.table],
            self.restore_selected,
            error=self.error,
            save_text="Khôi phục bản đã chọn",
        )
        if not self.backups:
            self.intro.setText(f"Chưa có bản sao lưu nào trong {ui.services.backups.folder}.")
            self.restore_button.setEnabled(False)
        self.resize(820, 420)
        self.choose_newest_good()

    def _status(self, row: int) -> str:
        problems = self.ui.services.backups.problems(self.backups[row])
        text = "Tốt" if not problems else f"Không dùng được: {problems[0]}"
        item = self.table.item(row, len(HEADERS) - 1)
        assert item is not None
        item.setText(text)
        return text

    def choose_newest_good(self) -> None:
        """Check the copies newest first and select the first that passes (integrity and schema)."""
        for row in range(len(self.backups)):
            if self._status(row) == "Tốt":
                self.table.selectRow(row)
                return

    def selected(self) -> BackupInfo | None:
        return selected_of(self.table, self.backups)

    def restore_selected(self) -> None:
        try:
            self.ui.services.backups.check_restore()  # the service decides, whatever the button showed
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        info = self.selected()
        if info is None:
            self.error.setText("Hãy chọn một bản sao lưu.")
            return
        status = self._status(self.backups.index(info))
        if status != "Tốt":
            self.error.setText(f"Bản sao lưu này {status[0].lower()}{status[1:]}.")
            return

        def go() -> None:
            self.accept()
            if self.ui.on_restore is not None:
                self.ui.on_restore(info.path)

        self.ui.messages.confirm(
            self,
            f"Khôi phục dữ liệu về bản sao lưu lúc {info.created_text} ({info.reason_label})? Những gì nhập sau "
            "thời điểm đó sẽ không còn trong tệp dữ liệu (tệp hiện tại vẫn được giữ một bản sao).",
            go,
            yes_text="Khôi phục",
        )
