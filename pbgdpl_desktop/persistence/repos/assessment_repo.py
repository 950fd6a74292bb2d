"""Queries of the assessment module (assessments, values, notes, steps, results, registers, user holidays)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live, revive, tombstone
from pbgdpl_desktop.persistence.models.assessment import (
    Assessment,
    AssessmentNote,
    AssessmentResultRow,
    AssessmentStep,
    AssessmentValue,
    InfoRequest,
    WardLegalDocument,
)


def get_assessment(session: Session, year: int) -> Assessment | None:
    return session.scalars(select(Assessment).where(Assessment.year == year, live(Assessment))).first()


def years(session: Session) -> list[int]:
    return list(session.scalars(select(Assessment.year).where(live(Assessment)).order_by(Assessment.year)))


def add_assessment(session: Session, year: int, ruleset_id: str, version: int) -> Assessment:
    row = Assessment(year=year, ruleset_id=ruleset_id, ruleset_version=version, note="")
    session.add(row)
    session.flush()
    return row


def values(session: Session, assessment_id: str) -> dict[str, str]:
    rows = session.execute(
        select(AssessmentValue.key, AssessmentValue.value_json).where(
            AssessmentValue.assessment_id == assessment_id, live(AssessmentValue)
        )
    )
    return dict(rows.all())


def put_value(session: Session, assessment_id: str, key: str, value_json: str | None, now: datetime) -> None:
    row = session.scalars(
        select(AssessmentValue).where(
            AssessmentValue.assessment_id == assessment_id, AssessmentValue.key == key
        )
    ).first()
    if value_json is None:
        if row is not None:
            tombstone(row, now)
        return
    if row is None:
        session.add(AssessmentValue(assessment_id=assessment_id, key=key, value_json=value_json))
    else:
        row.value_json = value_json
        revive(row)


def find_note(session: Session, assessment_id: str, code: str) -> AssessmentNote | None:
    """The note row of an indicator (even one whose text was cleared), or None."""
    return session.scalars(
        select(AssessmentNote).where(
            AssessmentNote.assessment_id == assessment_id, AssessmentNote.code == code
        )
    ).first()


def note_row(session: Session, assessment_id: str, code: str) -> AssessmentNote:
    """The note row of an indicator, created (empty) if there is none yet."""
    row = find_note(session, assessment_id, code)
    if row is None:
        row = AssessmentNote(assessment_id=assessment_id, code=code, note="")
        session.add(row)
        session.flush()
    return row


def notes(session: Session, assessment_id: str) -> dict[str, tuple[str, str]]:
    """code → (note id, note text)."""
    rows = session.execute(
        select(AssessmentNote.code, AssessmentNote.id, AssessmentNote.note).where(
            AssessmentNote.assessment_id == assessment_id, live(AssessmentNote)
        )
    )
    return {code: (nid, text) for code, nid, text in rows.all()}


def steps(session: Session, assessment_id: str) -> dict[str, AssessmentStep]:
    rows = session.scalars(
        select(AssessmentStep).where(AssessmentStep.assessment_id == assessment_id, live(AssessmentStep))
    )
    return {r.code: r for r in rows}


def put_step(session: Session, assessment_id: str, code: str, **fields: Any) -> None:
    row = session.scalars(
        select(AssessmentStep).where(
            AssessmentStep.assessment_id == assessment_id, AssessmentStep.code == code
        )
    ).first()
    if row is None:
        row = AssessmentStep(assessment_id=assessment_id, code=code)
        session.add(row)
    for key, value in fields.items():
        setattr(row, key, value)
    revive(row)


def add_result(session: Session, assessment_id: str, **fields: Any) -> AssessmentResultRow:
    row = AssessmentResultRow(assessment_id=assessment_id, **fields)
    session.add(row)
    session.flush()
    return row


def results(session: Session, assessment_id: str) -> list[AssessmentResultRow]:
    return list(
        session.scalars(
            select(AssessmentResultRow)
            .where(AssessmentResultRow.assessment_id == assessment_id, live(AssessmentResultRow))
            .order_by(AssessmentResultRow.computed_at.desc(), AssessmentResultRow.change_seq.desc())
        )
    )


# ---------------------------------------------------------------------------------------- registers
def documents(session: Session, year: int) -> list[WardLegalDocument]:
    return list(
        session.scalars(
            select(WardLegalDocument)
            .where(WardLegalDocument.year == year, live(WardLegalDocument))
            .order_by(WardLegalDocument.deadline, WardLegalDocument.created_at)
        )
    )


def document_counts(session: Session, year: int) -> dict[str, int]:
    d = WardLegalDocument
    issued = d.issue_date.is_not(None)
    on_time = issued & (d.deadline.is_(None) | (d.issue_date <= d.deadline))

    def total(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    row = session.execute(
        select(
            func.count(d.id),
            total(issued),
            total(on_time),
            total(issued & d.handled_unlawful),
            total(issued & d.draft_required),
            total(issued & d.draft_required & d.draft_communicated),
            total(issued & d.self_inspected),
            total(issued & d.disclosed),
        ).where(d.year == year, live(d))
    ).one()
    keys = (
        "assigned",
        "issued",
        "issued_on_time",
        "unlawful_handled",
        "drafts_required",
        "drafts_communicated",
        "self_inspected",
        "disclosed",
    )
    return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}


def requests(session: Session, year: int) -> list[InfoRequest]:
    return list(
        session.scalars(
            select(InfoRequest)
            .where(InfoRequest.year == year, live(InfoRequest))
            .order_by(InfoRequest.received_on, InfoRequest.created_at)
        )
    )


def request_counts(session: Session, year: int) -> dict[str, int]:
    r = InfoRequest
    answered = r.answered_on.is_not(None)
    row = session.execute(
        select(
            func.count(r.id),
            func.coalesce(func.sum(case((answered, 1), else_=0)), 0),
            func.coalesce(func.sum(case((answered & (r.answered_on <= r.due_on), 1), else_=0)), 0),
        ).where(r.year == year, live(r))
    ).one()
    return {"received": int(row[0]), "answered": int(row[1]), "answered_on_time": int(row[2])}
