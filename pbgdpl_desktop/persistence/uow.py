"""Stamping of the sync columns on every write.

* ORM writes: a ``before_flush`` listener on every ``Session`` stamps new and changed syncable rows:
  ``created_at``/``updated_at`` (UTC), ``revision`` + 1 and the next ``change_seq``.
* Core bulk inserts: call ``stamp_rows(session, dicts)`` first, which fills the same columns.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session, UOWTransaction

from pbgdpl_desktop.persistence.models.base import SyncMixin, new_id
from pbgdpl_desktop.persistence.models.core import SyncState


def allocate_change_seqs(session: Session, n: int) -> int:
    """Reserve ``n`` consecutive change_seq values; return the first one. One ``UPDATE … RETURNING`` (SQLite
    ≥ 3.35, PostgreSQL): the counter is read and moved in the same statement, under the row's write lock."""
    if n <= 0:
        raise ValueError("n must be positive")
    bind = session.connection()
    last = bind.execute(
        update(SyncState)
        .where(SyncState.id == 1)
        .values(last_change_seq=SyncState.last_change_seq + n)
        .returning(SyncState.last_change_seq)
    ).scalar_one_or_none()
    if last is None:
        bind.execute(insert(SyncState).values(id=1, last_change_seq=n))
        return 1
    return int(last) - n + 1


def current_change_seq(session: Session) -> int:
    value = session.execute(select(SyncState.last_change_seq).where(SyncState.id == 1)).scalar_one_or_none()
    return value or 0


def stamp_rows(
    session: Session, rows: Iterable[MutableMapping[str, Any]], *, now: datetime | None = None
) -> list:
    """Fill the sync columns of plain dicts about to be inserted with Core; returns them as a list."""
    rows = list(rows)
    if not rows:
        return rows
    stamp = now or datetime.now(UTC)
    first = allocate_change_seqs(session, len(rows))
    for offset, row in enumerate(rows):
        row.setdefault("id", new_id())
        row.setdefault("created_at", stamp)
        row["updated_at"] = stamp
        row.setdefault("deleted_at", None)
        row["revision"] = row.get("revision") or 1
        row["change_seq"] = first + offset
    return rows


@event.listens_for(Session, "before_flush")
def _stamp_sync_columns(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    new = [obj for obj in session.new if isinstance(obj, SyncMixin)]
    dirty = [
        obj
        for obj in session.dirty
        if isinstance(obj, SyncMixin) and session.is_modified(obj, include_collections=False)
    ]
    if not new and not dirty:
        return
    now = datetime.now(UTC)
    seq = allocate_change_seqs(session, len(new) + len(dirty))
    for obj in new:
        if obj.id is None:
            obj.id = new_id()
        if obj.created_at is None:
            obj.created_at = now
        obj.updated_at = now
        obj.revision = 1
        obj.change_seq = seq
        seq += 1
    for obj in dirty:
        obj.updated_at = now
        obj.revision = (obj.revision or 0) + 1
        obj.change_seq = seq
        seq += 1
