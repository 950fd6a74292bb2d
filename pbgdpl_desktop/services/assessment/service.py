"""Chuẩn tiếp cận pháp luật — the façade the UI and the CLI talk to. Returns DTOs and ``Changes``; Qt-free.

Parts, one job each: ``rulesets`` (shipped and local rule files), ``records`` (the assessment of a year:
ruleset, manual values, notes, evidence), ``scoring`` (facts + engine, saved results), ``procedure`` (the
steps and their deadlines), ``registers`` (the ward's legal documents and information requests).
Collaborators: evidence and the working calendar (core); the facts of dissemination, mediation and finance
and the finance norm table, as the small interfaces of ``facts`` (``YearFacts``, ``RatesInForce``).

Scoring itself is ``pbgdpl_desktop.scoring`` (pure)."""

from __future__ import annotations

from pbgdpl_desktop.domain.facts import DisseminationFacts, MediationFacts
from pbgdpl_desktop.services.assessment.facts import FactCollector, FinanceYearFacts, RatesInForce, YearFacts
from pbgdpl_desktop.services.assessment.procedure import ProcedureService
from pbgdpl_desktop.services.assessment.records import AssessmentRecords
from pbgdpl_desktop.services.assessment.registers import AssessmentRegisters
from pbgdpl_desktop.services.assessment.rulesets import RulesetStore
from pbgdpl_desktop.services.assessment.scoring import ScoringService
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceService
from pbgdpl_desktop.services.core.holidays import HolidayService


class AssessmentService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        evidence: EvidenceService,
        holidays: HolidayService,
        dissemination: YearFacts[DisseminationFacts],
        mediation: YearFacts[MediationFacts],
        finance: FinanceYearFacts,
        rates: RatesInForce,
    ) -> None:
        self.rulesets = RulesetStore(ctx.data_dir, ctx)
        self.registers = AssessmentRegisters(ctx)
        self.records = AssessmentRecords(ctx, self.rulesets, evidence)
        collector = FactCollector(
            ctx, dissemination=dissemination, mediation=mediation, finance=finance, rates=rates
        )
        self.scoring = ScoringService(ctx, self.records, collector, holidays)
        self.procedure = ProcedureService(ctx, self.records)
