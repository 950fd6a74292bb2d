"""Tables of the foundation: app metadata, the sync counter, settings, the ward profile, evidence files."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, UTCDateTime


class AppMeta(Base):
    """Key/value facts about the file itself (app version that last wrote it, creation time, mode)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class SyncState(Base):
    """Single row: the last ``change_seq`` handed out in this database."""

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_change_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Setting(SyncMixin, Base):
    """Declared app settings (see ``domain.settings``), JSON-encoded values."""

    __tablename__ = "setting"
    __sync_bundle__ = False  # this PC's preferences (folders, text size): they do not travel
    __table_args__ = (UniqueConstraint("key"),)
    key: Mapped[str] = mapped_column(String(100), nullable=False)
    value_json: Mapped[str] = mapped_column(Text, nullable=False)


class WardProfileRow(SyncMixin, Base):
    __tablename__ = "ward_profile"
    province_code: Mapped[str] = mapped_column(String(2), nullable=False)
    province_name: Mapped[str] = mapped_column(String(100), nullable=False)
    commune_code: Mapped[str] = mapped_column(String(5), nullable=False)
    commune_name: Mapped[str] = mapped_column(String(120), nullable=False)
    commune_type: Mapped[str] = mapped_column(String(10), nullable=False)
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    chairman: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    vice_chairman: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    clerk_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    receiving_office: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    legacy_district: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(120), nullable=False, default="")


class EvidenceFile(SyncMixin, Base):
    """A file copied into ``<data dir>/evidence/<sha256[:2]>/<sha256>``; the DB keeps hash, name, size, type."""

    __tablename__ = "evidence_file"
    __table_args__ = (UniqueConstraint("sha256"),)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    original_name: Mapped[str] = mapped_column(String(260), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False, default="application/octet-stream")
    # the digital-signature check of a PDF (services/signing/evidence.py); sig_status None = not checked
    sig_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    sig_signer: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    sig_organisation: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    sig_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    sig_problem: Mapped[str] = mapped_column(String(500), nullable=False, default="", server_default="")
    sig_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class EvidenceLink(SyncMixin, Base):
    """Attaches an evidence file to any record: ``owner_table`` + ``owner_id`` (UUID)."""

    __tablename__ = "evidence_link"
    __table_args__ = (Index("ix_evidence_link_owner", "owner_table", "owner_id"),)
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence_file.id"), nullable=False, index=True)
    owner_table: Mapped[str] = mapped_column(String(64), nullable=False)
    owner_id: Mapped[str] = mapped_column(String(36), nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")
