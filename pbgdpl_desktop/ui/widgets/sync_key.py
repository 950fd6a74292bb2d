"""The ward's bundle-signing key (issue #13 §1): its fingerprint in short hex groups, to read out on the phone
to the office, and a button that saves the public key as a file. Shown on the Đồng bộ page and in Settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFormLayout, QGroupBox, QLabel, QPushButton, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.services.sync.dto import OFFICE
from pbgdpl_desktop.ui.context import UiContext


class SyncKeyBox(QGroupBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None, *, name: str = "sync") -> None:
        office = ui.services.sync.mode() == OFFICE
        super().__init__(
            "Khóa ký gói trả lời của cơ quan" if office else "Khóa ký gói dữ liệu của xã/phường", parent
        )
        self.ui = ui
        form = QFormLayout(self)
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName(f"{name}_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reader = "cán bộ Tư pháp xã/phường" if office else "cán bộ Sở"
        form.addRow(f"Mã khóa (đọc cho {reader} khi gọi điện)", self.fingerprint)
        self.save_button = QPushButton("Lưu khóa công khai ra tệp…", self)
        self.save_button.setObjectName(f"{name}_save_key")
        self.save_button.clicked.connect(self.choose_and_save)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}_key_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.save_button, self.message)
        self.load()

    def load(self) -> None:
        self.fingerprint.setText(self.ui.services.sync.key_info().fingerprint)

    def choose_and_save(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Lưu khóa công khai", str(Path.home() / "khoa-cong-khai.pem"), "Khóa công khai (*.pem)"
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        self.ui.run_action(self, lambda: self._write(target))

    def _write(self, target: Path) -> Changes:
        path = self.ui.services.sync.export_public_key(target)
        self.message.setText(f"Đã lưu khóa công khai vào {path}.")
        return Changes()
