"""Phổ biến, giáo dục pháp luật — service facade. Returns DTOs and ``Changes``; Qt-free.

The parts: ``sessions`` (records and the paged list source), ``plans`` (yearly plan and tasks), ``speakers``
(báo cáo viên / tuyên truyền viên and trainings), ``library`` (catalogue of legal documents and the bookcase),
``imports`` (Excel template and logbook import); ``facts(year)`` feeds the scoring module and the reports.
"""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import DisseminationFacts
from pbgdpl_desktop.services import dissemination_facts
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.dissemination_import import ImportService
from pbgdpl_desktop.services.dissemination_plan import PlanService
from pbgdpl_desktop.services.dissemination_registry import LibraryService, SpeakerService
from pbgdpl_desktop.services.dissemination_sessions import SessionService


class DisseminationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.sessions = SessionService(ctx)
        self.plans = PlanService(ctx)
        self.speakers = SpeakerService(ctx)
        self.library = LibraryService(ctx)
        self.imports = ImportService(ctx)

    def facts(self, year: int) -> DisseminationFacts:
        """Facts of ``year`` for the standard and the reports (see domain/facts.py, dissemination_facts)."""
        return dissemination_facts.compute(self._ctx, year)
