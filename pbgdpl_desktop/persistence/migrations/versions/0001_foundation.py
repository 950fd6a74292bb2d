"""Foundation: app metadata, sync counter, settings, ward profile, evidence files.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-30

Released: never edit this file; fix mistakes in a later revision (docs/architecture.md, "Persistence").
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("last_change_seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "setting",
        *sync_columns("setting"),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.UniqueConstraint("key", name="uq_setting_key"),
    )
    op.create_table(
        "ward_profile",
        *sync_columns("ward_profile"),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("province_name", sa.String(100), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("commune_name", sa.String(120), nullable=False),
        sa.Column("commune_type", sa.String(10), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("chairman", sa.String(120), nullable=False),
        sa.Column("vice_chairman", sa.String(120), nullable=False),
        sa.Column("clerk_name", sa.String(120), nullable=False),
        sa.Column("receiving_office", sa.String(200), nullable=False),
        sa.Column("legacy_district", sa.String(120), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(120), nullable=False),
    )
    op.create_table(
        "evidence_file",
        *sync_columns("evidence_file"),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("original_name", sa.String(260), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.UniqueConstraint("sha256", name="uq_evidence_file_sha256"),
    )
    op.create_table(
        "evidence_link",
        *sync_columns("evidence_link"),
        sa.Column(
            "evidence_id",
            sa.String(36),
            sa.ForeignKey("evidence_file.id", name="fk_evidence_link_evidence_id_evidence_file"),
            nullable=False,
        ),
        sa.Column("owner_table", sa.String(64), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
    )
    op.create_index("ix_evidence_link_evidence_id", "evidence_link", ["evidence_id"])
    op.create_index("ix_evidence_link_owner", "evidence_link", ["owner_table", "owner_id"])
    for table in ("setting", "ward_profile", "evidence_file", "evidence_link"):
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
