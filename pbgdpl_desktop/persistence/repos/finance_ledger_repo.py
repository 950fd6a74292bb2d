"""Queries of the spending ledger: paged lists filtered in SQL, sums by category/source/month, links."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.domain.finance import LedgerQuery
from pbgdpl_desktop.domain.text import search_words
from pbgdpl_desktop.persistence.live import get_live, live
from pbgdpl_desktop.persistence.models.finance import Expenditure, FinanceCategory

_SORTS = {
    "spent_on": Expenditure.spent_on,
    "amount": Expenditure.amount,
    "voucher_number": Expenditure.voucher_key,
    "payee": Expenditure.payee,
    "category_name": FinanceCategory.sort_order,
}


def get(session: Session, expenditure_id: str) -> Expenditure | None:
    return get_live(session, Expenditure, expenditure_id)


def insert(session: Session, values: dict[str, Any]) -> Expenditure:
    row = Expenditure(**values)
    session.add(row)
    session.flush()
    return row


def update(row: Expenditure, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


def _filtered(stmt: Select, query: LedgerQuery) -> Select:
    stmt = stmt.where(live(Expenditure))
    start, end = query.date_range()
    if start is not None:
        stmt = stmt.where(Expenditure.spent_on >= start)
    if end is not None:
        stmt = stmt.where(Expenditure.spent_on <= end)
    if query.category_id:
        stmt = stmt.where(Expenditure.category_id == query.category_id)
    if query.source is not None:
        stmt = stmt.where(Expenditure.source == query.source.value)
    if query.fee_request_id:
        stmt = stmt.where(Expenditure.fee_request_id == query.fee_request_id)
    for word in search_words(query.text):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Expenditure.search_folded.like(f"%{escaped}%", escape="\\"))
    return stmt


def count(session: Session, query: LedgerQuery) -> int:
    return int(session.scalar(_filtered(select(func.count(Expenditure.id)), query)) or 0)


def total(session: Session, query: LedgerQuery) -> int:
    return int(session.scalar(_filtered(select(func.coalesce(func.sum(Expenditure.amount), 0)), query)) or 0)


def _ordered(stmt: Select, query: LedgerQuery) -> Select:
    column = _SORTS.get(query.sort, Expenditure.spent_on)
    first = column.desc() if query.descending else column.asc()
    return stmt.order_by(first, Expenditure.spent_on.desc(), Expenditure.created_at.desc(), Expenditure.id)


def page(
    session: Session, query: LedgerQuery, offset: int, limit: int
) -> list[tuple[Expenditure, FinanceCategory]]:
    stmt = _filtered(
        select(Expenditure, FinanceCategory).join(
            FinanceCategory, FinanceCategory.id == Expenditure.category_id
        ),
        query,
    )
    stmt = _ordered(stmt, query)
    return [(e, c) for e, c in session.execute(stmt.offset(offset).limit(limit)).all()]


def stream(session: Session, query: LedgerQuery, *, batch: int = 2000) -> Iterator[Any]:
    """Every row of ``query`` in the list's order, as plain column rows (attribute access by column name,
    no ORM objects), from ONE query fetched ``batch`` rows at a time (an export of any length, linear).
    The category is not joined: callers map ``category_id`` through the (small) catalogue."""
    base = select(*Expenditure.__table__.columns)
    if query.sort == "category_name":  # the order needs the category's sort key
        base = base.join(FinanceCategory, FinanceCategory.id == Expenditure.category_id)
    stmt = _ordered(_filtered(base, query), query)
    yield from session.execute(stmt.execution_options(yield_per=batch))


def voucher_uses(session: Session, voucher_key: str, start: date, end: date, exclude_id: str | None) -> int:
    """How many other expenditures dated in [start, end] carry the same voucher key."""
    stmt = select(func.count(Expenditure.id)).where(
        Expenditure.voucher_key == voucher_key,
        live(Expenditure),
        Expenditure.spent_on >= start,
        Expenditure.spent_on <= end,
    )
    if exclude_id:
        stmt = stmt.where(Expenditure.id != exclude_id)
    return int(session.scalar(stmt) or 0)


def spent_in_line(session: Session, year: int, category_id: str, source: str, exclude_id: str | None) -> int:
    stmt = select(func.coalesce(func.sum(Expenditure.amount), 0)).where(
        Expenditure.category_id == category_id,
        Expenditure.source == source,
        live(Expenditure),
        Expenditure.spent_on >= date(year, 1, 1),
        Expenditure.spent_on <= date(year, 12, 31),
    )
    if exclude_id:
        stmt = stmt.where(Expenditure.id != exclude_id)
    return int(session.scalar(stmt) or 0)


def sums_of_year(session: Session, year: int) -> list[tuple[str, str, int, int]]:
    """(category_id, source, month 1..12, amount) for the year, from a range predicate on spent_on."""
    month = func.cast(func.strftime("%m", Expenditure.spent_on), Integer())
    stmt = (
        select(Expenditure.category_id, Expenditure.source, month, func.sum(Expenditure.amount))
        .where(
            live(Expenditure),
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
        .group_by(Expenditure.category_id, Expenditure.source, month)
    )
    return [(c, s, int(m), int(a)) for c, s, m, a in session.execute(stmt).all()]


def rows_of_year(session: Session, year: int) -> list[tuple[Expenditure, FinanceCategory]]:
    return page(session, LedgerQuery(year=year), 0, 1_000_000)


def team_support_paid(session: Session, year: int, category_id: str) -> dict[str, int]:
    stmt = (
        select(Expenditure.team_id, func.sum(Expenditure.amount))
        .where(
            live(Expenditure),
            Expenditure.category_id == category_id,
            Expenditure.team_id.is_not(None),
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
        .group_by(Expenditure.team_id)
    )
    return {str(team): int(amount) for team, amount in session.execute(stmt).all()}


def linked_plan_tasks(session: Session, year: int | None = None) -> set[str]:
    """Plan task ids linked from live expenditures (of ``year``, or of any year)."""
    stmt = (
        select(Expenditure.plan_task_id)
        .distinct()
        .where(live(Expenditure), Expenditure.plan_task_id.is_not(None))
    )
    if year is not None:
        stmt = stmt.where(
            Expenditure.spent_on >= date(year, 1, 1), Expenditure.spent_on <= date(year, 12, 31)
        )
    return set(session.scalars(stmt))


def ceiling_inputs(
    session: Session, year: int, codes: set[str]
) -> list[tuple[str, str, date, int | None, int]]:
    """(category code, norm variant, date, quantity, amount) of the year's rows in the given categories."""
    stmt = (
        select(
            FinanceCategory.code,
            Expenditure.norm_variant,
            Expenditure.spent_on,
            Expenditure.quantity,
            Expenditure.amount,
        )
        .join(FinanceCategory, FinanceCategory.id == Expenditure.category_id)
        .where(
            live(Expenditure),
            FinanceCategory.code.in_(codes),
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
    )
    return [(str(c), str(v), d, q, int(a)) for c, v, d, q, a in session.execute(stmt).all()]


def line_totals(session: Session, year: int) -> dict[tuple[str, str], int]:
    """(category_id, source) → amount spent in the year (one grouped query)."""
    stmt = (
        select(Expenditure.category_id, Expenditure.source, func.sum(Expenditure.amount))
        .where(
            live(Expenditure),
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
        .group_by(Expenditure.category_id, Expenditure.source)
    )
    return {(c, s): int(a) for c, s, a in session.execute(stmt).all()}


def voucher_counts_of_year(session: Session, year: int) -> dict[str, int]:
    """voucher key → number of live expenditures of the year carrying it, for every key of the year."""
    stmt = (
        select(Expenditure.voucher_key, func.count(Expenditure.id))
        .where(
            live(Expenditure),
            Expenditure.voucher_key != "",
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
        .group_by(Expenditure.voucher_key)
    )
    return {k: int(n) for k, n in session.execute(stmt).all()}


def voucher_counts(session: Session, year: int, keys: set[str]) -> dict[str, int]:
    """voucher key → number of live expenditures of the year carrying it."""
    if not keys:
        return {}
    stmt = (
        select(Expenditure.voucher_key, func.count(Expenditure.id))
        .where(
            live(Expenditure),
            Expenditure.voucher_key.in_(keys),
            Expenditure.spent_on >= date(year, 1, 1),
            Expenditure.spent_on <= date(year, 12, 31),
        )
        .group_by(Expenditure.voucher_key)
    )
    return {k: int(n) for k, n in session.execute(stmt).all()}
