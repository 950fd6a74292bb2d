"""Hòa giải ở cơ sở — the façade the UI and the CLI talk to. Returns DTOs and ``Changes``; Qt-free.

Parts, one job each: ``teams`` (teams, composition, coordination), ``mediators`` (register, membership
history, trainings), ``cases`` (the case book and its paged list), ``fees`` (fee requests, payment, refusal);
``facts(year)`` feeds the scoring module and the reports, ``reminders()`` the overview page.
Collaborators: settings and the working calendar (core); the finance norm table and the team support paid
through the ledger, as the small interfaces of ``ports`` (finance sits above mediation)."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.holidays import HolidayService
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.mediation import facts
from pbgdpl_desktop.services.mediation.cases import CaseService
from pbgdpl_desktop.services.mediation.dto import ReminderDTO
from pbgdpl_desktop.services.mediation.fees import FeeService
from pbgdpl_desktop.services.mediation.mediators import MediatorService
from pbgdpl_desktop.services.mediation.ports import NormTable, SupportPayments
from pbgdpl_desktop.services.mediation.teams import TeamService


class MediationService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        settings: SettingsService,
        holidays: HolidayService,
        norms: NormTable,
        payments: SupportPayments,
    ) -> None:
        self._ctx = ctx
        self._settings = settings
        self._norms = norms
        self._payments = payments
        self.teams = TeamService(ctx)
        self.mediators = MediatorService(ctx)
        self.cases = CaseService(ctx, settings)
        self.fees = FeeService(ctx, holidays, norms)

    def facts(self, year: int) -> MediationFacts:
        """Facts of ``year`` for the standard and the reports (``domain.facts``; conventions in ``facts``)."""
        return facts.compute(
            self._ctx,
            year,
            teams=self.teams,
            settings=self._settings,
            norms=self._norms,
            payments=self._payments,
        )

    def case_counts(self, start: date, end: date) -> dict[str, int]:
        """The case fields of MediationFacts over cases received in [start, end], counted on ``end`` (or today
        if earlier): the same definitions as ``facts`` (a half-year report recounts with it)."""
        return facts.case_counts(
            self._ctx, start, end, int(self._settings.get("mediation.start_deadline_days"))
        )

    def reminders(self, today: date | None = None) -> list[ReminderDTO]:
        """For the overview page: cases not started N days after assignment, cases in progress more than M
        days, then fee requests unpaid after their due date."""
        today = today or self._ctx.clock.today()
        return self.cases.reminders(today) + self.fees.overdue(today)
