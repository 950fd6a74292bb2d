"""Access-to-law standard: assessments (values, notes, procedure steps, saved results), the registers of
legal normative documents and information requests, user-added days off.

Revision ID: 0005_assessment
Revises: 0004_finance
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns
from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0005_assessment"
down_revision = "0004_finance"
branch_labels = None
depends_on = None

TABLES = (
    "assessment",
    "assessment_value",
    "assessment_note",
    "assessment_step",
    "assessment_result",
    "ward_legal_document",
    "info_request",
    "user_holiday",
)


def _owner(table: str) -> sa.Column:
    return sa.Column(
        "assessment_id",
        sa.String(36),
        sa.ForeignKey("assessment.id", name=f"fk_{table}_assessment_id_assessment"),
        nullable=False,
    )


def _assessment() -> None:
    op.create_table(
        "assessment",
        *sync_columns("assessment"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ruleset_id", sa.String(40), nullable=False),
        sa.Column("ruleset_version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("year", name="uq_assessment_year"),
    )
    op.create_table(
        "assessment_value",
        *sync_columns("assessment_value"),
        _owner("assessment_value"),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.UniqueConstraint("assessment_id", "key", name="uq_assessment_value_assessment_id_key"),
    )
    op.create_table(
        "assessment_note",
        *sync_columns("assessment_note"),
        _owner("assessment_note"),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("assessment_id", "code", name="uq_assessment_note_assessment_id_code"),
    )
    op.create_table(
        "assessment_step",
        *sync_columns("assessment_step"),
        _owner("assessment_step"),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("assessment_id", "code", name="uq_assessment_step_assessment_id_code"),
    )
    op.create_table(
        "assessment_result",
        *sync_columns("assessment_result"),
        _owner("assessment_result"),
        sa.Column("ruleset_id", sa.String(40), nullable=False),
        sa.Column("ruleset_version", sa.Integer(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("total", sa.String(20), nullable=True),
        sa.Column("result_json", sa.Text(), nullable=False),
    )
    for table in ("assessment_value", "assessment_note", "assessment_step", "assessment_result"):
        op.create_index(f"ix_{table}_assessment_id", table, ["assessment_id"])


def _registers() -> None:
    op.create_table(
        "ward_legal_document",
        *sync_columns("ward_legal_document"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(10), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("title_folded", sa.String(500), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("draft_required", sa.Boolean(), nullable=False),
        sa.Column("draft_communicated", sa.Boolean(), nullable=False),
        sa.Column("self_inspected", sa.Boolean(), nullable=False),
        sa.Column("disclosed", sa.Boolean(), nullable=False),
        sa.Column("handled_unlawful", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
    )
    op.create_index("ix_ward_legal_document_year", "ward_legal_document", ["year"])
    op.create_index("ix_ward_legal_document_title_folded", "ward_legal_document", ["title_folded"])
    op.create_table(
        "info_request",
        *sync_columns("info_request"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("requester", sa.String(200), nullable=False),
        sa.Column("content", sa.String(1000), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
    )
    op.create_index("ix_info_request_year", "info_request", ["year"])
    op.create_table(
        "user_holiday",
        *sync_columns("user_holiday"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
    )
    op.create_index("ix_user_holiday_day", "user_holiday", ["day"])


def upgrade() -> None:
    _assessment()
    _registers()
    for table in TABLES:
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
