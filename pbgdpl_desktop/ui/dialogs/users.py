"""Signing in, the accounts and the audit trail (issue #15).

* ``LoginDialog``: the start-up prompt; on the first run (no account yet, asked for) it creates the
  administrator, with the choice "một người dùng" (no password asked at the next starts).
* ``UsersDialog``: the administrator's list of accounts — add, reset a password, lock, "một người dùng".
* ``AuditDialog``: the trail, filtered by user, module, record and dates, exported to Excel/CSV; read only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import SETTINGS, Changes
from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.domain.users import Role
from pbgdpl_desktop.services.core.audit import HEADER, MODULE_LABELS, AuditFilter, AuditItem
from pbgdpl_desktop.services.core.users import UserInfo
from pbgdpl_desktop.ui.widgets import files
from pbgdpl_desktop.ui.widgets.record_dialog import ERROR_STYLE, delete_when_closed, frame_record_dialog
from pbgdpl_desktop.ui.widgets.tables import cell, make_table, selected_of

if TYPE_CHECKING:
    from pbgdpl_desktop.services.registry import Services
    from pbgdpl_desktop.ui.context import UiContext


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LoginDialog(QDialog):
    """Accepted once someone is signed in (or the first administrator is made)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.services = services
        self.first_run = first_run
        self.setWindowTitle("Tạo tài khoản quản trị" if first_run else "Đăng nhập")
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("login_name")
        form.addRow("Tên đăng nhập", self.name)
        self.display_name = QLineEdit(self)
        self.password = _password_field(self, "login_password")
        self.repeat = _password_field(self, "login_repeat")
        self.single = QCheckBox("Chỉ một người dùng máy này: lần sau mở không hỏi mật khẩu", self)
        self.single.setObjectName("login_single")
        if first_run:
            form.addRow("Họ tên", self.display_name)
            form.addRow("Mật khẩu (ít nhất 8 ký tự)", self.password)
            form.addRow("Nhập lại mật khẩu", self.repeat)
            form.addRow(self.single)
        else:
            form.addRow("Mật khẩu", self.password)
            for unused in (self.display_name, self.repeat, self.single):  # first run only: not in the layout
                unused.hide()
        self.error = QLabel(self)
        self.error.setObjectName("error_label")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(
            "Tạo và đăng nhập" if first_run else "Đăng nhập", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Thoát", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = (
            "Lần đầu dùng phần mềm: tạo tài khoản quản trị. Mọi thay đổi dữ liệu sẽ ghi tên người làm."
            if first_run
            else "Nhập tên đăng nhập và mật khẩu."
        )
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        delete_when_closed(self)

    def submit(self) -> None:
        users = self.services.users
        try:
            if self.first_run:
                if self.password.text() != self.repeat.text():
                    raise ValidationError("Hai lần nhập mật khẩu không giống nhau.")
                info = users.create_first_admin(
                    self.name.text(), self.password.text(), self.display_name.text()
                )
                if self.single.isChecked():
                    users.set_single_user(info.name)
            else:
                users.login(self.name.text(), self.password.text())
        except DomainError as exc:
            self.error.setText(exc.message)
            self.password.clear()
            self.repeat.clear()
            return
        self.accept()


