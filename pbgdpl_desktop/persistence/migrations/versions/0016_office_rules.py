"""Rule files and norm tables offered in the office's replies, kept at the ward until the clerk accepts or
declines them (docs/office.md). Adds one table; plain types that SQLite and PostgreSQL both have.

Revision ID: 0016_office_rules
Revises: 0013_speed_indexes
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0016_office_rules"
down_revision = "0013_speed_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_offer",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("reply_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(260), nullable=False),
        sa.Column("offer_key", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_reply_offer_bundle_id", "reply_offer", ["bundle_id"])


def downgrade() -> None:
    op.drop_index("ix_reply_offer_bundle_id", table_name="reply_offer")
    op.drop_table("reply_offer")
