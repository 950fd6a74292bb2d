"""Start the GUI: show the main window's shell and let it paint, then open (and if needed migrate) the database —
or, when another copy of the app writes to it, offer to open it read-only —, sign in, fill the window, ask for the
ward once, make the day's backup copy. A restore from the Settings page ends the window, swaps the file under
the app's own lock and reopens.

Start-up (#17): this module imports only Qt and the window's shell; SQLAlchemy, the services, the sign-in and
first-run dialogs are imported after the first paint, when the file is opened. Before that, the overview's
figures are read through the standard library (``persistence.peek``) and shown in the overview page — with the
verdict and reminders remembered from the last computation when nothing changed since — unless the file needs
a password, is not a ward file at the current schema, or is a server or office database; the normal open
then goes on and the same page carries on."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pbgdpl_desktop.domain.errors import DatabaseInUseError, DomainError
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.ui.application import FONT_SIZE_KEY, apply_font_size, get_application
from pbgdpl_desktop.ui.errors import install_excepthook
from pbgdpl_desktop.ui.main_window import AfterFirstPaint, MainWindow
from pbgdpl_desktop.ui.messages import APP_TITLE, MessageService
from pbgdpl_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pbgdpl_desktop.services.core.backups import BackupOutcome
    from pbgdpl_desktop.services.registry import Services
    from pbgdpl_desktop.ui.context import UiContext
    from pbgdpl_desktop.ui.pages.overview import OverviewPage

log = logging.getLogger(__name__)

RESTORE_EXIT = 71  # app.exit() code: a restore was asked for (never a code the app ends with)
READY_PROBE = "PBGDPL_QUIT_WHEN_SHOWN"  # set by .ci/run: print a line and quit once the main window is up
# set by tests/desk/test_no_freeze.py: resize and maximise the window while the overview loads, quit when loaded
LOAD_STRESS_PROBE = "PBGDPL_RESIZE_WHILE_LOADING"
STRESS_TICK_MS = 15
# set by bench/startup.py: "paint" prints a line once the main window has painted, "overview" once the overview
# has its data too; then quits
PAINT_PROBE = "PBGDPL_PAINT_PROBE"
STRESS_MIN_TICKS = 12
SETTLE_MS = 5_000  # after the window is filled: the overview's verdict is normally computed by then


def open_main_window(ui: UiContext) -> MainWindow:
    """The clerk's text size, then the main window where it was left (or filling the screen)."""
    apply_font_size(int(ui.services.settings.get(FONT_SIZE_KEY)))
    window = MainWindow(ui, remember_geometry=True, first_page_after_paint=True)
    window.show_on_desk(MainWindow.remembered_geometry())
    return window


def run_gui(paths: RuntimePaths, *, demo: bool = False, on_settled: Callable[[], None] | None = None) -> int:
    """``on_settled``: called once the start has settled — ``SETTLE_MS`` after the window was filled, by then
    the overview's verdict is normally computed (``app`` gives the cyclic garbage collector back there)."""
    app = get_application()
    messages = MessageService(paths.log_file)
    install_excepthook(messages)
    opened: list[Services] = []

    def open_after_paint() -> Services | None:
        services = _open(paths, demo=demo)
        if services is not None:
            opened.append(services)
        return services

    code, restore_from = _run_window(app, messages, open_after_paint, paths, peek=True, on_settled=on_settled)
    if not opened:  # the file could not be opened, or sign-in was refused
        return 3 if code == 0 else code
    services = opened[-1]
    while True:
        if restore_from is None:
            services.ctx.db.close()
            return code
        reopened = _restore_and_reopen(services, paths, restore_from)
        if reopened is None:
            return 3
        services = reopened
        code, restore_from = _run_window(app, messages, _given(reopened), paths)


def _given(services: Services) -> Callable[[], Services | None]:
    return lambda: services


def _open(paths: RuntimePaths, *, demo: bool) -> Services | None:
    # SQLAlchemy and every service: imported after the paint
    from pbgdpl_desktop.services.registry import open_services

    try:
        try:
            services = open_services(paths)
        except DatabaseInUseError as exc:
            if not _ask_read_only(exc.message):
                return None
            return open_services(paths, read_only=True)
        if demo and services.ward.get() is None:
            from pbgdpl_desktop.services.demo import build_demo  # only when the demo ward is created

            build_demo(services)
        if not _sign_in(services):
            services.ctx.db.close()
            return None
        return services
    except DomainError as exc:
        log.warning("cannot open the database: %s", type(exc).__name__)
        # Start-up only: there is no window yet to attach a non-blocking box to.
        QMessageBox.critical(None, APP_TITLE, exc.message)
        return None


