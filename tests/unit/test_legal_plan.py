"""A real plan can be entered as it is and reaches the facts and the periodic report; a plan issued before its
directing document is flagged (issue #16)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.domain.dissemination import TaskCategory
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, score
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests import plan_2024_hai_ba_trung as hbt
from tests.builders import good_facts, good_manual_qd27
from tests.helpers.pdf import pdf_text


def test_the_hai_ba_trung_plan_enters_as_it_is_and_appears_in_the_periodic_report(services, tmp_path):
    assert len(hbt.TASKS) >= 10
    plan = hbt.enter(services)
    saved = services.dissemination.plans.plan(2024)
    assert saved.legal_bases == hbt.LEGAL_BASES and saved.funded_amount == 20_000_000
    tasks = services.dissemination.plans.tasks(plan.id)
    assert [t.data for t in tasks] == [t.checked(date(2026, 11, 30)) for t in hbt.TASKS]
    facts = services.dissemination.facts(2024)
    assert facts.plan_tasks_set == len(hbt.TASKS)
    assert facts.plan_funded_amount == 20_000_000
    assert facts.plan_tasks_by_category[TaskCategory.MEDIATION.value] == 1
    assert facts.plan_tasks_by_category[TaskCategory.DISSEMINATION.value] == 3
    assert facts.legal_aid_tasks_set == 1
    out = services.reports.generate(ReportRequest("periodic", 2024, target=tmp_path / "bc.pdf"))
    text = " ".join(pdf_text(out.path).split())
    for task in hbt.TASKS:
        assert task.title[:24] in text, task.title  # the first line of its cell
    for expected in (
        "Phòng Tư pháp quận / Trung tâm Trợ giúp pháp lý Nhà nước thành phố Hà Nội",
        "Thường xuyên",
        "Quý II",
        "Tháng 11",
        "Chỉ thị số 32-CT/TW ngày 9/12/2003",
        "Kinh phí bố trí cho kế hoạch: 20.000.000",
        "sinh, sinh viên)",  # the target group of the school task (wrapped in its cell)
    ):
        assert expected in text, expected
    assert "DỰ THẢO" not in text  # 2024 ended long ago


def test_a_plan_issued_before_its_directive_is_flagged(services, tmp_path):
    plans = services.dissemination.plans
    plan, _ = plans.save_plan(
        2026, "16/KH-UBND", date(2026, 1, 5), date(2026, 1, 12), directive_number="Kế hoạch số 03/KH-UBND"
    )
    assert plan.issued_before_directive and "trước văn bản chỉ đạo" in plan.warnings[0]
    facts = services.dissemination.facts(2026)
    assert facts.plan_before_directive
    rs = load_path(Path(resource("rulesets", "qd27_2025.json")))
    node = score(
        rs,
        2026,
        good_facts(2026)
        | {
            "dissemination.plan_issue_date": date(2026, 1, 5),
            "dissemination.plan_directive_date": date(2026, 1, 12),
        },
        good_manual_qd27(),
    ).node("CT2.4.1")
    assert "cần rà soát" in node.reason and node.verdict == Verdict.PASS
    out = services.reports.generate(ReportRequest("periodic", 2026, target=tmp_path / "bc.pdf"))
    text = " ".join(pdf_text(out.path).split())
    assert "Lưu ý: Kế hoạch ban hành ngày 05/01/2026, trước văn bản chỉ đạo ngày 12/01/2026" in text
    assert "Văn bản chỉ đạo: Kế hoạch số 03/KH-UBND ngày 12/01/2026" in text
    assert "DỰ THẢO" in text  # dated 30/11/2026, before the year ends


def test_qd25_plan_indicator_checks_timeliness_where_the_rule_file_says_so():
    """The shipped QĐ 25 file checks only that a plan exists; a province whose rule file makes TC2.CT3.1 a
    deadline (7 working days from the directive) gets a late plan scored 0."""
    import json

    from pbgdpl_desktop.scoring import load_text
    from tests.builders import good_manual_qd25

    data = json.loads(Path(resource("rulesets", "qd25_2021.json")).read_text(encoding="utf-8"))
    tc2 = next(c for c in data["criteria"] if c["code"] == "TC2")
    ct3 = next(i for i in tc2["items"] if i["code"] == "TC2.CT3")
    item = ct3["items"][0]
    for key in ("fact",):
        item.pop(key)
    item.update(
        kind="deadline",
        event="dissemination.plan_issue_date",
        start="dissemination.plan_directive_date",
        days=7,
    )
    rs = load_text(json.dumps(data, ensure_ascii=False))
    on_time = score(rs, 2024, good_facts(2024), good_manual_qd25()).node("TC2.CT3.1")
    late = score(
        rs,
        2024,
        good_facts(2024) | {"dissemination.plan_issue_date": date(2024, 2, 20)},
        good_manual_qd25(),
    ).node("TC2.CT3.1")
    assert on_time.points == 2 and late.points == 0 and late.verdict == Verdict.FAIL
