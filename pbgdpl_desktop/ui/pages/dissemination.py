"""Phổ biến GDPL page: the log of sessions (1M-row list), the yearly plan, the speakers registry, the bookcase."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.deleted import heading_row
from pbgdpl_desktop.ui.dissemination.bookcase_tab import BookcaseTab
from pbgdpl_desktop.ui.dissemination.plan_tab import PlanTab
from pbgdpl_desktop.ui.dissemination.registry_tab import RegistryTab
from pbgdpl_desktop.ui.dissemination.session_list import SessionListTab
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.flow import FitTabs


class DisseminationPage(Page):
    key = "dissemination"
    title = "Phổ biến GDPL"

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.sessions = SessionListTab(ui, self)
        self.plan = PlanTab(ui, self)
        self.registry = RegistryTab(ui, self)
        self.bookcase = BookcaseTab(ui, self)
        self.tabs = FitTabs(self)
        self.tabs.addTab(self.sessions, "Sổ theo dõi PBGDPL")
        self.tabs.addTab(self.plan, "Kế hoạch năm")
        self.tabs.addTab(self.registry, "Báo cáo viên, tuyên truyền viên")
        self.tabs.addTab(self.bookcase, "Tủ sách pháp luật")
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(ui, self.title, DISSEMINATION, self))
        layout.addWidget(self.tabs)

    def refresh(self, changes: Changes) -> None:
        for tab in (self.sessions, self.plan, self.registry, self.bookcase):
            tab.refresh(changes)


def create_page(ui: UiContext) -> Page:
    return DisseminationPage(ui)
