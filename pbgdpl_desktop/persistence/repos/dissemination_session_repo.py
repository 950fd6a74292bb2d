"""Queries over dissemination sessions: one record with its links, the paged list, the rows of a year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence import keyset
from pbgdpl_desktop.persistence.live import get_live, live, tombstone
from pbgdpl_desktop.persistence.models.dissemination import (
    AttendeeRow,
    LegalDocumentRow,
    SessionLawRow,
    SessionSpeakerRow,
    SpeakerRow,
)
from pbgdpl_desktop.persistence.models.dissemination import (
    DisseminationSessionRow as S,
)
from pbgdpl_desktop.persistence.uow import stamp_rows

LIST_COLUMNS = (
    S.id,
    S.held_on,
    S.start_time,
    S.title,
    S.form,
    S.online,
    S.place,
    S.residential_group,
    S.target_groups,
    S.attendance_total,
    S.attendance_women,
    S.speakers_text,
    S.laws_text,
    S.plan_task_id,
)
SORTABLE = {"held_on": S.held_on, "attendance_total": S.attendance_total, "form": S.form}  # each has an index


@dataclass(frozen=True)
class ListFilter:
    """Filters of the list page; ``words`` are already folded (domain.text.fold) and split."""

    date_from: date | None = None
    date_to: date | None = None  # exclusive
    form: str | None = None
    target_group: str | None = None
    residential_group: str | None = None
    plan_task_id: str | None = None
    words: tuple[str, ...] = ()
    sort: str = "held_on"
    descending: bool = True


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(f: ListFilter) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = [live(S)]
    if f.date_from is not None:
        conds.append(S.held_on >= f.date_from)
    elif not (f.words or f.target_group):  # steers count(*) to the narrow date index, not the search index
        conds.append(S.held_on >= date(1900, 1, 1))
    if f.date_to is not None:
        conds.append(S.held_on < f.date_to)
    if f.form:
        conds.append(S.form == f.form)
    if f.target_group:
        conds.append(S.target_groups.like(f"%,{f.target_group},%"))
    if f.residential_group:
        conds.append(S.residential_group == f.residential_group)
    if f.plan_task_id:
        conds.append(S.plan_task_id == f.plan_task_id)
    for word in f.words:
        conds.append(S.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    return and_(*conds)


def count(session: Session, f: ListFilter) -> int:
    return session.execute(select(func.count()).select_from(S).where(_where(f))).scalar_one()


def _order(f: ListFilter) -> keyset.Order:
    column = SORTABLE.get(f.sort, S.held_on)
    columns = [column, S.id] if column is S.held_on else [column, S.held_on, S.id]
    return [(c, f.descending) for c in columns]  # one direction: the index order


def page(session: Session, f: ListFilter, offset: int, limit: int) -> list[Any]:
    order = keyset.order_by(_order(f))
    stmt = select(*LIST_COLUMNS).where(_where(f)).order_by(*order).offset(offset).limit(limit)
    return list(session.execute(stmt).all())


def page_after(
    session: Session, f: ListFilter, key: tuple[Any, ...] | None, skip: int, limit: int
) -> tuple[list[Any], tuple[Any, ...] | None]:
    """A page by key (``persistence.keyset``) and the order key of its last row."""
    return keyset.page_after(session, select(*LIST_COLUMNS).where(_where(f)), _order(f), key, skip, limit)


def key_at(
    session: Session,
    f: ListFilter,
    n: int,
    after_key: tuple[Any, ...] | None = None,
    *,
    backwards: bool = False,
) -> tuple[Any, ...] | None:
    stmt = select(S.id).where(_where(f))
    return keyset.key_at(session, stmt, _order(f), n, after_key, backwards=backwards)


def match_keys(session: Session, f: ListFilter, cap: int) -> list[tuple[date, str]]:
    """(held_on, id) of up to ``cap`` matching rows in one pass over the covering search index (no sort)."""
    stmt = select(S.held_on, S.id).where(_where(f)).limit(cap)
    return [(a, b) for a, b in session.execute(stmt).all()]


def rows_by_ids(session: Session, ids: Sequence[str]) -> list[Any]:
    stmt = select(*LIST_COLUMNS).where(S.id.in_(list(ids)))
    return list(session.execute(stmt).all())


def get(session: Session, session_id: str) -> S | None:
    return get_live(session, S, session_id)


def live_ids(session: Session, session_ids: Iterable[str]) -> set[str]:
    """Those of ``session_ids`` that are live sessions (one query; the ledger's link checks, #17 §5)."""
    stmt = select(S.id).where(live(S), S.id.in_(sorted(set(session_ids))))
    return set(session.scalars(stmt).all())


def linked_speakers(session: Session, session_id: str) -> list[tuple[str, str]]:
    stmt = (
        select(SpeakerRow.id, SpeakerRow.full_name)
        .join(SessionSpeakerRow, SessionSpeakerRow.speaker_id == SpeakerRow.id)
        .where(SessionSpeakerRow.session_id == session_id, live(SessionSpeakerRow))
        .order_by(SessionSpeakerRow.created_at)
    )
    return [(a, b) for a, b in session.execute(stmt).all()]


def linked_laws(session: Session, session_id: str) -> list[tuple[str, str, str]]:
    stmt = (
        select(LegalDocumentRow.id, LegalDocumentRow.number, LegalDocumentRow.title)
        .join(SessionLawRow, SessionLawRow.document_id == LegalDocumentRow.id)
        .where(SessionLawRow.session_id == session_id, live(SessionLawRow))
        .order_by(SessionLawRow.created_at)
    )
    return [(a, b, c) for a, b, c in session.execute(stmt).all()]


def set_links(
    session: Session, session_id: str, speaker_ids: Sequence[str], law_ids: Sequence[str], now: datetime
) -> None:
    """Make the live links equal to the given ids: tombstone removed ones, add new ones."""
    links: tuple[tuple[type[SessionSpeakerRow] | type[SessionLawRow], str, Sequence[str]], ...] = (
        (SessionSpeakerRow, "speaker_id", speaker_ids),
        (SessionLawRow, "document_id", law_ids),
    )
    for model, column, wanted in links:
        current = session.scalars(select(model).where(model.session_id == session_id, live(model))).all()
        have = {getattr(row, column): row for row in current}
        for target, row in have.items():
            if target not in wanted:
                tombstone(row, now)
        for target in wanted:
            if target not in have:
                session.add(model(session_id=session_id, **{column: target}))


def attendees(session: Session, session_id: str) -> list[tuple[str, str]]:
    """(name, unit) of the session's attendee list, in the order entered."""
    stmt = (
        select(AttendeeRow.full_name, AttendeeRow.unit)
        .where(AttendeeRow.session_id == session_id, live(AttendeeRow))
        .order_by(AttendeeRow.position)
    )
    return [(a, b) for a, b in session.execute(stmt).all()]


def sessions_with_attendees(session: Session, year: int) -> list[tuple[str, date, str, int]]:
    """(id, date, title, number of attendees) of the year's live sessions that have an attendee list."""
    count = func.count(AttendeeRow.id)
    stmt = (
        select(S.id, S.held_on, S.title, count)
        .join(AttendeeRow, and_(AttendeeRow.session_id == S.id, live(AttendeeRow)))
        .where(live(S), S.held_on >= date(year, 1, 1), S.held_on <= date(year, 12, 31))
        .group_by(S.id)
        .order_by(S.held_on.desc())
    )
    return [(a, b, c, d) for a, b, c, d in session.execute(stmt).all()]


def set_attendees(
    session: Session, session_id: str, people: Sequence[tuple[str, str]], now: datetime
) -> None:
    """Replace the session's attendee list (old rows get a tombstone, so a sync bundle carries the change)."""
    for row in session.scalars(
        select(AttendeeRow).where(AttendeeRow.session_id == session_id, live(AttendeeRow))
    ):
        tombstone(row, now)
    for position, (name, unit) in enumerate(people, start=1):
        session.add(AttendeeRow(session_id=session_id, position=position, full_name=name, unit=unit))


def groups_between(session: Session, start: date, end: date) -> list[Any]:
    """Live sessions with start ≤ held_on ≤ end, aggregated in SQL per (day, form, target groups, online,
    digital activity): each row has those keys plus ``n`` and the attendance/material sums. The facts of a
    year with 30,000 sessions come from a few hundred such rows (building 30,000 ORM objects took ~1 s).
    Per day, not per month: the keys are the order of ``ix_dissemination_session_facts`` (0019), so SQLite
    sums while it walks the index instead of sorting every session of the year (5× faster at 300,000, #17)."""
    keys = (S.held_on, S.form, S.target_groups, S.online, S.digital_activity)
    stmt = (
        select(
            *keys,
            func.count().label("n"),
            func.sum(S.attendance_total).label("total"),
            func.sum(S.attendance_women).label("women"),
            func.sum(S.attendance_special).label("special"),
            func.sum(S.law_day).label("law_day"),
            func.sum(S.materials_count).label("materials"),
        )
        .where(live(S), S.held_on >= start, S.held_on <= end)
        .group_by(*keys)
    )
    return list(session.execute(stmt).all())


def sessions_of_tasks(session: Session, task_ids: Iterable[str]) -> dict[str, list[date]]:
    ids = list(task_ids)
    out: dict[str, list[date]] = {i: [] for i in ids}
    if not ids:
        return out
    stmt = select(S.plan_task_id, S.held_on).where(live(S), S.plan_task_id.in_(ids))
    # through the connection: plain rows without the ORM's loading machinery (#17, 30k sessions a year)
    for task_id, held_on in session.connection().execute(stmt).all():
        out[str(task_id)].append(held_on)
    return out


def existing_import_keys(session: Session, keys: Iterable[str]) -> set[str]:
    keys = list(keys)
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found |= {
            k for k in session.scalars(select(S.import_key).where(S.import_key.in_(chunk), live(S))) if k
        }
    return found


def bulk_insert(session: Session, rows: list[dict[str, Any]], now: datetime | None = None) -> int:
    """Core insert of plain dicts (import, demo, bench); stamps the sync columns."""
    if not rows:
        return 0
    stamp_rows(session, rows, now=now)
    session.execute(insert(S), rows)
    return len(rows)


def residential_groups(session: Session) -> list[str]:
    stmt = (
        select(S.residential_group)
        .where(live(S), S.residential_group != "")
        .group_by(S.residential_group)
        .limit(500)
    )
    return list(session.scalars(stmt).all())


def bulk_insert_links(
    session: Session, links: list[tuple[str, str, str]], now: datetime | None = None
) -> None:
    """(kind, session id, target id) with kind "speaker" or "law"; Core insert of the link rows."""
    for kind, model, column in (
        ("speaker", SessionSpeakerRow, "speaker_id"),
        ("law", SessionLawRow, "document_id"),
    ):
        rows: list[dict[str, Any]] = [{"session_id": s, column: t} for k, s, t in links if k == kind]
        if rows:
            stamp_rows(session, rows, now=now)
            session.execute(insert(model), rows)


def speaker_names(session: Session) -> dict[str, str]:
    stmt = select(SpeakerRow.id, SpeakerRow.full_name).where(live(SpeakerRow))
    return {a: b for a, b in session.execute(stmt).all()}


def law_labels(session: Session) -> dict[str, str]:
    stmt = select(LegalDocumentRow.id, LegalDocumentRow.number, LegalDocumentRow.title).where(
        live(LegalDocumentRow)
    )
    return {a: f"{b} {c}".strip() for a, b, c in session.execute(stmt).all()}


def sessions_of_speaker(session: Session, speaker_id: str) -> list[S]:
    stmt = (
        select(S)
        .join(SessionSpeakerRow, SessionSpeakerRow.session_id == S.id)
        .where(
            SessionSpeakerRow.speaker_id == speaker_id,
            live(SessionSpeakerRow),
            live(S),
        )
    )
    return list(session.scalars(stmt).all())
