"""Start the GUI: open (and if needed migrate) the database, show the main window, ask for the ward once."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.demo import build_demo
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.ui.application import FONT_SIZE_KEY, apply_font_size, get_application
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.ward_profile import FirstRunDialog
from pbgdpl_desktop.ui.errors import install_excepthook
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.messages import APP_TITLE, MessageService
from pbgdpl_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def open_main_window(ui: UiContext) -> MainWindow:
    """The clerk's text size, then the main window where it was left (or filling the screen)."""
    apply_font_size(int(ui.services.settings.get(FONT_SIZE_KEY)))
    window = MainWindow(ui, remember_geometry=True)
    window.show_on_desk(MainWindow.remembered_geometry())
    return window


def run_gui(paths: RuntimePaths, *, demo: bool = False) -> int:
    app = get_application()
    messages = MessageService(paths.log_file)
    install_excepthook(messages)
    try:
        services = open_services(paths)
        if demo and services.ward.get() is None:
            build_demo(services)
    except DomainError as exc:
        log.warning("cannot open %s: %s", paths.db_path, exc.message)
        # Start-up only: there is no window yet to attach a non-blocking box to.
        QMessageBox.critical(None, APP_TITLE, exc.message)
        return 3
    tasks = TaskRunner(messages)
    ui = UiContext(services=services, messages=messages, tasks=tasks, paths=paths)
    window = open_main_window(ui)
    if services.ward.get() is None:
        dialog = FirstRunDialog(ui, window)
        dialog.open()
    code = app.exec()
    tasks.wait()
    services.ctx.db.close()
    return code
