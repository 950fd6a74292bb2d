"""The ward's offered rule files and norm tables (``reply_offer``; docs/office.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.office_offers import ReplyOffer


def add(session: Session, values: dict[str, Any]) -> ReplyOffer:
    row = ReplyOffer(**values)
    session.add(row)
    session.flush()
    return row


def get(session: Session, offer_id: str) -> ReplyOffer | None:
    return session.get(ReplyOffer, offer_id)


def all_offers(session: Session) -> list[ReplyOffer]:
    return list(session.scalars(select(ReplyOffer).order_by(ReplyOffer.received_at.desc(), ReplyOffer.name)))