class UsersDialog(QDialog):
    HEADERS = ("Tên đăng nhập", "Họ tên", "Vai trò", "Tình trạng")

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle("Người dùng và vai trò")
        self.users: list[UserInfo] = []
        self.table = make_table(self, self.HEADERS, name="users_table", single=True, row_numbers=False)
        add_form = QFormLayout()
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("new_user_name")
        self.new_display = QLineEdit(self)
        self.new_role = QComboBox(self)
        self.new_role.setObjectName("new_user_role")
        for value, label in Role.choices():
            self.new_role.addItem(label, value)
        self.new_role.setCurrentIndex(1)
        self.new_password = _password_field(self, "new_user_password")
        add_form.addRow("Tên đăng nhập", self.new_name)
        add_form.addRow("Họ tên", self.new_display)
        add_form.addRow("Vai trò", self.new_role)
        add_form.addRow("Mật khẩu (ít nhất 8 ký tự)", self.new_password)
        row = QHBoxLayout()
        self.reset_button = QPushButton("Đặt lại mật khẩu của người đã chọn", self)
        self.reset_button.clicked.connect(self.reset_selected)
        self.lock_button = QPushButton("Khóa / mở khóa", self)
        self.lock_button.clicked.connect(self.toggle_selected)
        self.single_button = QPushButton("Dùng làm “một người dùng”", self)
        self.single_button.clicked.connect(self.single_selected)
        for button in (self.reset_button, self.lock_button, self.single_button):
            row.addWidget(button)
        row.addStretch(1)
        self.single_label = QLabel(self)
        self.single_label.setWordWrap(True)
        self.error = QLabel(self)
        frame_record_dialog(
            self,
            [self.table, row, self.single_label, QLabel("<b>Thêm người dùng</b>", self), add_form],
            self.add_user,
            error=self.error,
            save_text="Thêm người dùng",
        )
        self.resize(760, 560)
        self.load()

    def load(self) -> None:
        self.users = self.ui.services.users.all()
        self.table.setRowCount(len(self.users))
        for r, info in enumerate(self.users):
            state = "Đã khóa" if info.disabled else "Đang dùng"
            for c, text in enumerate((info.name, info.display_name, info.role_label, state)):
                self.table.setItem(r, c, cell(text))
        single = self.ui.services.users.single_user()
        self.single_label.setText(
            f"Chế độ một người dùng: bật, tự đăng nhập “{single}”."
            if single
            else "Chế độ một người dùng: tắt."
        )

    def _selected(self) -> UserInfo | None:
        info = selected_of(self.table, self.users)
        if info is None:
            self.error.setText("Hãy chọn một người dùng trong danh sách.")
        return info

    def _act(self, action: object) -> bool:
        def run() -> Changes:
            action()  # type: ignore[operator]
            return Changes.of(SETTINGS)

        done = self.ui.run_action(self, run, self.error)
        if done:
            self.load()
        return done

    def add_user(self) -> None:
        users = self.ui.services.users
        if self._act(
            lambda: users.add(
                self.new_name.text(),
                str(self.new_role.currentData()),
                self.new_password.text(),
                self.new_display.text(),
            )
        ):
            for field in (self.new_name, self.new_display, self.new_password):
                field.clear()

    def reset_selected(self) -> None:
        info = self._selected()
        if info is not None:
            password = self.new_password.text()
            if self._act(lambda: self.ui.services.users.reset_password(info.name, password)):
                self.error.setText(
                    f"Đã đặt lại mật khẩu của {info.name} (mật khẩu gõ ở ô “Mật khẩu” bên dưới)."
                )

    def toggle_selected(self) -> None:
        info = self._selected()
        if info is not None:
            self._act(lambda: self.ui.services.users.set_disabled(info.name, not info.disabled))

    def single_selected(self) -> None:
        info = self._selected()
        if info is not None:
            self._act(lambda: self.ui.services.users.set_single_user(info.name))


class AuditDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle("Nhật ký: ai đã làm gì")
        self.items: list[AuditItem] = []
        self.user = QComboBox(self)
        self.user.setObjectName("audit_user")
        self.user.addItem("Mọi người", None)
        for name in ui.services.audit.users():
            self.user.addItem(name, name)
        self.module = QComboBox(self)
        self.module.setObjectName("audit_module")
        self.module.addItem("Mọi phân hệ", None)
        for value, label in MODULE_LABELS.items():
            self.module.addItem(label, value)
        self.record = QLineEdit(self)
        self.record.setPlaceholderText("mã bản ghi (để trống: mọi bản ghi)")
        today = ui.services.ctx.clock.today()
        self.since = QDateEdit(self)
        self.since.setDisplayFormat("dd/MM/yyyy")
        self.since.setCalendarPopup(True)
        self.since.setDate(QDate(today.year - 1, 1, 1))
        self.until = QDateEdit(self)
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.until.setCalendarPopup(True)
        self.until.setDate(QDate(today.year, today.month, today.day))
        filters = QHBoxLayout()
        for label, widget in (
            ("Người", self.user),
            ("Phân hệ", self.module),
            ("Từ", self.since),
            ("Đến", self.until),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.record, 1)
        show = QPushButton("Lọc", self)
        show.clicked.connect(self.load)
        filters.addWidget(show)
        self.table = make_table(self, HEADER, name="audit_table", row_numbers=False)
        self.count = QLabel(self)
        self.error = QLabel(self)
        frame_record_dialog(
            self,
            [filters, self.table, self.count],
            self.export,
            error=self.error,
            save_text="Xuất Excel/CSV…",
        )
        self.resize(1100, 600)
        self.load()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            user=self.user.currentData(),
            module=self.module.currentData(),
            record_id=self.record.text().strip() or None,
            since=self.since.date().toPython(),  # type: ignore[arg-type]
            until=self.until.date().toPython(),  # type: ignore[arg-type]
        )

    def load(self) -> None:
        self.items = self.ui.services.audit.entries(self.current_filter(), limit=2000)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            for c, text in enumerate(item.row()):
                self.table.setItem(r, c, cell(text))
        more = " (2000 dòng mới nhất; hãy lọc hẹp hơn)" if len(self.items) == 2000 else ""
        self.count.setText(f"{len(self.items)} dòng{more}. Nhật ký không sửa, không xóa được.")

    def export(self) -> None:
        name = files.save_file_name(self, "Xuất nhật ký", "nhat-ky.xlsx", "Excel (*.xlsx);;CSV (*.csv)")
        if not name:
            return
        flt = self.current_filter()

        def run() -> Changes:
            self.ui.services.audit.export(Path(name), flt)
            return Changes.of(SETTINGS)

        if self.ui.run_action(self, run, self.error):
            self.error.setText(f"Đã xuất nhật ký ra {name}.")
