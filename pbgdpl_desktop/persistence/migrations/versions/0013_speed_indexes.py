"""Indexes for the ledger's order: the export streams the rows, and a list page is found by key, in the order
the ledger shows (date, then creation), without sorting the whole table.

Revision ID: 0013_speed_indexes
Revises: 0009_attendees
"""

from alembic import op

revision = "0013_speed_indexes"
down_revision = "0012_office"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_expenditure_ledger_order", "expenditure", ["spent_on", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_expenditure_ledger_order", table_name="expenditure")
