"""Types shared by the assessment services and UI: the two registers (the ward's legal normative documents,
information requests), the procedure checklist and saved results. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError

ISSUERS = {"hdnd": "HĐND xã", "ubnd": "UBND xã"}
ORIGINS = {"assigned": "Được giao", "self": "Tự xác định"}
USER_HOLIDAY_KINDS = {
    "statutory": "Ngày nghỉ lễ",
    "compensatory": "Ngày nghỉ bù / hoán đổi",
    "swap_workday": "Ngày làm việc bù (thứ Bảy)",
}


@dataclass(frozen=True)
class WardDocument:
    """A VBQPPL the ward's HĐND/UBND had to issue (TC1; QĐ 27 CT1.x, CT2.2)."""

    year: int
    issuer: str  # hdnd | ubnd
    origin: str  # assigned | self
    title: str
    number: str = ""
    deadline: date | None = None
    issue_date: date | None = None
    draft_required: bool = True
    draft_communicated: bool = False
    self_inspected: bool = False
    disclosed: bool = False
    handled_unlawful: bool = False
    note: str = ""
    id: str | None = None

    @property
    def issued(self) -> bool:
        return self.issue_date is not None

    @property
    def on_time(self) -> bool:
        return self.issue_date is not None and (self.deadline is None or self.issue_date <= self.deadline)


def document_problems(doc: WardDocument) -> list[FieldProblem]:
    problems = []
    if not doc.title.strip():
        problems.append(FieldProblem("title", "Trích yếu văn bản: chưa nhập."))
    if doc.issuer not in ISSUERS:
        problems.append(FieldProblem("issuer", "Cơ quan ban hành phải là HĐND hoặc UBND xã."))
    if doc.origin not in ORIGINS:
        problems.append(FieldProblem("origin", "Nguồn phải là “được giao” hoặc “tự xác định”."))
    if doc.issue_date and doc.issue_date.year not in (doc.year, doc.year + 1):
        problems.append(
            FieldProblem("issue_date", f"Ngày ban hành phải thuộc năm {doc.year} (hoặc đầu năm sau).")
        )
    if not doc.issued and (doc.self_inspected or doc.disclosed or doc.handled_unlawful):
        problems.append(
            FieldProblem(
                "issue_date",
                "Văn bản chưa ban hành thì chưa thể tự kiểm tra, công khai "
                "hay bị xử lý: hãy nhập ngày ban hành.",
            )
        )
    return problems


@dataclass(frozen=True)
class InfoRequest:
    """A request for information (Luật Tiếp cận thông tin 2016): TC2 / QĐ 27 CT2.3."""

    year: int
    received_on: date
    due_on: date
    answered_on: date | None = None
    requester: str = ""
    content: str = ""
    note: str = ""
    id: str | None = None

    @property
    def on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.due_on


def request_problems(req: InfoRequest) -> list[FieldProblem]:
    problems = []
    if req.received_on.year != req.year:
        problems.append(FieldProblem("received_on", f"Ngày tiếp nhận phải thuộc năm {req.year}."))
    if req.due_on < req.received_on:
        problems.append(FieldProblem("due_on", "Hạn trả lời không được trước ngày tiếp nhận."))
    if req.answered_on is not None and req.answered_on < req.received_on:
        problems.append(FieldProblem("answered_on", "Ngày trả lời không được trước ngày tiếp nhận."))
    return problems


def check(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class AssessmentInfo:
    id: str
    year: int
    ruleset_id: str
    ruleset_version: int
    note: str = ""


@dataclass(frozen=True)
class ProcedureEntry:
    """One step of the checklist as saved plus what the app says about it."""

    code: str
    title: str
    start_date: date | None
    end_date: date | None
    place: str
    note: str
    has_end: bool
    wants_place: bool
    deadline: date | None  # the last allowed day, if the step has one
    status: str  # "done" | "todo" | "late" | "problem"
    message: str  # Vietnamese: "Niêm yết 4 ngày, cần ít nhất 5 ngày" / "Còn 12 ngày đến hạn 09/01/2027"
    unconfirmed: bool = False
    posting: PublicPosting | None = None  # the "posting" step: office + web / loudspeaker (Điều 3.1.c)


@dataclass(frozen=True)
class SavedResult:
    id: str
    year: int
    ruleset_id: str
    ruleset_version: int
    computed_at: datetime
    verdict: str
    total: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class RulesetInfo:
    id: str
    version: int
    title: str
    local: bool  # a local version (edited or imported) rather than the shipped file
    year_from: int
    year_to: int | None


# ------------------------------------------------------------------------------------- public posting
POSTING_MIN_DAYS = 5
POSTING_MIN_ANNOUNCEMENTS = 3


def _days(start: date | None, end: date | None) -> int:
    """Days of a period counted inclusively (01/12–05/12 = 5 days); 0 when not recorded."""
    if start is None or end is None or end < start:
        return 0
    return (end - start).days + 1


@dataclass(frozen=True)
class PublicPosting:
    """The public posting of the self-assessment (TT 09/2021 Điều 3.1.c): at the office, and on the web
    portal or by loudspeaker announcements."""

    office_start: date | None = None
    office_end: date | None = None
    web_start: date | None = None
    web_end: date | None = None
    loudspeaker_count: int = 0
    loudspeaker_start: date | None = None
    loudspeaker_end: date | None = None

    @property
    def office_days(self) -> int:
        return _days(self.office_start, self.office_end)

    @property
    def web_days(self) -> int:
        return _days(self.web_start, self.web_end)

    @property
    def loudspeaker_days(self) -> int:
        return _days(self.loudspeaker_start, self.loudspeaker_end)


def check_posting(
    p: PublicPosting, min_days: int = POSTING_MIN_DAYS, min_announcements: int = POSTING_MIN_ANNOUNCEMENTS
) -> tuple[bool, str]:
    """TT 09/2021 Điều 3.1.c: ≥ 05 days at the office, and either ≥ 05 days on the web portal or ≥ 03
    loudspeaker announcements within ≥ 05 days. Returns (ok, the Vietnamese verdict)."""
    problems = []
    if p.office_days < min_days:
        problems.append(
            f"niêm yết tại trụ sở {p.office_days} ngày, cần ít nhất {min_days:02d} ngày"
            if p.office_days
            else "chưa niêm yết tại trụ sở"
        )
    web_ok = p.web_days >= min_days
    speaker_ok = p.loudspeaker_count >= min_announcements and p.loudspeaker_days >= min_days
    if not web_ok and not speaker_ok:
        problems.append(
            f"đăng trên Cổng/Trang thông tin điện tử {p.web_days} ngày (cần ≥ {min_days:02d} ngày) hoặc thông báo "
            f"trên hệ thống loa {p.loudspeaker_count} lần trong {p.loudspeaker_days} ngày (cần ≥ "
            f"{min_announcements:02d} lần trong ≥ {min_days:02d} ngày)"
        )
    if problems:
        return False, "Niêm yết công khai chưa đúng Điều 3.1.c Thông tư số 09/2021/TT-BTP: " + "; ".join(
            problems
        ) + "."
    second = (
        f"đăng trên Cổng/Trang thông tin điện tử {p.web_days} ngày"
        if web_ok
        else f"thông báo {p.loudspeaker_count} lần trên hệ thống loa trong {p.loudspeaker_days} ngày"
    )
    return True, (
        f"Niêm yết công khai đúng Điều 3.1.c Thông tư số 09/2021/TT-BTP: tại trụ sở {p.office_days} ngày và "
        f"{second}."
    )
