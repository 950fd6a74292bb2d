"""Golden tests written from the mediation law (Luật Hòa giải ở cơ sở 2013) and the two regimes: issue #16.

* Art. 3.1.c, 10.5: a matter outside mediation's scope is referred to the competent authority (or refused):
  it is recorded in the book but is not a case "received but not mediated";
* Art. 20.2: mediation starts within 03 days of the assignment, unless it must be immediate or the parties
  agree another time; a case received on 31/12 whose window is still open is not counted against the ward;
* Art. 12, 29.2.a: every ward has mediation teams — no team, no mediator or no propagandist is a failure,
  never "did not arise";
* the settled share is settled / (settled + not settled); cases in progress are reported apart.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseFacts,
    CaseOutcome,
    StartException,
    count_cases,
    started_late,
)
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, score
from tests.builders import case_input, good_facts, good_manual_qd25, good_manual_qd27, staffed_team

D = date


@pytest.fixture(scope="module")
def qd25():
    return load_path(Path(resource("rulesets", "qd25_2021.json")))


@pytest.fixture(scope="module")
def qd27():
    return load_path(Path(resource("rulesets", "qd27_2025.json")))


def _case(services, team_id, mediators, received, outcome, started=None, result=None, note="", **kw):
    return services.mediation.cases.save(
        case_input(
            team_id,
            mediators,
            received_on=received,
            assigned_on=received,
            category=CaseCategory.NEIGHBOURHOOD,
            started_on=started,
            outcome=outcome,
            result_date=result,
            outcome_note=note,
            **kw,
        )
    )[0]


def _mediation_facts(facts) -> dict:
    return {
        f"mediation.{f.name}": getattr(facts, f.name) for f in dataclasses.fields(facts) if f.name != "year"
    }


def test_a_referred_case_and_one_received_on_31_12_do_not_fail_ct3_2_1(services, qd27, qd25):
    team, ids = staffed_team(services)
    _case(services, team.id, ids, D(2025, 3, 2), CaseOutcome.SETTLED, D(2025, 3, 3), D(2025, 3, 10))
    _case(services, team.id, ids, D(2025, 6, 2), CaseOutcome.REFERRED, None, D(2025, 6, 3), "Công an phường")
    _case(services, team.id, ids, D(2025, 9, 9), CaseOutcome.REFUSED, note="Vụ trộm cắp: xử lý hình sự")
    _case(services, team.id, ids, D(2025, 12, 31), CaseOutcome.IN_PROGRESS)  # window open until 03/01
    m = services.mediation.facts(2025)
    assert (m.cases_recorded, m.cases_received, m.cases_referred, m.cases_refused_out_of_scope) == (
        4,
        2,
        1,
        1,
    )
    assert (m.cases_window_open, m.cases_due, m.cases_mediated) == (1, 1, 1)
    facts = good_facts(2026) | _mediation_facts(m)
    node = score(qd27, 2026, facts, good_manual_qd27()).node("CT3.2.1")
    assert node.verdict == Verdict.PASS, node.reason
    assert "1/1" in node.reason
    node25 = score(qd25, 2024, good_facts(2024) | _mediation_facts(m), good_manual_qd25()).node("TC3.CT1.1")
    assert node25.verdict == Verdict.PASS and node25.points == 3


def test_a_case_never_started_after_its_window_fails_ct3_2_1(services, qd27):
    team, ids = staffed_team(services)
    _case(services, team.id, ids, D(2025, 12, 20), CaseOutcome.IN_PROGRESS)  # window closed on 23/12
    m = services.mediation.facts(2025)
    assert (m.cases_window_open, m.cases_due, m.cases_mediated) == (0, 1, 0)
    node = score(qd27, 2026, good_facts(2026) | _mediation_facts(m), good_manual_qd27()).node("CT3.2.1")
    assert node.verdict == Verdict.FAIL


def test_settled_share_excludes_cases_in_progress(services, qd27):
    team, ids = staffed_team(services)
    for day in (2, 3, 4, 5):
        _case(services, team.id, ids, D(2025, 4, day), CaseOutcome.SETTLED, D(2025, 4, day), D(2025, 4, 20))
    _case(services, team.id, ids, D(2025, 5, 2), CaseOutcome.NOT_SETTLED, D(2025, 5, 2), D(2025, 5, 20))
    for day in (6, 7, 8):  # still being mediated: reported apart, not in the share
        _case(services, team.id, ids, D(2025, 11, day), CaseOutcome.IN_PROGRESS, D(2025, 11, day))
    m = services.mediation.facts(2025)
    assert (m.cases_settled, m.cases_concluded, m.cases_in_progress, m.cases_mediated) == (4, 5, 3, 8)
    node = score(qd27, 2026, good_facts(2026) | _mediation_facts(m), good_manual_qd27()).node("CT3.2.2")
    assert node.verdict == Verdict.PASS and "4/5" in node.reason  # 80 %; 4/8 = 50 % would have failed


def test_late_start_honours_the_exceptions_of_article_20_2(services):
    team, ids = staffed_team(services)
    common = dict(started=D(2025, 3, 12), result=D(2025, 3, 20))
    plain = _case(services, team.id, ids, D(2025, 3, 2), CaseOutcome.SETTLED, **common)
    immediate = _case(
        services,
        team.id,
        ids,
        D(2025, 3, 2),
        CaseOutcome.SETTLED,
        **common,
        start_exception=StartException.IMMEDIATE,
    )
    agreed = _case(
        services,
        team.id,
        ids,
        D(2025, 3, 2),
        CaseOutcome.SETTLED,
        **common,
        start_exception=StartException.AGREED_TIME,
        start_agreed_on=D(2025, 3, 12),
    )
    assert plain.started_late and plain.warnings
    assert not immediate.started_late and not agreed.started_late
    assert agreed.start_exception is StartException.AGREED_TIME and agreed.start_agreed_on == D(2025, 3, 12)
    assert services.mediation.facts(2025).cases_started_late == 1
    assert started_late(D(2025, 3, 2), D(2025, 3, 13), 3, StartException.AGREED_TIME, D(2025, 3, 12))


def test_count_cases_is_the_one_definition():
    rows = [
        CaseFacts(CaseOutcome.SETTLED, D(2026, 1, 2), None, D(2026, 1, 3)),
        CaseFacts(CaseOutcome.REFERRED, D(2026, 1, 2)),
        CaseFacts(CaseOutcome.IN_PROGRESS, D(2026, 12, 30)),
    ]
    counts = count_cases(rows, D(2026, 12, 31))
    assert (counts.recorded, counts.received, counts.due, counts.mediated, counts.concluded) == (
        3,
        2,
        1,
        1,
        1,
    )


ZERO_TEAMS = {
    "mediation.teams_total": 0,
    "mediation.teams_meeting_composition": 0,
    "mediation.teams_with_2_coordination": 0,
    "mediation.teams_supported": 0,
    "mediation.team_support_paid_amount": 0,
    "norms.team_support_ceiling": 0,
    "mediation.mediators_total": 0,
    "mediation.mediators_trained": 0,
}


def test_zero_teams_fails_the_mediation_indicators_under_qd27(qd27):
    result = score(qd27, 2026, good_facts(2026) | ZERO_TEAMS, good_manual_qd27())
    for code in ("CT3.1.1", "CT3.3", "CT3.4.2", "CT3.4.3.1"):
        assert result.node(code).verdict == Verdict.FAIL, code
    assert result.node("TC03").verdict == Verdict.FAIL and result.verdict == Verdict.FAIL


def test_zero_teams_fails_the_team_support_indicator_under_qd25(qd25):
    result = score(qd25, 2024, good_facts(2024) | ZERO_TEAMS, good_manual_qd25())
    node = result.node("TC3.CT2.3")
    assert node.verdict == Verdict.FAIL and node.points == 0


@pytest.mark.parametrize("name", ["qd25", "qd27"])
def test_zero_propagandists_fails_under_both_regimes(name, request):
    rs = request.getfixturevalue(name)
    year = 2024 if name == "qd25" else 2026
    manual = good_manual_qd25() if name == "qd25" else good_manual_qd27()
    facts = good_facts(year) | {
        "dissemination.propagandists_total": 0,
        "dissemination.propagandists_trained": 0,
    }
    code = "TC2.CT5" if name == "qd25" else "CT2.6.3"
    assert score(rs, year, facts, manual).node(code).verdict == Verdict.FAIL


def test_requests_and_arising_tasks_may_not_arise(qd27):
    facts = good_facts(2026) | {
        "info_requests.received": 0,
        "info_requests.answered_on_time": 0,
        "dissemination.arising_tasks": 0,
        "dissemination.arising_tasks_done": 0,
    }
    result = score(qd27, 2026, facts, good_manual_qd27())
    assert result.node("CT2.3").verdict == Verdict.NA and result.node("CT2.4.3").verdict == Verdict.NA
