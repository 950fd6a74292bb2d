"""Local accounts and the audit trail (issue #15).

``app_user`` describes who may open this PC's database: it never travels in a bundle. ``audit_log`` is
append-only (SQLite triggers refuse UPDATE and DELETE, migration 0010); the values of personal fields a change
touched are kept apart in ``audit_personal`` so that the retention rule can erase them with the record."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, UTCDateTime, new_id


class AppUser(Base):
    __tablename__ = "app_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    # "scrypt$n$r$p$salt_hex$hash_hex": the parameters travel with the hash
    password_hash: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    failed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    must_change: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    module: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    table_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    record_id: Mapped[str] = mapped_column(String(60), nullable=False, default="", index=True)
    # {"field": [before, after], …} without the personal fields (those are in audit_personal)
    changes_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    personal_fields: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    detail: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class AuditPersonal(Base):
    __tablename__ = "audit_personal"

    audit_id: Mapped[int] = mapped_column(ForeignKey("audit_log.id"), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    changes_json: Mapped[str] = mapped_column(Text, nullable=False)
