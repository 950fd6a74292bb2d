"""FinanceFacts and the year summary against values computed by hand."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.domain.dissemination import TaskInput, TaskStatus
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource
from pbgdpl_desktop.domain.norms import LEAFLET, MEDIATOR_FEE, TEAM_SUPPORT
from tests.builders import fee_payment_draft, fee_request, team_support_draft

C, S = FundingSource.COMMUNE, FundingSource.SPONSOR


def _plan(services):
    plan, _ = services.dissemination.plans.save_plan(2026, "05/KH-UBND", date(2026, 1, 15), None)
    save = services.dissemination.plans.save_task
    funded, _ = save(plan.id, TaskInput("Hội nghị triển khai luật mới", funded=True))
    linked, _ = save(plan.id, TaskInput("In tờ gấp Luật Đất đai"))
    save(plan.id, TaskInput("Cuộc thi tìm hiểu pháp luật"))
    save(plan.id, TaskInput("Tọa đàm bị hủy", status=TaskStatus.CANCELLED))
    arising, _ = save(plan.id, TaskInput("Tuyên truyền phòng chống lừa đảo", arising=True))
    return funded, linked, arising


def _fill(services):
    finance = services.finance
    code = {c.code: c.id for c in finance.catalogue.categories()}
    team, request = fee_request(services)
    _, linked, arising = _plan(services)
    finance.budget.set_line(2026, code["KHAC"], C, 5_000_000)
    support_line, _ = finance.budget.set_line(2026, code[TEAM_SUPPORT], C, 1_800_000)
    finance.budget.adjust(support_line, date(2026, 6, 1), 300_000, "Bổ sung")
    print_line, _ = finance.budget.set_line(2026, code["IN_AN_TRUYEN_THONG"], S, 2_000_000)
    finance.budget.adjust(print_line, date(2026, 9, 1), -500_000, "Nhà tài trợ giảm")
    finance.budget.set_line(2025, code["KHAC"], C, 9_000_000)
    save = finance.ledger.save
    save(ExpenditureDraft(date(2026, 3, 5), code["KHAC"], C, 1_200_000, "Hội nghị", plan_task_id=linked.id))
    save(ExpenditureDraft(date(2026, 3, 6), code["KHAC"], C, 100_000, "Nước", plan_task_id=arising.id))
    for month in (1, 2, 3):
        save(team_support_draft(services, team.id, month))
    save(ExpenditureDraft(date(2026, 4, 2), code["IN_AN_TRUYEN_THONG"], S, 1_600_000, "Pa-nô"))
    save(fee_payment_draft(services, request, date(2026, 3, 20)))
    save(
        ExpenditureDraft(
            date(2026, 4, 10), code[LEAFLET], C, 3_100_000, "2 tờ gấp", quantity=2, norm_variant="leaflet"
        )
    )
    save(ExpenditureDraft(date(2025, 12, 31), code["KHAC"], C, 999_000, "Năm trước"))


def test_facts_of_a_year_by_hand(services):
    _fill(services)
    services.finance.budget.set_minimum(20_000_000)
    facts = services.finance.facts(2026)
    assert facts.budget_planned_total == 5_000_000 + 2_100_000 + 1_500_000
    assert facts.spent_total == 1_300_000 + 450_000 + 1_600_000 + 400_000 + 3_100_000
    assert facts.spent_by_category == {
        "KHAC": 1_300_000,
        TEAM_SUPPORT: 450_000,
        "IN_AN_TRUYEN_THONG": 1_600_000,
        MEDIATOR_FEE: 400_000,
        LEAFLET: 3_100_000,
    }
    assert facts.spent_by_source == {"commune": 5_250_000, "sponsor": 1_600_000}
    assert facts.minimum_budget_required == 20_000_000
    assert (facts.planned_tasks_total, facts.planned_tasks_funded) == (3, 2)
    assert facts.team_support_paid_amount == 450_000
    assert facts.mediator_fees_paid_amount == 400_000
    mediation = services.mediation.facts(2026)
    assert facts.team_support_due_amount == mediation.team_support_expected_amount
    assert facts.mediator_fees_due_amount == mediation.fees_expected_amount == 400_000
    assert facts.over_ceiling_count == 1  # 3.100.000 đ for 2 leaflets of at most 1.500.000 đ


def test_year_summary_by_category_source_and_month(services):
    _fill(services)
    summary = services.finance.summary.year_summary(2026)
    rows = {(r.category_code, r.source): r for r in summary.rows}
    support = rows[(TEAM_SUPPORT, C)]
    assert (support.planned, support.spent, support.percent_used) == (2_100_000, 450_000, 21.4)
    assert support.by_month[:4] == (150_000, 150_000, 150_000, 0)
    leaflet = rows[(LEAFLET, C)]
    assert (leaflet.planned, leaflet.spent, leaflet.percent_used) == (0, 3_100_000, None)
    assert summary.spent_by_month[2] == 1_300_000 + 150_000 + 400_000  # March
    assert sum(summary.spent_by_month) == summary.spent_total == 6_850_000
    assert summary.planned_total == 8_600_000 and summary.percent_used == 79.7
    assert [r.category_code for r in summary.by_category][0] == "IN_AN_TRUYEN_THONG"
    assert not summary.below_minimum
    services.finance.budget.set_minimum(20_000_000)
    assert services.finance.summary.year_summary(2026).below_minimum


def test_empty_year(services):
    facts = services.finance.facts(2030)
    assert (facts.spent_total, facts.budget_planned_total, facts.over_ceiling_count) == (0, 0, 0)
    assert facts.minimum_budget_required is None


def test_a_collection_computes_the_mediation_facts_once(demo_services, monkeypatch):
    """#17: the finance facts include the mediation amounts due; the scoring's collector hands over the
    mediation facts it has just read instead of the finance facts computing them a second time (the largest
    part of a year's facts at 100k records). The facts are the same either way."""
    from pbgdpl_desktop.services.assessment.facts import FactCollector, flatten

    mediation = demo_services.mediation
    alone = demo_services.finance.facts(2026)
    reads: list[int] = []
    real = mediation.facts

    def counted(year: int):
        reads.append(year)
        return real(year)

    monkeypatch.setattr(mediation, "facts", counted)
    collector = FactCollector(
        demo_services.ctx,
        dissemination=demo_services.dissemination,
        mediation=mediation,
        finance=demo_services.finance,
        rates=demo_services.finance.catalogue,
    )
    facts = collector.collect(2026)
    assert reads == [2026]
    assert {k: v for k, v in facts.items() if k.startswith("finance.")} == flatten("finance", alone)
    assert alone.team_support_due_amount or alone.mediator_fees_due_amount  # the demo has amounts due
