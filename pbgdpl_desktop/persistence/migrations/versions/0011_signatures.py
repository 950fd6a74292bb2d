"""Digital signatures: the result of checking a signed evidence PDF, stored with the evidence file (and so
sent to the office with it); the register of issued certificates and commendations (numbers never repeat
within a year).

Revision ID: 0011_signatures
Revises: 0009_attendees
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns
from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0011_signatures"
down_revision = "0010_users_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence_file") as batch:
        batch.add_column(sa.Column("sig_status", sa.String(20), nullable=True))
        batch.add_column(sa.Column("sig_signer", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("sig_organisation", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("sig_signed_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("sig_problem", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("sig_checked_at", UTCDateTime(), nullable=True))
    op.create_table(
        "issued_certificate",
        *sync_columns("issued_certificate"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("symbol", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(120), nullable=False),
        sa.Column("unit", sa.String(200), nullable=False, server_default=""),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(1000), nullable=False, server_default=""),
        sa.Column("decision", sa.String(200), nullable=False, server_default=""),
        sa.Column("prints", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("year", "symbol", "number", name="uq_issued_certificate_year_symbol_number"),
    )
    op.create_index("ix_issued_certificate_change_seq", "issued_certificate", ["change_seq"], unique=True)


def downgrade() -> None:
    op.drop_table("issued_certificate")
    with op.batch_alter_table("evidence_file") as batch:
        for name in (
            "sig_checked_at",
            "sig_problem",
            "sig_signed_at",
            "sig_organisation",
            "sig_signer",
            "sig_status",
        ):
            batch.drop_column(name)
