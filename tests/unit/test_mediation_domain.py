"""Pure rules of hòa giải ở cơ sở at their edges: composition, election share, deadlines, fees, support."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.mediation import (
    CaseOutcome,
    MemberInfo,
    Sex,
    check_election,
    composition_problems,
    fee_amount,
    fee_ineligibility,
    is_minority,
    lookup_in,
    months_active,
    not_started_overdue,
    running_too_long,
    started_late,
    team_support_expected,
)
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, TT56_DEFAULTS, Norm

M, F = Sex.MALE, Sex.FEMALE


def test_every_enum_has_a_vietnamese_label():
    from pbgdpl_desktop.domain import mediation as mod

    for enum in (
        mod.Sex,
        mod.CaseCategory,
        mod.CaseOrigin,
        mod.CaseOutcome,
        mod.ReleaseReason,
        mod.PartyRole,
        mod.CoordinationKind,
    ):
        for member in enum:
            assert member.label and member.label != member.value
    assert CaseOutcome.STOPPED.label == "Chấm dứt theo yêu cầu của một bên"


@pytest.mark.parametrize(
    ("members", "needs", "expected"),
    [
        ([MemberInfo(M), MemberInfo(M), MemberInfo(F)], False, []),
        ([MemberInfo(M), MemberInfo(F)], False, ["Tổ chỉ có 2 hòa giải viên (cần ít nhất 3)."]),
        ([MemberInfo(M), MemberInfo(M), MemberInfo(M)], False, ["Tổ chưa có hòa giải viên nữ."]),
        (
            [MemberInfo(M), MemberInfo(M), MemberInfo(F)],
            True,
            [
                "Địa bàn có đông đồng bào dân tộc thiểu số nhưng tổ chưa có hòa giải viên là người dân tộc thiểu số."
            ],
        ),
        ([MemberInfo(M), MemberInfo(M, "Tày"), MemberInfo(F)], True, []),
    ],
)
def test_composition_at_its_edges(members, needs, expected):
    assert composition_problems(members, needs_minority=needs) == expected


def test_minority_means_any_group_but_kinh():
    assert is_minority("Tày") and is_minority("H'Mông") and is_minority("Khơ Me")
    assert not is_minority("Kinh") and not is_minority("kinh ") and not is_minority("")


def test_election_needs_more_than_half():
    check_election(51, 100)
    check_election(None, None)
    with pytest.raises(ValidationError, match=r"50/100 hộ đồng ý \(50.0%\)"):
        check_election(50, 100)  # exactly 50 % is refused
    with pytest.raises(ValidationError, match="trên 50%"):
        check_election(3, 7)
    check_election(4, 7)
    with pytest.raises(ValidationError, match="không được lớn hơn"):
        check_election(8, 7)
    with pytest.raises(ValidationError):
        check_election(5, 0)


def test_start_deadline_exactly_three_days_is_on_time():
    assigned = date(2026, 3, 2)
    assert not started_late(assigned, date(2026, 3, 5))  # exactly 3 days
    assert started_late(assigned, date(2026, 3, 6))  # 4 days
    assert not started_late(assigned, None)
    assert not not_started_overdue(assigned, None, date(2026, 3, 5))
    assert not_started_overdue(assigned, None, date(2026, 3, 6))
    assert not not_started_overdue(assigned, date(2026, 3, 3), date(2026, 4, 30))
    assert started_late(assigned, date(2026, 3, 8), deadline_days=5) is True
    assert started_late(assigned, date(2026, 3, 7), deadline_days=5) is False


def test_long_running_after_thirty_days():
    assert not running_too_long(date(2026, 1, 1), date(2026, 1, 31))  # 30 days
    assert running_too_long(date(2026, 1, 1), date(2026, 2, 1))  # 31 days


def test_fee_with_tt56_defaults():
    lookup = lookup_in(TT56_DEFAULTS)
    day = date(2026, 5, 4)
    assert fee_amount(lookup, CaseOutcome.SETTLED, day) == 400_000
    assert fee_amount(lookup, CaseOutcome.NOT_SETTLED, day) == 300_000
    assert fee_amount(lookup, CaseOutcome.STOPPED, day) == 300_000
    for outcome in (CaseOutcome.IN_PROGRESS, CaseOutcome.REFERRED, CaseOutcome.REFUSED):
        assert fee_amount(lookup, outcome, day) == 0
        assert fee_ineligibility(outcome, day)
    assert fee_amount(lookup, CaseOutcome.SETTLED, None) == 0
    assert fee_amount(lookup, CaseOutcome.SETTLED, date(2023, 10, 5)) == 0  # before TT 56 was in force


PROVINCE = "Nghị quyết 12/2026/NQ-HĐND tỉnh"


def provincial_norms() -> tuple[Norm, ...]:
    return (
        *TT56_DEFAULTS,
        Norm(MEDIATOR_FEE, "settled", 350_000, "vụ việc", date(2026, 7, 1), PROVINCE, provincial=True),
        Norm(MEDIATOR_FEE, "not_settled", 250_000, "vụ việc", date(2026, 7, 1), PROVINCE, provincial=True),
        Norm(TEAM_SUPPORT, "", 200_000, "tổ/tháng", date(2026, 7, 1), PROVINCE, provincial=True),
    )


def test_provincial_override_mid_year_applies_from_its_date():
    lookup = lookup_in(provincial_norms())
    assert fee_amount(lookup, CaseOutcome.SETTLED, date(2026, 6, 30)) == 400_000
    assert fee_amount(lookup, CaseOutcome.SETTLED, date(2026, 7, 1)) == 350_000
    assert fee_amount(lookup, CaseOutcome.NOT_SETTLED, date(2026, 6, 30)) == 300_000
    assert fee_amount(lookup, CaseOutcome.STOPPED, date(2026, 12, 1)) == 250_000


def test_team_support_counts_months_at_the_rate_in_force():
    months = months_active(2026, None, date(2026, 12, 31))
    assert len(months) == 12
    assert team_support_expected(lookup_in(TT56_DEFAULTS), months) == 12 * 150_000
    assert team_support_expected(lookup_in(provincial_norms()), months) == 6 * 150_000 + 6 * 200_000
    assert len(months_active(2026, date(2026, 3, 20), date(2026, 11, 30))) == 9  # March … November
    assert months_active(2026, date(2027, 1, 1), date(2026, 12, 31)) == []


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda h: st.tuples(st.integers(min_value=0, max_value=h), st.just(h))
    )
)
def test_election_accepted_exactly_when_more_than_half(pair):
    votes, households = pair
    try:
        check_election(votes, households)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == (2 * votes > households)


@given(
    st.dates(min_value=date(2023, 10, 6), max_value=date(2030, 12, 31)), st.sampled_from(list(CaseOutcome))
)
def test_fee_is_a_tt56_ceiling_or_nothing(day, outcome):
    amount = fee_amount(lookup_in(TT56_DEFAULTS), outcome, day)
    expected = {CaseOutcome.SETTLED: 400_000, CaseOutcome.NOT_SETTLED: 300_000, CaseOutcome.STOPPED: 300_000}
    assert amount == expected.get(outcome, 0)
