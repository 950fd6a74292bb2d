"""Legal fidelity (issue #16): the Art. 20.2 start exception of a mediation case; the plan and task fields of a
real district plan (directing document, legal bases, funded amount, lead and coordinating units, period,
topics, target groups); the public posting of the self-assessment as TT 09/2021 Điều 3.1.c counts it (web
portal days, loudspeaker announcements). Columns only, with defaults: existing rows keep their meaning.

Revision ID: 0008_legal_fidelity
Revises: 0007_sync
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_legal_fidelity"
down_revision = "0007_sync"
branch_labels = None
depends_on = None


def _text(name: str, length: int | None = None) -> sa.Column:
    kind = sa.String(length) if length else sa.Text()
    return sa.Column(name, kind, nullable=False, server_default="")


def upgrade() -> None:
    op.add_column(
        "mediation_case", sa.Column("start_exception", sa.String(20), nullable=False, server_default="none")
    )
    op.add_column("mediation_case", sa.Column("start_agreed_on", sa.Date(), nullable=True))
    op.add_column("dissemination_plan", _text("directive_number", 200))
    op.add_column("dissemination_plan", _text("legal_bases"))
    op.add_column(
        "dissemination_plan", sa.Column("funded_amount", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("plan_task", _text("lead_unit", 200))
    op.add_column("plan_task", _text("coordinating_units", 400))
    op.add_column("plan_task", _text("period", 60))
    op.add_column("plan_task", _text("topics"))
    op.add_column("plan_task", _text("target_groups", 300))
    op.add_column("plan_task", sa.Column("funded_amount", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("assessment_step", sa.Column("web_start_date", sa.Date(), nullable=True))
    op.add_column("assessment_step", sa.Column("web_end_date", sa.Date(), nullable=True))
    op.add_column(
        "assessment_step", sa.Column("loudspeaker_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("assessment_step", sa.Column("loudspeaker_start", sa.Date(), nullable=True))
    op.add_column("assessment_step", sa.Column("loudspeaker_end", sa.Date(), nullable=True))


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
