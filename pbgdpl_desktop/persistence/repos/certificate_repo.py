"""The register of issued certificates (``issued_certificate``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.signing import IssuedCertificate


def find(session: Session, year: int, symbol: str, number: int) -> IssuedCertificate | None:
    """The entry holding the number, tombstoned or not (a number is never given twice in a year)."""
    stmt = select(IssuedCertificate).where(
        IssuedCertificate.year == year, IssuedCertificate.symbol == symbol, IssuedCertificate.number == number
    )
    return session.scalars(stmt).first()


def next_number(session: Session, year: int, symbol: str) -> int:
    stmt = select(func.max(IssuedCertificate.number)).where(
        IssuedCertificate.year == year, IssuedCertificate.symbol == symbol
    )
    return int(session.scalar(stmt) or 0) + 1


def add(session: Session, **values: object) -> IssuedCertificate:
    row = IssuedCertificate(**values)
    session.add(row)
    session.flush()
    return row


def listing(session: Session, year: int | None = None) -> list[IssuedCertificate]:
    stmt = select(IssuedCertificate).where(live(IssuedCertificate))
    if year is not None:
        stmt = stmt.where(IssuedCertificate.year == year)
    stmt = stmt.order_by(IssuedCertificate.year, IssuedCertificate.symbol, IssuedCertificate.number)
    return list(session.scalars(stmt))


def get(session: Session, entry_id: str) -> IssuedCertificate | None:
    return session.get(IssuedCertificate, entry_id)
