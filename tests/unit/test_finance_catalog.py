"""Finance catalogue and norm table: seeded TT 56 rows, provincial overrides in force by date."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.errors import ConflictError, ValidationError
from pbgdpl_desktop.domain.finance import TT56_CATEGORIES, ExpenditureDraft, FundingSource, ProvincialOverride
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, TT56_DEFAULTS


def test_catalogue_and_tt56_norms_are_seeded(services):
    cat = services.finance.catalogue
    codes = [c.code for c in cat.categories()]
    assert codes == [c.code for c in TT56_CATEGORIES]
    fee = cat.category_by_code(MEDIATOR_FEE)
    assert fee.needs_quantity and fee.unit == "vụ việc"
    for norm in TT56_DEFAULTS:
        found = services.finance.catalogue.norm_in_force(norm.category, norm.variant, date(2024, 1, 1))
        assert found is not None and found.amount == norm.amount and not found.provincial
    assert services.finance.catalogue.norm_in_force(MEDIATOR_FEE, "settled", date(2023, 10, 5)) is None


def test_provincial_override_applies_from_its_effective_date(services):
    cat = services.finance.catalogue
    cat.add_override(
        ProvincialOverride(
            TEAM_SUPPORT, "", 200_000, date(2025, 7, 1), "Nghị quyết 12/2025/NQ-HĐND", date(2025, 6, 20)
        )
    )
    before = services.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(2025, 6, 30))
    on_day = services.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(2025, 7, 1))
    assert before is not None and before.amount == 150_000 and not before.provincial
    assert on_day is not None and on_day.amount == 200_000 and on_day.provincial
    assert on_day.source == "Nghị quyết 12/2025/NQ-HĐND" and on_day.unit == "tổ/tháng"


def test_provincial_override_on_the_same_day_as_the_circular_wins(services):
    services.finance.catalogue.add_override(
        ProvincialOverride(MEDIATOR_FEE, "settled", 350_000, date(2023, 10, 6), "Nghị quyết 05/2023/NQ-HĐND")
    )
    assert (
        services.finance.catalogue.norm_in_force(MEDIATOR_FEE, "settled", date(2023, 10, 6)).amount == 350_000
    )


def test_override_needs_a_resolution_number_and_a_sane_amount(services):
    with pytest.raises(ValidationError) as err:
        services.finance.catalogue.add_override(
            ProvincialOverride(TEAM_SUPPORT, "", 0, date(2025, 1, 1), " ")
        )
    fields = {p.field for p in err.value.problems}
    assert fields == {"resolution_number", "amount"}


def test_removing_an_override_restores_the_circular(services):
    norm, _ = services.finance.catalogue.add_override(
        ProvincialOverride(TEAM_SUPPORT, "", 180_000, date(2025, 1, 1), "NQ 1/2025")
    )
    services.finance.catalogue.delete_override(norm.id)
    assert services.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(2026, 1, 1)).amount == 150_000
    tt56 = services.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(2026, 1, 1))
    with pytest.raises(ConflictError):
        services.finance.catalogue.delete_override(tt56.id)


def test_category_in_use_cannot_be_deleted_but_an_unused_one_can(services):
    cat = services.finance.catalogue
    mine, _ = cat.add_category("in tờ rơi riêng", "In tờ rơi của phường", unit="tờ")
    assert mine.code == "IN_TỜ_RƠI_RIÊNG"
    used = cat.category_by_code("KHAC")
    services.finance.ledger.save(
        ExpenditureDraft(date(2026, 3, 2), used.id, FundingSource.COMMUNE, 500_000, "Nước uống")
    )
    with pytest.raises(ConflictError, match="đã có khoản chi"):
        cat.delete_category(used.id)
    planned, _ = cat.add_category("KE_HOACH_RIENG", "Chỉ có dự toán")
    services.finance.budget.set_line(2026, planned.id, FundingSource.COMMUNE, 1_000_000)
    with pytest.raises(ConflictError):
        cat.delete_category(planned.id)
    cat.set_active(planned.id, False)
    assert planned.id not in [c.id for c in cat.categories()]
    assert planned.id in [c.id for c in cat.categories(include_inactive=True)]
    cat.delete_category(mine.id)
    assert mine.code not in [c.code for c in cat.categories(include_inactive=True)]
    with pytest.raises(ConflictError):
        cat.add_category("KHAC", "Trùng mã")


def test_category_is_editable_but_keeps_its_code(services):
    cat = services.finance.catalogue
    other = cat.category_by_code("KHAC")
    edited, _ = cat.update_category(
        other.id, " Chi  khác ", legal_ref="Nghị quyết 5/2025", unit="lần", needs_quantity=True
    )
    assert (edited.code, edited.name, edited.unit, edited.needs_quantity) == ("KHAC", "Chi khác", "lần", True)
    with pytest.raises(ValidationError) as err:
        cat.update_category(other.id, "", legal_ref="", unit="", needs_quantity=True)
    assert {p.field for p in err.value.problems} == {"name", "unit"}
    with pytest.raises(ValidationError, match="phải nhập số lượng"):
        services.finance.ledger.check(
            ExpenditureDraft(date(2026, 3, 2), other.id, FundingSource.COMMUNE, 1, "x")
        )
