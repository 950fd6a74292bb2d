"""What the office services return: plain dataclasses, Vietnamese labels (docs/office.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pbgdpl_desktop.domain.labels import LabelledEnum


class ReviewStatus(LabelledEnum):
    """The office's review of one ward's dossier for one year (TT 09/2021 Điều 5–6)."""

    NOT_SUBMITTED = "not_submitted", "Chưa nộp"
    RECEIVED = "received", "Đã nhận"
    MORE_REQUESTED = "more_requested", "Yêu cầu bổ sung"
    RETURNED = "returned", "Trả lại"
    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"
    RECOGNISED = "recognised", "Đã công nhận"


S = ReviewStatus
NEXT: dict[ReviewStatus, frozenset[ReviewStatus]] = {
    S.NOT_SUBMITTED: frozenset({S.RECEIVED}),
    S.RECEIVED: frozenset({S.MORE_REQUESTED, S.RETURNED, S.PASSED, S.FAILED}),
    S.MORE_REQUESTED: frozenset({S.RECEIVED, S.RETURNED, S.PASSED, S.FAILED}),
    S.RETURNED: frozenset({S.RECEIVED}),
    S.PASSED: frozenset({S.RECOGNISED, S.MORE_REQUESTED, S.FAILED}),
    S.FAILED: frozenset({S.RECEIVED}),
    S.RECOGNISED: frozenset(),
}

REQUESTS = {"": "Ghi chú", "more": "Yêu cầu bổ sung", "return": "Trả lại"}
PERIODS = {"h1": "6 tháng đầu năm", "year": "Cả năm"}
VERDICT_LABELS = {"pass": "Đạt", "fail": "Chưa đạt", "pending": "Chưa đủ dữ liệu"}


@dataclass(frozen=True)
class WardRow:
    """One commune of the province: registered or not, and what it sent."""

    ward_code: str
    name: str
    registered: bool
    fingerprint: str
    bundles: int
    last_seq: int
    last_import: datetime | None
    last_file: str
    status: ReviewStatus


@dataclass(frozen=True)
class ReviewEventDTO:
    status: ReviewStatus
    status_on: date
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class ReviewDTO:
    ward_code: str
    year: int
    status: ReviewStatus
    version: int  # 0: never saved
    status_on: date | None
    updated_by: str
    note: str
    decision_number: str
    decision_on: date | None
    history: tuple[ReviewEventDTO, ...] = ()


@dataclass(frozen=True)
class AppraisalDTO:
    code: str
    value: str
    request: str
    note: str
    appraised_by: str
    appraised_at: datetime


@dataclass(frozen=True)
class Rollup:
    """Province totals of a year and period, and each ward's figures (``wards``: ward -> figure -> key ->
    value). Keys: forms and target groups by their stored value, outcomes, ``category|source``."""

    year: int
    period: str
    wards_total: int
    wards_reporting: tuple[str, ...]
    totals: dict[str, dict[str, int]]
    wards: dict[str, dict[str, dict[str, int]]]
    names: dict[str, str]
    verdicts: dict[str, str] = field(default_factory=dict)

    def total(self, figure: str) -> int:
        return sum(self.totals.get(figure, {}).values())

    def value(self, figure: str, key: str) -> int:
        return self.totals.get(figure, {}).get(key, 0)

    @property
    def cases_received(self) -> int:
        c = self.totals.get("cases_by_outcome", {})
        return sum(c.values()) - c.get("refused", 0) - c.get("referred", 0)

    @property
    def settled_share(self) -> float | None:
        c = self.totals.get("cases_by_outcome", {})
        done = c.get("settled", 0) + c.get("not_settled", 0)
        return None if done == 0 else c.get("settled", 0) / done


@dataclass(frozen=True)
class ReplyOutcome:
    path: Path
    seq: int
    bundle_id: str
    notes: int
    decisions: int
    message: str


@dataclass(frozen=True)
class ReplyNoteDTO:
    year: int
    code: str
    request: str
    value: str
    note: str


@dataclass(frozen=True)
class DecisionDTO:
    year: int
    status: ReviewStatus
    number: str
    decided_on: date | None
    note: str
    pdf: DecisionFileDTO | None = None  # the decision's own PDF, when the office sent it


@dataclass(frozen=True)
class DecisionFileDTO:
    """The recognition decision's PDF (the signed scan or the signed PDF the province issued): at the office,
    attached to a ward's review of a year; at the ward, received in a reply. ``path`` is where it is kept."""

    year: int
    name: str
    sha256: str
    size: int
    path: Path
    attached_at: datetime | None = None
    attached_by: str = ""


@dataclass(frozen=True)
class OfferDTO:
    """A rule file or norm table the office offered in a reply, as the ward's clerk sees it."""

    id: str
    kind: str  # rules | norms
    kind_label: str
    name: str
    offer_key: str
    version: int
    title: str
    reply_seq: int
    status: str  # pending | accepted | declined
    status_label: str
    received_at: datetime
    decided_at: datetime | None
    decided_by: str
    changes: tuple[str, ...] = ()
