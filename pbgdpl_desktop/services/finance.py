"""Kinh phí — service façade. Returns DTOs and ``Changes``; Qt-free.

Parts: ``catalogue`` (categories, norm table with provincial overrides), ``budget`` (dự toán + adjustments,
the configurable minimum), ``ledger`` (expenditures with warnings; ``ledger_source`` for paged lists),
``summary`` (year summary, facts). Other modules call ``norm_in_force``, ``paid_team_support`` and ``facts``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.domain.facts import FinanceFacts
from pbgdpl_desktop.domain.finance import LedgerQuery, YearSummary
from pbgdpl_desktop.domain.norms import Norm
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.finance_budget import BudgetService
from pbgdpl_desktop.services.finance_catalog import CatalogueService
from pbgdpl_desktop.services.finance_ledger import LedgerService, LedgerSource, applicable_norm
from pbgdpl_desktop.services.finance_summary import SummaryService


class FinanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.catalogue = CatalogueService(ctx)
        self.budget = BudgetService(ctx)
        self.ledger = LedgerService(ctx)
        self.summary = SummaryService(ctx)

    def ledger_source(self) -> LedgerSource:
        return LedgerSource(self.ledger)

    def facts(self, year: int) -> FinanceFacts:
        """Facts of ``year`` for the standard and the reports (see domain/facts.py)."""
        return self.summary.facts(year)

    def year_summary(self, year: int) -> YearSummary:
        return self.summary.year_summary(year)

    def norm_in_force(self, category: str, variant: str, on: date) -> Norm | None:
        """The ceiling in force on a date: the latest TT 56 or provincial norm with effective_from ≤ on."""
        return self.catalogue.norm_in_force(category, variant, on)

    def norm_table(self) -> list[Norm]:
        """Every norm (TT 56 and provincial), for callers that look up many dates at once (one query)."""
        return self.catalogue.norms()

    def applicable_norm(self, category: str, variant: str, on: date) -> Norm | None:
        """The ceiling the ledger checks against: the variant's norm, or the highest of the category."""
        return applicable_norm(self.catalogue.norms(category), category, variant, on)

    def paid_team_support(self, year: int) -> dict[str, int]:
        """Team support paid in ``year`` per mediation team id (đồng), from the ledger."""
        return self.summary.paid_team_support(year)

    def linked_plan_task_ids(self, year: int) -> set[str]:
        """Plan task ids that at least one expenditure of ``year`` is linked to (funded tasks)."""
        return self.summary.linked_plan_task_ids(year)

    def export_ledger(self, query: LedgerQuery, target: Path) -> Path:
        from pbgdpl_desktop.services.finance_export import export_ledger

        return export_ledger(self._ctx, self, query, target)

    def export_summary(self, year: int, target: Path) -> Path:
        from pbgdpl_desktop.services.finance_export import export_summary

        return export_summary(self._ctx, self, year, target)
