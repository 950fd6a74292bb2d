"""The "Dữ liệu và sao lưu" box of the Settings page: where the data lives, the backup copies (how many, how
big, the newest), "Sao lưu ngay", "Khôi phục…", "Khôi phục bản mã hóa…" (asks the copy's password) and the
optional second folder (a USB drive). Buttons of what the signed-in role may not do are greyed out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.core.backups import BackupOutcome
from pbgdpl_desktop.ui.dialogs.backups import BackupsDialog, size_text
from pbgdpl_desktop.ui.dialogs.password import ask_password
from pbgdpl_desktop.ui.widgets import files

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


class DataBox(QGroupBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Dữ liệu và sao lưu", parent)
        self.ui = ui
        form = QFormLayout(self)
        paths = ui.paths
        db = ui.services.ctx.db
        # a server database shows its URL without the password (db.path is then only a name for the key file)
        self.location = QLabel(db.location, self)
        self.location.setObjectName("database_location")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Cơ sở dữ liệu trên máy chủ" if db.is_server else "Tệp cơ sở dữ liệu", self.location)
        form.addRow("Thư mục dữ liệu", QLabel(str(paths.data_dir)))
        form.addRow("Nhật ký", QLabel(str(paths.log_file)))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        form.addRow("Bản sao lưu", self.summary)
        self.second_folder = QLineEdit(self)
        self.second_folder.setObjectName("backup_second_folder")
        self.second_folder.setPlaceholderText("ví dụ E:\\SaoLuu (để trống nếu không dùng)")
        choose = QPushButton("Chọn…", self)
        choose.clicked.connect(self._choose_second_folder)
        save_folder = QPushButton("Lưu", self)
        save_folder.clicked.connect(self.save_second_folder)
        row = QHBoxLayout()
        row.addWidget(self.second_folder, 1)
        row.addWidget(choose)
        row.addWidget(save_folder)
        form.addRow("Sao lưu thêm vào", row)
        self.copy_password = QLineEdit(self)  # issue #15: the copy in the second folder encrypted with it
        self.copy_password.setObjectName("backup_copy_password")
        self.copy_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.copy_password.setPlaceholderText("để trống: bản chép không mã hóa")
        form.addRow("Mật khẩu mã hóa bản chép", self.copy_password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.backup_button = QPushButton("Sao lưu ngay", self)
        self.backup_button.clicked.connect(self.backup)
        self.restore_button = QPushButton("Khôi phục…", self)
        self.restore_button.clicked.connect(self.open_restore)
        # issue #15: a copy encrypted on a USB stick; the password is asked before anything is restored
        self.restore_encrypted_button = QPushButton("Khôi phục bản mã hóa…", self)
        self.restore_encrypted_button.setObjectName("restore_encrypted_button")
        self.restore_encrypted_button.clicked.connect(lambda: self.ask_encrypted_restore())
        self.password_dialog: QInputDialog | None = None
        open_dir = QPushButton("Mở thư mục dữ liệu", self)
        open_dir.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir))))
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_encrypted_button, open_dir):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.message)
        self.folder_widgets = (save_folder, choose, self.second_folder, self.copy_password)
        self.load()

    def _may(self, action: Action) -> bool:
        actor = self.ui.services.ctx.actor
        return not self.ui.services.ctx.db.read_only and (actor is None or actor.may(action))

    def _enable_for_role(self) -> None:
        """What the signed-in role may not do is greyed out (the services refuse it anyway)."""
        self.backup_button.setEnabled(self._may(Action.BACKUP))
        for widget in self.folder_widgets:
            widget.setEnabled(self._may(Action.BACKUP))
        for button in (self.restore_button, self.restore_encrypted_button):
            button.setEnabled(self._may(Action.RESTORE))

    def load(self) -> None:
        self._enable_for_role()
        backups = self.ui.services.backups
        copies = backups.all()
        if copies:
            total = sum(c.size for c in copies)
            self.summary.setText(
                f"{len(copies)} bản, tổng {size_text(total)}; gần nhất lúc {copies[0].created_text} "
                f"({copies[0].reason_label}). Thư mục: {backups.folder}"
            )
        else:
            self.summary.setText(f"Chưa có bản sao lưu nào. Thư mục: {backups.folder}")
        folder = backups.second_folder()
        self.second_folder.setText("" if folder is None else str(folder))

    def backup(self) -> None:
        def done(outcome: BackupOutcome) -> None:
            assert outcome.info is not None
            text = f"Đã sao lưu vào {outcome.info.path}."
            self.message.setText(text + (f" {outcome.warning}" if outcome.warning else ""))
            self.load()

        password = self.copy_password.text() or None
        self.ui.tasks.run(
            lambda _p: self.ui.services.backups.backup_now(password),
            on_done=done,
            label="Đang sao lưu dữ liệu…",
            parent=self,
            cancellable=False,
        )

    def open_restore(self) -> None:
        dialog = BackupsDialog(self.ui, self)
        dialog.open()

    def ask_encrypted_restore(self, path: Path | None = None) -> None:
        """Choose an encrypted copy (``.enc``), then ask its password in a small dialog."""
        if path is None:
            chosen = files.open_file_name(
                self, "Chọn bản sao lưu mã hóa", "Bản sao lưu mã hóa (*.enc);;Mọi tệp (*)"
            )
            if not chosen:
                return
            path = Path(chosen)
        self.password_dialog = ask_password(
            self,
            name="encrypted_restore_password",
            title="Mở bản sao lưu mã hóa",
            label=f"Mật khẩu của bản sao {path.name}:",
            ok_text="Mở bản sao",
            on_password=lambda password: self.restore_encrypted(path, password),
        )

    def restore_encrypted(self, path: Path, password: str) -> None:
        """Decrypt and check the copy; a wrong password or a changed byte is said here and nothing changes.
        A good copy is restored like any other, after one confirmation (the launcher swaps the file)."""
        try:
            plain = self.ui.services.backups.open_encrypted(path, password)
        except DomainError as exc:
            self.message.setText(exc.message)
            self.ui.messages.error(self, exc)
            return

        def go() -> None:
            if self.ui.on_restore is not None:
                self.ui.on_restore(plain)

        self.message.setText(f"Đã mở bản sao mã hóa {path.name}.")
        self.ui.messages.confirm(
            self,
            f"Khôi phục dữ liệu về bản sao mã hóa {path.name}? Những gì nhập sau thời điểm sao lưu sẽ không còn "
            "trong tệp dữ liệu (tệp hiện tại vẫn được giữ một bản sao).",
            go,
            yes_text="Khôi phục",
        )

    def _choose_second_folder(self) -> None:
        folder = files.existing_directory(self, "Chọn thư mục sao lưu thứ hai", self.second_folder.text())
        if folder:
            self.second_folder.setText(folder)

    def save_second_folder(self) -> None:
        if self.ui.run_action(
            self, lambda: self.ui.services.backups.set_second_folder(self.second_folder.text())
        ):
            self.message.setText("Đã lưu thư mục sao lưu thứ hai.")
