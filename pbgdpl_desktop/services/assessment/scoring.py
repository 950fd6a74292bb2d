"""Scoring a year: the facts computed from the records, the saved manual values and the working calendar go
into the pure engine (``pbgdpl_desktop.scoring``); a result can be saved with the ruleset id and version it
used. A "what if" computation never writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pbgdpl_desktop.domain.assessment import SavedResult
from pbgdpl_desktop.domain.changes import ASSESSMENT, Changes
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.scoring import AssessmentResult, Ruleset, score, to_json
from pbgdpl_desktop.scoring.values import to_json_value, validate_manual
from pbgdpl_desktop.services.assessment.facts import FactCollector
from pbgdpl_desktop.services.assessment.records import AssessmentRecords
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.holidays import HolidayService


@dataclass(frozen=True)
class Workspace:
    year: int
    ruleset: Ruleset
    facts: dict[str, Any]
    manual: dict[str, Any]  # saved manual values (JSON form)
    result: AssessmentResult
    saved: bool  # the assessment row exists


class ScoringService:
    def __init__(
        self, ctx: ServiceContext, records: AssessmentRecords, facts: FactCollector, holidays: HolidayService
    ) -> None:
        self._ctx = ctx
        self._records = records
        self._facts = facts
        self._holidays = holidays

    def facts(self, year: int, ruleset: Ruleset | None = None) -> dict[str, Any]:
        """Computed facts of ``year``; with a ruleset, only the modules it reads are asked."""
        refs = (
            None
            if ruleset is None
            else [r for n in ruleset.nodes() for r in n.refs()] + [d.ref for d in ruleset.disqualifiers]
        )
        return self._facts.collect(year, refs)

    def workspace(self, year: int, what_if: dict[str, Any] | None = None) -> Workspace:
        """Everything the workspace page shows for a year, computed once (facts collected once)."""
        rs = self._records.ruleset_of(year)
        facts = self.facts(year, rs)
        manual = self._records.manual_values(year)
        merged = dict(manual)
        for key, value in (what_if or {}).items():
            merged[key] = to_json_value(validate_manual(rs, key, value))
        result = score(rs, year, facts, merged, self._holidays.calendar())
        return Workspace(year, rs, facts, manual, result, self._records.get(year) is not None)

    def compute(
        self, year: int, what_if: dict[str, Any] | None = None, *, ruleset: Ruleset | None = None
    ) -> AssessmentResult:
        """Score ``year`` now. ``what_if`` values replace the saved manual values for this computation only
        (the "what if" mode); nothing is written."""
        rs = ruleset or self._records.ruleset_of(year)
        manual = self._records.manual_values(year)
        for key, value in (what_if or {}).items():
            manual[key] = to_json_value(validate_manual(rs, key, value))
        return score(rs, year, self.facts(year, rs), manual, self._holidays.calendar())

    def save_result(self, year: int) -> tuple[SavedResult, Changes]:
        info, changes = self._records.open(year)
        result = self.compute(year)
        data = to_json(result)
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            row = assessment_repo.add_result(
                session,
                info.id,
                ruleset_id=result.ruleset_id,
                ruleset_version=result.ruleset_version,
                computed_at=now,
                verdict=result.verdict.value,
                total=None if result.total is None else str(result.total),
                result_json=json.dumps(data, ensure_ascii=False),
            )
            saved = SavedResult(
                row.id, year, row.ruleset_id, row.ruleset_version, now, row.verdict, row.total, data
            )
        return saved, changes | Changes.of(ASSESSMENT)

    def saved_results(self, year: int) -> list[SavedResult]:
        info = self._records.get(year)
        if info is None:
            return []
        with self._ctx.db.read() as session:
            return [
                SavedResult(
                    r.id,
                    year,
                    r.ruleset_id,
                    r.ruleset_version,
                    r.computed_at,
                    r.verdict,
                    r.total,
                    json.loads(r.result_json),
                )
                for r in assessment_repo.results(session, info.id)
            ]
