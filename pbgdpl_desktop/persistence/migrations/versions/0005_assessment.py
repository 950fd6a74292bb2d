"""assessment tables (placeholder in the chain, filled by its issue before release).

Revision ID: 0005_assessment
Revises: 0004_finance
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns  # noqa: F401

revision = "0005_assessment"
down_revision = "0004_finance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
