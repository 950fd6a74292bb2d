"""Tables of the access-to-law standard: the yearly assessment (manual values, notes with evidence,
procedure checklist, saved results) and the two small registers the criteria need (the ward's own legal
normative documents; information requests), plus the days off a user adds to the holiday calendar.

Evidence files attach to ``assessment_note`` rows (one per indicator) through ``evidence_link``."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, UTCDateTime


class Assessment(SyncMixin, Base):
    """One self-assessment per evaluation year, scored with one ruleset version."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("year"),)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    ruleset_id: Mapped[str] = mapped_column(String(40), nullable=False)
    ruleset_version: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AssessmentValue(SyncMixin, Base):
    """A manual value (``input.<code>``) or an override of a computed fact; JSON-encoded."""

    __tablename__ = "assessment_value"
    __table_args__ = (UniqueConstraint("assessment_id", "key"),)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessment.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    value_json: Mapped[str] = mapped_column(Text, nullable=False)


class AssessmentNote(SyncMixin, Base):
    """Note of one indicator / sub-item; evidence files link to this row."""

    __tablename__ = "assessment_note"
    __table_args__ = (UniqueConstraint("assessment_id", "code"),)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessment.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AssessmentStep(SyncMixin, Base):
    """A step of the procedure checklist (posting, comments, meeting, dossier sent …)."""

    __tablename__ = "assessment_step"
    __table_args__ = (UniqueConstraint("assessment_id", "code"),)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessment.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # public posting (TT 09/2021 Điều 3.1.c): start/end above = at the office; plus web or loudspeaker (0008)
    web_start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    web_end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    loudspeaker_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    loudspeaker_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    loudspeaker_end: Mapped[date | None] = mapped_column(Date, nullable=True)


class AssessmentResultRow(SyncMixin, Base):
    """A saved result (snapshot of the result tree) with the ruleset id and version it used."""

    __tablename__ = "assessment_result"
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessment.id"), nullable=False, index=True)
    ruleset_id: Mapped[str] = mapped_column(String(40), nullable=False)
    ruleset_version: Mapped[int] = mapped_column(Integer, nullable=False)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    verdict: Mapped[str] = mapped_column(String(10), nullable=False)
    total: Mapped[str | None] = mapped_column(String(20), nullable=True)
    result_json: Mapped[str] = mapped_column(Text, nullable=False)


class WardLegalDocument(SyncMixin, Base):
    """A legal normative document (VBQPPL) the ward's HĐND/UBND had to issue (assigned or self-determined)."""

    __tablename__ = "ward_legal_document"
    # the register's counts of a year read this index alone (assessment_repo.document_counts; 0019, #17)
    __table_args__ = (
        Index(
            "ix_ward_legal_document_facts",
            "year",
            "deleted_at",
            "issue_date",
            "deadline",
            "handled_unlawful",
            "draft_required",
            "draft_communicated",
            "self_inspected",
            "disclosed",
            "id",
        ),
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    issuer: Mapped[str] = mapped_column(String(10), nullable=False)  # hdnd | ubnd
    origin: Mapped[str] = mapped_column(String(10), nullable=False)  # assigned | self
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    title_folded: Mapped[str] = mapped_column(String(500), nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    issue_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    draft_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    draft_communicated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    self_inspected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    disclosed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    handled_unlawful: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class InfoRequest(SyncMixin, Base):
    """A request for information (Luật Tiếp cận thông tin): received, due, answered."""

    __tablename__ = "info_request"
    __personal_columns__ = ("requester", "content")
    # the register's counts of a year read this index alone (assessment_repo.request_counts; 0019, #17)
    __table_args__ = (Index("ix_info_request_facts", "year", "deleted_at", "answered_on", "due_on", "id"),)
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    requester: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    content: Mapped[str] = mapped_column(String(1000), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class UserHoliday(SyncMixin, Base):
    """A day off (or a worked Saturday) the user added for a year, on top of the shipped calendar."""

    __tablename__ = "user_holiday"
    day: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # statutory | compensatory | swap_workday
    source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
