"""Hòa giải ở cơ sở — enums with Vietnamese labels and the pure rules (legal-reference.md §1c, §1e).

* Luật Hòa giải ở cơ sở 35/2013/QH13: a team has ≥ 3 mediators, ≥ 1 woman, and an ethnic-minority mediator
  where the area has many minority residents (flagged, not blocked); a mediator is elected by > 50 % of the
  household representatives; mediation starts within 3 days of the assignment.
* Fees (TT 56/2023/TT-BTC, overridable by the province): a case that ended in one of the three lawful
  ways (settled, not settled, stopped at a party's request) earns the rate in force on its result date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, Norm, norm_in_force
from pbgdpl_desktop.domain.text import fold

MIN_TEAM_MEDIATORS = 3
DEFAULT_START_DEADLINE_DAYS = 3
DEFAULT_LONG_RUNNING_DAYS = 30
FEE_PAYMENT_WORKING_DAYS = 5


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - overridden
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class Sex(_Labelled):
    MALE = "male"
    FEMALE = "female"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"male": "Nam", "female": "Nữ"}


class CaseCategory(_Labelled):
    CIVIL = "civil"
    MARRIAGE_FAMILY = "marriage_family"
    LAND = "land"
    NEIGHBOURHOOD = "neighbourhood"
    MINOR_BREACH = "minor_breach"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "civil": "Dân sự",
            "marriage_family": "Hôn nhân và gia đình",
            "land": "Đất đai",
            "neighbourhood": "Mâu thuẫn trong sinh hoạt, láng giềng",
            "minor_breach": "Vi phạm pháp luật nhỏ",
            "other": "Khác",
        }


class CaseOrigin(_Labelled):
    PARTY_REQUEST = "party_request"
    MEDIATOR_LEARNED = "mediator_learned"
    ASSIGNED = "assigned"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "party_request": "Một bên hoặc các bên yêu cầu",
            "mediator_learned": "Hòa giải viên chứng kiến hoặc biết vụ việc",
            "assigned": "Tổ trưởng phân công hoặc cơ quan, tổ chức đề nghị",
        }


class CaseOutcome(_Labelled):
    IN_PROGRESS = "in_progress"
    SETTLED = "settled"
    NOT_SETTLED = "not_settled"
    STOPPED = "stopped"
    REFERRED = "referred"
    REFUSED = "refused"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "in_progress": "Đang hòa giải",
            "settled": "Hòa giải thành",
            "not_settled": "Hòa giải không thành",
            "stopped": "Chấm dứt theo yêu cầu của một bên",
            "referred": "Chuyển cơ quan có thẩm quyền",
            "refused": "Không thuộc phạm vi hòa giải (từ chối)",
        }

    @property
    def ended_lawfully(self) -> bool:
        """Ended in one of the three ways of Art. 23 of the Law (the ones that earn a fee)."""
        return self in LAWFUL_ENDINGS

    @property
    def is_final(self) -> bool:
        return self is not CaseOutcome.IN_PROGRESS


LAWFUL_ENDINGS = frozenset({CaseOutcome.SETTLED, CaseOutcome.NOT_SETTLED, CaseOutcome.STOPPED})


class ReleaseReason(_Labelled):
    OWN_REQUEST = "own_request"
    NO_LONGER_QUALIFIED = "no_longer_qualified"
    BREACH = "breach"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "own_request": "Theo nguyện vọng của hòa giải viên",
            "no_longer_qualified": "Không còn đáp ứng tiêu chuẩn",
            "breach": "Vi phạm nguyên tắc hoặc nghĩa vụ của hòa giải viên",
        }


class PartyRole(_Labelled):
    PARTY = "party"
    RELATED = "related"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"party": "Bên tranh chấp", "related": "Người có liên quan"}


class CoordinationKind(_Labelled):
    """The four kinds of coordination and support of QĐ 27 CT3.3."""

    INVITED_MEDIATOR = "invited_mediator"
    LEGAL_SUPPORT = "legal_support"
    TRAINING = "training"
    OTHER_SUPPORT = "other_support"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "invited_mediator": "Mời luật sư, công an, người am hiểu pháp luật tham gia hòa giải",
            "legal_support": "Hỗ trợ pháp lý, tư vấn cho tổ hòa giải về vụ việc",
            "training": "Tham gia tập huấn, bồi dưỡng hòa giải viên",
            "other_support": "Hỗ trợ hiệu quả khác của cá nhân, tổ chức",
        }


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
    assigned_on: date, started_on: date | None, deadline_days: int = DEFAULT_START_DEADLINE_DAYS
) -> bool:
    """Mediation must start within ``deadline_days`` of the assignment: day 3 is on time, day 4 is late."""
    return started_on is not None and start_delay_days(assigned_on, started_on) > deadline_days


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
