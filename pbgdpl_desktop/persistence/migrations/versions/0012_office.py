"""The office above: reviews per ward and year (with a version for optimistic concurrency) and their
history, appraisals per indicator, each ward's figures for the roll-up, reply bundles written; on the ward
side the replies received (notes per indicator, the decision). Adds tables only; plain types that SQLite
and PostgreSQL both have.

Revision ID: 0012_office
Revises: 0009_attendees
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0012_office"
down_revision = "0011_signatures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_review",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decision_number", sa.String(60), nullable=False),
        sa.Column("decision_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "office_review_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ward_code", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_office_review_event_ward_code", "office_review_event", ["ward_code"])
    op.create_table(
        "office_appraisal",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("request", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("appraised_by", sa.String(120), nullable=False),
        sa.Column("appraised_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "office_ward_figure",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("period", sa.String(10), primary_key=True),
        sa.Column("figure", sa.String(40), primary_key=True),
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "office_figure_stamp",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("stamp", sa.String(80), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("verdict_year", sa.Integer(), nullable=True),
    )
    op.create_table(
        "office_reply_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ward_code", sa.String(10), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.UniqueConstraint("bundle_id", name="uq_office_reply_log_bundle_id"),
    )
    op.create_index("ix_office_reply_log_ward_code", "office_reply_log", ["ward_code"])
    op.create_table(
        "reply_inbox",
        sa.Column("bundle_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "reply_note",
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("request", sa.String(20), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "reply_decision",
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
