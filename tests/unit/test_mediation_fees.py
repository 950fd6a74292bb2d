"""Mediator fees: eligibility, amounts (TT 56 defaults and a provincial override from mid-year), fee requests,
payment within 5 working days, refusals — through the real services and database."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError, ValidationError
from pbgdpl_desktop.domain.mediation import CaseOutcome
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TT56_DEFAULTS, Norm
from pbgdpl_desktop.persistence.repos.mediation_fee_repo import record_fee_payment
from tests.builders import case_input, staffed_team


def ended(services, team_id, mediator_ids, outcome, result_date, received=date(2026, 3, 2), **kw):
    case, _ = services.mediation.cases.save(
        case_input(
            team_id,
            mediator_ids,
            received_on=received,
            started_on=received,
            outcome=outcome,
            result_date=result_date,
            outcome_note="Tòa án nhân dân khu vực 1" if outcome is CaseOutcome.REFERRED else "",
            **kw,
        )
    )
    return case


@pytest.fixture
def book(services):
    """A team of three; Hùng mediated five cases with every kind of ending."""
    team, ids = staffed_team(services)
    hung = ids[0]
    cases = {
        "settled": ended(services, team.id, [hung, ids[1]], CaseOutcome.SETTLED, date(2026, 3, 20)),
        "not_settled": ended(services, team.id, [hung], CaseOutcome.NOT_SETTLED, date(2026, 4, 10)),
        "stopped": ended(services, team.id, [hung], CaseOutcome.STOPPED, date(2026, 4, 15)),
        "referred": ended(services, team.id, [hung], CaseOutcome.REFERRED, date(2026, 4, 16)),
        "in_progress": ended(services, team.id, [hung], CaseOutcome.IN_PROGRESS, None),
        "other_mediator": ended(services, team.id, [ids[2]], CaseOutcome.SETTLED, date(2026, 4, 1)),
    }
    return team, ids, cases


def test_eligible_cases_with_tt56_defaults(services, book):
    _, ids, cases = book
    eligible = services.mediation.fees.eligible_cases(ids[0])
    assert [(e.case_id, e.amount) for e in eligible] == [
        (cases["settled"].id, 400_000),
        (cases["not_settled"].id, 300_000),
        (cases["stopped"].id, 300_000),
    ]
    assert eligible[0].norm_source == "Thông tư 56/2023/TT-BTC"


def test_fee_request_total_and_due_date_in_working_days(services, book):
    team, ids, cases = book
    picked = [cases["settled"].id, cases["not_settled"].id, cases["stopped"].id]
    request, changes = services.mediation.fees.create_request(ids[0], picked, date(2026, 4, 24), "Quý II")
    assert {MEDIATION, FINANCE} <= changes.topics
    assert request.total_amount == 1_000_000 and request.cases_count == 3 and request.team_id == team.id
    # Fri 24/4 → Tue 28, Wed 29 (27/4 compensatory day, 30/4 and 1/5 holidays) → Mon 4, Tue 5, Wed 6/5
    assert request.due_on == date(2026, 5, 6)
    assert (
        request.status_label == "Chờ chi"
        and "Nguyễn Văn Hùng" in request.label
        and "1.000.000 đ" in request.label
    )
    assert services.mediation.fees.eligible_cases(ids[0]) == []  # all requested now


def test_ineligible_or_foreign_or_repeated_cases_are_refused(services, book):
    _, ids, cases = book
    hung = ids[0]
    for key, message in (
        ("referred", "Chuyển cơ quan có thẩm quyền"),
        ("in_progress", "Đang hòa giải"),
        ("other_mediator", "không do hòa giải viên này"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.mediation.fees.create_request(
                hung, [cases["settled"].id, cases[key].id], date(2026, 5, 4)
            )
    with pytest.raises(ValidationError, match="Chưa chọn vụ việc"):
        services.mediation.fees.create_request(hung, [], date(2026, 5, 4))
    with pytest.raises(ValidationError, match="trước ngày kết thúc"):
        services.mediation.fees.create_request(hung, [cases["stopped"].id], date(2026, 4, 14))
    assert services.mediation.fees.requests() == []  # nothing half-saved
    services.mediation.fees.create_request(hung, [cases["settled"].id], date(2026, 5, 4))
    with pytest.raises(ConflictError, match="đã được đề nghị hoặc đã chi"):
        services.mediation.fees.create_request(ids[1], [cases["settled"].id], date(2026, 5, 4))


def test_payment_is_recorded_once_and_checked(services, book):
    _, ids, cases = book
    request, _ = services.mediation.fees.create_request(
        ids[0], [cases["settled"].id, cases["stopped"].id], date(2026, 5, 4)
    )
    with pytest.raises(ValidationError, match="vượt số tiền đề nghị"):
        services.mediation.fees.record_payment(request.id, date(2026, 5, 8), 800_000)
    with pytest.raises(ValidationError, match="trước ngày đề nghị"):
        services.mediation.fees.record_payment(request.id, date(2026, 5, 1), 700_000)
    paid, _ = services.mediation.fees.record_payment(request.id, date(2026, 5, 8), 700_000)
    assert (paid.paid_on, paid.paid_amount, paid.status_label) == (date(2026, 5, 8), 700_000, "Đã chi")
    with pytest.raises(ConflictError, match="đã được chi ngày 08/05/2026"):
        services.mediation.fees.record_payment(request.id, date(2026, 5, 9), 700_000)
    with pytest.raises(ConflictError, match="đã có trong đề nghị chi thù lao"):
        services.mediation.cases.save(
            services.mediation.cases.get(cases["settled"].id)
            .as_input()
            .__class__(
                **{
                    **services.mediation.cases.get(cases["settled"].id).as_input().__dict__,
                    "outcome": CaseOutcome.NOT_SETTLED,
                }
            )
        )
    assert services.mediation.fees.requests(unpaid_only=True) == []


def test_finance_links_an_expenditure_inside_its_own_transaction(services, book):
    _, ids, cases = book
    request, _ = services.mediation.fees.create_request(ids[0], [cases["not_settled"].id], date(2026, 5, 4))
    assert [r.id for r in services.mediation.fees.requests(unpaid_only=True)] == [request.id]
    with services.ctx.db.transaction() as session:
        record_fee_payment(session, request.id, date(2026, 5, 7), 300_000, "expenditure-1")
        record_fee_payment(
            session, request.id, date(2026, 5, 7), 300_000, "expenditure-1"
        )  # same link again: ok
    assert services.mediation.fees.get(request.id).expenditure_id == "expenditure-1"
    with pytest.raises(ConflictError), services.ctx.db.transaction() as session:
        record_fee_payment(session, request.id, date(2026, 5, 7), 300_000, "expenditure-2")


def test_refused_request_frees_its_cases(services, book):
    _, ids, cases = book
    request, _ = services.mediation.fees.create_request(ids[0], [cases["stopped"].id], date(2026, 5, 4))
    with pytest.raises(ValidationError, match="lý do"):
        services.mediation.fees.refuse(request.id, date(2026, 5, 6), " ")
    refused, _ = services.mediation.fees.refuse(
        request.id, date(2026, 5, 6), "Hòa giải viên vi phạm Điều 10 Luật Hòa giải ở cơ sở."
    )
    assert refused.status_label == "Đã từ chối"
    with pytest.raises(ConflictError, match="đã bị từ chối"):
        services.mediation.fees.record_payment(request.id, date(2026, 5, 8), 300_000)
    assert cases["stopped"].id in {e.case_id for e in services.mediation.fees.eligible_cases(ids[0])}


PROVINCE = "Nghị quyết 12/2026/NQ-HĐND tỉnh"


def test_provincial_rate_from_mid_year_through_the_norm_lookup(services, book, monkeypatch):
    """The fee of each case is the rate in force on its result date (a fake norm table behind finance)."""
    team, ids, _ = book
    norms = (
        *TT56_DEFAULTS,
        Norm(MEDIATOR_FEE, "settled", 350_000, "vụ việc", date(2026, 7, 1), PROVINCE, provincial=True),
        Norm(MEDIATOR_FEE, "not_settled", 250_000, "vụ việc", date(2026, 7, 1), PROVINCE, provincial=True),
    )
    monkeypatch.setattr(services.finance.catalogue, "norms", lambda category_code=None: list(norms))
    june = ended(
        services, team.id, [ids[1]], CaseOutcome.SETTLED, date(2026, 6, 30), received=date(2026, 6, 1)
    )
    july = ended(
        services, team.id, [ids[1]], CaseOutcome.SETTLED, date(2026, 7, 1), received=date(2026, 6, 2)
    )
    late = ended(
        services, team.id, [ids[1]], CaseOutcome.STOPPED, date(2026, 8, 1), received=date(2026, 7, 2)
    )
    amounts = {e.case_id: (e.amount, e.norm_source) for e in services.mediation.fees.eligible_cases(ids[1])}
    assert amounts[june.id] == (400_000, "Thông tư 56/2023/TT-BTC")
    assert amounts[july.id] == (350_000, PROVINCE)
    assert amounts[late.id] == (250_000, PROVINCE)
    request, _ = services.mediation.fees.create_request(ids[1], [june.id, july.id, late.id], date(2026, 8, 3))
    assert request.total_amount == 1_000_000


def test_end_to_end_with_the_finance_norm_table_and_ledger(services, book):
    """A provincial override entered in finance changes fees from its date; an expenditure linked to the
    request records the payment on it in the same transaction."""
    from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, ProvincialOverride

    team, ids, _ = book
    services.finance.catalogue.add_override(
        ProvincialOverride(
            MEDIATOR_FEE, "settled", 350_000, date(2026, 7, 1), PROVINCE, resolution_date=date(2026, 6, 15)
        )
    )
    june = ended(
        services, team.id, [ids[1]], CaseOutcome.SETTLED, date(2026, 6, 30), received=date(2026, 6, 1)
    )
    july = ended(
        services, team.id, [ids[1]], CaseOutcome.SETTLED, date(2026, 7, 1), received=date(2026, 6, 2)
    )
    request, _ = services.mediation.fees.create_request(ids[1], [june.id, july.id], date(2026, 7, 2))
    assert [(line.number_text, line.amount) for line in request.lines] == [
        (june.number_text, 400_000),
        (july.number_text, 350_000),
    ]
    category = services.finance.catalogue.category_by_code(MEDIATOR_FEE)
    expense, changes = services.finance.ledger.save(
        ExpenditureDraft(
            spent_on=date(2026, 7, 6),
            category_id=category.id,
            source=FundingSource.COMMUNE,
            amount=750_000,
            quantity=2,
            norm_variant="settled",
            payee="Trần Thị Lan",
            fee_request_id=request.id,
        )
    )
    assert MEDIATION in changes
    paid = services.mediation.fees.get(request.id)
    assert (paid.paid_on, paid.paid_amount, paid.expenditure_id) == (date(2026, 7, 6), 750_000, expense.id)


def test_unpaid_request_after_its_due_date_is_a_reminder(services, book):
    _, ids, cases = book
    on_time, _ = services.mediation.fees.create_request(ids[0], [cases["settled"].id], date(2026, 11, 23))
    late, _ = services.mediation.fees.create_request(ids[0], [cases["stopped"].id], date(2026, 11, 20))
    # due dates: 23/11 + 5 working days = 30/11 (today: not yet overdue); 20/11 → 27/11 (overdue 3 days)
    assert (on_time.due_on, late.due_on) == (date(2026, 11, 30), date(2026, 11, 27))
    fee = [r for r in services.mediation.reminders() if r.kind == "fee_overdue"]
    assert [(r.case_id, r.days) for r in fee] == [(late.id, 3)]
    services.mediation.fees.record_payment(late.id, date(2026, 11, 30), 300_000)
    assert [r for r in services.mediation.reminders() if r.kind == "fee_overdue"] == []


def test_requests_created_in_one_batch_match_one_by_one_and_keep_all_or_none(services, book):
    """``create_requests`` (the demo's batch, #17 §5) checks each request as ``create_request`` does, in order:
    a case of an earlier request of the batch is taken for the later ones, and one refusal keeps none."""
    from pbgdpl_desktop.services.mediation.fees import FeeRequestDraft

    team, ids, cases = book
    fees = services.mediation.fees
    eligible = fees.eligible_cases_of([ids[0], ids[1], ids[2]])
    assert [e.case_id for e in eligible[ids[0]]] == [e.case_id for e in fees.eligible_cases(ids[0])]
    assert [e.case_id for e in eligible[ids[1]]] == [cases["settled"].id]  # the case of two mediators
    hung = FeeRequestDraft(
        ids[0], (cases["settled"].id, cases["not_settled"].id), date(2026, 4, 24), "Quý II"
    )
    twice = FeeRequestDraft(ids[1], (cases["settled"].id,), date(2026, 4, 24))
    with pytest.raises(ConflictError, match="đã được đề nghị"):
        fees.create_requests([hung, twice])
    assert fees.requests() == [] and len(fees.eligible_cases(ids[0])) == 3
    other = FeeRequestDraft(ids[2], (cases["other_mediator"].id,), date(2026, 4, 2))
    assert {MEDIATION, FINANCE} <= fees.create_requests([hung, other]).topics
    made = {r.mediator_id: r for r in fees.requests()}
    assert made[ids[0]].total_amount == 700_000 and made[ids[0]].due_on == date(2026, 5, 6)
    assert made[ids[0]].note == "Quý II" and made[ids[0]].team_id == team.id
    assert [line.case_id for line in made[ids[0]].lines] == [cases["settled"].id, cases["not_settled"].id]
    assert made[ids[2]].total_amount == 400_000 and made[ids[2]].cases_count == 1
    assert fees.eligible_cases_of([ids[1]]) == {ids[1]: []}
