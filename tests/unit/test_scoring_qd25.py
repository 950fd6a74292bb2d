"""Golden tests for QĐ 25/2021 + TT 09/2021 (points), written from docs/legal-basis.md §1b."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, score, to_json
from tests.builders import good_facts, good_manual_qd25


@pytest.fixture(scope="module")
def rs():
    return load_path(Path(resource("rulesets", "qd25_2021.json")))


def run(rs, facts_changes=None, manual_changes=None):
    facts = good_facts(2024) | (facts_changes or {})
    manual = good_manual_qd25() | (manual_changes or {})
    return score(rs, 2024, facts, manual)


def test_everything_done_scores_100_and_passes(rs):
    result = run(rs)
    assert result.total == 100
    assert result.verdict == Verdict.PASS
    assert result.blocking == ()


def test_total_85_with_one_criterion_below_half_does_not_pass(rs):
    result = run(
        rs,
        {
            "mediation.cases_mediated": 9,
            "mediation.cases_settled": 4,  # TC3.CT1.1 0/3, TC3.CT1.2 4/9 < 50 % → 0/4
            "mediation.cases_fee_paid_lawful": 9,  # TC3.CT2.1 0/1
        },
        {"input.tc4_ct1_points": Decimal(0), "input.tc4_ct2_points": Decimal(3)},
    )  # TC4 −7
    assert result.total == 85
    tc3 = result.node("TC3")
    assert tc3.points == 7 and tc3.verdict == Verdict.FAIL
    assert result.verdict == Verdict.FAIL
    assert any("TC3" in b and "50 %" in b for b in result.blocking)


def test_exactly_80_with_every_criterion_at_least_half_passes(rs):
    manual = {
        "input.tc4_ct1_points": Decimal("1.5"),
        "input.tc4_ct2_points": Decimal(0),
        "input.tc5_ct1_points": Decimal("0.5"),
        "input.tc5_ct2_points": Decimal(5),
    }
    facts = {
        "dissemination.propagandists_trained": 8,  # 80 % → 1 of 2
        "info_requests.answered_on_time": 4,
    }  # TC2.CT2 → 0 of 4
    result = run(rs, facts, manual)
    assert result.total == Decimal("80.0")
    assert all(c.verdict == Verdict.PASS for c in result.criteria)
    assert result.verdict == Verdict.PASS
    below = run(rs, facts, manual | {"input.tc5_ct2_points": Decimal("4.75")})
    assert below.total == Decimal("79.75") and below.verdict == Verdict.FAIL
    assert any("Tổng điểm 79,75" in b for b in below.blocking)


def test_disqualifier_fails_whatever_the_score(rs):
    result = run(rs, manual_changes={"input.leader_disciplined": True})
    assert result.total == 100
    assert result.verdict == Verdict.FAIL
    assert any("DQ1" in b for b in result.blocking)


def test_unanswered_disqualifier_keeps_the_result_pending(rs):
    result = run(rs, manual_changes={"input.leader_disciplined": None})
    assert result.verdict == Verdict.PENDING


def test_tc1_ct1_full_three_points_when_no_document_was_assigned(rs):
    result = run(rs, {"legal_docs.assigned": 0, "legal_docs.issued": 0, "legal_docs.unlawful_handled": 0})
    ct1 = result.node("TC1.CT1")
    assert ct1.points == 3 and ct1.verdict == Verdict.NA
    assert "Không phát sinh" in ct1.reason


def test_tc1_ct1_parts_score_one_and_two_points(rs):
    missing_one = run(rs, {"legal_docs.issued": 3}).node("TC1.CT1")
    assert missing_one.points == 2
    unlawful = run(rs, {"legal_docs.unlawful_handled": 1}).node("TC1.CT1")
    assert unlawful.points == 1


@pytest.mark.parametrize(
    ("trained", "points"),
    [
        (100, 2),
        (90, 2),
        (89, 1),
        (80, 1),
        (79, Decimal("0.5")),
        (70, Decimal("0.5")),
        (69, Decimal("0.25")),
        (50, Decimal("0.25")),
        (49, 0),
        (0, 0),
    ],
)
def test_tc2_ct5_training_rate_bands(rs, trained, points):
    node = run(
        rs, {"dissemination.propagandists_total": 100, "dissemination.propagandists_trained": trained}
    ).node("TC2.CT5")
    assert node.points == points
    assert node.unconfirmed  # the ≥ 90 % band and the maximum are not confirmed


def test_tc2_ct5_reason_and_fix(rs):
    node = run(rs, {"dissemination.propagandists_total": 10, "dissemination.propagandists_trained": 7}).node(
        "TC2.CT5"
    )
    assert node.reason == "Đạt một phần: 7/10 tuyên truyền viên được tập huấn (70 %) ≥ 70 % → 0,5/2 điểm"
    assert node.fix == "thiếu 1 tuyên truyền viên để đạt 80 % (1 điểm)"


def test_money_is_checked_against_the_ceiling_never_exactly(rs):
    under = run(rs, {"mediation.team_support_paid_amount": 9_000_000}).node("TC3.CT2.3")
    assert under.verdict == Verdict.PASS  # a lower provincial rate is lawful
    over = run(rs, {"mediation.team_support_paid_amount": 10_800_001}).node("TC3.CT2.3")
    assert over.verdict == Verdict.FAIL and "vượt mức trần" in over.reason
    unpaid = run(rs, {"mediation.team_support_paid_amount": 0}).node("TC3.CT2.3")
    assert unpaid.verdict == Verdict.FAIL


def test_pending_manual_points_make_a_pending_total_that_can_still_pass(rs):
    result = run(rs, manual_changes={"input.tc4_ct1_points": None})
    assert result.node("TC4.CT1").verdict == Verdict.PENDING
    assert result.total == 95
    assert result.verdict == Verdict.PASS  # 95 ≥ 80 whatever TC4.CT1 turns out to be


def test_json_shape(rs):
    data = to_json(run(rs))
    assert {
        "year",
        "ruleset",
        "ruleset_version",
        "passed",
        "total",
        "criteria",
        "blocking",
        "unconfirmed",
    } <= set(data)
    assert data["ruleset"] == "qd25_2021" and data["total"] == 100 and data["passed"] is True
    criterion = data["criteria"][0]
    assert {"code", "title", "score", "max", "passed", "indicators"} <= set(criterion)
    indicator = criterion["indicators"][0]
    assert {"code", "value", "score", "verdict", "source", "reason"} <= set(indicator)
    assert data["criteria"][0]["indicators"][1]["source"] == "manual"  # TC1.CT2 reads manual inputs
    assert data["criteria"][0]["indicators"][0]["source"] == "computed"
    assert "TC1.CT2" in data["unconfirmed"] and "TC1.CT1" not in data["unconfirmed"]


def test_fix_list_is_ordered_by_how_little_is_missing(rs):
    result = run(rs, {"dissemination.plan_tasks_done": 10, "info_requests.answered_on_time": 4})
    assert [f.code for f in result.fixes][:2] == ["TC2.CT2", "TC2.CT3.2"]
    assert result.fixes[0].text == "thiếu 1 yêu cầu để đạt 100 %"
