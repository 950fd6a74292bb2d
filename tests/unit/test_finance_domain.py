"""Pure rules of the finance domain: ceilings at the edge, refusals, budget warnings, query date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.finance import (
    Area,
    Category,
    ExpenditureDraft,
    FundingSource,
    LedgerQuery,
    budget_warning,
    ceiling_of,
    ceiling_warning,
    normalise_voucher,
    refusals,
    short_warning,
)
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, TT56_DEFAULTS, Norm, norm_in_force

FEE = Category("c1", MEDIATOR_FEE, "Thù lao hòa giải viên theo vụ việc", "", "vụ việc", True, Area.MEDIATION)
SETTLED = norm_in_force(TT56_DEFAULTS, MEDIATOR_FEE, "settled", date(2026, 1, 1))
TODAY = date(2026, 11, 30)


def test_funding_sources_have_vietnamese_labels():
    assert [s.label for s in FundingSource] == [
        "Ngân sách cấp xã",
        "Ngân sách tỉnh hỗ trợ",
        "Tài trợ / xã hội hóa",
        "Khác",
    ]


@pytest.mark.parametrize(
    ("amount", "quantity", "warned"),
    [
        (400_000, 1, False),
        (400_001, 1, True),
        (1_200_000, 3, False),
        (1_200_001, 3, True),
        (400_000, None, False),
        (400_001, None, True),
    ],
)
def test_ceiling_edge(amount, quantity, warned):
    assert (ceiling_warning(amount, quantity, SETTLED) is not None) is warned


def test_no_norm_no_ceiling():
    assert ceiling_of(None, 3) is None and ceiling_warning(10**9, 1, None) is None


def test_provincial_norm_wins_on_the_same_day_and_later_dates_win():
    local = Norm(TEAM_SUPPORT, "", 200_000, "tổ/tháng", date(2023, 10, 6), "NQ 1/2023", provincial=True)
    later = Norm(TEAM_SUPPORT, "", 250_000, "tổ/tháng", date(2026, 7, 1), "NQ 9/2026", provincial=True)
    norms = (*TT56_DEFAULTS, local, later)
    assert norm_in_force(norms, TEAM_SUPPORT, "", date(2026, 6, 30)).amount == 200_000
    assert norm_in_force(norms, TEAM_SUPPORT, "", date(2026, 7, 1)).amount == 250_000


def test_refusals_are_collected_with_fields():
    draft = ExpenditureDraft(
        date(2026, 12, 1), "c1", FundingSource.COMMUNE, 0, voucher_date=date(2026, 12, 2), support_month=13
    )
    fields = [p.field for p in refusals(draft, FEE, TODAY)]
    assert fields == ["amount", "spent_on", "voucher_date", "quantity", "support_month"]
    ok = ExpenditureDraft(TODAY, "c1", FundingSource.COMMUNE, 10_000_000_000, quantity=1, voucher_date=TODAY)
    assert refusals(ok, FEE, TODAY) == []


def test_budget_warning_edges():
    assert budget_warning(1_000_000, 1_000_000, "x") is None
    assert "vượt dự toán 1.000.000 đ (1 đ)" in budget_warning(1_000_001, 1_000_000, "x")
    assert budget_warning(5, None, "x") == "Chưa có dự toán cho x."


def test_voucher_key():
    assert normalise_voucher(" PC 01 ") == normalise_voucher("pc01") == "pc01"


@pytest.mark.parametrize(
    ("query", "bounds"),
    [
        (LedgerQuery(year=2026), (date(2026, 1, 1), date(2026, 12, 31))),
        (LedgerQuery(year=2026, month=2), (date(2026, 2, 1), date(2026, 2, 28))),
        (LedgerQuery(year=2024, month=2), (date(2024, 2, 1), date(2024, 2, 29))),
        (LedgerQuery(year=2026, month=12), (date(2026, 12, 1), date(2026, 12, 31))),
        (LedgerQuery(year=2026, date_from=date(2026, 3, 5)), (date(2026, 3, 5), date(2026, 12, 31))),
        (LedgerQuery(), (None, None)),
    ],
)
def test_date_ranges(query, bounds):
    assert query.date_range() == bounds


def test_short_warnings_for_the_list():
    texts = [
        ceiling_warning(400_001, 1, SETTLED),
        budget_warning(2, 1, "x"),
        budget_warning(1, None, "x"),
        "Số chứng từ “PC1” đã dùng cho 1 khoản chi khác trong năm.",
    ]
    assert [short_warning(t) for t in texts] == [
        "Vượt định mức",
        "Vượt dự toán",
        "Chưa có dự toán",
        "Trùng số chứng từ",
    ]
