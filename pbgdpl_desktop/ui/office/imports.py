"""Nhập gói của xã: a bundle or a whole folder of bundles, imported in the background (progress dialog of
the task runner), then the report of every bundle and the history of imports kept in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_datetime
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.sync.dto import STATUS_LABELS, ImportBatch
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import allow, fill, office_of, table
from pbgdpl_desktop.ui.pages.base import Page


class OfficeImportPage(Page):
    key = "office_import"
    title = "Nhập gói của xã"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.title}</h2>", self))
        layout.addWidget(
            QLabel("Một gói hoặc cả thư mục gói của các xã/phường; mỗi gói được kiểm tra chữ ký trước.", self)
        )
        row = QHBoxLayout()
        self.source = QLineEdit(str(ui.paths.data_dir / "goi-nhan"), self)
        row.addWidget(self.source, 1)
        self.import_button = QPushButton("Nhập", self)
        self.import_button.clicked.connect(self.run_import)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("Báo cáo nhập gói hiện ở đây.")
        layout.addWidget(self.report, 1)
        layout.addWidget(QLabel("Các gói đã nhập", self))
        self.history = table(self, ["Xã/phường", "Gói số", "Trạng thái", "Nhập lúc", "Tệp"])
        layout.addWidget(self.history, 1)
        self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        allow(self.ui, self.import_button, Action.OFFICE_IMPORT)
        fill(
            self.history,
            [
                [
                    r.ward_code,
                    r.seq,
                    STATUS_LABELS.get(r.status, r.status),
                    format_datetime(r.imported_at),
                    r.file_name,
                ]
                for r in self.ui.services.sync.importer.history()
            ],
        )

    def run_import(self) -> None:
        source = Path(self.source.text().strip())
        office = office_of(self.ui)

        def done(batch: ImportBatch) -> None:
            self.report.setPlainText(batch.text())
            self.reload()

        self.ui.tasks.run(
            lambda _progress: office.import_paths([source]),
            on_done=done,
            on_error=lambda exc: self.ui.messages.error(self, exc),
            label="Đang kiểm tra và nhập gói…",
            parent=self,
            cancellable=False,
        )


def create_page(ui: UiContext) -> Page:
    return OfficeImportPage(ui)
