"""Queries for the yearly plan and tasks, speakers and trainings, legal documents and the bookcase."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.bulk_insert import insert_new
from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.base import Base
from pbgdpl_desktop.persistence.models.dissemination import (
    BookcaseItemRow,
    BookcaseLoanRow,
    LegalDocumentRow,
    PlanRow,
    PlanTaskRow,
    SpeakerRow,
    SpeakerTrainingRow,
)

T = TypeVar("T", bound=Base)


def add(session: Session, row: Base) -> None:
    session.add(row)
    session.flush()


# ------------------------------------------------------------------ plan
def plan_of_year(session: Session, year: int) -> PlanRow | None:
    return session.scalars(
        select(PlanRow).where(PlanRow.year == year, live(PlanRow)).order_by(PlanRow.created_at).limit(1)
    ).first()


def plan_years(session: Session) -> list[int]:
    return list(
        session.scalars(select(PlanRow.year).where(live(PlanRow)).order_by(PlanRow.year.desc())).all()
    )


def tasks_of_plan(session: Session, plan_id: str) -> list[PlanTaskRow]:
    return list(
        session.scalars(
            select(PlanTaskRow)
            .where(PlanTaskRow.plan_id == plan_id, live(PlanTaskRow))
            # change_seq breaks the ties of tasks added in one batch (#17 §5): the order they were given in
            .order_by(PlanTaskRow.arising, PlanTaskRow.due_on, PlanTaskRow.created_at, PlanTaskRow.change_seq)
        ).all()
    )


def insert_tasks(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """New plan tasks in one statement (ids given by the caller)."""
    insert_new(session, PlanTaskRow, rows, now=now)


# ------------------------------------------------------------------ speakers
def live_speaker_ids(session: Session, speaker_ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(speaker_ids))
    stmt = select(SpeakerRow.id).where(live(SpeakerRow), SpeakerRow.id.in_(wanted))
    return set(session.scalars(stmt).all())


def insert_speaker_trainings(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """New trainings of speakers in one statement."""
    insert_new(session, SpeakerTrainingRow, rows, now=now)


def speakers(session: Session) -> list[SpeakerRow]:
    return list(session.scalars(select(SpeakerRow).where(live(SpeakerRow))).all())


def trainings(session: Session, speaker_id: str | None = None) -> list[SpeakerTrainingRow]:
    stmt = select(SpeakerTrainingRow).where(live(SpeakerTrainingRow))
    if speaker_id is not None:
        stmt = stmt.where(SpeakerTrainingRow.speaker_id == speaker_id)
    return list(session.scalars(stmt.order_by(SpeakerTrainingRow.trained_on.desc())).all())


def online_trainings_between(session: Session, start: date, end: date) -> int:
    return session.execute(
        select(func.count())
        .select_from(SpeakerTrainingRow)
        .where(
            live(SpeakerTrainingRow),
            SpeakerTrainingRow.online.is_(True),
            SpeakerTrainingRow.trained_on >= start,
            SpeakerTrainingRow.trained_on <= end,
        )
    ).scalar_one()


def trained_speaker_ids(session: Session, start: date, end: date) -> set[str]:
    stmt = select(SpeakerTrainingRow.speaker_id).where(
        live(SpeakerTrainingRow),
        SpeakerTrainingRow.trained_on >= start,
        SpeakerTrainingRow.trained_on <= end,
    )
    return set(session.scalars(stmt).all())


# ------------------------------------------------------------------ catalogue and bookcase
def documents(session: Session) -> list[LegalDocumentRow]:
    return list(session.scalars(select(LegalDocumentRow).where(live(LegalDocumentRow))).all())


def document_ids(session: Session) -> set[str]:
    return set(session.scalars(select(LegalDocumentRow.id)).all())


def bookcase_items(session: Session) -> list[BookcaseItemRow]:
    return list(
        session.scalars(
            select(BookcaseItemRow).where(live(BookcaseItemRow)).order_by(BookcaseItemRow.title)
        ).all()
    )


def loans(session: Session, item_id: str | None = None) -> list[BookcaseLoanRow]:
    stmt = select(BookcaseLoanRow).where(live(BookcaseLoanRow))
    if item_id is not None:
        stmt = stmt.where(BookcaseLoanRow.item_id == item_id)
    return list(session.scalars(stmt.order_by(BookcaseLoanRow.loaned_on.desc())).all())


def open_loans_count(session: Session, item_id: str) -> int:
    return session.execute(
        select(func.count())
        .select_from(BookcaseLoanRow)
        .where(
            BookcaseLoanRow.item_id == item_id,
            live(BookcaseLoanRow),
            BookcaseLoanRow.returned_on.is_(None),
        )
    ).scalar_one()


def loans_between(session: Session, start: date, end: date) -> int:
    return session.execute(
        select(func.count())
        .select_from(BookcaseLoanRow)
        .where(
            live(BookcaseLoanRow),
            BookcaseLoanRow.loaned_on >= start,
            BookcaseLoanRow.loaned_on <= end,
        )
    ).scalar_one()
