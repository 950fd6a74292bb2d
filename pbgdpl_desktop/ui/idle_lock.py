"""The automatic lock after N idle minutes ("users.idle_lock_minutes", issue #15): any key or mouse event
restarts the count; when it runs out the signed-in user is signed out and the login dialog asks again
(closing it ends the app). Off in "một người dùng" mode and while the ward has no accounts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pbgdpl_desktop.services.registry import Services
from pbgdpl_desktop.ui.dialogs.users import LoginDialog

ACTIVITY = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
)


class IdleLock(QObject):
    def __init__(
        self, services: Services, window: QWidget, minutes: int, on_refused: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.on_refused = on_refused
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def lock(self) -> None:
        self.services.users.logout()
        dialog = LoginDialog(self.services, self.window)
        dialog.setWindowTitle("Đã khóa vì lâu không dùng — đăng nhập lại")
        dialog.finished.connect(self._after)
        dialog.open()

    def _after(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.timer.start()
        else:
            self.on_refused()


def install_idle_lock(services: Services, window: QWidget, on_refused: Callable[[], None]) -> IdleLock | None:
    users = services.users
    minutes = users.idle_lock_minutes()
    if minutes <= 0 or users.single_user() or not users.has_accounts():
        return None
    return IdleLock(services, window, minutes, on_refused)
