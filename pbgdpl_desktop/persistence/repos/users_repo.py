"""Accounts and the audit trail: plain functions over a session (issue #15)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.users import AppUser, AuditEntry, AuditPersonal


def all_users(session: Session) -> list[AppUser]:
    return list(session.scalars(select(AppUser).order_by(AppUser.name)))


def by_name(session: Session, name: str) -> AppUser | None:
    return session.scalars(select(AppUser).where(func.lower(AppUser.name) == name.lower())).first()


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AppUser)) or 0)


def add(session: Session, user: AppUser) -> AppUser:
    session.add(user)
    session.flush()
    return user


def audit_rows(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    actor: str | None = None,
    module: str | None = None,
    record_id: str | None = None,
    limit: int = 5000,
    before_id: int | None = None,
) -> list[tuple[AuditEntry, str | None]]:
    """Newest first, each with the personal values it kept apart (or None). ``before_id``: the page after the
    entry with that id (paging by key, #17: the primary key's order reaches any depth directly)."""
    query = select(AuditEntry, AuditPersonal.changes_json).outerjoin(
        AuditPersonal, AuditPersonal.audit_id == AuditEntry.id
    )
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if actor:
        query = query.where(func.lower(AuditEntry.actor) == actor.lower())
    if module:
        query = query.where(AuditEntry.module == module)
    if record_id:
        query = query.where(AuditEntry.record_id == record_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    query = query.order_by(AuditEntry.id.desc()).limit(limit)
    return [(row[0], row[1]) for row in session.execute(query)]


def forget_personal(session: Session, record_ids: list[str]) -> int:
    """Erase the personal values the trail kept for these records (the retention rule); the entries stay."""
    if not record_ids:
        return 0
    result = session.execute(delete(AuditPersonal).where(AuditPersonal.record_id.in_(record_ids)))
    return int(getattr(result, "rowcount", 0) or 0)
