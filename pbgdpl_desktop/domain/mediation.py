"""Hòa giải ở cơ sở — enums with Vietnamese labels and the pure rules (docs/legal-basis.md §1c, §1e).

* Luật Hòa giải ở cơ sở 35/2013/QH13: a team has ≥ 3 mediators, ≥ 1 woman, and an ethnic-minority mediator
  where the area has many minority residents (flagged, not blocked); a mediator is elected by > 50 % of the
  household representatives; mediation starts within 3 days of the assignment.
* Fees (TT 56/2023/TT-BTC, overridable by the province): a case that ended in one of the three lawful
  ways (settled, not settled, stopped at a party's request) earns the rate in force on its result date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.labels import LabelledEnum
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, Norm, norm_in_force
from pbgdpl_desktop.domain.text import clean, clean_block, fold

MIN_TEAM_MEDIATORS = 3
DEFAULT_START_DEADLINE_DAYS = 3
DEFAULT_LONG_RUNNING_DAYS = 30
FEE_PAYMENT_WORKING_DAYS = 5


class Sex(LabelledEnum):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class CaseCategory(LabelledEnum):
    CIVIL = "civil", "Dân sự"
    MARRIAGE_FAMILY = "marriage_family", "Hôn nhân và gia đình"
    LAND = "land", "Đất đai"
    NEIGHBOURHOOD = "neighbourhood", "Mâu thuẫn trong sinh hoạt, láng giềng"
    MINOR_BREACH = "minor_breach", "Vi phạm pháp luật nhỏ"
    OTHER = "other", "Khác"


class CaseOrigin(LabelledEnum):
    PARTY_REQUEST = "party_request", "Một bên hoặc các bên yêu cầu"
    MEDIATOR_LEARNED = "mediator_learned", "Hòa giải viên chứng kiến hoặc biết vụ việc"
    ASSIGNED = "assigned", "Tổ trưởng phân công hoặc cơ quan, tổ chức đề nghị"


class CaseOutcome(LabelledEnum):
    IN_PROGRESS = "in_progress", "Đang hòa giải"
    SETTLED = "settled", "Hòa giải thành"
    NOT_SETTLED = "not_settled", "Hòa giải không thành"
    STOPPED = "stopped", "Chấm dứt theo yêu cầu của một bên"
    REFERRED = "referred", "Chuyển cơ quan có thẩm quyền"
    REFUSED = "refused", "Không thuộc phạm vi hòa giải (từ chối)"

    @property
    def ended_lawfully(self) -> bool:
        """Ended in one of the three ways of Art. 23 of the Law (the ones that earn a fee)."""
        return self in LAWFUL_ENDINGS

    @property
    def is_final(self) -> bool:
        return self is not CaseOutcome.IN_PROGRESS


LAWFUL_ENDINGS = frozenset({CaseOutcome.SETTLED, CaseOutcome.NOT_SETTLED, CaseOutcome.STOPPED})
# outside the scope of mediation (Luật HGCS Art. 3, 10.5): recorded, never "received but not mediated"
OUT_OF_SCOPE = frozenset({CaseOutcome.REFUSED, CaseOutcome.REFERRED})


class StartException(LabelledEnum):
    """Why a mediation may start later than 03 days after the assignment (Luật HGCS Art. 20.2)."""

    NONE = "none", "Không (bắt đầu trong 03 ngày kể từ ngày phân công)"
    IMMEDIATE = "immediate", "Phải hòa giải ngay (Điều 20.2 Luật Hòa giải ở cơ sở)"
    AGREED_TIME = "agreed_time", "Thời gian do các bên thỏa thuận (Điều 20.2 Luật Hòa giải ở cơ sở)"


def start_exception_of(value: str | None) -> StartException:
    """The stored value as the enum; blank or unknown (an older copy of the app) = no exception."""
    try:
        return StartException(value or StartException.NONE)
    except ValueError:
        return StartException.NONE


SETTLED_SHARE_DEFINITION = (
    "Tỷ lệ hòa giải thành = số vụ việc hòa giải thành / (số vụ việc hòa giải thành + hòa giải không thành); "
    "vụ việc đang hòa giải, chấm dứt theo yêu cầu, chuyển cơ quan có thẩm quyền hoặc không thuộc phạm vi hòa "
    "giải không tính vào mẫu số."
)


class ReleaseReason(LabelledEnum):
    OWN_REQUEST = "own_request", "Theo nguyện vọng của hòa giải viên"
    NO_LONGER_QUALIFIED = "no_longer_qualified", "Không còn đáp ứng tiêu chuẩn"
    BREACH = "breach", "Vi phạm nguyên tắc hoặc nghĩa vụ của hòa giải viên"


class PartyRole(LabelledEnum):
    PARTY = "party", "Bên tranh chấp"
    RELATED = "related", "Người có liên quan"


class CoordinationKind(LabelledEnum):
    """The four kinds of coordination and support of QĐ 27 CT3.3."""

    INVITED_MEDIATOR = "invited_mediator", "Mời luật sư, công an, người am hiểu pháp luật tham gia hòa giải"
    LEGAL_SUPPORT = "legal_support", "Hỗ trợ pháp lý, tư vấn cho tổ hòa giải về vụ việc"
    TRAINING = "training", "Tham gia tập huấn, bồi dưỡng hòa giải viên"
    OTHER_SUPPORT = "other_support", "Hỗ trợ hiệu quả khác của cá nhân, tổ chức"


# ------------------------------------------------------------------------------------- composition
@dataclass(frozen=True)
class MemberInfo:
    sex: Sex
    ethnicity: str = "Kinh"

    @property
    def is_minority(self) -> bool:
        return is_minority(self.ethnicity)


def is_minority(ethnicity: str | None) -> bool:
    """Every ethnic group other than Kinh is an ethnic minority (blank = not recorded = Kinh)."""
    folded = fold(ethnicity)
    return folded not in ("", "kinh", "viet", "kinh (viet)")


def composition_problems(members: Iterable[MemberInfo], *, needs_minority: bool) -> list[str]:
    """What the team lacks (Art. 12 of the Law); empty list = the team meets the rules."""
    members = list(members)
    problems = []
    if len(members) < MIN_TEAM_MEDIATORS:
        problems.append(f"Tổ chỉ có {len(members)} hòa giải viên (cần ít nhất {MIN_TEAM_MEDIATORS}).")
    if not any(m.sex is Sex.FEMALE for m in members):
        problems.append("Tổ chưa có hòa giải viên nữ.")
    if needs_minority and not any(m.is_minority for m in members):
        problems.append(
            "Địa bàn có đông đồng bào dân tộc thiểu số nhưng tổ chưa có hòa giải viên là người dân tộc thiểu số."
        )
    return problems


# ------------------------------------------------------------------------------------- election
def check_election(votes: int | None, households: int | None) -> None:
    """A mediator needs more than half of the household representatives (exactly 50 % is refused)."""
    if votes is None and households is None:
        return
    problems = []
    if households is None or households <= 0:
        problems.append(FieldProblem("election_households", "Số hộ gia đình (đại diện) phải lớn hơn 0."))
    if votes is None or votes < 0:
        problems.append(FieldProblem("election_votes", "Số phiếu (ý kiến) đồng ý không hợp lệ."))
    if problems:
        raise ValidationError(problems)
    assert votes is not None and households is not None
    if votes > households:
        raise ValidationError("Số phiếu đồng ý không được lớn hơn số hộ gia đình.", field="election_votes")
    if votes * 2 <= households:
        share = votes * 100 / households
        raise ValidationError(
            f"Hòa giải viên chỉ được {votes}/{households} hộ đồng ý ({share:.1f}%); "
            "phải trên 50% số đại diện hộ gia đình mới được công nhận.",
            field="election_votes",
        )


# ------------------------------------------------------------------------------------- deadlines
def start_delay_days(assigned_on: date, started_on: date) -> int:
    return (started_on - assigned_on).days


def started_late(
    assigned_on: date,
    started_on: date | None,
    deadline_days: int = DEFAULT_START_DEADLINE_DAYS,
    exception: str = StartException.NONE,
    agreed_on: date | None = None,
) -> bool:
    """Mediation must start within ``deadline_days`` of the assignment: day 3 is on time, day 4 is late —
    unless Art. 20.2 applies: an immediate mediation is never late, one at a time agreed by the parties is
    late only after that time."""
    if started_on is None:
        return False
    if exception == StartException.IMMEDIATE:
        return False
    if exception == StartException.AGREED_TIME:
        return agreed_on is not None and started_on > agreed_on
    return start_delay_days(assigned_on, started_on) > deadline_days


@dataclass(frozen=True)
class CaseFacts:
    """What the counts need of one case (a list row, a facts row or a DTO)."""

    outcome: CaseOutcome
    received_on: date
    assigned_on: date | None = None
    started_on: date | None = None
    start_exception: str = StartException.NONE
    start_agreed_on: date | None = None


@dataclass(frozen=True)
class CaseCounts:
    """The one set of case definitions used by the overview, the case book, the statistics, the reports
    and the scoring (Luật HGCS Art. 3, 10.5, 20.2, 23).

    * ``recorded``: every case written in the book (what the case book lists);
    * ``received``: cases within the scope of mediation (refused and referred cases are not);
    * ``window_open``: in-scope cases not started whose 03-day start window is still open on the reference
      date (received in the last days of the year): not counted against the ward;
    * ``due``: ``received`` − ``window_open`` — the cases that had to be mediated by the reference date;
    * ``mediated``: ended in one of the three lawful ways, or being mediated (started);
    * ``concluded``: settled + not settled — the denominator of the settled share."""

    recorded: int = 0
    received: int = 0
    refused: int = 0
    referred: int = 0
    window_open: int = 0
    mediated: int = 0
    settled: int = 0
    not_settled: int = 0
    stopped: int = 0
    in_progress: int = 0
    started_late: int = 0

    @property
    def due(self) -> int:
        return self.received - self.window_open

    @property
    def concluded(self) -> int:
        return self.settled + self.not_settled


def count_cases(
    cases: Iterable[CaseFacts], reference: date, deadline_days: int = DEFAULT_START_DEADLINE_DAYS
) -> CaseCounts:
    by: dict[CaseOutcome, int] = {o: 0 for o in CaseOutcome}
    recorded = mediated = late = window_open = 0
    for case in cases:
        recorded += 1
        outcome = CaseOutcome(case.outcome)
        by[outcome] += 1
        if outcome in OUT_OF_SCOPE:
            continue
        started = case.started_on is not None and case.started_on <= reference
        if outcome in LAWFUL_ENDINGS or (outcome is CaseOutcome.IN_PROGRESS and started):
            mediated += 1
        elif _window_open(case, reference, deadline_days):
            window_open += 1
        late += started_late(
            case.assigned_on or case.received_on,
            case.started_on,
            deadline_days,
            case.start_exception,
            case.start_agreed_on,
        )
    return CaseCounts(
        recorded=recorded,
        received=recorded - by[CaseOutcome.REFUSED] - by[CaseOutcome.REFERRED],
        refused=by[CaseOutcome.REFUSED],
        referred=by[CaseOutcome.REFERRED],
        window_open=window_open,
        mediated=mediated,
        settled=by[CaseOutcome.SETTLED],
        not_settled=by[CaseOutcome.NOT_SETTLED],
        stopped=by[CaseOutcome.STOPPED],
        in_progress=by[CaseOutcome.IN_PROGRESS],
        started_late=late,
    )


def _window_open(case: CaseFacts, reference: date, deadline_days: int) -> bool:
    if case.start_exception == StartException.AGREED_TIME:
        return case.start_agreed_on is None or case.start_agreed_on >= reference
    assigned = case.assigned_on or case.received_on
    return (reference - assigned).days <= deadline_days


def not_started_overdue(
    assigned_on: date, started_on: date | None, today: date, deadline_days: int = DEFAULT_START_DEADLINE_DAYS
) -> bool:
    return started_on is None and (today - assigned_on).days > deadline_days


def running_too_long(since: date, today: date, long_days: int = DEFAULT_LONG_RUNNING_DAYS) -> bool:
    return (today - since).days > long_days


# ------------------------------------------------------------------------------------- fees
def fee_variant(outcome: CaseOutcome) -> str:
    return "settled" if outcome is CaseOutcome.SETTLED else "not_settled"


def fee_ineligibility(outcome: CaseOutcome, result_date: date | None) -> str | None:
    """Why a case earns no fee, or ``None`` when it does."""
    if not outcome.ended_lawfully:
        return f"Vụ việc ở tình trạng “{outcome.label}”: chỉ vụ việc hòa giải thành, không thành hoặc chấm dứt theo yêu cầu mới được chi thù lao."
    if result_date is None:
        return "Vụ việc chưa có ngày kết thúc hòa giải."
    return None


NormLookup = Callable[[str, str, date], Norm | None]


def lookup_in(norms: Iterable[Norm]) -> NormLookup:
    """A memoised norm lookup over a snapshot of the norm table: one query for a whole year of cases
    (a per-case ``finance.norm_in_force`` query made facts(year) over 100k cases take 26 s)."""
    table = tuple(norms)

    @lru_cache(maxsize=8192)
    def lookup(category: str, variant: str, on: date) -> Norm | None:
        return norm_in_force(table, category, variant, on)

    return lookup


def fee_norm(lookup: NormLookup, outcome: CaseOutcome, result_date: date) -> Norm | None:
    return lookup(MEDIATOR_FEE, fee_variant(outcome), result_date)


def fee_amount(lookup: NormLookup, outcome: CaseOutcome, result_date: date | None) -> int:
    """The fee ceiling for the case on its result date; 0 when it is not eligible or no norm applies."""
    if fee_ineligibility(outcome, result_date) is not None:
        return 0
    assert result_date is not None
    norm = fee_norm(lookup, outcome, result_date)
    return 0 if norm is None else norm.amount


def months_active(year: int, established_on: date | None, until: date) -> list[date]:
    """First days of the months of ``year`` in which a team existed, up to ``until`` (inclusive)."""
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > until:
            break
        if established_on is None or (established_on.year, established_on.month) <= (year, month):
            months.append(first)
    return months


def team_support_expected(lookup: NormLookup, months: Iterable[date]) -> int:
    """Σ monthly support rate in force on the first day of each month."""
    total = 0
    for first in months:
        norm = lookup(TEAM_SUPPORT, "", first)
        total += 0 if norm is None else norm.amount
    return total


# ------------------------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class TeamInput:
    name: str
    area: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    established_on: date | None = None
    head_mediator_id: str | None = None
    needs_minority: bool = False
    note: str = ""
    id: str | None = None

    def normalised(self) -> TeamInput:
        return replace(
            self,
            name=clean(self.name),
            area=clean(self.area),
            decision_number=clean(self.decision_number),
            note=clean_block(self.note),
        )

    def validate(self, today: date) -> None:
        problems = []
        if not self.name:
            problems.append(FieldProblem("name", "Chưa nhập tên tổ hòa giải."))
        if self.decision_date and self.decision_date > today:
            problems.append(
                FieldProblem("decision_date", "Ngày quyết định thành lập không được sau hôm nay.")
            )
        if problems:
            raise ValidationError(problems)


@dataclass(frozen=True)
class MediatorInput:
    full_name: str
    sex: Sex
    team_id: str | None = None  # for a new mediator: the team joined (on recognition/election date)
    birth_year: int | None = None
    ethnicity: str = "Kinh"
    address: str = ""
    phone: str = ""
    election_date: date | None = None
    election_votes: int | None = None
    election_households: int | None = None
    recognition_number: str = ""
    recognition_date: date | None = None
    note: str = ""
    id: str | None = None

    def normalised(self) -> MediatorInput:
        return replace(
            self,
            full_name=clean(self.full_name),
            sex=Sex(self.sex),
            ethnicity=clean(self.ethnicity) or "Kinh",
            address=clean(self.address),
            phone=clean(self.phone),
            recognition_number=clean(self.recognition_number),
            note=clean_block(self.note),
        )

    def validate(self, today: date) -> None:
        problems = []
        if not self.full_name:
            problems.append(FieldProblem("full_name", "Chưa nhập họ và tên hòa giải viên."))
        if self.birth_year is not None and not 1900 <= self.birth_year <= today.year - 18:
            problems.append(
                FieldProblem("birth_year", "Năm sinh không hợp lệ (hòa giải viên phải đủ 18 tuổi).")
            )
        if self.recognition_date and self.election_date and self.recognition_date < self.election_date:
            problems.append(FieldProblem("recognition_date", "Ngày công nhận không được trước ngày bầu."))
        if self.recognition_date and not self.recognition_number:
            problems.append(FieldProblem("recognition_number", "Chưa nhập số quyết định công nhận."))
        if problems:
            raise ValidationError(problems)
        check_election(self.election_votes, self.election_households)
        if self.recognition_date and self.election_votes is None:
            raise ValidationError(
                "Hòa giải viên được công nhận phải có kết quả bầu (số hộ đồng ý / tổng số hộ).",
                field="election_votes",
            )


@dataclass(frozen=True)
class PartyInput:
    full_name: str
    role: PartyRole = PartyRole.PARTY
    birth_year: int | None = None
    address: str = ""


@dataclass(frozen=True)
class CaseInput:
    team_id: str
    received_on: date
    category: CaseCategory
    origin: CaseOrigin = CaseOrigin.PARTY_REQUEST
    case_number: int | None = None  # None = next free number of the team in the year
    assigned_on: date | None = None
    summary: str = ""
    parties: tuple[PartyInput, ...] = ()
    mediator_ids: tuple[str, ...] = ()
    invited_persons: str = ""
    started_on: date | None = None
    sessions_held: int = 0
    outcome: CaseOutcome = CaseOutcome.IN_PROGRESS
    result_date: date | None = None
    outcome_note: str = ""
    agreement_text: str = ""
    follow_up: str = ""
    id: str | None = None
    start_exception: StartException = StartException.NONE  # Art. 20.2: start later than 03 days
    start_agreed_on: date | None = None  # the time agreed by the parties (AGREED_TIME)

    def normalised(self) -> CaseInput:
        """NFC text, parties without a name dropped, each mediator once; a refused case ends the day it was
        received (its result date is the refusal)."""
        parties = tuple(
            replace(p, full_name=clean(p.full_name), address=clean(p.address), role=PartyRole(p.role))
            for p in self.parties
            if clean(p.full_name)
        )
        outcome = CaseOutcome(self.outcome)
        result_date = self.result_date
        if outcome is CaseOutcome.REFUSED and result_date is None:
            result_date = self.received_on
        return replace(
            self,
            summary=clean_block(self.summary),
            invited_persons=clean(self.invited_persons),
            outcome_note=clean_block(self.outcome_note),
            agreement_text=clean_block(self.agreement_text),
            follow_up=clean_block(self.follow_up),
            parties=parties,
            outcome=outcome,
            result_date=result_date,
            category=CaseCategory(self.category),
            origin=CaseOrigin(self.origin),
            mediator_ids=tuple(dict.fromkeys(self.mediator_ids)),
            start_exception=StartException(self.start_exception or StartException.NONE),
            start_agreed_on=(
                self.start_agreed_on if self.start_exception == StartException.AGREED_TIME else None
            ),
        )


def _case_date_problems(d: CaseInput, today: date) -> list[FieldProblem]:
    out = []
    received = d.received_on
    if received > today:
        out.append(FieldProblem("received_on", "Ngày tiếp nhận không được sau hôm nay."))
    for key, label in (
        ("assigned_on", "Ngày phân công"),
        ("started_on", "Ngày bắt đầu hòa giải"),
        ("result_date", "Ngày kết thúc hòa giải"),
    ):
        value = getattr(d, key)
        if value is not None and value < received:
            out.append(
                FieldProblem(
                    key, f"{label} ({format_date(value)}) trước ngày tiếp nhận ({format_date(received)})."
                )
            )
        elif value is not None and value > today:
            out.append(FieldProblem(key, f"{label} không được sau hôm nay."))
    if d.start_agreed_on is not None and d.start_agreed_on < received:
        out.append(
            FieldProblem("start_agreed_on", "Thời gian các bên thỏa thuận hòa giải trước ngày tiếp nhận.")
        )
    if d.result_date and d.started_on and d.result_date < d.started_on:
        out.append(FieldProblem("result_date", "Ngày kết thúc hòa giải trước ngày bắt đầu hòa giải."))
    return out


def _case_outcome_problems(d: CaseInput) -> list[FieldProblem]:
    out = []
    if d.outcome is CaseOutcome.IN_PROGRESS and d.result_date is not None:
        out.append(FieldProblem("result_date", "Vụ việc đang hòa giải thì chưa có ngày kết thúc."))
    if d.outcome.is_final and d.outcome is not CaseOutcome.REFUSED and d.result_date is None:
        out.append(FieldProblem("result_date", f"Kết quả “{d.outcome.label}” cần ngày kết thúc hòa giải."))
    if d.outcome in LAWFUL_ENDINGS and d.started_on is None:
        out.append(FieldProblem("started_on", "Vụ việc đã hòa giải cần ngày bắt đầu hòa giải."))
    if d.outcome in (CaseOutcome.REFUSED, CaseOutcome.REFERRED) and not d.outcome_note:
        what = (
            "lý do từ chối (không thuộc phạm vi hòa giải)"
            if d.outcome is CaseOutcome.REFUSED
            else "cơ quan có thẩm quyền đã chuyển đến"
        )
        out.append(FieldProblem("outcome_note", f"Chưa nhập {what}."))
    return out


def validate_case(d: CaseInput, today: date) -> None:
    """Every problem of a (normalised) case at once, as one ``ValidationError``."""
    problems = _case_date_problems(d, today) + _case_outcome_problems(d)
    if not d.parties:
        problems.append(FieldProblem("parties", "Chưa nhập bên tranh chấp (họ tên ít nhất một bên)."))
    for p in d.parties:
        if p.birth_year is not None and not 1900 <= p.birth_year <= today.year:
            problems.append(FieldProblem("parties", f"Năm sinh của {p.full_name} không hợp lệ."))
    if d.sessions_held < 0:
        problems.append(FieldProblem("sessions_held", "Số buổi hòa giải không được âm."))
    if d.case_number is not None and d.case_number <= 0:
        problems.append(FieldProblem("case_number", "Số thứ tự vụ việc phải lớn hơn 0."))
    if problems:
        raise ValidationError(problems)
