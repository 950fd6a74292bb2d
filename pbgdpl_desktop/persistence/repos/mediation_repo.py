"""Queries of the mediation teams and mediators (membership history, training, coordination)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.domain.text import natural_key
from pbgdpl_desktop.persistence.bulk_insert import insert_new
from pbgdpl_desktop.persistence.live import get_live, live
from pbgdpl_desktop.persistence.models.mediation import (
    MediationCoordination,
    MediationTeam,
    Mediator,
    MediatorMembership,
    MediatorTraining,
)


def team(session: Session, team_id: str) -> MediationTeam | None:
    return get_live(session, MediationTeam, team_id)


def mediator(session: Session, mediator_id: str) -> Mediator | None:
    return get_live(session, Mediator, mediator_id)


def teams(session: Session) -> Sequence[MediationTeam]:
    """Live teams in natural order ("Tổ hòa giải số 2" before "số 10")."""
    rows = session.scalars(select(MediationTeam).where(live(MediationTeam))).all()
    return sorted(rows, key=lambda team: natural_key(team.name))


def team_by_folded_name(session: Session, name_folded: str) -> MediationTeam | None:
    stmt = select(MediationTeam).where(live(MediationTeam), MediationTeam.name_folded == name_folded)
    return session.scalars(stmt).first()


def _active_on(on: date) -> ColumnElement[bool]:
    return and_(
        live(MediatorMembership),
        MediatorMembership.from_date <= on,
        or_(MediatorMembership.to_date.is_(None), MediatorMembership.to_date >= on),
    )


def members_on(session: Session, team_id: str, on: date) -> Sequence[Mediator]:
    """Mediators of the team on a date (member then and not released by then)."""
    stmt = (
        select(Mediator)
        .join(MediatorMembership, MediatorMembership.mediator_id == Mediator.id)
        .where(
            MediatorMembership.team_id == team_id,
            _active_on(on),
            live(Mediator),
            or_(Mediator.release_date.is_(None), Mediator.release_date > on),
        )
        .order_by(Mediator.name_folded)
    )
    return session.scalars(stmt).unique().all()


def all_members_on(session: Session, on: date) -> Sequence[tuple[str, Mediator]]:
    """(team_id, mediator) for every team at once."""
    stmt = (
        select(MediatorMembership.team_id, Mediator)
        .join(Mediator, MediatorMembership.mediator_id == Mediator.id)
        .where(
            _active_on(on), live(Mediator), or_(Mediator.release_date.is_(None), Mediator.release_date > on)
        )
    )
    return [(t, m) for t, m in session.execute(stmt).all()]


def open_membership(session: Session, mediator_id: str) -> MediatorMembership | None:
    stmt = (
        select(MediatorMembership)
        .where(
            MediatorMembership.mediator_id == mediator_id,
            live(MediatorMembership),
            MediatorMembership.to_date.is_(None),
        )
        .order_by(MediatorMembership.from_date.desc())
    )
    return session.scalars(stmt).first()


def memberships(session: Session, mediator_id: str) -> Sequence[tuple[MediatorMembership, str]]:
    stmt = (
        select(MediatorMembership, MediationTeam.name)
        .join(MediationTeam, MediationTeam.id == MediatorMembership.team_id)
        .where(MediatorMembership.mediator_id == mediator_id, live(MediatorMembership))
        .order_by(MediatorMembership.from_date, MediatorMembership.created_at)
    )
    return [(m, name) for m, name in session.execute(stmt).all()]


def current_teams(session: Session) -> dict[str, tuple[str, str]]:
    """mediator id → (team id, team name) of the open membership."""
    stmt = (
        select(MediatorMembership.mediator_id, MediationTeam.id, MediationTeam.name)
        .join(MediationTeam, MediationTeam.id == MediatorMembership.team_id)
        .where(live(MediatorMembership), MediatorMembership.to_date.is_(None))
        .order_by(MediatorMembership.from_date)
    )
    return {mid: (tid, name) for mid, tid, name in session.execute(stmt).all()}


def mediators(session: Session, team_id: str | None = None) -> Sequence[Mediator]:
    stmt = select(Mediator).where(live(Mediator))
    if team_id is not None:
        stmt = stmt.join(MediatorMembership, MediatorMembership.mediator_id == Mediator.id).where(
            MediatorMembership.team_id == team_id, live(MediatorMembership)
        )
    return session.scalars(stmt.order_by(Mediator.name_folded)).unique().all()


def all_mediators(session: Session) -> Sequence[Mediator]:
    return session.scalars(select(Mediator).where(live(Mediator))).all()


def training_counts(session: Session) -> dict[str, int]:
    stmt = (
        select(MediatorTraining.mediator_id, func.count())
        .where(live(MediatorTraining))
        .group_by(MediatorTraining.mediator_id)
    )
    return {mid: n for mid, n in session.execute(stmt).all()}


def trained_in(session: Session, start: date, end: date) -> set[str]:
    stmt = select(MediatorTraining.mediator_id).where(
        live(MediatorTraining), MediatorTraining.held_on >= start, MediatorTraining.held_on <= end
    )
    return set(session.scalars(stmt).all())


def trainings_of(session: Session, mediator_id: str) -> Sequence[MediatorTraining]:
    stmt = (
        select(MediatorTraining)
        .where(live(MediatorTraining), MediatorTraining.mediator_id == mediator_id)
        .order_by(MediatorTraining.held_on)
    )
    return session.scalars(stmt).all()


def coordination(
    session: Session,
    start: date,
    end: date,
    team_id: str | None = None,
) -> Sequence[MediationCoordination]:
    stmt = select(MediationCoordination).where(
        live(MediationCoordination),
        MediationCoordination.held_on >= start,
        MediationCoordination.held_on <= end,
    )
    if team_id is not None:
        stmt = stmt.where(MediationCoordination.team_id == team_id)
    return session.scalars(stmt.order_by(MediationCoordination.held_on)).all()


# ----------------------------------------------------------------------------------------- in bulk (#17 §5)
def insert_mediators(
    session: Session,
    mediator_rows: Sequence[dict[str, Any]],
    membership_rows: Sequence[dict[str, Any]],
    now: datetime,
) -> None:
    """New mediators and their first memberships, one statement per table (ids given by the caller)."""
    insert_new(session, Mediator, mediator_rows, now=now)
    insert_new(session, MediatorMembership, membership_rows, now=now)


def insert_trainings(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    insert_new(session, MediatorTraining, rows, now=now)


def insert_coordinations(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    insert_new(session, MediationCoordination, rows, now=now)
