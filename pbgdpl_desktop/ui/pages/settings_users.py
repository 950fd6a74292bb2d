"""The "Người dùng và nhật ký" box of the Settings page (issue #15): who is signed in, the accounts (for the
administrator, or to create the first one), the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.ui.dialogs.privacy import PrivacyDialog
from pbgdpl_desktop.ui.dialogs.users import AuditDialog, LoginDialog, UsersDialog

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


class UsersBox(QGroupBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Người dùng và nhật ký", parent)
        self.ui = ui
        self.who = QLabel(self)
        self.who.setObjectName("signed_in_label")
        self.who.setWordWrap(True)
        self.users_button = QPushButton("Người dùng…", self)
        self.users_button.setObjectName("users_button")
        self.users_button.clicked.connect(self.open_users)
        self.audit_button = QPushButton("Nhật ký…", self)
        self.audit_button.setObjectName("audit_button")
        self.audit_button.clicked.connect(self.open_audit)
        self.privacy_button = QPushButton("Dữ liệu cá nhân…", self)
        self.privacy_button.setObjectName("privacy_button")
        self.privacy_button.clicked.connect(self.open_privacy)
        row = QHBoxLayout()
        row.addWidget(self.users_button)
        row.addWidget(self.audit_button)
        row.addWidget(self.privacy_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
        services = self.ui.services
        actor = services.ctx.actor
        if actor is None:
            self.who.setText(
                "Chưa có tài khoản: mọi thay đổi được ghi nhật ký dưới tên “(máy này)”. Hãy tạo tài khoản quản "
                "trị để biết ai đã làm gì."
            )
            self.users_button.setText("Tạo tài khoản quản trị…")
            self.users_button.setEnabled(not services.users.has_accounts() and not services.ctx.db.read_only)
        else:
            name = actor.display_name or actor.name
            self.who.setText(f"Đang đăng nhập: {name} ({actor.role.label}).")
            self.users_button.setText("Người dùng…")
            self.users_button.setEnabled(actor.is_admin and not services.ctx.db.read_only)
        self.privacy_button.setEnabled(actor is None or actor.may(Action.PERSON_EXPORT))

    def open_users(self) -> None:
        if self.ui.services.ctx.actor is None:
            dialog: LoginDialog | UsersDialog = LoginDialog(self.ui.services, self, first_run=True)
            dialog.accepted.connect(self.load)
        else:
            dialog = UsersDialog(self.ui, self)
        dialog.open()

    def open_audit(self) -> None:
        AuditDialog(self.ui, self).open()

    def open_privacy(self) -> None:
        PrivacyDialog(self.ui, self).open()
