"""dissemination tables (placeholder in the chain, filled by its issue before release).

Revision ID: 0002_dissemination
Revises: 0001_foundation
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns  # noqa: F401

revision = "0002_dissemination"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
