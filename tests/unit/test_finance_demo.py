"""The demo ward's finance data is consistent with its sessions, plan tasks, teams and fee requests."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.domain.finance import LedgerQuery
from pbgdpl_desktop.domain.norms import TEAM_SUPPORT


def test_demo_ledger_pays_for_what_happened(demo_services):
    finance, mediation = demo_services.finance, demo_services.mediation
    years = (2024, 2025, 2026)
    for year in years:
        facts = finance.facts(year)
        assert finance.ledger.count(LedgerQuery(year=year)) > 50
        assert facts.minimum_budget_required == 20_000_000
        assert facts.budget_planned_total >= facts.minimum_budget_required
        assert 0 < facts.spent_total <= facts.budget_planned_total
        assert 0 < facts.planned_tasks_funded <= facts.planned_tasks_total
        assert facts.mediator_fees_paid_amount > 0
    # every team is paid its monthly support at the rate in force (the province raised it from 2025)
    for year in (2024, 2025):
        facts = finance.facts(year)
        assert facts.team_support_paid_amount == facts.team_support_due_amount > 0
    assert finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(2025, 1, 1)).amount == 200_000
    # pending requests older than 20 days were paid through the ledger: linked both ways
    linked = [r for r in mediation.fees.requests(year=2026) if r.expenditure_id]
    assert linked
    for request in linked:
        expense = finance.ledger.get(request.expenditure_id)
        assert (expense.fee_request_id, expense.amount, expense.spent_on) == (
            request.id,
            request.paid_amount,
            request.paid_on,
        )
    # the demo shows the warnings: one leaflet line over the ceiling, one repeated voucher
    assert finance.facts(2026).over_ceiling_count == 1
    rows = finance.ledger.page(LedgerQuery(year=2026), 0, 1000)
    assert sum(any("Số chứng từ" in w for w in e.warnings) for e in rows) == 2
    assert finance.facts(2024).over_ceiling_count == 0
