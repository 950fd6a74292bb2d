"""DTOs of the mediation service (frozen dataclasses; never ORM rows). The inputs and their validation are in
``domain.mediation``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOrigin,
    CaseOutcome,
    PartyInput,
    ReleaseReason,
    Sex,
    StartException,
)
from pbgdpl_desktop.domain.money import format_money

TEAM_NOT_FOUND = "Không tìm thấy tổ hòa giải (có thể đã bị xóa)."
MEDIATOR_NOT_FOUND = "Không tìm thấy hòa giải viên (có thể đã bị xóa)."
CASE_NOT_FOUND = "Không tìm thấy vụ việc (có thể đã bị xóa)."
REQUEST_NOT_FOUND = "Không tìm thấy đề nghị chi thù lao (có thể đã bị xóa)."


# ------------------------------------------------------------------------------------- DTOs
@dataclass(frozen=True)
class TeamDTO:
    id: str
    name: str
    area: str
    decision_number: str
    decision_date: date | None
    established_on: date | None
    head_mediator_id: str | None
    head_name: str
    needs_minority: bool
    note: str
    members_count: int = 0
    women_count: int = 0
    minority_count: int = 0
    composition_problems: tuple[str, ...] = ()

    @property
    def composition_ok(self) -> bool:
        return not self.composition_problems

    @property
    def composition_text(self) -> str:
        return "Đạt" if self.composition_ok else "Chưa đạt: " + " ".join(self.composition_problems)


@dataclass(frozen=True)
class MediatorDTO:
    id: str
    full_name: str
    sex: Sex
    birth_year: int | None
    ethnicity: str
    address: str
    phone: str
    election_date: date | None
    election_votes: int | None
    election_households: int | None
    recognition_number: str
    recognition_date: date | None
    release_date: date | None
    release_reason: ReleaseReason | None
    release_decision_number: str
    note: str
    team_id: str | None = None  # current team (None when released or without team)
    team_name: str = ""
    trainings: int = 0

    @property
    def is_released(self) -> bool:
        return self.release_date is not None

    @property
    def sex_label(self) -> str:
        return self.sex.label

    @property
    def status_label(self) -> str:
        if self.release_date is not None:
            return "Đã thôi"
        return "Đã công nhận" if self.recognition_date else "Chưa có quyết định công nhận"


@dataclass(frozen=True)
class MembershipDTO:
    id: str
    team_id: str
    team_name: str
    from_date: date
    to_date: date | None


@dataclass(frozen=True)
class CoordinationDTO:
    id: str
    team_id: str
    held_on: date
    kind: str
    kind_label: str
    partner: str
    description: str


@dataclass(frozen=True)
class CaseDTO:
    id: str
    team_id: str
    team_name: str
    case_year: int
    case_number: int
    received_on: date
    assigned_on: date | None
    origin: CaseOrigin
    category: CaseCategory
    summary: str
    parties: tuple[PartyInput, ...]
    mediator_ids: tuple[str, ...]
    mediator_names: tuple[str, ...]
    invited_persons: str
    started_on: date | None
    sessions_held: int
    outcome: CaseOutcome
    result_date: date | None
    outcome_note: str
    agreement_text: str
    follow_up: str
    started_late: bool = False
    warnings: tuple[str, ...] = ()
    start_exception: StartException = StartException.NONE
    start_agreed_on: date | None = None

    @property
    def number_text(self) -> str:
        return f"{self.case_number}/{self.case_year}"

    def as_input(self) -> CaseInput:
        return CaseInput(
            team_id=self.team_id,
            received_on=self.received_on,
            category=self.category,
            origin=self.origin,
            case_number=self.case_number,
            assigned_on=self.assigned_on,
            summary=self.summary,
            parties=self.parties,
            mediator_ids=self.mediator_ids,
            invited_persons=self.invited_persons,
            started_on=self.started_on,
            sessions_held=self.sessions_held,
            outcome=self.outcome,
            result_date=self.result_date,
            outcome_note=self.outcome_note,
            agreement_text=self.agreement_text,
            follow_up=self.follow_up,
            id=self.id,
            start_exception=self.start_exception,
            start_agreed_on=self.start_agreed_on,
        )


@dataclass(frozen=True)
class CaseRow:
    """One row of the case list (the big table)."""

    id: str
    number_text: str
    team_name: str
    received_on: date
    category_label: str
    parties: str
    outcome: str
    outcome_label: str
    result_date: date | None


@dataclass(frozen=True)
class ReminderDTO:
    kind: str  # "not_started" | "long_running" | "fee_overdue" (then case_id is the fee request id)
    case_id: str
    number_text: str
    team_name: str
    since: date
    days: int
    text: str


@dataclass(frozen=True)
class EligibleCaseDTO:
    case_id: str
    number_text: str
    team_name: str
    outcome: CaseOutcome
    result_date: date
    amount: int
    norm_source: str
    parties: str = ""


@dataclass(frozen=True)
class FeeLineDTO:
    case_id: str
    number_text: str
    outcome: CaseOutcome
    result_date: date | None
    amount: int
    norm_source: str


@dataclass(frozen=True)
class FeeRequestDTO:
    id: str
    mediator_id: str
    mediator_name: str
    team_id: str
    team_name: str
    requested_on: date
    due_on: date
    total_amount: int
    paid_on: date | None
    paid_amount: int | None
    expenditure_id: str | None
    refused_on: date | None
    refusal_reason: str
    note: str
    lines: tuple[FeeLineDTO, ...] = field(default=())

    @property
    def cases_count(self) -> int:
        return len(self.lines)

    @property
    def status_label(self) -> str:
        if self.refused_on is not None:
            return "Đã từ chối"
        return "Đã chi" if self.paid_on is not None else "Chờ chi"

    @property
    def label(self) -> str:
        """For pickers (the finance form): who, when, how much."""
        return (
            f"{self.mediator_name} – {self.team_name} – đề nghị ngày {format_date(self.requested_on)} – "
            f"{self.cases_count} vụ việc – {format_money(self.total_amount)}"
        )
