"""Ledger: refusals, warnings at the exact edge of a ceiling, repeated vouchers, budget lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.finance import (
    ExpenditureDraft,
    FundingSource,
    LedgerQuery,
    ProvincialOverride,
    link_rules,
)
from pbgdpl_desktop.domain.norms import LEAFLET, MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.services.core.listing import ListQuery
from tests.builders import expenditure_draft


@pytest.fixture
def fee_draft(services) -> ExpenditureDraft:
    return expenditure_draft(
        services,
        MEDIATOR_FEE,
        date(2026, 5, 4),
        800_000,
        "Thù lao hòa giải",
        quantity=2,
        norm_variant="settled",
        voucher_number="PC 12",
        voucher_date=date(2026, 5, 4),
    )


def _ceiling_warnings(warnings: tuple[str, ...]) -> list[str]:
    return [w for w in warnings if "vượt định mức" in w]


def test_amount_exactly_at_ceiling_times_quantity_gives_no_warning(services, fee_draft):
    assert _ceiling_warnings(services.finance.ledger.check(fee_draft)) == []


def test_one_dong_above_the_ceiling_warns(services, fee_draft):
    warnings = _ceiling_warnings(services.finance.ledger.check(replace(fee_draft, amount=800_001)))
    assert warnings == [
        "Số tiền 800.001 đ vượt định mức 800.000 đ (400.000 đ/vụ việc × 2; Thông tư 56/2023/TT-BTC)."
    ]


def test_ceiling_follows_the_norm_in_force_on_the_expense_date(services, fee_draft):
    services.finance.catalogue.add_override(
        ProvincialOverride(
            MEDIATOR_FEE,
            "settled",
            500_000,
            date(2026, 1, 1),
            "Nghị quyết 30/2025/NQ-HĐND",
            date(2025, 12, 10),
        )
    )
    ledger = services.finance.ledger
    assert _ceiling_warnings(ledger.check(replace(fee_draft, amount=1_000_000))) == []
    assert _ceiling_warnings(ledger.check(replace(fee_draft, amount=1_000_001)))
    before = replace(fee_draft, amount=1_000_000, spent_on=date(2025, 12, 31), voucher_date=None)
    assert _ceiling_warnings(ledger.check(before))


def test_without_a_variant_the_highest_ceiling_of_the_category_applies(services, fee_draft):
    ledger = services.finance.ledger
    assert _ceiling_warnings(ledger.check(replace(fee_draft, norm_variant="", amount=800_000))) == []
    assert _ceiling_warnings(ledger.check(replace(fee_draft, norm_variant="", amount=800_001)))
    assert _ceiling_warnings(ledger.check(replace(fee_draft, norm_variant="not_settled", amount=600_001)))


def test_leaflet_ceiling_per_leaflet(services):
    draft = expenditure_draft(
        services, LEAFLET, date(2026, 2, 1), 4_500_000, "3 tờ gấp", quantity=3, norm_variant="leaflet"
    )
    assert _ceiling_warnings(services.finance.ledger.check(draft)) == []
    assert _ceiling_warnings(services.finance.ledger.check(replace(draft, quantity=2)))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"amount": -5}, "amount"),
        ({"amount": 10_000_000_001}, "amount"),
        ({"voucher_date": date(2026, 12, 1)}, "voucher_date"),
        ({"spent_on": date(2026, 12, 1)}, "spent_on"),
        ({"quantity": None}, "quantity"),
        ({"quantity": 0}, "quantity"),
    ],
)
def test_refusals(services, fee_draft, change, field):
    with pytest.raises(ValidationError) as err:
        services.finance.ledger.save(replace(fee_draft, **change))
    assert field in {p.field for p in err.value.problems}
    assert services.finance.ledger.count(LedgerQuery()) == 0


def test_ten_billion_is_accepted_and_today_is_not_the_future(services):
    draft = expenditure_draft(
        services,
        "KHAC",
        date(2026, 11, 30),
        10_000_000_000,
        "Tối đa",
        source=FundingSource.SPONSOR,
        voucher_date=date(2026, 11, 30),
    )
    saved, _ = services.finance.ledger.save(draft)
    assert saved.amount == 10_000_000_000


def test_repeated_voucher_number_in_the_same_year_warns(services, fee_draft):
    ledger = services.finance.ledger
    first, _ = ledger.save(fee_draft)
    assert not [w for w in first.warnings if "chứng từ" in w]
    again = ledger.check(replace(fee_draft, voucher_number=" pc12 "))
    assert any("Số chứng từ “pc12” đã dùng cho 1 khoản chi khác" in w for w in again)
    # the saved one itself is not a repeat of itself
    assert not [w for w in ledger.check(fee_draft, first.id) if "chứng từ" in w]
    next_year = replace(fee_draft, spent_on=date(2025, 5, 4), voucher_date=None)
    assert not [w for w in ledger.check(next_year) if "chứng từ" in w]


def test_budget_line_warning_at_the_edge_and_after_an_adjustment(services):
    finance = services.finance
    team = finance.catalogue.category_by_code(TEAM_SUPPORT)
    line_id, _ = finance.budget.set_line(2026, team.id, FundingSource.COMMUNE, 1_800_000)
    draft = ExpenditureDraft(
        date(2026, 6, 30), team.id, FundingSource.COMMUNE, 900_000, "Hỗ trợ tổ 6 tháng", quantity=6
    )
    saved, _ = finance.ledger.save(draft)
    assert saved.warnings == ()
    assert finance.ledger.check(replace(draft, amount=900_000)) == ()  # exactly the line
    over = finance.ledger.check(replace(draft, amount=900_001, quantity=7))
    assert over == (
        "Chi “Hỗ trợ hoạt động của tổ hòa giải” (Ngân sách cấp xã) năm 2026 lên 1.800.001 đ, "
        "vượt dự toán 1.800.000 đ (1 đ).",
    )
    finance.budget.adjust(line_id, date(2026, 7, 15), 300_000, "Bổ sung theo Quyết định 45/QĐ-UBND")
    assert finance.ledger.check(replace(draft, amount=1_050_000, quantity=7)) == ()
    other_source = finance.ledger.check(replace(draft, source=FundingSource.SPONSOR))
    assert other_source == (
        "Chưa có dự toán cho “Hỗ trợ hoạt động của tổ hòa giải” (Tài trợ / xã hội hóa) năm 2026.",
    )


def test_search_ignores_diacritics_and_filters_work(services):
    finance = services.finance
    other = finance.catalogue.category_by_code("KHAC")
    printing = finance.catalogue.category_by_code("IN_AN_TRUYEN_THONG")
    finance.ledger.save(
        ExpenditureDraft(
            date(2026, 3, 1),
            other.id,
            FundingSource.COMMUNE,
            100_000,
            "Nước uống hội nghị",
            payee="Đặng Thị Hà",
        )
    )
    finance.ledger.save(
        ExpenditureDraft(
            date(2026, 4, 1), printing.id, FundingSource.SPONSOR, 2_000_000, "In pa-nô Ngày Pháp luật"
        )
    )
    finance.ledger.save(
        ExpenditureDraft(date(2025, 4, 1), printing.id, FundingSource.COMMUNE, 1_000_000, "In khẩu hiệu")
    )
    ledger = finance.ledger
    assert [e.payee for e in ledger.page(LedgerQuery(text="dang ha"), 0, 10)] == ["Đặng Thị Hà"]
    assert ledger.count(LedgerQuery(text="PHAP LUAT")) == 1
    assert ledger.count(LedgerQuery(year=2026)) == 2
    assert ledger.count(LedgerQuery(year=2026, month=4)) == 1
    assert ledger.count(LedgerQuery(category_id=printing.id)) == 2
    assert ledger.total(LedgerQuery(source=FundingSource.COMMUNE)) == 1_100_000
    assert [e.spent_on.month for e in ledger.page(LedgerQuery(year=2026), 0, 10)] == [4, 3]
    assert ledger.count(LedgerQuery(text="100%_")) == 0
    by_amount = [e.amount for e in ledger.page(LedgerQuery(sort="amount", descending=False), 0, 10)]
    assert by_amount == [100_000, 1_000_000, 2_000_000]
    source = services.finance.ledger.list_source()
    assert [e.amount for e in source.page(ListQuery(sort_key="amount", descending=True), 0, 2)] == [
        2_000_000,
        1_000_000,
    ]
    assert source.count(ListQuery(search="khau hieu").with_filter("year", 2025)) == 1


def test_edit_and_delete(services, fee_draft):
    ledger = services.finance.ledger
    saved, _ = ledger.save(fee_draft)
    edited, _ = ledger.save(replace(fee_draft, amount=700_000, payee="  Lê   Văn Tám "), saved.id)
    assert (edited.id, edited.amount, edited.payee) == (saved.id, 700_000, "Lê Văn Tám")
    assert ledger.get(saved.id).amount == 700_000
    ledger.delete(saved.id)
    assert ledger.count(LedgerQuery()) == 0


def test_team_link_needs_the_team_support_category_and_a_month(services, fee_draft):
    with pytest.raises(ValidationError) as err:
        services.finance.ledger.save(replace(fee_draft, team_id="t-1"))
    assert "team_id" in {p.field for p in err.value.problems}
    rules = link_rules(replace(fee_draft, team_id="t-1"), MEDIATOR_FEE)
    assert {p.field for p in rules} == {"team_id", "support_month"}
    assert link_rules(replace(fee_draft, team_id="t-1", support_month=5), TEAM_SUPPORT) == []
