"""Phổ biến, giáo dục pháp luật — the façade the UI and the CLI talk to. Returns DTOs and ``Changes``; Qt-free.

Parts, one job each: ``sessions`` (records and their paged list), ``plans`` (yearly plan and tasks),
``speakers`` (báo cáo viên / tuyên truyền viên and trainings), ``library`` (catalogue of legal documents and
the bookcase), ``imports`` (Excel template and logbook import); ``facts(year)`` feeds the scoring module and
the reports. Collaborators: the evidence store and the backups (core: a copy before every import).
"""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import DisseminationFacts
from pbgdpl_desktop.services.core.backups import BackupService
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceService
from pbgdpl_desktop.services.dissemination import facts
from pbgdpl_desktop.services.dissemination.attendees import AttendeeService
from pbgdpl_desktop.services.dissemination.imports import ImportService
from pbgdpl_desktop.services.dissemination.library import LibraryService
from pbgdpl_desktop.services.dissemination.plans import PlanService
from pbgdpl_desktop.services.dissemination.sessions import SessionService
from pbgdpl_desktop.services.dissemination.speakers import SpeakerService


class DisseminationService:
    def __init__(self, ctx: ServiceContext, *, evidence: EvidenceService, backups: BackupService) -> None:
        self._ctx = ctx
        self.sessions = SessionService(ctx, evidence)
        self.attendees = AttendeeService(ctx)
        self.plans = PlanService(ctx)
        self.speakers = SpeakerService(ctx)
        self.library = LibraryService(ctx)
        self.imports = ImportService(ctx, backups)

    def facts(self, year: int) -> DisseminationFacts:
        """Facts of ``year`` for the standard and the reports (``domain.facts``; counting rules in ``facts``)."""
        return facts.compute(self._ctx, self.plans, year)
