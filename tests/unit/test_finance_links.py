"""An expenditure linked to a mediator fee request pays it in the same transaction; links are checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError, ValidationError
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, LedgerQuery
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOutcome,
    MediatorInput,
    PartyInput,
    Sex,
    TeamInput,
)
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT


def fee_request(services):
    """A team of three, one settled case, and a fee request of 400.000 đ for its mediator."""
    team, _ = services.mediation.teams.save(TeamInput(name="Tổ hòa giải số 1", area="Tổ dân phố số 1"))
    ids = []
    for name, sex in (("Nguyễn Văn Hùng", Sex.MALE), ("Trần Thị Lan", Sex.FEMALE), ("Lê Văn Bình", Sex.MALE)):
        mediator, _ = services.mediation.mediators.save(
            MediatorInput(
                full_name=name,
                sex=sex,
                team_id=team.id,
                birth_year=1970,
                election_date=date(2025, 3, 10),
                election_votes=120,
                election_households=200,
                recognition_number="15/QĐ-UBND",
                recognition_date=date(2025, 3, 10),
            )
        )
        ids.append(mediator.id)
    case, _ = services.mediation.cases.save(
        CaseInput(
            team_id=team.id,
            received_on=date(2026, 3, 2),
            category=CaseCategory.LAND,
            mediator_ids=(ids[0],),
            parties=(PartyInput("Phạm Văn Đức"), PartyInput("Đặng Thị Hoa")),
            summary="Tranh chấp lối đi chung.",
            assigned_on=date(2026, 3, 2),
            started_on=date(2026, 3, 3),
            sessions_held=1,
            outcome=CaseOutcome.SETTLED,
            result_date=date(2026, 3, 10),
        )
    )
    request, _ = services.mediation.fees.create_request(ids[0], [case.id], date(2026, 3, 12))
    return team, request


def test_paying_a_fee_request_marks_it_paid_in_one_unit_of_work(services):
    _, request = fee_request(services)
    fee = services.finance.catalogue.category_by_code(MEDIATOR_FEE)
    draft = ExpenditureDraft(
        date(2026, 3, 20),
        fee.id,
        FundingSource.COMMUNE,
        request.total_amount,
        "Chi thù lao hòa giải",
        quantity=1,
        norm_variant="settled",
        voucher_number="PC 07",
        fee_request_id=request.id,
    )
    saved, changes = services.finance.ledger.save(draft)
    assert FINANCE in changes and MEDIATION in changes
    paid = services.mediation.fees.get(request.id)
    assert (paid.paid_on, paid.paid_amount, paid.expenditure_id) == (date(2026, 3, 20), 400_000, saved.id)
    # the request is paid: a second expenditure for it is refused and nothing is written
    with pytest.raises(ConflictError, match="không chi lần thứ hai"):
        services.finance.ledger.save(replace(draft, voucher_number="PC 08"))
    assert services.finance.ledger.count(LedgerQuery()) == 1
    # the linked expense can be corrected, not unlinked or deleted
    services.finance.ledger.save(replace(draft, amount=350_000), saved.id)
    assert services.mediation.fees.get(request.id).paid_amount == 350_000
    with pytest.raises(ConflictError):
        services.finance.ledger.delete(saved.id)
    with pytest.raises(ConflictError):
        services.finance.ledger.save(replace(draft, fee_request_id=None), saved.id)


def test_a_refused_payment_rolls_back_the_expenditure(services):
    _, request = fee_request(services)
    fee = services.finance.catalogue.category_by_code(MEDIATOR_FEE)
    too_much = ExpenditureDraft(
        date(2026, 3, 20),
        fee.id,
        FundingSource.COMMUNE,
        500_000,
        "Chi thù lao",
        quantity=1,
        norm_variant="settled",
        fee_request_id=request.id,
    )
    with pytest.raises(ValidationError, match="vượt số tiền đề nghị"):
        services.finance.ledger.save(too_much)
    assert services.finance.ledger.count(LedgerQuery()) == 0
    assert services.mediation.fees.get(request.id).paid_on is None


def test_unknown_links_are_refused(services):
    fee = services.finance.catalogue.category_by_code(MEDIATOR_FEE)
    draft = ExpenditureDraft(
        date(2026, 3, 20),
        fee.id,
        FundingSource.COMMUNE,
        300_000,
        "Chi thù lao",
        quantity=1,
        fee_request_id="no-such-request",
    )
    with pytest.raises(ValidationError, match="Không tìm thấy đề nghị chi thù lao"):
        services.finance.ledger.save(draft)


def test_team_support_paid_per_team(services):
    team, _ = fee_request(services)
    support = services.finance.catalogue.category_by_code(TEAM_SUPPORT)
    for month in (1, 2, 3):
        services.finance.ledger.save(
            ExpenditureDraft(
                date(2026, month, 28),
                support.id,
                FundingSource.COMMUNE,
                150_000,
                f"Hỗ trợ tổ tháng {month}",
                quantity=1,
                team_id=team.id,
                support_month=month,
            )
        )
    assert services.finance.payments.paid_team_support(2026) == {team.id: 450_000}
    rows = services.finance.ledger.page(LedgerQuery(year=2026), 0, 10)
    assert [e.link_text for e in rows] == [
        "Tổ hòa giải, tháng 3",
        "Tổ hòa giải, tháng 2",
        "Tổ hòa giải, tháng 1",
    ]
    assert services.finance.payments.paid_team_support(2025) == {}
