"""``pbgdpl-desktop selftest``: open/migrate the database, build the main window offscreen, show every page
once, build the first-run dialog; exit 0 only if nothing failed (no error shown, no Qt warning, no exception).

``--screen WxH [--scale S]`` runs on the real platform instead and checks that every page and every dialog fits
a WxH screen less its taskbar at Qt scale S (``ui/desk_check.py``); exit 1 names what does not fit."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.ui.desk_check import Desk

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

log = logging.getLogger(__name__)

# Notices of the offscreen platform itself, not of the app (same list as qt_log_ignore in pyproject.toml).
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def run_selftest(paths: RuntimePaths, screen: str | None = None, scale: float | None = None) -> int:
    try:
        desk = _choose_platform(screen, scale)
    except ValueError as exc:
        print(f"LỖI: {exc}")
        return 2
    from pbgdpl_desktop.ui.application import FONT_SIZE_KEY, apply_font_size, get_application
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
        apply_font_size(int(services.settings.get(FONT_SIZE_KEY)))  # as the clerk will see it
        messages = FakeMessages(answer=False, log_file=paths.log_file)
        ui = UiContext(
            services=services, messages=messages, tasks=TaskRunner(messages, synchronous=True), paths=paths
        )
        if desk is None:
            problems.extend(_open_every_page(app, ui))
        else:
            problems.extend(_check_desk(app, ui, desk))
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
    for entry in window.entries:  # the pages of the file's mode (office mode: the office's pages)
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


def _choose_platform(screen: str | None, scale: float | None) -> Desk | None:
    """Offscreen without ``screen``; with it the real platform, at Qt scale ``scale``. ValueError (Vietnamese)
    for a bad size or no display to run on."""
    desk = None
    if screen is not None:
        try:
            desk = Desk.parse(screen)
        except ValueError:
            raise ValueError(f"kích thước màn hình “{screen}” không hợp lệ (ví dụ 1366x768).") from None
    if QApplication.instance() is not None:  # already running (a test): the platform cannot change
        return desk
    if desk is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif no_display():
        raise ValueError("--screen cần màn hình thật (biến DISPLAY chưa đặt); thử chạy trong Xvfb.")
    if scale is not None:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    return desk


def no_display() -> bool:
    """On Linux without DISPLAY or WAYLAND_DISPLAY (and no platform chosen) Qt would abort the process."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _check_desk(app: QApplication, ui: UiContext, desk: Desk) -> list[str]:
    """Every page and dialog on a ``desk`` screen: what does not fit (and dialogs that could not be opened)."""
    from pbgdpl_desktop.ui.desk_check import check_desk
    from pbgdpl_desktop.ui.main_window import MainWindow
    from pbgdpl_desktop.ui.widgets.fit import set_desk

    screen = app.primaryScreen()
    ratio = screen.devicePixelRatio()
    set_desk(desk.logical_room(ratio))
    window = MainWindow(ui)
    window.show()
    try:
        report = check_desk(app, window, ratio)
    finally:
        window.close()
        set_desk(None)
        app.processEvents()
    for title in report.skipped:
        print(f"Chưa kiểm tra được hộp thoại “{title}” (cơ sở dữ liệu chưa có bản ghi phù hợp).")
    return report.problems
