"""Hòa giải ở cơ sở: teams, mediators (membership history, training), coordination activities, the case book
(parties, mediators) and mediator fee requests. Other modules reference ``mediation_team``, ``mediator``,
``mediation_case`` and ``mediator_fee_request`` by id.

Personal data (Luật Bảo vệ dữ liệu cá nhân 2025; docs/architecture.md, "Where sync and users will plug in") is listed in ``__personal_columns__``."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin


class Mediator(SyncMixin, Base):
    __tablename__ = "mediator"
    __personal_columns__ = ("birth_year", "address", "phone")

    full_name: Mapped[str] = mapped_column(String(120), nullable=False)
    name_folded: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    sex: Mapped[str] = mapped_column(String(10), nullable=False)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ethnicity: Mapped[str] = mapped_column(String(50), nullable=False, default="Kinh")
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    election_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    election_votes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    election_households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recognition_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    recognition_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    release_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    release_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    release_decision_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class MediationTeam(SyncMixin, Base):
    __tablename__ = "mediation_team"

    name: Mapped[str] = mapped_column(String(120), nullable=False)
    name_folded: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    area: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    decision_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    decision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    established_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    head_mediator_id: Mapped[str | None] = mapped_column(ForeignKey("mediator.id"), nullable=True, index=True)
    needs_minority: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class MediatorMembership(SyncMixin, Base):
    """A mediator in a team from ``from_date`` to ``to_date`` (open = still a member): moves keep history."""

    __tablename__ = "mediator_membership"

    mediator_id: Mapped[str] = mapped_column(ForeignKey("mediator.id"), nullable=False, index=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("mediation_team.id"), nullable=False, index=True)
    from_date: Mapped[date] = mapped_column(Date, nullable=False)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class MediatorTraining(SyncMixin, Base):
    """Training, refresher courses or legal materials given to a mediator (QĐ 27 CT3.4.2)."""

    __tablename__ = "mediator_training"

    mediator_id: Mapped[str] = mapped_column(ForeignKey("mediator.id"), nullable=False, index=True)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="training")


class MediationCoordination(SyncMixin, Base):
    """A coordination or support activity of a team (invited lawyer, police …; QĐ 27 CT3.3)."""

    __tablename__ = "mediation_coordination"

    team_id: Mapped[str] = mapped_column(ForeignKey("mediation_team.id"), nullable=False, index=True)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    partner: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class MediationCase(SyncMixin, Base):
    """One line of the Sổ theo dõi hoạt động hòa giải ở cơ sở."""

    __tablename__ = "mediation_case"
    __personal_columns__ = (
        "summary",
        "invited_persons",
        "agreement_text",
        "follow_up",
        "parties_display",
        "search_folded",
    )
    # The list sorts by (received_on, case_number) and filters on deleted_at: the indexes carry deleted_at so
    # that counts over a million rows scan a narrow covering index instead of the table (bench/mediation_list.py).
    __table_args__ = (
        Index("ix_mediation_case_number", "team_id", "case_year", "case_number"),
        # the case book's numbers: one per team and year among live cases (migration 0006)
        Index(
            "ux_mediation_case_number_live",
            "team_id",
            "case_year",
            "case_number",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),  # PostgreSQL's where: models.add_server_options()
        ),
        # the id ends the list's order (a total order for pages by key): carried before deleted_at (0018)
        Index("ix_mediation_case_received_key", "received_on", "case_number", "id", "deleted_at"),
        Index(
            "ix_mediation_case_team_received_key", "team_id", "received_on", "case_number", "id", "deleted_at"
        ),
        Index("ix_mediation_case_outcome", "outcome", "deleted_at"),
        # the year's case counts and fee ceilings read this index alone (facts_sql, migration 0019, #17)
        Index(
            "ix_mediation_case_facts",
            "outcome",
            "deleted_at",
            "received_on",
            "started_on",
            "assigned_on",
            "start_exception",
            "start_agreed_on",
            "result_date",
            "id",
        ),
        Index("ix_mediation_case_category", "category", "deleted_at"),
        Index("ix_mediation_case_search", "search_folded", "deleted_at"),
    )

    team_id: Mapped[str] = mapped_column(ForeignKey("mediation_team.id"), nullable=False)
    case_year: Mapped[int] = mapped_column(Integer, nullable=False)
    case_number: Mapped[int] = mapped_column(Integer, nullable=False)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    assigned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    origin: Mapped[str] = mapped_column(String(20), nullable=False)
    category: Mapped[str] = mapped_column(String(20), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    invited_persons: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Luật HGCS Art. 20.2: "none" | "immediate" | "agreed_time" (+ the time the parties agreed)
    start_exception: Mapped[str] = mapped_column(String(20), nullable=False, default="none")
    start_agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    sessions_held: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    result_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome_note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    agreement_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    follow_up: Mapped[str] = mapped_column(Text, nullable=False, default="")
    parties_display: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    search_folded: Mapped[str] = mapped_column(Text, nullable=False, default="")


class MediationCaseParty(SyncMixin, Base):
    __tablename__ = "mediation_case_party"
    __personal_columns__ = ("full_name", "birth_year", "address")

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    full_name: Mapped[str] = mapped_column(String(120), nullable=False)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")


class MediationCaseMediator(SyncMixin, Base):
    __tablename__ = "mediation_case_mediator"

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), nullable=False, index=True)
    mediator_id: Mapped[str] = mapped_column(ForeignKey("mediator.id"), nullable=False, index=True)


class MediatorFeeRequest(SyncMixin, Base):
    """Đề nghị chi thù lao of one mediator; paid within 5 working days or refused in writing."""

    __tablename__ = "mediator_fee_request"

    mediator_id: Mapped[str] = mapped_column(ForeignKey("mediator.id"), nullable=False, index=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("mediation_team.id"), nullable=False, index=True)
    requested_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    total_amount: Mapped[int] = mapped_column(Integer, nullable=False)
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paid_amount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expenditure_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    refused_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    refusal_reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")


class MediatorFeeLine(SyncMixin, Base):
    """One case in a fee request, with the rate in force on its result date."""

    __tablename__ = "mediator_fee_line"

    request_id: Mapped[str] = mapped_column(ForeignKey("mediator_fee_request.id"), nullable=False, index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), nullable=False, index=True)
    variant: Mapped[str] = mapped_column(String(20), nullable=False)
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    norm_source: Mapped[str] = mapped_column(String(200), nullable=False, default="")
