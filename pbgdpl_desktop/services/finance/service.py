"""Kinh phí — the façade the UI and the CLI talk to. Returns DTOs and ``Changes``; Qt-free.

Parts, one job each: ``catalogue`` (categories, the norm table with provincial overrides), ``budget`` (dự
toán with adjustments, the configurable minimum), ``ledger`` (expenditures with their warnings and paged
list), ``summary`` (planned vs spent of a year), ``payments`` (what the ledger paid for other features'
records), ``exports`` (Excel); ``facts(year)`` feeds the scoring module and the reports.

Collaborators: settings and the ward profile (core); dissemination (sessions and plan tasks an expense links
to, funded tasks) and mediation (fee requests and teams an expense links to, the amounts due). Finance sits
above both. Mediation reads ``catalogue`` and ``payments`` back through its ``ports``; that is why those
two parts are built first and handed in (``services.registry``)."""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import FinanceFacts, MediationFacts
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.services.dissemination.service import DisseminationService
from pbgdpl_desktop.services.finance import facts
from pbgdpl_desktop.services.finance.budget import BudgetService
from pbgdpl_desktop.services.finance.catalogue import CatalogueService
from pbgdpl_desktop.services.finance.exports import ExportService
from pbgdpl_desktop.services.finance.ledger import LedgerService
from pbgdpl_desktop.services.finance.links import LinkChecker
from pbgdpl_desktop.services.finance.payments import PaymentQueries
from pbgdpl_desktop.services.finance.summary import SummaryService
from pbgdpl_desktop.services.mediation.service import MediationService


class FinanceService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        settings: SettingsService,
        ward: WardService,
        catalogue: CatalogueService,
        payments: PaymentQueries,
        dissemination: DisseminationService,
        mediation: MediationService,
    ) -> None:
        self._dissemination = dissemination
        self._mediation = mediation
        self.catalogue = catalogue
        self.payments = payments
        self.budget = BudgetService(ctx, settings)
        self.ledger = LedgerService(ctx, LinkChecker(dissemination, mediation))
        self.summary = SummaryService(ctx, settings)
        self.exports = ExportService(
            ctx, ward=ward, catalogue=catalogue, ledger=self.ledger, summary=self.summary
        )

    def facts(self, year: int, *, mediation_facts: MediationFacts | None = None) -> FinanceFacts:
        """Facts of ``year`` for the standard and the reports (``domain.facts``; conventions in ``facts``);
        ``mediation_facts`` of the same year when the caller has them already."""
        return facts.compute(
            year,
            summary=self.summary,
            payments=self.payments,
            plans=self._dissemination.plans,
            mediation=self._mediation,
            mediation_facts=mediation_facts,
        )
