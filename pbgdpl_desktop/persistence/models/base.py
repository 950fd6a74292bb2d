"""Declarative base, the UTC timestamp type and the sync columns every syncable table carries.

Sync columns (docs/architecture.md, "Persistence"): ``id`` (UUID text made on the PC), ``created_at``, ``updated_at``,
``deleted_at`` (tombstone), ``revision`` (+1 on every change) and ``change_seq`` (a per-database monotonic
counter, the export watermark). They are set by the ``before_flush`` hook in ``persistence.uow``; code that
inserts with Core (bulk imports, demo, bench) calls ``persistence.uow.stamp_rows``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in Python, naive UTC text in SQLite."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """Columns of every row that may travel in a sync bundle. Rows are never hard-deleted."""

    __syncable__ = True
    # Columns holding personal data (names, addresses, narratives of private persons): a ``minimal`` sync
    # bundle leaves them out (docs/architecture.md, "Where sync and users will plug in"). Subclasses list their column names here.
    __personal_columns__: tuple[str, ...] = ()
    # False for rows that describe this PC rather than the ward's work (app settings): never in a bundle.
    __sync_bundle__: bool = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0, index=True, unique=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def sync_column_names() -> tuple[str, ...]:
    return ("id", "created_at", "updated_at", "deleted_at", "revision", "change_seq")
