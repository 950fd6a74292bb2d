"""New rows in bulk with Core (the demo ward, issue #17 §5), keeping everything an ORM flush of the same rows
does: the model's Python-side column defaults, the sync columns (``uow.stamp_rows``), the role check and one
audit "create" entry per row with the same fields (``audit.trace_created``) — all in the caller's transaction,
one ``executemany`` per table instead of a flush per record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.audit import trace_created
from pbgdpl_desktop.persistence.models.base import Base, sync_column_names
from pbgdpl_desktop.persistence.uow import stamp_rows


def _defaults(model: type[Base]) -> dict[str, Any]:
    """Attribute → the value an ORM insert would give an attribute left unset (scalar defaults, else None)."""
    out: dict[str, Any] = {}
    for attr in inspect(model).column_attrs:
        if attr.key in sync_column_names():
            continue
        column = attr.columns[0]
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            out[attr.key] = getattr(default, "arg", None)
        elif default is not None or column.server_default is not None:
            raise TypeError(f"{model.__tablename__}.{attr.key}: only scalar defaults can be filled in bulk")
        else:
            out[attr.key] = None
    return out


def insert_new(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]], *, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Insert new rows of ``model`` (dicts keyed by attribute; an ``id`` may be given, else one is made) in
    one statement; returns the complete rows as written (ids included), in the order given."""
    if not rows:
        return []
    defaults = _defaults(model)
    unknown = {key for row in rows for key in row} - defaults.keys() - {"id"}
    if unknown:
        raise KeyError(f"{model.__tablename__}: no such attribute {sorted(unknown)}")
    session.flush()  # pending ORM rows first: their order and numbers stay as the services made them
    full = stamp_rows(session, [{**defaults, **row} for row in rows], now=now or datetime.now(UTC))
    columns = {attr.key: attr.columns[0].key for attr in inspect(model).column_attrs}
    trace_created(session, model, full)  # the role check first, then the trail and the rows
    session.connection().execute(
        insert(model.__table__),  # type: ignore[arg-type]
        [{columns[key]: value for key, value in row.items()} for row in full],
    )
    return full
