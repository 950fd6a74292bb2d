"""Shared pieces for migration scripts. Changing a helper must never change what a released revision did:
add a new helper instead of editing one that a released revision uses."""

import sqlalchemy as sa

from pbgdpl_desktop.persistence.models.base import UTCDateTime


def sync_columns(table: str) -> list[sa.Column]:
    """The six sync columns; create the ``ix_<table>_change_seq`` index separately."""
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
    ]
