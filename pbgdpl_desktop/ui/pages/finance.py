"""Kinh phí page: the ledger, the budget, the catalogue and norms, the year summary with a chart."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION, SETTINGS, Changes
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.deleted import heading_row
from pbgdpl_desktop.ui.finance.budget_tab import BudgetTab
from pbgdpl_desktop.ui.finance.ledger_tab import LedgerTab
from pbgdpl_desktop.ui.finance.norms_tab import NormsTab
from pbgdpl_desktop.ui.finance.summary_tab import SummaryTab
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.flow import FitTabs


class FinancePage(Page):
    key = "finance"
    title = "Kinh phí"

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.tabs = FitTabs(self)
        self.ledger = LedgerTab(ui, self)
        self.budget = BudgetTab(ui, self)
        self.norms = NormsTab(ui, self)
        self.summary = SummaryTab(ui, self)
        for widget, label in (
            (self.ledger, "Sổ theo dõi chi"),
            (self.budget, "Dự toán"),
            (self.summary, "Tổng hợp năm"),
            (self.norms, "Danh mục và định mức"),
        ):
            self.tabs.addTab(widget, label)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(ui, "Kinh phí", FINANCE, self))
        layout.addWidget(self.tabs)

    def refresh(self, changes: Changes) -> None:
        if FINANCE in changes or MEDIATION in changes or SETTINGS in changes:
            self.ledger.reload_categories()
            self.ledger.refresh()
            self.budget.reload()
            self.summary.reload()
            self.norms.reload()


def create_page(ui: UiContext) -> Page:
    return FinancePage(ui)
