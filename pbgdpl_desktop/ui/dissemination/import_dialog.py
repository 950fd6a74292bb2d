"""Importing an Excel logbook: preview (good rows, rows already imported, bad rows with row number and reason),
then the good new rows in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.services.dissemination.imports import ImportPreview
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table

PREVIEW_ROWS = 300


class ImportDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.preview: ImportPreview | None = None
        self.added = 0
        self.setWindowTitle("Nhập sổ PBGDPL từ Excel")
        self.setObjectName("dissemination_import_dialog")
        self.summary = QLabel("Đang đọc tệp…")
        self.summary.setWordWrap(True)
        self.errors = make_table(None, ["Dòng", "Lý do"], select_rows=False, row_numbers=False, widths=(60,))
        self.rows = make_table(
            None,
            ["Dòng", "Ngày", "Tiêu đề, nội dung", "Hình thức", "Số người", "Tình trạng"],
            select_rows=False,
            row_numbers=False,
            widths=(60, 90, 300, 200, 70),
        )
        body = QVBoxLayout()
        body.addWidget(self.summary)
        body.addWidget(QLabel("Các dòng có lỗi (không được nhập):"))
        body.addWidget(self.errors, 1)
        body.addWidget(QLabel("Các dòng đọc được:"))
        body.addWidget(self.rows, 2)
        self.import_button = frame_record_dialog(self, [body], self.commit, save_text="Nhập")
        self.import_button.setEnabled(False)
        self.resize(980, 640)

    def load(self, path: Path) -> None:
        self.ui.tasks.run(
            lambda _p: self.ui.services.dissemination.imports.preview(path),
            on_done=self.show_preview,
            on_error=self._failed,
            label="Đang đọc tệp Excel…",
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(getattr(exc, "message", None) or "Không đọc được tệp.")
        self.ui.messages.error(self, exc)

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        new = len(preview.new_rows)
        dup = len(preview.rows) - new
        self.summary.setText(
            f"Tệp “{preview.path.name}”: {len(preview.rows)} dòng hợp lệ ({new} dòng mới, {dup} dòng đã có — sẽ bỏ "
            f"qua), {len(preview.errors)} dòng có lỗi."
        )
        fill_rows(self.errors, [[str(error.row_number), error.message] for error in preview.errors])
        fill_rows(
            self.rows,
            [
                [
                    str(row.row_number),
                    row.held_on_spelled,
                    row.data.title,
                    row.data.form.label,
                    str(row.data.attendance_total),
                    "đã có, bỏ qua" if row.duplicate else "mới",
                ]
                for row in preview.rows[:PREVIEW_ROWS]
            ],
        )
        self.import_button.setText(f"Nhập {new} dòng mới")
        self.import_button.setEnabled(new > 0)

    def commit(self) -> None:
        if self.preview is None:
            return

        def done(result: tuple[int, Changes]) -> None:
            added, changes = result
            self.added = added
            self.ui.notify(changes)
            self.ui.messages.info(self, f"Đã nhập {added} buổi phổ biến pháp luật.")
            self.accept()

        preview = self.preview
        self.ui.tasks.run(
            lambda _p: self.ui.services.dissemination.imports.commit(preview),
            on_done=done,
            label="Đang nhập…",
            parent=self,
            cancellable=False,
        )
