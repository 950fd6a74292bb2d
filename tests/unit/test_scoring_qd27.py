"""Golden tests for QĐ 27/2025 + TT 15/2025 (pass/fail by sub-item)."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.calendar import WorkingCalendar
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, load_text, score
from pbgdpl_desktop.scoring.loader import dump_data, parse_text
from tests.builders import good_facts, good_manual_qd27, shipped_calendar

PATH = Path(resource("rulesets", "qd27_2025.json"))


@pytest.fixture(scope="module")
def rs():
    return load_path(PATH)


def run(rs, facts_changes=None, manual_changes=None, calendar=None):
    facts = good_facts(2026) | (facts_changes or {})
    return score(rs, 2026, facts, good_manual_qd27() | (manual_changes or {}), calendar or shipped_calendar())


def test_everything_done_passes_without_points(rs):
    result = run(rs)
    assert result.verdict == Verdict.PASS
    assert result.total is None
    assert all(c.points is None for c in result.criteria)


def test_a_999_permille_ratio_fails_a_100_percent_threshold(rs):
    result = run(
        rs,
        {
            "dissemination.plan_tasks_set": 1000,
            "dissemination.plan_tasks_done": 999,
            "dissemination.planned_tasks_funded": 1000,
        },
    )
    node = result.node("CT2.4.2")
    assert node.verdict == Verdict.FAIL
    assert node.reason == "Không đạt: 999/1000 nhiệm vụ hoàn thành (99,9 %) < 100 %"
    assert node.fix == "thiếu 1 nhiệm vụ để đạt 100 %"
    assert result.node("CT2.4").verdict == Verdict.FAIL
    assert result.node("TC02").verdict == Verdict.FAIL
    assert result.verdict == Verdict.FAIL
    assert any("CT2.4.2" in b for b in result.blocking)


def test_a_9999_per_ten_thousand_ratio_is_never_shown_as_100(rs):
    node = run(
        rs,
        {
            "dissemination.plan_tasks_set": 10000,
            "dissemination.plan_tasks_done": 9999,
            "dissemination.planned_tasks_funded": 10000,
        },
    ).node("CT2.4.2")
    assert node.verdict == Verdict.FAIL and "(99,9 %)" in node.reason


def test_late_plan_eight_working_days_with_a_public_holiday_in_between_fails(rs):
    # Directive Fri 24/04/2026; 27/04 (Giỗ Tổ, compensatory), 30/04 and 01/05 are days off:
    # the 7th working day is Fri 08/05; Mon 11/05 is the 8th.
    late = run(
        rs,
        {
            "dissemination.plan_directive_date": date(2026, 4, 24),
            "dissemination.plan_issue_date": date(2026, 5, 11),
        },
    ).node("CT2.4.1")
    assert late.verdict == Verdict.FAIL
    assert "8 ngày làm việc" in late.reason and "08/05/2026" in late.reason
    on_time = run(
        rs,
        {
            "dissemination.plan_directive_date": date(2026, 4, 24),
            "dissemination.plan_issue_date": date(2026, 5, 8),
        },
    ).node("CT2.4.1")
    assert on_time.verdict == Verdict.PASS  # 14 calendar days, but only 7 working days
    # the last day is carried with the result (evidence signed after it is shown as late)
    assert late.due == on_time.due == "2026-05-08"


def test_a_weekend_only_calendar_would_have_passed_it_wrongly(rs):
    node = run(
        rs,
        {
            "dissemination.plan_directive_date": date(2026, 4, 24),
            "dissemination.plan_issue_date": date(2026, 5, 5),
        },
        calendar=WorkingCalendar(),
    ).node("CT2.4.1")
    assert node.verdict == Verdict.PASS  # the naive calendar: 7 weekdays; with holidays it is only 4
    assert (
        run(
            rs,
            {
                "dissemination.plan_directive_date": date(2026, 4, 24),
                "dissemination.plan_issue_date": date(2026, 5, 12),
            },
        )
        .node("CT2.4.1")
        .verdict
        == Verdict.FAIL
    )


def test_plan_not_issued_fails_and_not_tasked_passes(rs):
    missing = run(rs, {"dissemination.plan_issue_date": None}).node("CT2.4.1")
    assert missing.verdict == Verdict.FAIL and "chưa có" in missing.reason
    assert missing.due is not None
    not_tasked = run(rs, {"dissemination.plan_issue_date": None}, {"input.plan_not_tasked": True}).node(
        "CT2.4.1"
    )
    assert not_tasked.verdict == Verdict.NA


def test_did_not_arise_passes(rs):
    # no case was brought to the teams: requests may truly not occur (Luật HGCS Art. 16)
    result = run(
        rs,
        {
            "mediation.cases_received": 0,
            "mediation.cases_due": 0,
            "mediation.cases_mediated": 0,
            "mediation.cases_settled": 0,
            "mediation.cases_concluded": 0,
        },
    )
    assert result.node("CT3.2").verdict == Verdict.PASS
    assert result.node("CT3.2.1").verdict == Verdict.NA
    assert result.verdict == Verdict.PASS


def test_nothing_assigned_makes_tc1_pass(rs):
    zero = {k: 0 for k in good_facts(2026) if k.startswith("legal_docs.")}
    result = run(rs, zero)
    assert result.node("TC01").verdict == Verdict.PASS
    assert result.node("CT1.1").verdict == Verdict.NA


def test_ct3_2_2_threshold_80_is_enforced_but_unconfirmed(rs):
    result = run(rs, {"mediation.cases_settled": 7})
    node = result.node("CT3.2.2")
    assert node.verdict == Verdict.FAIL and node.unconfirmed
    assert "CT3.2.2" in result.unconfirmed


def _with_n_of_m(n: int) -> str:
    data = parse_text(PATH.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    ct26 = next(i for i in data["criteria"][1]["items"] if i["code"] == "CT2.6")
    ct26["rule"], ct26["n"] = "n_of_m", n
    return dump_data(data)


def test_n_of_m_group_passes_with_n_passing_children(rs):
    edited = load_text(_with_n_of_m(2))
    result = run(edited, {"dissemination.planned_tasks_funded": 5}, {"input.ct2_6_1": False})
    assert [result.node(c).verdict for c in ("CT2.6.1", "CT2.6.2", "CT2.6.3")] == [
        Verdict.FAIL,
        Verdict.FAIL,
        Verdict.PASS,
    ]
    assert result.node("CT2.6").verdict == Verdict.FAIL  # 1 of 3 < 2
    two = run(edited, manual_changes={"input.ct2_6_1": False})
    assert two.node("CT2.6").verdict == Verdict.PASS  # 2 of 3 ≥ 2
    assert "2/3 mục đạt (cần 2)" in two.node("CT2.6").reason
    assert run(rs, manual_changes={"input.ct2_6_1": False}).node("CT2.6").verdict == Verdict.FAIL  # "all"


def test_n_of_m_stays_pending_while_pending_children_could_make_up_the_number(rs):
    edited = load_text(_with_n_of_m(2))
    result = run(edited, {"dissemination.planned_tasks_funded": 5}, {"input.ct2_6_1": None})
    assert result.node("CT2.6").verdict == Verdict.PENDING
    assert result.verdict == Verdict.PENDING


def test_checkbox_group_needs_one_activity(rs):
    none = run(rs, {"dissemination.digital_activities": frozenset()}).node("CT2.5")
    assert none.verdict == Verdict.FAIL and none.fix == "thiếu 1 hoạt động"
    two = run(rs, {"dissemination.digital_activities": frozenset({"sms", "chatbot"})}).node("CT2.5")
    assert two.verdict == Verdict.PASS and "Chatbot giải đáp pháp luật" in two.reason


def test_money_over_the_fee_ceiling_fails(rs):
    node = run(rs, {"mediation.fees_paid_for_cases_amount": 4_000_000}).node("CT3.4.4.2")
    assert node.verdict == Verdict.FAIL
    assert "vượt mức trần 3.900.000 đ (100.000 đ)" in node.reason


def test_unconfirmed_disqualifier_still_applies(rs):
    result = run(rs, manual_changes={"input.leader_disciplined": True})
    assert result.verdict == Verdict.FAIL and "DQ1" in result.unconfirmed
