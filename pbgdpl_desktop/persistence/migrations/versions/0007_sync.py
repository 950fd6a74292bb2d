"""Sync bundles: the ward's export log; the office's ward registry, applied bundles, import reports and the
wards' records (one generic table keyed by ward, table and record id). Adds tables only.

Revision ID: 0007_sync
Revises: 0006_unique_numbers
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0007_sync"
down_revision = "0006_unique_numbers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_export_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("privacy", sa.String(10), nullable=False),
        sa.Column("evidence", sa.Boolean(), nullable=False),
        sa.Column("since_change_seq", sa.Integer(), nullable=False),
        sa.Column("to_change_seq", sa.Integer(), nullable=False),
        sa.Column("resend_of", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("counts_json", sa.Text(), nullable=False),
        sa.Column("first_change", sa.String(32), nullable=False),
        sa.Column("last_change", sa.String(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("seq", name="uq_sync_export_log_seq"),
        sa.UniqueConstraint("bundle_id", name="uq_sync_export_log_bundle_id"),
    )
    op.create_table(
        "sync_ward",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("commune_type", sa.String(10), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("province_name", sa.String(100), nullable=False),
        sa.Column("public_key_pem", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("registered_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "sync_ward_bundle",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("bundle_id", name="uq_sync_ward_bundle_bundle_id"),
    )
    op.create_table(
        "sync_import",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("ward_code", sa.String(10), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("report_json", sa.Text(), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_sync_import_bundle_id", "sync_import", ["bundle_id"])
    op.create_table(
        "office_row",
        sa.Column("ward_code", sa.String(10), primary_key=True),
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("deleted_at", sa.String(32), nullable=True),
        sa.Column("sender_change_seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
