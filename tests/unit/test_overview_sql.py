"""#17 §1: the overview's figures come from a few SQL aggregates (``persistence.repos.overview_sql``); they must
be the figures the features' facts give (the overview's computation before), on the demo ward, on an empty
file, and after records were deleted."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from pbgdpl_desktop.services.reports.overview import (
    NO_DATA,
    PENDING,
    counts_from_facts,
    from_counts,
    overview_figures,
)

YEARS = (2024, 2025, 2026, 2027)


def _from_facts(services, year: int):
    names = {c.code: c.name for c in services.finance.catalogue.categories(include_inactive=True)}
    return counts_from_facts(
        services.dissemination.facts(year),
        services.mediation.facts(year),
        services.finance.facts(year),
        names,
    )


def _from_sql(services, year: int):
    from pbgdpl_desktop.persistence.repos.overview_sql import year_counts

    with services.ctx.db.read() as session:
        return year_counts(session, year, services.ctx.clock.today())


@pytest.mark.parametrize("year", YEARS)
def test_the_demo_wards_figures_equal_the_facts(demo_services, year):
    sql = _from_sql(demo_services, year)
    assert sql == _from_facts(demo_services, year)
    if year == 2026:  # the probe can fail: the demo year has every kind of record
        assert sql.sessions_total and sql.cases_by_outcome and sql.spent_by_category and sql.plan_tasks_set
        assert sql.plan_tasks_done and sql.budget_planned_total and sql.participants_women
    assert replace(overview_figures(demo_services.ctx, year), data_version=None) == from_counts(sql, year)


def test_an_empty_file_has_no_data(services):
    for year in YEARS:
        assert _from_sql(services, year) == _from_facts(services, year)
    figures = overview_figures(services.ctx, 2026)
    assert figures.verdict == NO_DATA and not figures.complete
    assert figures.figures[4].value == "0 đ"


def test_deleted_records_are_left_out_alike(demo_services, paths):
    con = sqlite3.connect(paths.db_path)
    try:
        case_id = con.execute(
            "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND received_on LIKE '2026-%' "
            "AND id NOT IN (SELECT case_id FROM mediator_fee_line) LIMIT 1"
        ).fetchone()[0]
        session_id = con.execute(
            "SELECT id FROM dissemination_session WHERE deleted_at IS NULL AND held_on LIKE '2026-%' "
            "AND plan_task_id IS NOT NULL LIMIT 1"
        ).fetchone()[0]
        spent_id = con.execute(
            "SELECT id FROM expenditure WHERE deleted_at IS NULL AND spent_on LIKE '2026-%' AND fee_request_id IS NULL LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()
    before = _from_sql(demo_services, 2026)
    demo_services.mediation.cases.delete(case_id)
    demo_services.dissemination.sessions.delete(session_id)
    demo_services.finance.ledger.delete(spent_id)
    after = _from_sql(demo_services, 2026)
    assert after == _from_facts(demo_services, 2026)
    assert sum(after.cases_by_outcome.values()) == sum(before.cases_by_outcome.values()) - 1
    assert after.sessions_total == before.sessions_total - 1
    assert after.spent_total < before.spent_total


def test_the_full_overview_adds_the_verdict_and_the_reminders(demo_services):
    figures = overview_figures(demo_services.ctx, 2026)
    assert figures.verdict == PENDING and figures.reminders == () and not figures.complete
    full = demo_services.reports.complete_overview(figures)
    assert full.complete and full.verdict not in (PENDING, NO_DATA) and full.reminders
    assert full.figures == figures.figures and full == demo_services.reports.overview(2026)
    assert date(2026, 1, 1) <= demo_services.ctx.clock.today()
