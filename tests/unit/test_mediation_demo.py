"""The demo ward's mediation records: realistic, consistent with the rules, and useful on every page."""

from __future__ import annotations

from pbgdpl_desktop.domain.mediation import CaseOutcome
from pbgdpl_desktop.services.core.listing import ListQuery


def test_demo_fills_teams_cases_fees_and_reminders(demo_services):
    s = demo_services.mediation
    teams = s.teams.all()
    assert len(teams) == 8 and all(t.name.startswith("Tổ hòa giải tổ dân phố số") for t in teams)
    assert [t.name for t in teams if not t.composition_ok] == ["Tổ hòa giải tổ dân phố số 8"]
    assert all(t.head_name for t in teams)
    source = s.cases.list_source()
    total = source.count(ListQuery())
    assert 200 <= total <= 400
    for year in (2024, 2025, 2026):
        facts = s.facts(year)
        assert facts.cases_received > 40 and facts.cases_settled > facts.cases_not_settled > 0
        assert facts.cases_fee_eligible > 0 and facts.teams_total == 8
    assert s.facts(2025).cases_fee_paid_lawful > 0 and s.facts(2025).mediator_actions_done == 2
    kinds = [r.kind for r in s.reminders()]
    assert kinds.count("not_started") == 1 and kinds.count("long_running") == 1
    assert set(kinds) <= {"not_started", "long_running", "fee_overdue"}
    assert any(m.is_released for m in s.mediators.all())
    assert any(len(s.mediators.history(m.id)) == 2 for m in s.mediators.all())
    assert s.fees.requests(unpaid_only=True) and any(r.paid_on for r in s.fees.requests())
    outcomes = {r.outcome for r in source.page(ListQuery(), 0, total)}
    assert {o.value for o in CaseOutcome} == outcomes
