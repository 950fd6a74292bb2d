"""The case list's order ends with the id (two teams may number a case alike on the same day), so the indexes
serving that order carry the id before ``deleted_at``: a jump deep into the list then walks the index alone
(as the session list does) instead of reading the table for every row it passes (bench/deep_pages.py).
Each new index holds the columns of the one it replaces, in the same order, with the id inserted.

Revision ID: 0018_speed_keys
Revises: 0016_office_rules
"""

from alembic import op

revision = "0018_speed_keys"
down_revision = "0016_office_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_mediation_case_received_key", "mediation_case", ["received_on", "case_number", "id", "deleted_at"]
    )
    op.drop_index("ix_mediation_case_received", table_name="mediation_case")
    op.create_index(
        "ix_mediation_case_team_received_key",
        "mediation_case",
        ["team_id", "received_on", "case_number", "id", "deleted_at"],
    )
    op.drop_index("ix_mediation_case_team_received", table_name="mediation_case")


def downgrade() -> None:
    op.create_index(
        "ix_mediation_case_team_received",
        "mediation_case",
        ["team_id", "received_on", "case_number", "deleted_at"],
    )
    op.drop_index("ix_mediation_case_team_received_key", table_name="mediation_case")
    op.create_index(
        "ix_mediation_case_received", "mediation_case", ["received_on", "case_number", "deleted_at"]
    )
    op.drop_index("ix_mediation_case_received_key", table_name="mediation_case")
