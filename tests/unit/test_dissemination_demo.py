"""The demo ward's dissemination records: realistic, within the years, nothing after today."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.services.dissemination.dto import SessionQuery


def test_demo_fills_three_years_up_to_today(demo_services):
    diss = demo_services.dissemination
    today = demo_services.ctx.clock.today()
    source = diss.sessions.list_source()
    newest = source.page(SessionQuery(), 0, 1)[0]
    assert newest.held_on <= today
    for year in (today.year - 2, today.year - 1, today.year):
        facts = diss.facts(year)
        assert 60 <= facts.sessions_total <= 130
        assert facts.plan_exists and facts.plan_tasks_set > 0 and facts.arising_tasks > 0
        assert facts.legal_aid_tasks_set > 0 and facts.law_day_sessions >= 1
        assert facts.propagandists_total > 0 and facts.digital_activities
        assert facts.participants_women <= facts.participants_total
    assert source.count(SessionQuery(year=today.year - 3)) == 0
    assert source.count(SessionQuery(search="nguyen")) > 0
    assert diss.library.bookcase() and any(d.verified for d in diss.library.documents())
    assert len(diss.speakers.all()) == 10


def test_demo_is_reproducible(demo_services):
    first = demo_services.dissemination.sessions.list_source().page(SessionQuery(), 0, 3)
    assert first[0].held_on <= date(2026, 11, 30)
    assert demo_services.dissemination.facts(2025).sessions_total == 101
