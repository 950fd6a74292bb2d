"""Tables of the sync bundles (docs/sync-format.md). None of them is syncable itself.

Ward side: ``sync_export_log`` (one row per bundle written). Office side (a database in ``upper-office``
mode): ``sync_ward`` (registered wards and their public keys), ``sync_ward_bundle`` (which ``seq`` of which
ward is applied: replay and gap checks), ``sync_import`` (the report of every import or dry run) and
``office_row`` (the wards' records, one row per ward, table and record id: wards never mix). Timestamps a
ward sent are kept as the text it sent (never restamped).
"""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, UTCDateTime


class SyncExportLog(Base):
    __tablename__ = "sync_export_log"
    __table_args__ = (UniqueConstraint("seq"), UniqueConstraint("bundle_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False)
    full: Mapped[bool] = mapped_column(Boolean, nullable=False)
    privacy: Mapped[str] = mapped_column(String(10), nullable=False)
    evidence: Mapped[bool] = mapped_column(Boolean, nullable=False)
    since_change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    to_change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    resend_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    file_name: Mapped[str] = mapped_column(String(260), nullable=False)
    folder: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    records: Mapped[int] = mapped_column(Integer, nullable=False)
    counts_json: Mapped[str] = mapped_column(Text, nullable=False)
    first_change: Mapped[str] = mapped_column(String(32), nullable=False)
    last_change: Mapped[str] = mapped_column(String(32), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class SyncWard(Base):
    __tablename__ = "sync_ward"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    commune_type: Mapped[str] = mapped_column(String(10), nullable=False)
    province_code: Mapped[str] = mapped_column(String(2), nullable=False)
    province_name: Mapped[str] = mapped_column(String(100), nullable=False)
    public_key_pem: Mapped[str] = mapped_column(Text, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(80), nullable=False)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    registered_by: Mapped[str] = mapped_column(String(120), nullable=False)


class SyncWardBundle(Base):
    __tablename__ = "sync_ward_bundle"
    __table_args__ = (UniqueConstraint("bundle_id"),)
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class SyncImport(Base):
    __tablename__ = "sync_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    ward_code: Mapped[str] = mapped_column(String(10), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    file_name: Mapped[str] = mapped_column(String(260), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    report_json: Mapped[str] = mapped_column(Text, nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class OfficeRow(Base):
    __tablename__ = "office_row"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[str] = mapped_column(String(32), nullable=False)
    updated_at: Mapped[str] = mapped_column(String(32), nullable=False)
    deleted_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    sender_change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)  # the row's JSON line exactly as the ward sent it
