"""FinanceFacts of a year (``domain.facts``) for the access-to-law standard and the reports.

Conventions: spending by category and source is the year summary's (paid date in the year); the amounts due
for team support and mediator fees are the mediation facts' expected amounts (the ceilings of the norms in
force); a planned task is funded when marked funded or linked to an expenditure of any year (a task of
December may be paid in January); cancelled and arising tasks are not planned tasks."""

from __future__ import annotations

from collections import defaultdict

from pbgdpl_desktop.domain.dissemination import TaskStatus
from pbgdpl_desktop.domain.facts import FinanceFacts, MediationFacts
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.services.dissemination.plans import PlanService
from pbgdpl_desktop.services.finance.payments import PaymentQueries
from pbgdpl_desktop.services.finance.summary import SummaryService
from pbgdpl_desktop.services.mediation.service import MediationService


def _plan_tasks(plans: PlanService, payments: PaymentQueries, year: int) -> tuple[int, int]:
    """(planned tasks of the year's plan, those funded)."""
    tasks = [
        t
        for t in plans.tasks_of_year(year)
        if not t.data.arising and t.data.status is not TaskStatus.CANCELLED
    ]
    linked = payments.linked_plan_task_ids()
    return len(tasks), sum(1 for t in tasks if t.data.funded or t.id in linked)


def compute(
    year: int,
    *,
    summary: SummaryService,
    payments: PaymentQueries,
    plans: PlanService,
    mediation: MediationService,
    mediation_facts: MediationFacts | None = None,
) -> FinanceFacts:
    """``mediation_facts``: the mediation facts of ``year`` when the caller already has them (the scoring's
    collector reads them first): the amounts due are taken from them instead of computing them twice (#17)."""
    year_summary = summary.year_summary(year)
    by_category = {r.category_code: r.spent for r in year_summary.by_category if r.spent}
    by_source: dict[str, int] = defaultdict(int)
    for row in year_summary.rows:
        if row.spent and row.source is not None:
            by_source[row.source.value] += row.spent
    tasks_total, tasks_funded = _plan_tasks(plans, payments, year)
    med = mediation_facts
    if med is None or med.year != year:
        med = mediation.facts(year)
    return FinanceFacts(
        year=year,
        budget_planned_total=year_summary.planned_total,
        spent_total=year_summary.spent_total,
        minimum_budget_required=year_summary.minimum_required,
        spent_by_category=by_category,
        spent_by_source=dict(by_source),
        planned_tasks_total=tasks_total,
        planned_tasks_funded=tasks_funded,
        team_support_paid_amount=by_category.get(TEAM_SUPPORT, 0),
        team_support_due_amount=med.team_support_expected_amount,
        mediator_fees_paid_amount=by_category.get(MEDIATOR_FEE, 0),
        mediator_fees_due_amount=med.fees_expected_amount,
        over_ceiling_count=summary.over_ceiling_count(year),
    )
