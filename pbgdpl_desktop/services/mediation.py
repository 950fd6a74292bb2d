"""Hòa giải ở cơ sở — service: teams and mediators, the case book, reminders, fees and the year's facts.

Returns DTOs and ``Changes``; Qt-free. The operations live in ``mediation_teams`` (teams, mediators,
coordination), ``mediation_cases`` (case book, reminders), ``mediation_fees`` (fee requests) and
``mediation_facts``; the case list is ``case_list()`` (a paged source for the big table)."""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.mediation_cases import CaseOps
from pbgdpl_desktop.services.mediation_facts import compute_facts
from pbgdpl_desktop.services.mediation_fees import FeeOps
from pbgdpl_desktop.services.mediation_list import CaseListSource
from pbgdpl_desktop.services.mediation_teams import TeamOps


class MediationService(TeamOps, CaseOps, FeeOps):
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def facts(self, year: int) -> MediationFacts:
        """Facts of ``year`` for the standard and the reports (see domain/facts.py)."""
        return compute_facts(self._ctx, lambda ref: self.list_teams(on=ref), year)

    def case_list(self) -> CaseListSource:
        """A Qt-free paged source of the case list (count + page in SQL) for ``PagedTableModel``."""
        return CaseListSource(self._ctx)
