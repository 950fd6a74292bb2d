"""Tables of the office above (docs/office.md). None of them travels in a ward's bundle.

Office side (``upper-office`` database): ``office_review`` (one review per ward and year: status, version
for optimistic concurrency, decision), ``office_review_event`` (its history: status, date, who),
``office_appraisal`` (the council's value and note per indicator), ``office_ward_figure`` (each ward's
figures per year and period, computed from ``office_row`` after an import; the roll-up sums them),
``office_figure_stamp`` (which imports a ward's figures reflect) and ``office_reply_log`` (reply bundles
written). Ward side: ``reply_inbox`` (reply bundles applied), ``reply_note`` (the office's notes per
indicator) and ``reply_decision`` (the recognition decision)."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, UTCDateTime


class OfficeReview(Base):
    __tablename__ = "office_review"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    status_on: Mapped[date] = mapped_column(Date, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(120), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    decision_number: Mapped[str] = mapped_column(String(60), nullable=False)
    decision_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class OfficeReviewEvent(Base):
    __tablename__ = "office_review_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    status_on: Mapped[date] = mapped_column(Date, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    by: Mapped[str] = mapped_column(String(120), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)


class OfficeAppraisal(Base):
    __tablename__ = "office_appraisal"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), nullable=False)
    request: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    appraised_by: Mapped[str] = mapped_column(String(120), nullable=False)
    appraised_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class OfficeWardFigure(Base):
    __tablename__ = "office_ward_figure"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)
    figure: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


class OfficeFigureStamp(Base):
    __tablename__ = "office_figure_stamp"
    ward_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(80), nullable=False)
    computed_on: Mapped[date] = mapped_column(Date, nullable=False)
    verdict_year: Mapped[int | None] = mapped_column(Integer, nullable=True)


class OfficeReplyLog(Base):
    __tablename__ = "office_reply_log"
    __table_args__ = (UniqueConstraint("bundle_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False)
    file_name: Mapped[str] = mapped_column(String(260), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_by: Mapped[str] = mapped_column(String(120), nullable=False)


class ReplyInbox(Base):
    __tablename__ = "reply_inbox"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(80), nullable=False)
    file_name: Mapped[str] = mapped_column(String(260), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class ReplyNote(Base):
    __tablename__ = "reply_note"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    request: Mapped[str] = mapped_column(String(20), nullable=False)
    value: Mapped[str] = mapped_column(String(40), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class ReplyDecision(Base):
    __tablename__ = "reply_decision"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    number: Mapped[str] = mapped_column(String(60), nullable=False)
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    bundle_id: Mapped[str] = mapped_column(String(36), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
