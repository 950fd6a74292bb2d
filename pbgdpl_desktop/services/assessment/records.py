"""The self-assessment of a year and what the clerk enters for it: the ruleset it is scored with, manual
values and overrides of computed facts, a note and evidence files per indicator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.assessment import AssessmentInfo
from pbgdpl_desktop.domain.changes import ASSESSMENT, EVIDENCE, Changes
from pbgdpl_desktop.domain.errors import NotFoundError, ValidationError
from pbgdpl_desktop.domain.text import checked_text
from pbgdpl_desktop.persistence.live import revive
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.scoring import Ruleset
from pbgdpl_desktop.scoring.values import to_json_value, validate_manual
from pbgdpl_desktop.services.assessment.rulesets import RulesetStore
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceDTO, EvidenceService

NOTE_TABLE = "assessment_note"


class AssessmentRecords:
    def __init__(self, ctx: ServiceContext, rulesets: RulesetStore, evidence: EvidenceService) -> None:
        self._ctx = ctx
        self._rulesets = rulesets
        self._evidence = evidence

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
        rs = self._rulesets.get(ruleset_id) if ruleset_id else self._rulesets.for_year(year)
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
            return self._rulesets.for_year(year)
        return self._rulesets.get(info.ruleset_id, info.ruleset_version)

    def use_ruleset(self, year: int, ruleset_id: str, version: int | None = None) -> Changes:
        """Score ``year`` with another ruleset / version (saved results keep the one they used)."""
        rs = self._rulesets.get(ruleset_id, version)
        info = self._require(year)
        with self._ctx.db.transaction() as session:
            row = assessment_repo.get_assessment(session, info.year)
            assert row is not None, "checked by _require in this transaction's caller"
            row.ruleset_id, row.ruleset_version = rs.id, rs.version
        return Changes.of(ASSESSMENT)

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
            row = assessment_repo.note_row(session, info.id, code)
            row.note = checked_text(note, "note")
            revive(row)
        return changes | Changes.of(ASSESSMENT)

    def _check_code(self, year: int, code: str) -> None:
        if self.ruleset_of(year).node(code) is None:
            raise NotFoundError(f"Bộ tiêu chí không có chỉ tiêu “{code}”.")

    def note_id(self, year: int, code: str) -> str:
        """Id of the indicator's note row (created if needed): evidence files link to it."""
        info, _ = self.open(year)
        self._check_code(year, code)
        with self._ctx.db.transaction() as session:
            return assessment_repo.note_row(session, info.id, code).id

    def attach_evidence(
        self, year: int, code: str, path: Path, note: str = ""
    ) -> tuple[EvidenceDTO, Changes]:
        dto, changes = self._evidence.attach(Path(path), NOTE_TABLE, self.note_id(year, code), note)
        return dto, changes | Changes.of(ASSESSMENT, EVIDENCE)

    def evidence(self, year: int, code: str) -> list[EvidenceDTO]:
        info = self.get(year)
        if info is None:
            return []
        with self._ctx.db.read() as session:
            row = assessment_repo.find_note(session, info.id, code)
            note_id = row.id if row is not None else None
        return self._evidence.list_for(NOTE_TABLE, note_id) if note_id else []
