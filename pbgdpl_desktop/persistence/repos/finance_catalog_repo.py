"""Queries of the finance catalogue: categories and the norm table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import get_live, live
from pbgdpl_desktop.persistence.models.finance import BudgetLine, Expenditure, FinanceCategory, FinanceNorm


def list_categories(session: Session, *, include_inactive: bool = True) -> list[FinanceCategory]:
    stmt = select(FinanceCategory).where(live(FinanceCategory))
    if not include_inactive:
        stmt = stmt.where(FinanceCategory.active.is_(True))
    return list(session.scalars(stmt.order_by(FinanceCategory.sort_order, FinanceCategory.code)))


def get_category(session: Session, category_id: str) -> FinanceCategory | None:
    return get_live(session, FinanceCategory, category_id)


def category_by_code(session: Session, code: str) -> FinanceCategory | None:
    return session.scalars(
        select(FinanceCategory).where(FinanceCategory.code == code, live(FinanceCategory))
    ).first()


def add_category(session: Session, values: dict[str, Any]) -> FinanceCategory:
    row = FinanceCategory(**values)
    session.add(row)
    session.flush()
    return row


def max_sort_order(session: Session) -> int:
    orders = [c.sort_order for c in list_categories(session)]
    return max(orders, default=0)


def category_in_use(session: Session, category_id: str) -> bool:
    spent = exists().where(Expenditure.category_id == category_id, live(Expenditure))
    planned = exists().where(BudgetLine.category_id == category_id, live(BudgetLine))
    return bool(session.scalar(select(spent | planned)))


def list_norms(session: Session, category_code: str | None = None) -> list[FinanceNorm]:
    stmt = select(FinanceNorm).where(live(FinanceNorm))
    if category_code is not None:
        stmt = stmt.where(FinanceNorm.category_code == category_code)
    return list(
        session.scalars(
            stmt.order_by(FinanceNorm.category_code, FinanceNorm.variant, FinanceNorm.effective_from)
        )
    )


def get_norm(session: Session, norm_id: str) -> FinanceNorm | None:
    return get_live(session, FinanceNorm, norm_id)


def add_norm(session: Session, values: dict[str, Any]) -> FinanceNorm:
    row = FinanceNorm(**values)
    session.add(row)
    session.flush()
    return row
