"""Queries of the spending ledger: paged lists filtered in SQL, sums by category/source/month, links."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.domain.finance import LedgerQuery
from pbgdpl_desktop.domain.text import search_words
from pbgdpl_desktop.persistence.bulk_insert import insert_new
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


def insert_many(session: Session, rows: list[dict[str, Any]], now: datetime) -> None:
    """New expenditures (ids given by the caller) in one statement, with their audit entries (#17 §5)."""
    insert_new(session, Expenditure, rows, now=now)


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


def _order_columns(query: LedgerQuery) -> list[tuple[Any, bool]]:
    """The list's order as (column, descending) pairs; the last ones make it total (the id is unique)."""
    return [
        (_SORTS.get(query.sort, Expenditure.spent_on), query.descending),
        (Expenditure.spent_on, True),
        (Expenditure.created_at, True),
        (Expenditure.id, False),
    ]


def _ordered(stmt: Select, query: LedgerQuery) -> Select:
    return stmt.order_by(*(c.desc() if d else c.asc() for c, d in _order_columns(query)))


def _joined(query: LedgerQuery) -> Select:
    return _filtered(
        select(Expenditure, FinanceCategory).join(
            FinanceCategory, FinanceCategory.id == Expenditure.category_id
        ),
        query,
    )


def order_key(query: LedgerQuery, row: Expenditure, category: FinanceCategory) -> tuple[Any, ...]:
    """The values of ``row`` in the list's order (the key a page after it starts from)."""
    first = {
        "amount": row.amount,
        "voucher_number": row.voucher_key,
        "payee": row.payee,
        "category_name": category.sort_order,
    }.get(query.sort, row.spent_on)
    return (first, row.spent_on, row.created_at, row.id)


def _after(query: LedgerQuery, key: tuple[Any, ...]) -> ColumnElement[bool]:
    """Rows strictly after ``key`` in the list's order (a lexicographic comparison, per column direction)."""
    terms = []
    columns = _order_columns(query)
    for i, (column, descending) in enumerate(columns):
        equal = [c == v for (c, _), v in zip(columns[:i], key[:i], strict=True)]
        terms.append(and_(*equal, column < key[i] if descending else column > key[i]))
    return or_(*terms)


def page_after(
    session: Session, query: LedgerQuery, key: tuple[Any, ...] | None, skip: int, limit: int
) -> list[tuple[Expenditure, FinanceCategory]]:
    """A page by key: ``limit`` rows after the row whose order values are ``key`` (None: from the top),
    skipping ``skip`` first (less than a block). The index on the order reaches any depth directly."""
    stmt = _joined(query)
    if key is not None:
        stmt = stmt.where(_after(query, key))
    stmt = _ordered(stmt, query).offset(skip).limit(limit)
    return [(e, c) for e, c in session.execute(stmt).all()]


def block_keys(session: Session, query: LedgerQuery, block: int) -> list[tuple[Any, ...]]:
    """The order key of every ``block``-th row (rows block, 2·block, …): the starts of pages by key at any
    depth, from one pass of SQL over the list's order."""
    columns = _order_columns(query)
    order = [c.desc() if d else c.asc() for c, d in columns]
    number = func.row_number().over(order_by=order).label("n")
    base = select(*(c for c, _ in columns), number)
    if query.sort == "category_name":
        base = base.select_from(Expenditure).join(
            FinanceCategory, FinanceCategory.id == Expenditure.category_id
        )
    inner = _filtered(base, query).subquery()
    stmt = select(*list(inner.c)[:-1]).where(inner.c.n % block == 0).order_by(inner.c.n)
    return [tuple(r) for r in session.execute(stmt).all()]


def page(
    session: Session, query: LedgerQuery, offset: int, limit: int
) -> list[tuple[Expenditure, FinanceCategory]]:
    stmt = _ordered(_joined(query), query)
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
