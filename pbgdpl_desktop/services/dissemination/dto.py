"""Frozen DTOs of the dissemination module (never ORM rows); the inputs are in ``domain.dissemination``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm,
    SessionInput,
    SpeakerInput,
    TargetGroup,
    TaskInput,
)
from pbgdpl_desktop.domain.errors import NotFoundError


@dataclass(frozen=True)
class SessionDTO:
    id: str
    data: SessionInput
    speakers: tuple[tuple[str, str], ...] = ()  # (speaker id, name)
    laws: tuple[tuple[str, str], ...] = ()  # (document id, "number – title")
    speakers_text: str = ""
    laws_text: str = ""
    import_key: str | None = None


@dataclass(frozen=True)
class SessionListRow:
    id: str
    held_on: date
    start_time: str
    title: str
    form: DisseminationForm
    online: bool
    place: str
    residential_group: str
    target_groups: tuple[TargetGroup, ...]
    attendance_total: int
    attendance_women: int
    speakers_text: str
    laws_text: str
    plan_task_id: str | None


@dataclass(frozen=True)
class SessionQuery:
    """What the list page asks for. Hashable: the paged model keys its cache on it."""

    year: int | None = None
    month: int | None = None
    form: DisseminationForm | None = None
    target_group: TargetGroup | None = None
    residential_group: str | None = None
    plan_task_id: str | None = None
    search: str = ""
    sort: str = "held_on"
    descending: bool = True


@dataclass(frozen=True)
class PlanDTO:
    id: str
    year: int
    number: str
    title: str
    issued_on: date | None
    directive_on: date | None
    notes: str = ""
    directive_number: str = ""  # the directing document ("Kế hoạch số 12/KH-UBND của UBND quận")
    legal_bases: tuple[str, ...] = ()  # căn cứ ban hành, one per line
    funded_amount: int = 0
    warnings: tuple[str, ...] = ()  # e.g. issued before its directing document

    @property
    def issued_before_directive(self) -> bool:
        return (
            self.issued_on is not None
            and self.directive_on is not None
            and self.issued_on < self.directive_on
        )


@dataclass(frozen=True)
class TaskDTO:
    id: str
    plan_id: str
    data: TaskInput
    linked_sessions: int
    done: bool  # status DONE, or a linked session already held (and not cancelled)
    done_on: date | None


@dataclass(frozen=True)
class TrainingDTO:
    id: str
    speaker_id: str
    trained_on: date
    course: str
    hours: int
    online: bool = False


@dataclass(frozen=True)
class SpeakerDTO:
    id: str
    data: SpeakerInput
    trainings: tuple[TrainingDTO, ...] = ()

    @property
    def full_name(self) -> str:
        return self.data.full_name

    def trained_in(self, year: int) -> bool:
        return any(t.trained_on.year == year for t in self.trainings)


@dataclass(frozen=True)
class LegalDocumentDTO:
    id: str
    number: str
    title: str
    kind: str
    adopted_on: date | None
    effective_on: date | None
    verified: bool
    source: str
    user_added: bool

    @property
    def label(self) -> str:
        head = f"{self.number} – {self.title}" if self.number else self.title
        return head if self.verified or self.user_added else f"{head} (chưa kiểm chứng)"


@dataclass(frozen=True)
class BookcaseItemDTO:
    id: str
    title: str
    document_id: str | None
    copies: int
    location: str
    acquired_on: date | None
    on_loan: int = 0


@dataclass(frozen=True)
class LoanDTO:
    id: str
    item_id: str
    borrower: str
    loaned_on: date
    returned_on: date | None


def gone(what: str) -> NotFoundError:
    """The refusal when a record was deleted meanwhile (by this or another window)."""
    return NotFoundError(f"{what} này không còn (có thể đã bị xóa).")
