"""Tables of the finance module: category catalogue, norm table, budget lines + adjustments, the ledger.

Links from an expenditure to what it paid for (a dissemination session, a plan task, a mediator fee request,
a mediation team's monthly support) are plain nullable ``String(36)`` id columns WITHOUT foreign keys: those
tables belong to other modules (migrations 0002/0003) and were built in parallel. The finance service checks
that a linked record exists through the owning service before saving; the sync bundle carries the ids.
"""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin


class FinanceCategory(SyncMixin, Base):
    """A spending category (nội dung chi) of TT 56/2023 or one the clerk added."""

    __tablename__ = "finance_category"
    code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    legal_ref: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    needs_quantity: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    area: Mapped[str] = mapped_column(String(20), nullable=False, default="pbgdpl")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class FinanceNorm(SyncMixin, Base):
    """A ceiling in force from a date: TT 56 defaults or a provincial resolution's amount."""

    __tablename__ = "finance_norm"
    category_code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    variant: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    unit: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    effective_from: Mapped[date] = mapped_column(Date, nullable=False)
    source: Mapped[str] = mapped_column(String(300), nullable=False)
    provincial: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    resolution_number: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    resolution_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class BudgetLine(SyncMixin, Base):
    """Dự toán: planned amount of a year for one category and funding source."""

    __tablename__ = "budget_line"
    __table_args__ = (Index("ix_budget_line_year_category", "year", "category_id", "source"),)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    category_id: Mapped[str] = mapped_column(ForeignKey("finance_category.id"), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    planned_amount: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")


class BudgetAdjustment(SyncMixin, Base):
    """An adjustment (điều chỉnh dự toán) of a budget line: signed amount, date and reason."""

    __tablename__ = "budget_adjustment"
    budget_line_id: Mapped[str] = mapped_column(ForeignKey("budget_line.id"), nullable=False, index=True)
    adjusted_on: Mapped[date] = mapped_column(Date, nullable=False)
    delta: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(300), nullable=False)


class Expenditure(SyncMixin, Base):
    """One line of the spending ledger (sổ theo dõi chi)."""

    __tablename__ = "expenditure"
    __personal_columns__ = ("payee",)
    # the ledger's order (export stream, pages by key): migration 0013_speed_indexes
    __table_args__ = (
        Index("ix_expenditure_ledger_order", "spent_on", "created_at", "id"),
        # team support paid per team in a year reads this index alone (0019, #17)
        Index("ix_expenditure_category_spent", "category_id", "spent_on", "deleted_at", "team_id", "amount"),
    )
    spent_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    category_id: Mapped[str] = mapped_column(ForeignKey("finance_category.id"), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    quantity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unit: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    norm_variant: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    voucher_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    voucher_key: Mapped[str] = mapped_column(String(60), nullable=False, default="", index=True)
    voucher_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    payee: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    search_folded: Mapped[str] = mapped_column(Text, nullable=False, default="", index=True)
    # links to other modules' records: no FK on purpose (see the module docstring)
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    plan_task_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    fee_request_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    team_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    support_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contest_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
