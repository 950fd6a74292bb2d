"""Chuẩn tiếp cận pháp luật: the yearly self-assessment (manual values with notes and evidence, procedure
checklist, what-if scoring, saved results with ruleset id + version), rule files and the registers.

Scoring itself is ``pbgdpl_desktop.scoring`` (pure); this service gathers the facts, the manual values and
the working calendar, and stores what the clerk decides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.assessment import AssessmentInfo, ProcedureEntry, RulesetInfo, SavedResult
from pbgdpl_desktop.domain.calendar import HolidayRow, WorkingCalendar
from pbgdpl_desktop.domain.changes import ASSESSMENT, EVIDENCE, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import NotFoundError, ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.scoring import AssessmentResult, Ruleset, score, to_json
from pbgdpl_desktop.scoring.model import ProcedureStep
from pbgdpl_desktop.scoring.values import to_json_value, validate_manual
from pbgdpl_desktop.services import assessment_facts, holidays
from pbgdpl_desktop.services.assessment_registers import AssessmentRegisters
from pbgdpl_desktop.services.assessment_rulesets import RulesetStore
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.evidence import EvidenceDTO

NOTE_TABLE = "assessment_note"


class AssessmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.rulesets = RulesetStore(ctx.data_dir)
        self.registers = AssessmentRegisters(ctx)

    # ------------------------------------------------------------------ assessments
    def years(self) -> list[int]:
        with self._ctx.db.read() as session:
            return assessment_repo.years(session)

    def get(self, year: int) -> AssessmentInfo | None:
        with self._ctx.db.read() as session:
            row = assessment_repo.get_assessment(session, year)
            return (
                None
                if row is None
                else AssessmentInfo(row.id, row.year, row.ruleset_id, row.ruleset_version, row.note)
            )

    def open(self, year: int, ruleset_id: str | None = None) -> tuple[AssessmentInfo, Changes]:
        """The assessment of ``year``, created with the applicable (or given) ruleset if there is none."""
        if not 2000 <= year <= 2100:
            raise ValidationError(f"Năm đánh giá {year} không hợp lệ.", field="year")
        existing = self.get(year)
        if existing is not None:
            return existing, Changes()
        rs = self.rulesets.get(ruleset_id) if ruleset_id else self.rulesets.for_year(year)
        with self._ctx.db.transaction() as session:
            row = assessment_repo.add_assessment(session, year, rs.id, rs.version)
            info = AssessmentInfo(row.id, year, rs.id, rs.version)
        return info, Changes.of(ASSESSMENT)

    def _require(self, year: int) -> AssessmentInfo:
        info = self.get(year)
        if info is None:
            raise NotFoundError(f"Chưa có bản tự đánh giá năm {year}.")
        return info

    def ruleset_of(self, year: int) -> Ruleset:
        info = self.get(year)
        if info is None:
            return self.rulesets.for_year(year)
        return self.rulesets.get(info.ruleset_id, info.ruleset_version)

    def use_ruleset(self, year: int, ruleset_id: str, version: int | None = None) -> Changes:
        """Score ``year`` with another ruleset / version (saved results keep the one they used)."""
        rs = self.rulesets.get(ruleset_id, version)
        info = self._require(year)
        with self._ctx.db.transaction() as session:
            row = assessment_repo.get_assessment(session, info.year)
            row.ruleset_id, row.ruleset_version = rs.id, rs.version
        return Changes.of(ASSESSMENT)

    def catalog(self) -> list[RulesetInfo]:
        return self.rulesets.catalog()

    def save_ruleset_edits(
        self, ruleset_id: str, base_version: int, edits: dict[str, dict[str, Any]]
    ) -> Ruleset:
        return self.rulesets.save_edits(ruleset_id, base_version, edits)

    def import_ruleset(self, path: Path) -> Ruleset:
        return self.rulesets.import_file(path)

    # ------------------------------------------------------------------ manual values, notes, evidence
    def manual_values(self, year: int) -> dict[str, Any]:
        info = self.get(year)
        if info is None:
            return {}
        with self._ctx.db.read() as session:
            return {k: json.loads(v) for k, v in assessment_repo.values(session, info.id).items()}

    def set_value(self, year: int, key: str, value: Any) -> Changes:
        """Save a manual value (``input.<code>``) or an override of a computed fact; ``None`` clears it.
        Refused with a Vietnamese message when out of range; nothing is saved then."""
        info, changes = self.open(year)
        value = validate_manual(self.ruleset_of(year), key, value)
        stored = None if value is None else json.dumps(to_json_value(value), ensure_ascii=False)
        with self._ctx.db.transaction() as session:
            assessment_repo.put_value(session, info.id, key, stored, self._ctx.clock.now())
        return changes | Changes.of(ASSESSMENT)

    def set_values(self, year: int, values: dict[str, Any]) -> Changes:
        """Several manual values in one transaction; all are checked first (nothing saved if one is wrong)."""
        info, changes = self.open(year)
        rs = self.ruleset_of(year)
        checked = {key: validate_manual(rs, key, value) for key, value in values.items()}
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            for key, value in checked.items():
                stored = None if value is None else json.dumps(to_json_value(value), ensure_ascii=False)
                assessment_repo.put_value(session, info.id, key, stored, now)
        return changes | Changes.of(ASSESSMENT)

    def notes(self, year: int) -> dict[str, str]:
        info = self.get(year)
        if info is None:
            return {}
        with self._ctx.db.read() as session:
            return {code: text for code, (_id, text) in assessment_repo.notes(session, info.id).items()}

    def set_note(self, year: int, code: str, note: str) -> Changes:
        info, changes = self.open(year)
        self._check_code(year, code)
        with self._ctx.db.transaction() as session:
            row = assessment_repo.note_row(session, info.id, code, create=True)
            row.note = clean(note)
            row.deleted_at = None
        return changes | Changes.of(ASSESSMENT)

    def _check_code(self, year: int, code: str) -> None:
        if self.ruleset_of(year).node(code) is None:
            raise NotFoundError(f"Bộ tiêu chí không có chỉ tiêu “{code}”.")

    def note_id(self, year: int, code: str) -> str:
        """Id of the indicator's note row (created if needed): evidence files link to it."""
        info, _ = self.open(year)
        self._check_code(year, code)
        with self._ctx.db.transaction() as session:
            return assessment_repo.note_row(session, info.id, code, create=True).id

    def attach_evidence(
        self, year: int, code: str, path: Path, note: str = ""
    ) -> tuple[EvidenceDTO, Changes]:
        assert self._ctx.services is not None
        dto, changes = self._ctx.services.evidence.attach(
            Path(path), NOTE_TABLE, self.note_id(year, code), note
        )
        return dto, changes | Changes.of(ASSESSMENT, EVIDENCE)

    def evidence(self, year: int, code: str) -> list[EvidenceDTO]:
        assert self._ctx.services is not None
        info = self.get(year)
        if info is None:
            return []
        with self._ctx.db.read() as session:
            row = assessment_repo.note_row(session, info.id, code, create=False)
            note_id = row.id if row is not None else None
        return self._ctx.services.evidence.list_for(NOTE_TABLE, note_id) if note_id else []

    # ------------------------------------------------------------------ scoring
    def facts(self, year: int, ruleset: Ruleset | None = None) -> dict[str, Any]:
        """Computed facts of ``year``; with a ruleset, only the modules it reads are asked."""
        refs = (
            None
            if ruleset is None
            else [r for n in ruleset.nodes() for r in n.refs()] + [d.ref for d in ruleset.disqualifiers]
        )
        return assessment_facts.collect(self._ctx, year, refs)

    def calendar(self) -> WorkingCalendar:
        return holidays.working_calendar(self._ctx)

    def workspace(self, year: int, what_if: dict[str, Any] | None = None) -> Workspace:
        """Everything the workspace page shows for a year, computed once (facts collected once)."""
        rs = self.ruleset_of(year)
        facts = self.facts(year, rs)
        manual = self.manual_values(year)
        merged = dict(manual)
        for key, value in (what_if or {}).items():
            merged[key] = to_json_value(validate_manual(rs, key, value))
        result = score(rs, year, facts, merged, self.calendar())
        return Workspace(year, rs, facts, manual, result, self.get(year) is not None)

    def compute(
        self, year: int, what_if: dict[str, Any] | None = None, *, ruleset: Ruleset | None = None
    ) -> AssessmentResult:
        """Score ``year`` now. ``what_if`` values replace the saved manual values for this computation only
        (the "what if" mode); nothing is written."""
        rs = ruleset or self.ruleset_of(year)
        manual = self.manual_values(year)
        for key, value in (what_if or {}).items():
            manual[key] = to_json_value(validate_manual(rs, key, value))
        return score(rs, year, self.facts(year, rs), manual, self.calendar())

    def save_result(self, year: int) -> tuple[SavedResult, Changes]:
        info, changes = self.open(year)
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
        info = self.get(year)
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

    # ------------------------------------------------------------------ procedure checklist
    def checklist(self, year: int) -> list[ProcedureEntry]:
        rs = self.ruleset_of(year)
        info = self.get(year)
        saved = {}
        if info is not None:
            with self._ctx.db.read() as session:
                saved = {
                    c: (r.start_date, r.end_date, r.place, r.note)
                    for c, r in assessment_repo.steps(session, info.id).items()
                }
        deadlines = {d.code: date(year + d.year_offset, d.month, d.day) for d in rs.deadlines}
        today = self._ctx.clock.today()
        return [
            _entry(
                step,
                saved.get(step.code, (None, None, "", "")),
                deadlines.get(step.deadline) if step.deadline else None,
                today,
            )
            for step in rs.steps
        ]

    def set_step(
        self,
        year: int,
        code: str,
        start: date | None,
        end: date | None = None,
        place: str = "",
        note: str = "",
    ) -> Changes:
        step = next((s for s in self.ruleset_of(year).steps if s.code == code), None)
        if step is None:
            raise NotFoundError(f"Quy trình không có bước “{code}”.")
        if end is not None and start is None:
            raise ValidationError("Hãy nhập ngày bắt đầu trước ngày kết thúc.", field="start_date")
        if start is not None and end is not None and end < start:
            raise ValidationError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
        info, changes = self.open(year)
        with self._ctx.db.transaction() as session:
            assessment_repo.put_step(
                session,
                info.id,
                code,
                start_date=start,
                end_date=end if step.has_end else None,
                place=clean(place),
                note=clean(note),
            )
        return changes | Changes.of(ASSESSMENT)

    # ------------------------------------------------------------------ holidays
    def add_day_off(self, day: date, name: str, kind: str = "compensatory", source: str = "") -> Changes:
        return holidays.add_user_holiday(self._ctx, day, name, kind, source)

    def remove_day_off(self, day: date) -> Changes:
        return holidays.remove_user_holiday(self._ctx, day)

    def days_off_added(self) -> tuple[HolidayRow, ...]:
        return holidays.user_holidays(self._ctx)


