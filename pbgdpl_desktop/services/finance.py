"""Kinh phí — service (filled by its issue). Returns DTOs and ``Changes``; Qt-free."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.domain.facts import FinanceFacts
from pbgdpl_desktop.domain.norms import TT56_DEFAULTS, Norm, norm_in_force
from pbgdpl_desktop.services.context import ServiceContext


class FinanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def facts(self, year: int) -> FinanceFacts:
        """Facts of ``year`` for the standard and the reports (see domain/facts.py)."""
        return FinanceFacts(year=year)

    def norm_in_force(self, category: str, variant: str, on: date) -> Norm | None:
        """The ceiling in force on a date (TT 56 defaults until the norm table exists)."""
        return norm_in_force(TT56_DEFAULTS, category, variant, on)

    def paid_team_support(self, year: int) -> dict[str, int]:
        """Team support paid in ``year`` per mediation team id (đồng), from the ledger."""
        return {}
