from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live, revive
from pbgdpl_desktop.persistence.models.core import Setting


def get(session: Session, key: str) -> str | None:
    row = session.scalars(select(Setting).where(Setting.key == key, live(Setting))).first()
    return None if row is None else row.value_json


def put(session: Session, key: str, value_json: str) -> None:
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    if row is None:
        session.add(Setting(key=key, value_json=value_json))
    else:
        row.value_json = value_json
        revive(row)
