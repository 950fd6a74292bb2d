"""Queries of the budget (dự toán): lines per year, category and source, and their adjustments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.bulk_insert import insert_new
from pbgdpl_desktop.persistence.live import get_live, live
from pbgdpl_desktop.persistence.models.finance import BudgetAdjustment, BudgetLine, FinanceCategory


def lines_of_year(session: Session, year: int) -> list[tuple[BudgetLine, FinanceCategory]]:
    stmt = (
        select(BudgetLine, FinanceCategory)
        .join(FinanceCategory, FinanceCategory.id == BudgetLine.category_id)
        .where(BudgetLine.year == year, live(BudgetLine))
        .order_by(FinanceCategory.sort_order, BudgetLine.source)
    )
    return [(line, cat) for line, cat in session.execute(stmt).all()]


def adjustments_of(session: Session, line_ids: list[str]) -> dict[str, list[BudgetAdjustment]]:
    out: dict[str, list[BudgetAdjustment]] = defaultdict(list)
    if not line_ids:
        return out
    stmt = (
        select(BudgetAdjustment)
        .where(BudgetAdjustment.budget_line_id.in_(line_ids), live(BudgetAdjustment))
        .order_by(BudgetAdjustment.adjusted_on, BudgetAdjustment.created_at)
    )
    for row in session.scalars(stmt):
        out[row.budget_line_id].append(row)
    return out


def get_line(session: Session, line_id: str) -> BudgetLine | None:
    return get_live(session, BudgetLine, line_id)


def find_line(session: Session, year: int, category_id: str, source: str) -> BudgetLine | None:
    return session.scalars(
        select(BudgetLine).where(
            BudgetLine.year == year,
            BudgetLine.category_id == category_id,
            BudgetLine.source == source,
            live(BudgetLine),
        )
    ).first()


def add_line(session: Session, values: dict[str, Any]) -> BudgetLine:
    row = BudgetLine(**values)
    session.add(row)
    session.flush()
    return row


def add_adjustment(session: Session, values: dict[str, Any]) -> BudgetAdjustment:
    row = BudgetAdjustment(**values)
    session.add(row)
    session.flush()
    return row


def get_adjustment(session: Session, adjustment_id: str) -> BudgetAdjustment | None:
    return get_live(session, BudgetAdjustment, adjustment_id)


def line_amount(session: Session, line: BudgetLine) -> int:
    """Planned amount after adjustments."""
    delta = session.scalar(
        select(func.coalesce(func.sum(BudgetAdjustment.delta), 0)).where(
            BudgetAdjustment.budget_line_id == line.id, live(BudgetAdjustment)
        )
    )
    return line.planned_amount + int(delta or 0)


def planned_by_line(session: Session, year: int) -> dict[tuple[str, str], int]:
    """(category_id, source) → planned amount after adjustments, for the year."""
    lines = lines_of_year(session, year)
    adjustments = adjustments_of(session, [line.id for line, _ in lines])
    return {
        (line.category_id, line.source): line.planned_amount + sum(a.delta for a in adjustments[line.id])
        for line, _ in lines
    }


# ----------------------------------------------------------------------------------------- in bulk (#17 §5)
def live_category_ids(session: Session, category_ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(category_ids))
    stmt = select(FinanceCategory.id).where(live(FinanceCategory), FinanceCategory.id.in_(wanted))
    return set(session.scalars(stmt).all())


def live_lines(session: Session, years: Iterable[int]) -> dict[tuple[int, str, str], BudgetLine]:
    """(year, category id, source) → the live line (the first one, as ``find_line`` returns it)."""
    stmt = select(BudgetLine).where(BudgetLine.year.in_(sorted(set(years))), live(BudgetLine))
    out: dict[tuple[int, str, str], BudgetLine] = {}
    for row in session.scalars(stmt).all():
        out.setdefault((row.year, row.category_id, row.source), row)
    return out


def insert_lines(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """New budget lines in one statement (ids given by the caller)."""
    insert_new(session, BudgetLine, rows, now=now)