@dataclass(frozen=True)
class Workspace:
    year: int
    ruleset: Ruleset
    facts: dict[str, Any]
    manual: dict[str, Any]  # saved manual values (JSON form)
    result: AssessmentResult
    saved: bool  # the assessment row exists


def _entry(step: ProcedureStep, saved: tuple, deadline: date | None, today: date) -> ProcedureEntry:
    start, end, place, note = saved
    status, message = _step_status(step, start, end, deadline, today)
    return ProcedureEntry(
        step.code,
        step.title,
        start,
        end,
        place,
        note,
        step.has_end,
        step.place,
        deadline,
        status,
        message,
        step.unconfirmed,
    )


def _step_status(
    step: ProcedureStep, start: date | None, end: date | None, deadline: date | None, today: date
) -> tuple[str, str]:
    if start is None:
        if deadline is None:
            return "todo", "Chưa thực hiện."
        left = (deadline - today).days
        if left < 0:
            return "late", f"Quá hạn {format_date(deadline)} đã {-left} ngày."
        return "todo", f"Còn {left} ngày đến hạn {format_date(deadline)}."
    if step.has_end and end is None:
        return "problem", "Chưa nhập ngày kết thúc."
    if step.has_end and step.min_days and end is not None and (end - start).days + 1 < step.min_days:
        return "problem", f"Chỉ {(end - start).days + 1} ngày, cần ít nhất {step.min_days} ngày."
    if deadline is not None and start > deadline:
        return "late", f"Thực hiện ngày {format_date(start)}, sau hạn {format_date(deadline)}."
    return "done", "Đã thực hiện " + (
        f"từ {format_date(start)} đến {format_date(end)}." if end else f"ngày {format_date(start)}."
    )
