"""All services of one open database, built by ``app.build_services``."""

from __future__ import annotations

from dataclasses import dataclass

from pbgdpl_desktop.services.assessment import AssessmentService
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.dissemination import DisseminationService
from pbgdpl_desktop.services.evidence import EvidenceService
from pbgdpl_desktop.services.finance import FinanceService
from pbgdpl_desktop.services.mediation import MediationService
from pbgdpl_desktop.services.reports import ReportService
from pbgdpl_desktop.services.settings import SettingsService
from pbgdpl_desktop.services.ward import WardService


@dataclass
class Services:
    ctx: ServiceContext
    ward: WardService
    settings: SettingsService
    evidence: EvidenceService
    dissemination: DisseminationService
    mediation: MediationService
    finance: FinanceService
    assessment: AssessmentService
    reports: ReportService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        services = cls(
            ctx=ctx,
            ward=WardService(ctx.db),
            settings=SettingsService(ctx),
            evidence=EvidenceService(ctx),
            dissemination=DisseminationService(ctx),
            mediation=MediationService(ctx),
            finance=FinanceService(ctx),
            assessment=AssessmentService(ctx),
            reports=ReportService(ctx),
        )
        ctx.services = services
        return services
