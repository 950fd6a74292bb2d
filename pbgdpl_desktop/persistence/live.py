"""Soft delete in one place: rows that may travel in a sync bundle are never removed, they get a tombstone
(``deleted_at``). Every query of live rows, every lookup by id and every delete goes through these four
functions; no other module reads or writes ``deleted_at`` (see docs/architecture.md, "Soft delete").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

T = TypeVar("T")


def live(model: Any) -> ColumnElement[bool]:
    """The WHERE condition "not deleted" for ``model`` (a mapped class or an alias of one)."""
    condition: ColumnElement[bool] = model.deleted_at.is_(None)
    return condition


def is_live(row: Any) -> bool:
    """``row``: any syncable ORM row (models.base.SyncMixin), or None."""
    return row is not None and row.deleted_at is None


def get_live(session: Session, model: type[T], row_id: str | None) -> T | None:
    """The row of ``model`` with this id, or ``None`` when there is none or it was deleted."""
    if not row_id:
        return None
    row = session.get(model, row_id)
    return row if is_live(row) else None


def tombstone(row: Any, now: datetime) -> None:
    """Mark ``row`` deleted at ``now`` (UTC); a row already deleted keeps its first tombstone."""
    if row.deleted_at is None:
        row.deleted_at = now


def revive(row: Any) -> None:
    """Undo a tombstone (a setting, an evidence link or a note saved again after it was cleared)."""
    row.deleted_at = None
