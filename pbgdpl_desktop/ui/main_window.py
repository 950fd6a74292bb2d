"""The main window: navigation on the left, one page at a time, the database and ward in the status bar."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from pbgdpl_desktop import APP_TITLE, __version__
from pbgdpl_desktop.domain.changes import WARD, Changes
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages import PAGES, PageEntry
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("main_window")
        read_only = (
            " — CHỈ ĐỌC (một chương trình khác đang ghi vào tệp dữ liệu)"
            if ui.services.ctx.db.read_only
            else ""
        )
        self.setWindowTitle(APP_TITLE + read_only)
        self.resize(1280, 800)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(230)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, Page] = {}
        for entry in PAGES:
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.nav.addItem(item)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.db_label = QLabel(self)
        self.ward_label = QLabel(self)
        self.statusBar().addWidget(self.ward_label, 1)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menu()
        self.nav.currentRowChanged.connect(self._nav_changed)
        ui.subscribe(self.apply_changes)
        self._update_status()
        self.nav.setCurrentRow(0)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        backup = QAction("Sao lưu dữ liệu…", self)
        backup.triggered.connect(lambda: self.show_page("settings"))
        quit_action = QAction("Thoát", self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(backup)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        about = QAction("Giới thiệu", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        self.ui.messages.info(
            self, f"{APP_TITLE}\nPhiên bản {__version__}\n\nNhật ký: {self.ui.paths.log_file}"
        )

    # ------------------------------------------------------------------ pages
    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use."""
        page = self.pages.get(key)
        if page is None:
            entry = next(e for e in PAGES if e.key == key)
            page = self._build_page(entry)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _build_page(self, entry: PageEntry) -> Page:
        module = importlib.import_module(f"pbgdpl_desktop.ui.pages.{entry.module}")
        try:
            return module.create_page(self.ui)
        except Exception as exc:  # a broken page must not take the whole window down
            log.exception("page %s failed to build", entry.key)
            self.ui.messages.error(self, exc)
            return PlaceholderPage(
                self.ui,
                entry.key,
                entry.title,
                f"Trang này gặp lỗi khi mở. Chi tiết trong nhật ký: {self.ui.paths.log_file}",
            )

    def show_page(self, key: str) -> Page:
        row = next(i for i, e in enumerate(PAGES) if e.key == key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGES[row].key)
        self.stack.setCurrentWidget(page)
        page.page_shown()

    def current_page(self) -> Page:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Page)
        return widget

    # ------------------------------------------------------------------ changes
    def apply_changes(self, changes: Changes) -> None:
        if WARD in changes:
            self._update_status()
        for page in self.pages.values():
            page.refresh(changes)

    def _update_status(self) -> None:
        ward = self.ui.services.ward.get()
        if ward is None:
            self.ward_label.setText("Chưa khai báo xã/phường/đặc khu — vào Cài đặt để khai báo")
        else:
            self.ward_label.setText(f"{ward.commune_name}, {ward.province_name} (mã {ward.commune_code})")
        self.db_label.setText(f"CSDL: {self.ui.services.ctx.db.path}")
