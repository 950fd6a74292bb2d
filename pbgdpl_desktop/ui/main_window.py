"""The main window: navigation on the left, one page at a time, the database and ward in the status bar.

It opens filling the room the screen leaves (``ui/widgets/fit.py``) or where the clerk left it, and no page can
widen or heighten it: each page sits in a scroll area that scrolls only when the window is smaller than the
page needs.

The launch (#17) paints the window first as a shell — navigation, menus, "Đang mở dữ liệu…" in the status bar —
before the database is opened: ``MainWindow(None)``, then ``attach(ui)`` once the services are open. This module
imports no service (nor SQLAlchemy) so that the shell costs only Qt."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from pbgdpl_desktop import APP_TITLE, __version__
from pbgdpl_desktop.domain.changes import WARD, Changes
from pbgdpl_desktop.ui.office import pages_for
from pbgdpl_desktop.ui.pages import PAGES, PageEntry
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.elided import ElidedLabel
from pbgdpl_desktop.ui.widgets.fit import BORDER, TITLE_BAR, client_room, room, scrolling
from pbgdpl_desktop.ui.widgets.keys import focus_search, guard_wheel, press_new

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

log = logging.getLogger(__name__)
OPENING = "Đang mở dữ liệu…"

GEOMETRY_KEY = "main_window/geometry"  # QSettings: where the clerk left the window, per machine
NAV_PADDING = 8


class AfterFirstPaint(QObject):
    """Runs ``then`` once, just after the window's first Paint event has been handled."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            QTimer.singleShot(0, then)
        return False


