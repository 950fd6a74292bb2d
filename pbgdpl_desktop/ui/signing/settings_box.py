"""Cài đặt › Chữ ký số: the two signature images (person, agency seal) and the trusted root certificates
(imported from files the certification authority publishes). The PKCS#11 library and the TSA address are
ordinary declared settings (in "Tùy chọn")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.signing.roles import SignRole
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.files import open_file_name

ROLE_TEXT = {SignRole.PERSON: "Ảnh chữ ký của người ký", SignRole.AGENCY: "Ảnh con dấu của cơ quan"}


class SigningSettingsBox(QGroupBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Chữ ký số", parent)
        self.ui = ui
        self.files = ui.services.signing.files
        layout = QVBoxLayout(self)
        self.image_labels: dict[SignRole, QLabel] = {}
        for role in SignRole:
            row = QHBoxLayout()
            label = QLabel()
            self.image_labels[role] = label
            choose = QPushButton("Chọn ảnh…")
            choose.clicked.connect(lambda _c=False, r=role: self._choose_image(r))
            clear = QPushButton("Bỏ")
            clear.clicked.connect(lambda _c=False, r=role: self._clear_image(r))
            row.addWidget(QLabel(ROLE_TEXT[role] + ":"))
            row.addWidget(label, 1)
            row.addWidget(choose)
            row.addWidget(clear)
            layout.addLayout(row)
        layout.addWidget(QLabel("Chứng thư gốc tin cậy (phần mềm không tự tin cậy chứng thư nào):"))
        self.roots = QListWidget()
        self.roots.setMaximumHeight(110)
        layout.addWidget(self.roots)
        buttons = QHBoxLayout()
        self.import_button = QPushButton("Nhập chứng thư gốc…")
        self.import_button.clicked.connect(self._import_root)
        self.remove_button = QPushButton("Gỡ")
        self.remove_button.clicked.connect(self._remove_root)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        for role, label in self.image_labels.items():
            path = self.files.image(role)
            label.setText(path.name if path else "(chưa có)")
        self.roots.clear()
        for root in self.files.roots():
            item = QListWidgetItem(
                f"{root.subject} — {root.organisation} (hết hạn {root.not_after:%d/%m/%Y}, mã {root.fingerprint})"
            )
            item.setData(256, root.fingerprint)
            self.roots.addItem(item)

    def _choose_image(self, role: SignRole) -> None:
        chosen = open_file_name(self, ROLE_TEXT[role], "Ảnh (*.png *.jpg *.jpeg)")
        if chosen:
            self.set_image(role, Path(chosen))

    def set_image(self, role: SignRole, path: Path) -> None:
        try:
            self.files.set_image(role, path)
        except DomainError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self.reload()

    def _clear_image(self, role: SignRole) -> None:
        self.files.clear_image(role)
        self.reload()

    def _import_root(self) -> None:
        chosen = open_file_name(self, "Nhập chứng thư gốc", "Chứng thư (*.cer *.crt *.pem *.der)")
        if chosen:
            self.import_root(Path(chosen))

    def import_root(self, path: Path) -> None:
        try:
            info = self.files.import_root(path)
        except DomainError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(f"Đã nhập chứng thư gốc “{info.subject}”.")
        self.reload()

    def _remove_root(self) -> None:
        item = self.roots.currentItem()
        if item is not None:
            self.files.remove_root(item.data(256))
            self.reload()