def _sign_in(services: Services) -> bool:
    """Issue #15: "một người dùng" signs in without a prompt; a ward with accounts asks; a ward without any
    account opens as before (its changes are traced as "(máy này)")."""
    users = services.users
    if users.login_single_user() is not None or not users.needs_login():
        return True
    from pbgdpl_desktop.ui.dialogs.users import LoginDialog

    dialog = LoginDialog(services)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _ask_read_only(message: str) -> bool:
    """Start-up only (no window yet): the file is written by another copy of the app."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message)
    read_only = box.addButton("Mở chỉ đọc", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Thoát", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def _run_window(
    app: QApplication,
    messages: MessageService,
    open_services: Callable[[], Services | None],
    paths: RuntimePaths,
    *,
    peek: bool = False,
    on_settled: Callable[[], None] | None = None,
) -> tuple[int, Path | None]:
    """The window's shell is shown at once; ``open_services`` runs after its first paint (it may ask the
    clerk: read-only, sign-in) and the window is filled with what it gives — or the app ends with code 3.
    ``peek``: first the overview's figures read through ``persistence.peek``, painted before the open.
    ``on_settled``: called ``SETTLE_MS`` after the window was filled."""
    tasks = TaskRunner(messages)
    asked: list[Path] = []
    before_open: list[Callable[[], None]] = []  # the bench's probe: the preview has painted

    def on_restore(path: Path) -> None:
        asked.append(path)
        app.exit(RESTORE_EXIT)

    window = MainWindow(None, remember_geometry=True, first_page_after_paint=True)
    window.show_on_desk(MainWindow.remembered_geometry())

    def fill() -> None:
        services = open_services()
        if services is None:
            app.exit(3)
            return
        from pbgdpl_desktop.ui.context import UiContext

        ui = UiContext(services=services, messages=messages, tasks=tasks, paths=paths, on_restore=on_restore)
        _fill_window(app, window, ui)
        if on_settled is not None:
            QTimer.singleShot(SETTLE_MS, on_settled)
        if os.environ.get(READY_PROBE) and not (
            os.environ.get(PAINT_PROBE) or os.environ.get(LOAD_STRESS_PROBE)
        ):
            # the window is up with its file open (migrated, signed in): what .ci/run checks
            QTimer.singleShot(0, lambda: _report_ready(app))

    def start() -> None:
        page = _preview(window, paths) if peek else None
        if page is None:
            fill()
            return

        def preview_painted() -> None:
            for hook in before_open:
                hook()
            fill()

        AfterFirstPaint(page, preview_painted)  # the figures on screen first, then the open

    AfterFirstPaint(window, start)  # the probe's watcher, installed later, is called first
    if os.environ.get(PAINT_PROBE):
        _probe_paint(app, window, tasks, before_open, overview=os.environ[PAINT_PROBE] == "overview")
    elif os.environ.get(LOAD_STRESS_PROBE):
        QTimer.singleShot(0, lambda: _resize_while_loading(app, window, tasks))
    code = app.exec()
    tasks.wait()
    window.close()
    window.deleteLater()
    return code, (asked[-1] if code == RESTORE_EXIT and asked else None)


def _preview(window: MainWindow, paths: RuntimePaths, today: date | None = None) -> OverviewPage | None:
    """The overview page shown from the peek before the services open, or None (the start goes on as usual).
    ``today``: the system's date (the services' clock), unless a test gives one."""
    if paths.db_url is not None:  # a server database: no file to look into
        return None
    from pbgdpl_desktop.persistence.peek import peek_overview

    today = today or date.today()
    try:
        peeked = peek_overview(paths.db_path, today.year, today)
    except Exception:
        log.exception("overview preview failed")
        return None
    if peeked is None:
        return None
    from pbgdpl_desktop.services.reports.overview import from_counts, with_remembered
    from pbgdpl_desktop.ui.pages.overview import OverviewPage

    figures = replace(from_counts(peeked.counts, peeked.year), data_version=peeked.data_version)
    page = OverviewPage.preview(with_remembered(figures, paths.data_dir, paths.db_path, today))
    if not window.show_preview(page):
        page.deleteLater()
        return None
    return page


def _fill_window(app: QApplication, window: MainWindow, ui: UiContext) -> None:
    """The services are open: the clerk's text size, the pages, the idle lock, the ward asked once, the day's
    backup copy in the background."""
    from pbgdpl_desktop.ui.idle_lock import install_idle_lock

    services = ui.services
    apply_font_size(int(services.settings.get(FONT_SIZE_KEY)))
    window.attach(ui)
    install_idle_lock(services, window, app.quit)
    office = services.sync.mode() == "upper-office"  # the office above is not a commune: no ward profile
    if services.ward.get() is None and not services.ctx.db.read_only and not office:
        from pbgdpl_desktop.ui.dialogs.ward_profile import FirstRunDialog  # only for a ward not described yet

        FirstRunDialog(ui, window).open()
    if not services.ctx.db.read_only:
        ui.tasks.run(
            lambda _p: services.backups.daily(),
            on_done=lambda outcome: _daily_done(window, outcome),
            on_error=lambda exc: window.statusBar().showMessage(f"Chưa sao lưu được hôm nay: {exc}", 15_000),
            label="Đang sao lưu dữ liệu hằng ngày…",
            parent=window,
            cancellable=False,
        )
    if office and not services.ctx.db.read_only:
        from pbgdpl_desktop.services.office.ward_file import WardFileService

        ui.tasks.run(  # the ward copies the office rebuilt to recompute assessments: drop stale and old ones
            lambda _p: WardFileService(services.ctx).prune(),
            on_error=lambda exc: log.warning("ward copies not pruned: %s", exc),
            label="Đang dọn bản sao dữ liệu xã/phường cũ…",
            parent=window,
            cancellable=False,
        )


def _report_ready(app: QApplication) -> None:
    """The start-up probe of CI (README's first command must reach a shown main window): say so and quit."""
    print("PBGDPL_READY: cửa sổ chính đã hiện", flush=True)
    app.quit()


def _probe_paint(
    app: QApplication,
    window: MainWindow,
    tasks: TaskRunner,
    before_open: list[Callable[[], None]],
    *,
    overview: bool,
) -> None:
    """The start-up bench's probe: "PBGDPL_PAINTED" once the window has painted; with ``overview`` also
    "PBGDPL_FIGURES" once the overview shows its figures, "PBGDPL_OVERVIEW" once it shows the verdict and the
    reminders too (remembered or computed) and "PBGDPL_RECOMPUTED" once they are this run's computation and no
    task is left; then quit. A preview (the peek's figures) is checked as soon as it has painted."""

    def painted() -> None:
        print("PBGDPL_PAINTED", flush=True)
        if not overview:
            app.quit()
            return
        timer = QTimer(window)
        timer.setInterval(1)
        said: set[str] = set()

        def say(marker: str) -> None:
            if marker not in said:
                said.add(marker)
                print(marker, flush=True)

        def poll() -> None:
            page = window.pages.get("overview")
            shown = getattr(page, "overview", None) if page is not None else None
            if shown is None:
                return
            say("PBGDPL_FIGURES")  # the cards and charts
            if shown.complete or shown.remembered:
                say("PBGDPL_OVERVIEW")  # the verdict and the reminders too
            if shown.complete and not tasks.pending:
                timer.stop()
                say("PBGDPL_RECOMPUTED")
                app.quit()

        before_open.append(poll)
        timer.timeout.connect(poll)
        timer.start()

    AfterFirstPaint(window, painted)


def _resize_while_loading(app: QApplication, window: MainWindow, tasks: TaskRunner) -> None:
    """The start-up freeze probe (#12 §4): what a clerk's window manager does while the overview loads —
    maximise, restore, resize — every few milliseconds on the GUI thread, until the overview has its data
    and no background task is left; then say so (``PBGDPL_READY``) and quit."""
    timer = QTimer(window)
    timer.setInterval(STRESS_TICK_MS)
    ticks = [0]
    room = window.screen().availableGeometry()

    def tick() -> None:
        ticks[0] += 1
        step = ticks[0] % 4
        if step == 0:
            window.showMaximized()
        elif step == 1:
            window.showNormal()
        else:
            window.resize(room.width() // (step + 1) + ticks[0] % 97, room.height() // step)
        overview = window.pages.get("overview")
        shown = getattr(overview, "overview", None) if overview is not None else None
        # loaded: this run's data, not the preview's (the figures read before the open, a remembered verdict)
        loaded = shown is not None and getattr(shown, "complete", True)
        if ticks[0] >= STRESS_MIN_TICKS and loaded and not tasks.pending:
            timer.stop()
            print(f"PBGDPL_READY: tổng quan đã tải sau {ticks[0]} lần đổi kích thước", flush=True)
            app.quit()

    timer.timeout.connect(tick)
    timer.start()


def _daily_done(window: MainWindow, outcome: BackupOutcome) -> None:
    if outcome.warning:
        window.ui.messages.warn(window, outcome.warning)
    elif outcome.info is not None:
        window.statusBar().showMessage(f"Đã sao lưu dữ liệu hằng ngày ({outcome.info.path.name}).", 10_000)


def _restore_and_reopen(services: Services, paths: RuntimePaths, source: Path) -> Services | None:
    """Close the file keeping the one-writer lock, restore ``source`` in its place, reopen with the lock."""
    actor = services.ctx.actor
    try:
        services.backups.check_restore()
    except DomainError as exc:
        QMessageBox.warning(None, APP_TITLE, exc.message)
        return services
    from pbgdpl_desktop.persistence.db import restore_database
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.services.reports.overview import forget_remembered

    writer = services.ctx.db.close(keep_writer=True)
    forget_remembered(paths.data_dir)  # the verdict remembered for the file being replaced
    restored = False
    try:
        restore_database(source, paths.db_path, paths.backups_dir, writer=writer)
        restored = True
    except DomainError as exc:
        QMessageBox.warning(
            None, APP_TITLE, f"Chưa khôi phục được: {exc.message}\nTệp dữ liệu không bị thay đổi."
        )
    try:
        reopened = open_services(paths, writer=writer)
        reopened.users.act_as(actor)
        if restored:
            reopened.audit.record("restore_db", "core", f"khôi phục từ {source.name}")
        return reopened
    except DomainError as exc:
        if writer is not None:
            writer.release()
        QMessageBox.critical(None, APP_TITLE, exc.message)
        return None
