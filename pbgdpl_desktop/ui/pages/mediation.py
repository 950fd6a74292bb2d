"""Hòa giải page: tổ hòa giải, hòa giải viên, sổ theo dõi vụ việc, thù lao hòa giải viên."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import EVIDENCE, FINANCE, MEDIATION, SETTINGS, Changes
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.deleted import heading_row
from pbgdpl_desktop.ui.mediation.cases_tab import CasesTab
from pbgdpl_desktop.ui.mediation.fees_tab import FeesTab
from pbgdpl_desktop.ui.mediation.mediators_tab import MediatorsTab
from pbgdpl_desktop.ui.mediation.teams_tab import TeamsTab
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.flow import FitTabs

TOPICS = (MEDIATION, FINANCE, SETTINGS, EVIDENCE)


class MediationPage(Page):
    key = "mediation"
    title = "Hòa giải"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.tabs = FitTabs(self)
        self.tabs.setObjectName("mediation_tabs")
        self.teams = TeamsTab(ui, self.tabs)
        self.mediators = MediatorsTab(ui, self.tabs)
        self.cases = CasesTab(ui, self.tabs)
        self.fees = FeesTab(ui, self.tabs)
        self.tabs.addTab(self.teams, "Tổ hòa giải")
        self.tabs.addTab(self.mediators, "Hòa giải viên")
        self.tabs.addTab(self.cases, "Sổ theo dõi vụ việc")
        self.tabs.addTab(self.fees, "Thù lao hòa giải viên")
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(ui, "Hòa giải ở cơ sở", MEDIATION, self))
        layout.addWidget(self.tabs)
        self._stale = {0, 1, 2, 3}
        self.tabs.currentChanged.connect(self._reload_current)

    def _tab_widgets(self) -> list:
        return [self.teams, self.mediators, self.cases, self.fees]

    def _reload_current(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._tab_widgets()[index].reload()
            self._stale.discard(index)

    def refresh(self, changes: Changes) -> None:
        if any(topic in changes for topic in TOPICS):
            self._stale = {0, 1, 2, 3}
            if self.isVisible():
                self._reload_current()

    def page_shown(self) -> None:
        self._reload_current()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._reload_current()


def create_page(ui: UiContext) -> Page:
    return MediationPage(ui)
