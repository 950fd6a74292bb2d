"""``pbgdpl-desktop selftest``: open/migrate the database, build the main window offscreen, show every page
once, build the first-run dialog; exit 0 only if nothing failed (no error shown, no Qt warning, no exception)."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.ui.pages import PAGES

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

log = logging.getLogger(__name__)

# Notices of the offscreen platform itself, not of the app (same list as qt_log_ignore in pyproject.toml).
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def run_selftest(paths: RuntimePaths) -> int:
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pbgdpl_desktop.ui.application import get_application
    from pbgdpl_desktop.ui.context import UiContext
    from pbgdpl_desktop.ui.messages import FakeMessages
    from pbgdpl_desktop.ui.tasks import TaskRunner

    problems: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message.startswith(IGNORED_QT_MESSAGES):
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            problems.append(f"Qt: {message}")

    app = get_application()
    previous = qInstallMessageHandler(on_qt_message)
    services = open_services(paths)
    try:
        messages = FakeMessages(answer=False, log_file=paths.log_file)
        ui = UiContext(
            services=services, messages=messages, tasks=TaskRunner(messages, synchronous=True), paths=paths
        )
        problems.extend(_open_every_page(app, ui))
        problems.extend(f"thông báo lỗi: {text}" for text in messages.texts("error"))
    finally:
        qInstallMessageHandler(previous)
        services.ctx.db.close()
    if problems:
        for problem in problems:
            print(f"LỖI: {problem}")
        print(f"Tự kiểm tra: {len(problems)} lỗi.")
        return 1
    print(f"Tự kiểm tra: tốt ({services.ctx.db.path}).")
    return 0


def _open_every_page(app: QApplication, ui: UiContext) -> list[str]:
    """Show the main window, each page in turn and the first-run dialog; the problems met."""
    from pbgdpl_desktop.ui.dialogs.ward_profile import FirstRunDialog
    from pbgdpl_desktop.ui.main_window import MainWindow

    problems = []
    window = MainWindow(ui)
    window.show()
    for entry in PAGES:
        try:
            window.show_page(entry.key)
            app.processEvents()
            print(f"  trang “{entry.title}”: mở được")
        except Exception as exc:
            log.exception("selftest: page %s", entry.key)
            problems.append(f"trang {entry.title}: {exc!r}")
    dialog = FirstRunDialog(ui, window)
    dialog.show()
    app.processEvents()
    dialog.close()
    window.close()
    app.processEvents()
    return problems
