from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.core import WardProfileRow


def get(session: Session) -> WardProfileRow | None:
    return session.scalars(
        select(WardProfileRow).where(live(WardProfileRow)).order_by(WardProfileRow.created_at).limit(1)
    ).first()


def upsert(session: Session, values: dict[str, Any]) -> WardProfileRow:
    row = get(session)
    if row is None:
        row = WardProfileRow(**values)
        session.add(row)
    else:
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
    session.flush()
    return row
