"""Nhập gói của xã: a bundle or a whole folder of bundles, imported in the background (progress dialog of
the task runner), then the report of every bundle and the history of imports kept in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_datetime
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.sync.dto import REFUSED, STATUS_LABELS, ImportBatch
from pbgdpl_desktop.services.sync.encrypted import needs_password
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.password import ask_password
from pbgdpl_desktop.ui.office.common import allow, fill, office_of, table
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets import files

BUNDLE_FILTER = "Gói của xã/phường (*.pbgdpl.zip *.pbgdpl.zip.enc);;Mọi tệp (*)"


def sealed(source: Path) -> list[Path]:
    """The bundles sealed with a password that ``source`` names or holds: they need the ward's password
    (those sealed to the office's key open without one)."""
    return needs_password([source])


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
        pick_file = QPushButton("Chọn gói…", self)
        pick_file.clicked.connect(self._pick_file)
        row.addWidget(pick_file)
        pick_folder = QPushButton("Chọn thư mục…", self)
        pick_folder.clicked.connect(self._pick_folder)
        row.addWidget(pick_folder)
        self.import_button = QPushButton("Nhập", self)
        self.import_button.clicked.connect(self.run_import)
        row.addWidget(self.import_button)
        self.password_dialog: QInputDialog | None = None
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

    def _pick_file(self) -> None:
        chosen = files.open_file_name(self, "Chọn gói của xã/phường", BUNDLE_FILTER)
        if chosen:
            self.source.setText(chosen)

    def _pick_folder(self) -> None:
        folder = files.existing_directory(self, "Chọn thư mục gói của các xã/phường", self.source.text())
        if folder:
            self.source.setText(folder)

    def run_import(self) -> None:
        """Import what the field names; a sealed bundle among it first asks the ward's password (no echo)."""
        source = Path(self.source.text().strip())
        locked = sealed(source)
        if not locked:
            self.import_with(source, None)
            return
        names = ", ".join(p.name for p in locked[:3]) + (
            f" và {len(locked) - 3} gói khác" if len(locked) > 3 else ""
        )
        self.password_dialog = ask_password(
            self,
            name="sealed_bundle_password",
            title="Gói được mã hóa",
            label=f"Mật khẩu do xã/phường gửi riêng để mở {names}:",
            ok_text="Mở và nhập",
            on_password=lambda password: self.import_with(source, password),
        )

    def import_with(self, source: Path, password: str | None) -> None:
        office = office_of(self.ui)

        def done(batch: ImportBatch) -> None:
            self.report.setPlainText(batch.text())
            self.reload()
            refused = [r for r in batch.reports if r.status == REFUSED and r.code == "encrypted"]
            if refused:  # a wrong password (or a changed byte): said, nothing of that file imported
                self.ui.messages.error(self, "\n".join(r.message for r in refused))

        self.ui.tasks.run(
            lambda _progress: office.import_paths([source], password=password or None),
            on_done=done,
            on_error=lambda exc: self.ui.messages.error(self, exc),
            label="Đang kiểm tra và nhập gói…",
            parent=self,
            cancellable=False,
        )


def create_page(ui: UiContext) -> Page:
    return OfficeImportPage(ui)
