"""Kinh phí — service (filled by its issue). Returns DTOs and ``Changes``; Qt-free."""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import FinanceFacts
from pbgdpl_desktop.services.context import ServiceContext


class FinanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def facts(self, year: int) -> FinanceFacts:
        """Facts of ``year`` for the standard and the reports (see domain/facts.py)."""
        return FinanceFacts(year=year)
