"""Tables of the dissemination module. Every syncable table: ``class X(SyncMixin, Base)``.

Other modules reference ``dissemination_session``, ``dissemination_plan``, ``plan_task`` and ``speaker`` by id.
"""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin


class DisseminationSessionRow(SyncMixin, Base):
    """One dissemination activity. ``search_text`` = fold(title, place, speakers, laws), kept by the service."""

    __tablename__ = "dissemination_session"
    # Indexes for a list of a million rows (bench/dissemination_list.py): every filter and sort of the list is
    # a range of one index whose tail is (held_on, id), so count(*) is a covering range scan and a page walks
    # the index newest first; a search scans the narrow covering search index instead of the wide table.
    __table_args__ = (
        Index("ix_dissemination_session_live_held_on", "deleted_at", "held_on", "id"),
        Index(
            "ix_dissemination_session_live_search",
            "deleted_at",
            "search_text",
            "target_groups",
            "held_on",
            "id",
        ),
        Index("ix_dissemination_session_live_form", "deleted_at", "form", "held_on", "id"),
        Index("ix_dissemination_session_live_group", "deleted_at", "residential_group", "held_on", "id"),
        Index("ix_dissemination_session_live_attendance", "deleted_at", "attendance_total", "held_on", "id"),
        # the year's facts read these indexes alone (groups_between, facts_sql.task_sessions; 0019, #17)
        Index(
            "ix_dissemination_session_facts",
            "deleted_at",
            "held_on",
            "form",
            "target_groups",
            "online",
            "digital_activity",
            "attendance_total",
            "attendance_women",
            "attendance_special",
            "law_day",
            "materials_count",
        ),
        Index("ix_dissemination_session_task_held", "plan_task_id", "deleted_at", "held_on"),
    )
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    start_time: Mapped[str] = mapped_column(String(5), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    form: Mapped[str] = mapped_column(String(30), nullable=False)
    online: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    digital_activity: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    residential_group: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    target_groups: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    attendance_total: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    attendance_women: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    attendance_special: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    materials_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    law_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    plan_task_id: Mapped[str | None] = mapped_column(ForeignKey("plan_task.id"), nullable=True, index=True)
    speakers_text: Mapped[str] = mapped_column(Text, nullable=False, default="")  # registry names + extra
    speakers_extra: Mapped[str] = mapped_column(Text, nullable=False, default="")
    laws_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    laws_extra: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    import_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class SessionSpeakerRow(SyncMixin, Base):
    __tablename__ = "dissemination_session_speaker"
    session_id: Mapped[str] = mapped_column(
        ForeignKey("dissemination_session.id"), nullable=False, index=True
    )
    speaker_id: Mapped[str] = mapped_column(ForeignKey("speaker.id"), nullable=False, index=True)


class SessionLawRow(SyncMixin, Base):
    __tablename__ = "dissemination_session_law"
    session_id: Mapped[str] = mapped_column(
        ForeignKey("dissemination_session.id"), nullable=False, index=True
    )
    document_id: Mapped[str] = mapped_column(ForeignKey("legal_document.id"), nullable=False, index=True)


class AttendeeRow(SyncMixin, Base):
    """One person on a session's attendee list (optional; certificates can be printed from it)."""

    __tablename__ = "dissemination_attendee"
    __personal_columns__ = ("full_name", "unit")
    __table_args__ = (Index("ix_dissemination_attendee_session_id", "session_id", "deleted_at", "position"),)
    session_id: Mapped[str] = mapped_column(ForeignKey("dissemination_session.id"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    full_name: Mapped[str] = mapped_column(String(120), nullable=False)
    unit: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")


class PlanRow(SyncMixin, Base):
    """The yearly PBGDPL plan of the ward (one per year)."""

    __tablename__ = "dissemination_plan"
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    directive_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    directive_number: Mapped[str] = mapped_column(String(200), nullable=False, default="")  # 0008
    legal_bases: Mapped[str] = mapped_column(Text, nullable=False, default="")  # one per line
    funded_amount: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PlanTaskRow(SyncMixin, Base):
    __tablename__ = "plan_task"
    plan_id: Mapped[str] = mapped_column(ForeignKey("dissemination_plan.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    category: Mapped[str] = mapped_column(String(30), nullable=False)
    arising: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    funded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    lead_unit: Mapped[str] = mapped_column(String(200), nullable=False, default="")  # 0008
    coordinating_units: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    period: Mapped[str] = mapped_column(String(60), nullable=False, default="")  # "Thường xuyên", "Quý II"
    topics: Mapped[str] = mapped_column(Text, nullable=False, default="")
    target_groups: Mapped[str] = mapped_column(String(300), nullable=False, default="")  # TargetGroup values
    funded_amount: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SpeakerRow(SyncMixin, Base):
    """Báo cáo viên / tuyên truyền viên pháp luật."""

    __tablename__ = "speaker"
    __personal_columns__ = ("phone",)
    full_name: Mapped[str] = mapped_column(String(120), nullable=False)
    name_fold: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    decision_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    decision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    unit: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class SpeakerTrainingRow(SyncMixin, Base):
    __tablename__ = "speaker_training"
    speaker_id: Mapped[str] = mapped_column(ForeignKey("speaker.id"), nullable=False, index=True)
    trained_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    course: Mapped[str] = mapped_column(String(300), nullable=False)
    hours: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    online: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False
    )  # QĐ 27 CT2.5: online training


class LegalDocumentRow(SyncMixin, Base):
    """Catalogue of legal documents (seeded from resources/data/legal_documents_catalog.csv, extendable)."""

    __tablename__ = "legal_document"
    number: Mapped[str] = mapped_column(String(60), nullable=False, default="", index=True)
    title: Mapped[str] = mapped_column(String(400), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    adopted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    effective_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    verified: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    user_added: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class BookcaseItemRow(SyncMixin, Base):
    """A title in the ward's legal bookcase (tủ sách pháp luật)."""

    __tablename__ = "bookcase_item"
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("legal_document.id"), nullable=True, index=True
    )
    copies: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    location: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    acquired_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class BookcaseLoanRow(SyncMixin, Base):
    __tablename__ = "bookcase_loan"
    __personal_columns__ = ("borrower",)
    item_id: Mapped[str] = mapped_column(ForeignKey("bookcase_item.id"), nullable=False, index=True)
    borrower: Mapped[str] = mapped_column(String(120), nullable=False)
    loaned_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    returned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
