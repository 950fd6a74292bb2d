"""A ward's figures from its rows parsed once (persistence/repos/office_repo.figures_from_rows, issue #14):
the conventions of docs/office.md on hand-made rows, where each rule can be seen to fail."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.persistence.repos.office_repo import figures_from_rows

GROUPS = ("general", "workers", "dv_victims")


def _figures(rows, today=date(2025, 12, 31)) -> dict[tuple[int, str, str, str], int]:
    return {(y, p, fig, key): v for y, p, fig, key, v in figures_from_rows(rows, today, GROUPS)}


def test_sessions_count_held_live_ones_by_half_form_and_group() -> None:
    rows = {
        "dissemination_session": [
            (
                "s1",
                False,
                {
                    "held_on": "2025-03-01",
                    "form": "talk",
                    "attendance_total": 40,
                    "attendance_women": 10,
                    "target_groups": ",general,workers,",
                },
            ),
            (
                "s2",
                False,
                {
                    "held_on": "2025-09-01",
                    "form": "talk",
                    "attendance_total": 60,
                    "attendance_women": None,
                    "target_groups": ",workers,",
                },
            ),
            (
                "s3",
                True,
                {
                    "held_on": "2025-04-01",
                    "form": "talk",
                    "attendance_total": 99,
                    "target_groups": ",general,",
                },
            ),
            (
                "s4",
                False,
                {"held_on": "2025-12-20", "form": "contest", "attendance_total": 5, "target_groups": ""},
            ),
            ("s5", False, {"held_on": None, "form": "talk", "attendance_total": 7}),
        ]
    }
    figs = _figures(rows, today=date(2025, 12, 1))  # s4 is still to come
    assert figs[(2025, "year", "sessions_by_form", "talk")] == 2
    assert figs[(2025, "h1", "sessions_by_form", "talk")] == 1
    assert figs[(2025, "year", "participants_by_form", "talk")] == 100
    assert figs[(2025, "year", "women_by_form", "talk")] == 10
    assert figs[(2025, "year", "sessions_by_group", "workers")] == 2
    assert figs[(2025, "year", "sessions_by_group", "general")] == 1
    assert (2025, "year", "sessions_by_form", "contest") not in figs
    assert (2025, "h1", "sessions_by_group", "dv_victims") not in figs
    assert _figures(rows)[(2025, "year", "sessions_by_form", "contest")] == 1


def test_cases_fees_spending_and_the_newest_verdict() -> None:
    rows = {
        "mediation_case": [
            ("c1", False, {"received_on": "2025-02-01", "outcome": "settled"}),
            ("c2", False, {"received_on": "2025-08-01", "outcome": "settled"}),
            ("c3", True, {"received_on": "2025-08-01", "outcome": "settled"}),
        ],
        "mediator_fee_request": [
            ("f1", False, {"paid_on": "2025-07-01", "paid_amount": 300000}),
            ("f2", False, {"paid_on": None, "paid_amount": 500000}),
        ],
        "finance_category": [("k1", True, {"code": "KHAC"})],  # deleted since: its spending still counts
        "expenditure": [
            (
                "e1",
                False,
                {"spent_on": "2025-06-30", "category_id": "k1", "source": "commune", "amount": 1500000},
            ),
            (
                "e2",
                False,
                {"spent_on": "2025-07-01", "category_id": "k1", "source": "commune", "amount": "250000"},
            ),
            (
                "e3",
                False,
                {"spent_on": "2025-07-01", "category_id": "missing", "source": "commune", "amount": 9},
            ),
        ],
        "assessment": [("a1", False, {"year": 2025}), ("a2", True, {"year": 2024})],
        "assessment_result": [
            (
                "r2",
                False,
                {"assessment_id": "a1", "computed_at": "2025-12-02T00:00:00Z", "verdict": "passed"},
            ),
            (
                "r1",
                False,
                {"assessment_id": "a1", "computed_at": "2025-12-01T00:00:00Z", "verdict": "failed"},
            ),
            (
                "r3",
                False,
                {"assessment_id": "a2", "computed_at": "2025-12-03T00:00:00Z", "verdict": "failed"},
            ),
        ],
    }
    figs = _figures(rows)
    assert figs[(2025, "year", "cases_by_outcome", "settled")] == 2
    assert figs[(2025, "h1", "cases_by_outcome", "settled")] == 1
    assert figs[(2025, "year", "fees_paid", "")] == 300000
    assert (2025, "h1", "fees_paid", "") not in figs
    assert figs[(2025, "year", "spent", "KHAC|commune")] == 1750000
    assert figs[(2025, "h1", "spent", "KHAC|commune")] == 1500000
    verdicts = {(y, key) for (y, _, fig, key) in figs if fig == "verdict"}
    assert verdicts == {(2025, "passed")}