class MainWindow(QMainWindow):
    ui: UiContext

    def __init__(
        self, ui: UiContext | None, *, remember_geometry: bool = False, first_page_after_paint: bool = False
    ) -> None:
        """``first_page_after_paint``: the window paints first (navigation, menus, status bar) and builds the
        first page (the overview, with its charts) right after its first paint — the launch does this.
        ``ui`` None: a shell that paints before the database is open; ``attach`` gives it its services."""
        super().__init__()
        self.remember_geometry = remember_geometry
        self.setObjectName("main_window")
        self.setWindowTitle(APP_TITLE)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        self.pages: dict[str, Page] = {}
        self._holders: dict[str, QScrollArea] = {}
        self.entries: tuple[PageEntry, ...] = ()
        self._go_actions: list[QAction] = []
        self._attached = False
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db_label = ElidedLabel("", self, Qt.TextElideMode.ElideMiddle)
        self.ward_label = ElidedLabel(OPENING if ui is None else "", self)
        self.statusBar().addWidget(self.ward_label, 1)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menu()
        self.menuBar().setEnabled(False)  # until ``attach``: the menus act on the services
        self._set_entries(PAGES)
        self.fit_to_room()
        self._first_page_after_paint = first_page_after_paint
        self._painted = False
        self._first_paint = AfterFirstPaint(self, self._after_first_paint)
        if ui is not None:
            self.attach(ui)

    def attach(self, ui: UiContext) -> None:
        """Give the shell its services: the title, the pages of this file's mode (office mode: the office's
        pages), the status bar; the first page is built now, or after the first paint if that is still to come."""
        self.ui = ui
        self._attached = True
        if ui.services.ctx.db.read_only:
            self.setWindowTitle(APP_TITLE + " — CHỈ ĐỌC (một chương trình khác đang ghi vào tệp dữ liệu)")
        entries = pages_for(ui.services.sync.mode())
        if entries != self.entries:
            self._drop_previews()
            self._set_entries(entries)
        for page in self.pages.values():  # a preview shown while the file opened: the same page goes on
            attach = getattr(page, "attach", None)
            if attach is not None:
                attach(ui)
        self.nav.currentRowChanged.connect(self._nav_changed)
        ui.subscribe(self.apply_changes)
        self._update_status()
        self.menuBar().setEnabled(True)
        if self._painted or not self._first_page_after_paint:
            self._show_first_page()

    def _show_first_page(self) -> None:
        """The overview — or the page the clerk chose in the shell's navigation while the file was opening."""
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        else:
            self._nav_changed(self.nav.currentRow())

    def show_preview(self, page: Page) -> bool:
        """Before ``attach``: show ``page`` (built without services, e.g. the overview's figures read through
        ``persistence.peek``) as its entry's page; ``attach`` gives it the services. Not shown (False) once
        attached, or when the clerk has already picked a page in the navigation."""
        row = next((i for i, e in enumerate(self.entries) if e.key == page.key), None)
        # (the navigation takes its first row when it gets the focus: that is no choice of the clerk's)
        if self._attached or page.key in self.pages or row is None or self.nav.currentRow() not in (-1, row):
            return False
        self.pages[page.key] = page
        guard_wheel(page)
        self._holders[page.key] = scrolling(page, self.stack)
        self.stack.addWidget(self._holders[page.key])
        self.stack.setCurrentWidget(self._holders[page.key])
        self.nav.setCurrentRow(row)  # not yet connected: only marks the entry
        # laid out now, not at the loop's next turns: the page's layout request, then the scroll area's that
        # it posts (``FitScroll``). Else the first paint may show the page with both scroll bars, cut at the
        # right — and it stays so on screen while the file opens on this thread after that paint
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return True

    def _drop_previews(self) -> None:
        """The file's mode has other pages than the shell's (office): previews of the shell's go."""
        for key in list(self.pages):
            holder = self._holders.pop(key)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            del self.pages[key]
        self.nav.setCurrentRow(-1)

    def _after_first_paint(self) -> None:
        self._painted = True
        if self._first_page_after_paint and self._attached and not self.pages:
            self._show_first_page()

    def _set_entries(self, entries: tuple[PageEntry, ...]) -> None:
        """The navigation and the "Đi đến" menu (Ctrl+1…9) for these pages."""
        self.entries = entries
        self.nav.clear()
        for entry in entries:
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.nav.addItem(item)
        self._size_nav()
        for action in self._go_actions:
            self.go_menu.removeAction(action)
            action.deleteLater()
        self._go_actions = []
        for row, entry in enumerate(entries[:9]):
            action = QAction(entry.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            self.go_menu.addAction(action)
            self._go_actions.append(action)

    # ------------------------------------------------------------------ size and place
    def _size_nav(self) -> None:
        """The navigation a point larger than the text, as wide as its longest title but never more than a
        quarter of the room (a long title then wraps)."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.nav.setFont(font)
        self.nav.setStyleSheet(f"QListWidget::item {{ padding: {NAV_PADDING}px; }}")
        self.nav.setWordWrap(True)
        widest = max(QFontMetrics(font).horizontalAdvance(entry.title) for entry in self.entries)
        wanted = widest + 2 * NAV_PADDING + 2 * self.nav.frameWidth() + 12
        self.nav.setFixedWidth(min(wanted, room(self).width() // 4))

    def fit_to_room(self) -> None:
        """Fill the room the screen leaves (the available geometry less a title bar)."""
        area = room(self)
        self.setGeometry(QRect(area.topLeft() + QPoint(BORDER, TITLE_BAR), client_room(self)))

    def show_on_desk(self, remembered: QByteArray | None = None) -> None:
        """Show where the clerk left the window if that still fits this screen, else maximised over the room."""
        if remembered is not None and not remembered.isEmpty() and self.restoreGeometry(remembered):
            area = room(self)
            if (
                self.frameGeometry().width() <= area.width()
                and self.frameGeometry().height() <= area.height()
            ):
                self.show()
                self.activateWindow()
                return
            self.fit_to_room()
        self.showMaximized()
        self.activateWindow()  # keyboard focus at once (Ctrl+1…8 work before the first click, even with no WM)

    @staticmethod
    def remembered_geometry() -> QByteArray | None:
        value = QSettings().value(GEOMETRY_KEY)
        return value if isinstance(value, QByteArray) else None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.remember_geometry:
            QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        backup = QAction("Sao lưu dữ liệu…", self)
        backup.triggered.connect(lambda: self.show_page("settings"))
        quit_action = QAction("Thoát", self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(backup)
        check_signature = QAction("Kiểm tra chữ ký số của tệp PDF…", self)
        check_signature.triggered.connect(self.open_check_signature)
        file_menu.addAction(check_signature)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.go_menu = self.menuBar().addMenu("&Đi đến")
        edit_menu = self.menuBar().addMenu("&Sửa")
        new_record = QAction("Thêm bản ghi mới trên trang này", self)
        new_record.setShortcut(QKeySequence.StandardKey.New)
        new_record.triggered.connect(self.new_record)
        search = QAction("Tìm kiếm trên trang này", self)
        search.setShortcut(QKeySequence.StandardKey.Find)
        search.triggered.connect(self.focus_search)
        edit_menu.addAction(new_record)
        edit_menu.addAction(search)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        guide = QAction("Hướng dẫn sử dụng", self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.open_help)
        help_menu.addAction(guide)
        about = QAction("Giới thiệu", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def open_check_signature(self) -> QDialog:
        from pbgdpl_desktop.ui.signing.check_dialog import CheckSignatureDialog

        dialog = CheckSignatureDialog(self.ui, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_record(self) -> None:
        """Ctrl+N: the current page's (visible tab's) "Thêm …" button; a word in the status bar if it has none."""
        if not self.pages:
            return
        if not press_new(self.current_page()):
            self.statusBar().showMessage("Trang này không có bản ghi để thêm.", 4000)

    def focus_search(self) -> None:
        """Ctrl+F: the cursor into the current page's search box."""
        if not self.pages:
            return
        if not focus_search(self.current_page()):
            self.statusBar().showMessage("Trang này không có ô tìm kiếm.", 4000)

    def open_help(self) -> None:
        """F1: the user guide that ships with the app (offline)."""
        from pbgdpl_desktop.ui.dialogs.help import open_help

        open_help(self)

    def _about(self) -> None:
        self.ui.messages.info(
            self, f"{APP_TITLE}\nPhiên bản {__version__}\n\nNhật ký: {self.ui.paths.log_file}"
        )

    # ------------------------------------------------------------------ pages
    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use."""
        page = self.pages.get(key)
        if page is None:
            entry = next(e for e in self.entries if e.key == key)
            page = self._build_page(entry)
            self.pages[key] = page
            guard_wheel(page)  # the wheel scrolls the page, never an unfocused spin or combo box
            self._holders[key] = scrolling(page, self.stack)
            self.stack.addWidget(self._holders[key])
        return page

    def _build_page(self, entry: PageEntry) -> Page:
        name = entry.module if "." in entry.module else f"pbgdpl_desktop.ui.pages.{entry.module}"
        module = importlib.import_module(name)
        try:
            return module.create_page(self.ui)
        except Exception as exc:  # a broken page must not take the whole window down
            from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage

            log.exception("page %s failed to build", entry.key)
            self.ui.messages.error(self, exc)
            return PlaceholderPage(
                self.ui,
                entry.key,
                entry.title,
                f"Trang này gặp lỗi khi mở. Chi tiết trong nhật ký: {self.ui.paths.log_file}",
            )

    def open_record(self, kind: str, record_id: str) -> None:
        """Show a record named by an overview reminder: a case opens in its dialog."""
        page: Any
        if kind == "case":
            page = self.show_page("mediation")
            page.tabs.setCurrentWidget(page.cases)
            page.cases.open_case(record_id)
        elif kind == "fee_request":
            page = self.show_page("mediation")
            page.tabs.setCurrentWidget(page.fees)
        elif kind == "assessment":
            page = self.show_page("assessment")
            page.tabs.setCurrentWidget(page.checklist)

    def show_page(self, key: str) -> Page:
        row = next(i for i, e in enumerate(self.entries) if e.key == key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.entries[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(self._holders[key])
        page.page_shown()

    def current_page(self) -> Page:
        holder = self.stack.currentWidget()
        assert isinstance(holder, QScrollArea)
        page = holder.widget()
        assert isinstance(page, Page)
        return page

    # ------------------------------------------------------------------ changes
    def apply_changes(self, changes: Changes) -> None:
        if WARD in changes:
            self._update_status()
        for page in self.pages.values():
            page.refresh(changes)

    def _update_status(self) -> None:
        ward = self.ui.services.ward.get()
        if self.entries is not PAGES:  # office mode
            self.ward_label.setText("Cơ quan cấp trên (Sở Tư pháp): dữ liệu các xã/phường gửi lên")
        elif ward is None:
            self.ward_label.setText("Chưa khai báo xã/phường/đặc khu — vào Cài đặt để khai báo")
        else:
            self.ward_label.setText(f"{ward.commune_name}, {ward.province_name} (mã {ward.commune_code})")
        db = self.ui.services.ctx.db
        self.db_label.setText(f"CSDL: {server_name(db.location)}" if db.is_server else f"CSDL: {db.path}")


def server_name(location: str) -> str:
    """A server database as the status bar names it: "máy chủ <host>/<database>" — never the user or the
    password (``location`` is the URL without its password); a unix socket is this machine ("localhost")."""
    parts = urlsplit(location)
    host = parts.hostname or ""
    if not host:
        socket = parse_qs(parts.query).get("host", [""])[0]
        host = socket if socket and not socket.startswith("/") else "localhost"
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"máy chủ {host}/{parts.path.lstrip('/')}"
