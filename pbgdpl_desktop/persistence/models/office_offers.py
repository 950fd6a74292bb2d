"""Ward side of replies: the rule files and norm tables the office offers in a reply bundle (docs/office.md,
"Rule files and norm tables in replies"). Kept as received (the signed text) until the clerk accepts or
declines; never travels in a ward's bundle."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, UTCDateTime


class ReplyOffer(Base):
    __tablename__ = "reply_offer"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    reply_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # rules | norms
    name: Mapped[str] = mapped_column(String(260), nullable=False)
    offer_key: Mapped[str] = mapped_column(String(80), nullable=False)  # ruleset id / norm table id
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)  # pending | accepted | declined
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")
