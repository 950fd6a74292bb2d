"""finance tables: category catalogue, norm table, budget lines + adjustments, expenditure ledger;
seeds the TT 56/2023 categories and ceilings with fixed ids (uuid5 of the code), so every ward database holds
the same catalogue rows and sync never duplicates them.

Links from ``expenditure`` to other modules' tables are plain id columns without foreign keys (see
persistence/models/finance.py).

Revision ID: 0004_finance
Revises: 0003_mediation
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0004_finance"
down_revision = "0003_mediation"
branch_labels = None
depends_on = None

SEED_NAMESPACE = uuid.UUID("6b1f4f0e-8c55-4d4e-9d0a-2f6a56f0c0de")
SEED_TIME = datetime(2023, 10, 6)  # naive UTC, as UTCDateTime stores it


def _fk(table: str, column: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}")


def _create_tables() -> None:
    op.create_table(
        "finance_category", *sync_columns("finance_category"),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("legal_ref", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("needs_quantity", sa.Boolean(), nullable=False),
        sa.Column("area", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
    )
    op.create_table(
        "finance_norm", *sync_columns("finance_norm"),
        sa.Column("category_code", sa.String(40), nullable=False),
        sa.Column("variant", sa.String(40), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("provincial", sa.Boolean(), nullable=False),
        sa.Column("resolution_number", sa.String(80), nullable=False),
        sa.Column("resolution_date", sa.Date(), nullable=True),
    )
    op.create_table(
        "budget_line", *sync_columns("budget_line"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.String(36), _fk("budget_line", "category_id", "finance_category"),
                  nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("planned_amount", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
    )
    op.create_table(
        "budget_adjustment", *sync_columns("budget_adjustment"),
        sa.Column("budget_line_id", sa.String(36), _fk("budget_adjustment", "budget_line_id", "budget_line"),
                  nullable=False),
        sa.Column("adjusted_on", sa.Date(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
    )
    op.create_table(
        "expenditure", *sync_columns("expenditure"),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("category_id", sa.String(36), _fk("expenditure", "category_id", "finance_category"),
                  nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("norm_variant", sa.String(40), nullable=False),
        sa.Column("voucher_number", sa.String(60), nullable=False),
        sa.Column("voucher_key", sa.String(60), nullable=False),
        sa.Column("voucher_date", sa.Date(), nullable=True),
        sa.Column("payee", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("plan_task_id", sa.String(36), nullable=True),
        sa.Column("fee_request_id", sa.String(36), nullable=True),
        sa.Column("team_id", sa.String(36), nullable=True),
        sa.Column("support_month", sa.Integer(), nullable=True),
        sa.Column("contest_name", sa.String(200), nullable=False),
    )


def _create_indexes() -> None:
    indexes = {
        "finance_category": ["code"],
        "finance_norm": ["category_code"],
        "budget_line": ["category_id"],
        "budget_adjustment": ["budget_line_id"],
        "expenditure": ["spent_on", "category_id", "voucher_key", "search_folded", "session_id",
                        "plan_task_id", "fee_request_id", "team_id"],
    }
    for table, columns in indexes.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])
    op.create_index("ix_budget_line_year_category", "budget_line", ["year", "category_id", "source"])


def _sync_values(key: str) -> dict:
    return {"id": str(uuid.uuid5(SEED_NAMESPACE, key)), "created_at": SEED_TIME, "updated_at": SEED_TIME,
            "deleted_at": None, "revision": 1, "change_seq": 0}


def _seed() -> None:
    # Imported here (not frozen literals) while nothing is released; freeze into literals at release.
    from pbgdpl_desktop.domain.finance import TT56_CATEGORIES
    from pbgdpl_desktop.domain.norms import TT56_DEFAULTS, TT56_EXTRA_DEFAULTS

    meta = sa.MetaData()
    meta.reflect(bind=op.get_bind(), only=("finance_category", "finance_norm"))
    categories = [
        {**_sync_values(f"category:{c.code}"), "code": c.code, "name": c.name, "legal_ref": c.legal_ref,
         "unit": c.unit, "needs_quantity": c.needs_quantity, "area": c.area.value, "active": True,
         "builtin": True, "sort_order": i * 10}
        for i, c in enumerate(TT56_CATEGORIES, start=1)
    ]
    norms = [
        {**_sync_values(f"norm:{n.category}:{n.variant}:{n.effective_from.isoformat()}"),
         "category_code": n.category, "variant": n.variant, "amount": n.amount, "unit": n.unit,
         "effective_from": n.effective_from, "source": n.source, "provincial": False,
         "resolution_number": "", "resolution_date": None}
        for n in TT56_DEFAULTS + TT56_EXTRA_DEFAULTS
    ]
    op.bulk_insert(meta.tables["finance_category"], categories)
    op.bulk_insert(meta.tables["finance_norm"], norms)


def upgrade() -> None:
    _create_tables()
    _create_indexes()
    _seed()


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
