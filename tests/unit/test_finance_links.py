"""An expenditure linked to a mediator fee request pays it in the same transaction; links are checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError, ValidationError
from pbgdpl_desktop.domain.finance import LedgerQuery
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE
from tests.builders import expenditure_draft, fee_payment_draft, fee_request, team_support_draft


def test_paying_a_fee_request_marks_it_paid_in_one_unit_of_work(services):
    _, request = fee_request(services)
    draft = fee_payment_draft(services, request, date(2026, 3, 20), voucher_number="PC 07")
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
    too_much = fee_payment_draft(services, request, date(2026, 3, 20), amount=500_000)
    with pytest.raises(ValidationError, match="vượt số tiền đề nghị"):
        services.finance.ledger.save(too_much)
    assert services.finance.ledger.count(LedgerQuery()) == 0
    assert services.mediation.fees.get(request.id).paid_on is None


def test_unknown_links_are_refused(services):
    draft = expenditure_draft(
        services,
        MEDIATOR_FEE,
        date(2026, 3, 20),
        300_000,
        "Chi thù lao",
        quantity=1,
        fee_request_id="no-such-request",
    )
    with pytest.raises(ValidationError, match="Không tìm thấy đề nghị chi thù lao"):
        services.finance.ledger.save(draft)


def test_team_support_paid_per_team(services):
    team, _ = fee_request(services)
    for month in (1, 2, 3):
        services.finance.ledger.save(team_support_draft(services, team.id, month))
    assert services.finance.payments.paid_team_support(2026) == {team.id: 450_000}
    rows = services.finance.ledger.page(LedgerQuery(year=2026), 0, 10)
    assert [e.link_text for e in rows] == [
        "Tổ hòa giải, tháng 3",
        "Tổ hòa giải, tháng 2",
        "Tổ hòa giải, tháng 1",
    ]
    assert services.finance.payments.paid_team_support(2025) == {}


def test_many_expenditures_check_every_link_and_pay_in_one_unit_of_work(services):
    """``save_many`` (imports, the demo ward; #17 §5): links read at once, refused as by ``save``, the fee
    payments recorded with the rows; one refusal — an unknown link or a second payment — keeps nothing."""
    team, request = fee_request(services)
    support = team_support_draft(services, team.id, 1)
    pay = fee_payment_draft(services, request, date(2026, 3, 20), voucher_number="PC 07")
    ledger = services.finance.ledger
    for bad, message in (
        (replace(support, team_id="no-such-team"), "Không tìm thấy tổ hòa giải"),
        (replace(pay, fee_request_id="no-such-request"), "Không tìm thấy đề nghị chi thù lao"),
        (replace(pay, voucher_number="PC 08"), "không chi lần thứ hai"),
    ):
        with pytest.raises((ValidationError, ConflictError), match=message):
            ledger.save_many([support, pay, bad])
        assert ledger.count(LedgerQuery()) == 0
        assert services.mediation.fees.get(request.id).paid_on is None
    count, changes = ledger.save_many([support, pay])
    assert count == 2 and {FINANCE, MEDIATION} <= changes.topics
    paid = services.mediation.fees.get(request.id)
    saved = ledger.page(LedgerQuery(fee_request_id=request.id), 0, 10)
    assert [(paid.paid_on, paid.paid_amount, paid.expenditure_id)] == [
        (s.spent_on, s.amount, s.id) for s in saved
    ]
    assert services.finance.payments.paid_team_support(2026) == {team.id: 150_000}
