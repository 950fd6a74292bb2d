"""Attendee lists of dissemination sessions (optional): the people certificates are printed for.

Revision ID: 0009_attendees
Revises: 0008_legal_fidelity
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0009_attendees"
down_revision = "0008_legal_fidelity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dissemination_attendee",
        *sync_columns("dissemination_attendee"),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey(
                "dissemination_session.id", name="fk_dissemination_attendee_session_id_dissemination_session"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("unit", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index(
        "ix_dissemination_attendee_change_seq", "dissemination_attendee", ["change_seq"], unique=True
    )
    op.create_index(
        "ix_dissemination_attendee_session_id",
        "dissemination_attendee",
        ["session_id", "deleted_at", "position"],
    )


def downgrade() -> None:
    op.drop_table("dissemination_attendee")
