"""Hòa giải ở cơ sở: teams, mediators, memberships, training, coordination, cases, parties, fee requests.

Revision ID: 0003_mediation
Revises: 0002_dissemination
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0003_mediation"
down_revision = "0002_dissemination"
branch_labels = None
depends_on = None

TABLES = (
    "mediator",
    "mediation_team",
    "mediator_membership",
    "mediator_training",
    "mediation_coordination",
    "mediation_case",
    "mediation_case_party",
    "mediation_case_mediator",
    "mediator_fee_request",
    "mediator_fee_line",
)


def _fk(table: str, column: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(
        column,
        sa.String(36),
        sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}"),
        nullable=nullable,
    )


def _people() -> None:
    op.create_table(
        "mediator",
        *sync_columns("mediator"),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("name_folded", sa.String(120), nullable=False),
        sa.Column("sex", sa.String(10), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("ethnicity", sa.String(50), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("election_date", sa.Date(), nullable=True),
        sa.Column("election_votes", sa.Integer(), nullable=True),
        sa.Column("election_households", sa.Integer(), nullable=True),
        sa.Column("recognition_number", sa.String(60), nullable=False),
        sa.Column("recognition_date", sa.Date(), nullable=True),
        sa.Column("release_date", sa.Date(), nullable=True),
        sa.Column("release_reason", sa.String(30), nullable=True),
        sa.Column("release_decision_number", sa.String(60), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
    )
    op.create_index("ix_mediator_name_folded", "mediator", ["name_folded"])
    op.create_table(
        "mediation_team",
        *sync_columns("mediation_team"),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("name_folded", sa.String(120), nullable=False),
        sa.Column("area", sa.String(120), nullable=False),
        sa.Column("decision_number", sa.String(60), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("established_on", sa.Date(), nullable=True),
        _fk("mediation_team", "head_mediator_id", "mediator", nullable=True),
        sa.Column("needs_minority", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
    )
    op.create_index("ix_mediation_team_name_folded", "mediation_team", ["name_folded"])
    op.create_index("ix_mediation_team_head_mediator_id", "mediation_team", ["head_mediator_id"])
    op.create_table(
        "mediator_membership",
        *sync_columns("mediator_membership"),
        _fk("mediator_membership", "mediator_id", "mediator"),
        _fk("mediator_membership", "team_id", "mediation_team"),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=True),
    )
    op.create_index("ix_mediator_membership_mediator_id", "mediator_membership", ["mediator_id"])
    op.create_index("ix_mediator_membership_team_id", "mediator_membership", ["team_id"])
    op.create_table(
        "mediator_training",
        *sync_columns("mediator_training"),
        _fk("mediator_training", "mediator_id", "mediator"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_index("ix_mediator_training_mediator_id", "mediator_training", ["mediator_id"])
    op.create_table(
        "mediation_coordination",
        *sync_columns("mediation_coordination"),
        _fk("mediation_coordination", "team_id", "mediation_team"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
    )
    op.create_index("ix_mediation_coordination_team_id", "mediation_coordination", ["team_id"])


def _cases() -> None:
    op.create_table(
        "mediation_case",
        *sync_columns("mediation_case"),
        _fk("mediation_case", "team_id", "mediation_team"),
        sa.Column("case_year", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("invited_persons", sa.String(300), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("sessions_held", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("result_date", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.String(500), nullable=False),
        sa.Column("agreement_text", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("parties_display", sa.String(300), nullable=False),
        sa.Column("search_folded", sa.Text(), nullable=False),
    )
    op.create_index("ix_mediation_case_number", "mediation_case", ["team_id", "case_year", "case_number"])
    op.create_index(
        "ix_mediation_case_received", "mediation_case", ["received_on", "case_number", "deleted_at"]
    )
    op.create_index(
        "ix_mediation_case_team_received",
        "mediation_case",
        ["team_id", "received_on", "case_number", "deleted_at"],
    )
    op.create_index("ix_mediation_case_outcome", "mediation_case", ["outcome", "deleted_at"])
    op.create_index("ix_mediation_case_category", "mediation_case", ["category", "deleted_at"])
    op.create_index("ix_mediation_case_search", "mediation_case", ["search_folded", "deleted_at"])
    op.create_table(
        "mediation_case_party",
        *sync_columns("mediation_case_party"),
        _fk("mediation_case_party", "case_id", "mediation_case"),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(300), nullable=False),
    )
    op.create_index("ix_mediation_case_party_case_id", "mediation_case_party", ["case_id"])
    op.create_table(
        "mediation_case_mediator",
        *sync_columns("mediation_case_mediator"),
        _fk("mediation_case_mediator", "case_id", "mediation_case"),
        _fk("mediation_case_mediator", "mediator_id", "mediator"),
    )
    op.create_index("ix_mediation_case_mediator_case_id", "mediation_case_mediator", ["case_id"])
    op.create_index("ix_mediation_case_mediator_mediator_id", "mediation_case_mediator", ["mediator_id"])


def _fees() -> None:
    op.create_table(
        "mediator_fee_request",
        *sync_columns("mediator_fee_request"),
        _fk("mediator_fee_request", "mediator_id", "mediator"),
        _fk("mediator_fee_request", "team_id", "mediation_team"),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("total_amount", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_amount", sa.Integer(), nullable=True),
        sa.Column("expenditure_id", sa.String(36), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason", sa.String(500), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
    )
    op.create_index("ix_mediator_fee_request_mediator_id", "mediator_fee_request", ["mediator_id"])
    op.create_index("ix_mediator_fee_request_team_id", "mediator_fee_request", ["team_id"])
    op.create_index("ix_mediator_fee_request_expenditure_id", "mediator_fee_request", ["expenditure_id"])
    op.create_table(
        "mediator_fee_line",
        *sync_columns("mediator_fee_line"),
        _fk("mediator_fee_line", "request_id", "mediator_fee_request"),
        _fk("mediator_fee_line", "case_id", "mediation_case"),
        sa.Column("variant", sa.String(20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("norm_source", sa.String(200), nullable=False),
    )
    op.create_index("ix_mediator_fee_line_request_id", "mediator_fee_line", ["request_id"])
    op.create_index("ix_mediator_fee_line_case_id", "mediator_fee_line", ["case_id"])


def upgrade() -> None:
    _people()
    _cases()
    _fees()
    for table in TABLES:
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
