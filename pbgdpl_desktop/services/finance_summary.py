"""Kinh phí — the year summary (planned vs spent per category and source, by month) and the facts of a year
for the access-to-law standard (domain.facts.FinanceFacts)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pbgdpl_desktop.domain.facts import FinanceFacts
from pbgdpl_desktop.domain.finance import FundingSource, SummaryRow, YearSummary, ceiling_of
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.persistence.repos import finance_budget_repo, finance_catalog_repo
from pbgdpl_desktop.persistence.repos import finance_ledger_repo as repo
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.finance_catalog import category_dto, norm_dto
from pbgdpl_desktop.services.finance_ledger import applicable_norm


def _merge(rows: list[SummaryRow], code: str, name: str) -> SummaryRow:
    months = tuple(sum(r.by_month[m] for r in rows) for m in range(12))
    return SummaryRow(code, name, None, sum(r.planned for r in rows), sum(r.spent for r in rows), months)


class SummaryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _minimum(self) -> int | None:
        services = self._ctx.services
        return None if services is None else services.settings.get("budget.minimum_per_year")

    def year_summary(self, year: int) -> YearSummary:
        with self._ctx.db.read() as session:
            categories = {c.id: category_dto(c) for c in finance_catalog_repo.list_categories(session)}
            planned = finance_budget_repo.planned_by_line(session, year)
            months: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 12)
            for category_id, source, month, amount in repo.sums_of_year(session, year):
                months[(category_id, source)][month - 1] += amount
        keys = sorted(
            set(planned) | set(months),
            key=lambda k: (categories[k[0]].sort_order, list(FundingSource).index(FundingSource(k[1]))),
        )
        rows = [
            SummaryRow(
                categories[cid].code,
                categories[cid].name,
                FundingSource(src),
                planned.get((cid, src), 0),
                sum(months[(cid, src)]),
                tuple(months[(cid, src)]),
            )
            for cid, src in keys
        ]
        grouped: dict[str, list[SummaryRow]] = defaultdict(list)
        for row in rows:
            grouped[row.category_code].append(row)
        by_category = tuple(_merge(group, code, group[0].category_name) for code, group in grouped.items())
        return YearSummary(
            year=year,
            rows=tuple(rows),
            by_category=by_category,
            planned_total=sum(r.planned for r in rows),
            spent_total=sum(r.spent for r in rows),
            minimum_required=self._minimum(),
            spent_by_month=tuple(sum(r.by_month[m] for r in rows) for m in range(12)),
        )

    def over_ceiling_count(self, year: int) -> int:
        with self._ctx.db.read() as session:
            norms = [norm_dto(n) for n in finance_catalog_repo.list_norms(session)]
            rows = repo.ceiling_inputs(session, year, {n.category for n in norms})
        count = 0
        for code, variant, spent_on, quantity, amount in rows:
            ceiling = ceiling_of(applicable_norm(norms, code, variant, spent_on), quantity)
            count += ceiling is not None and amount > ceiling
        return count

    def linked_plan_task_ids(self, year: int | None = None) -> set[str]:
        with self._ctx.db.read() as session:
            return repo.linked_plan_tasks(session, year)

    def paid_team_support(self, year: int) -> dict[str, int]:
        with self._ctx.db.read() as session:
            category = finance_catalog_repo.category_by_code(session, TEAM_SUPPORT)
            return {} if category is None else repo.team_support_paid(session, year, category.id)

    def facts(self, year: int) -> FinanceFacts:
        summary = self.year_summary(year)
        by_category = {r.category_code: r.spent for r in summary.by_category if r.spent}
        by_source: dict[str, int] = defaultdict(int)
        for row in summary.rows:
            if row.spent and row.source is not None:
                by_source[row.source.value] += row.spent
        tasks_total, tasks_funded = self._plan_tasks(year)
        mediation = self._other_facts("mediation", year)
        return FinanceFacts(
            year=year,
            budget_planned_total=summary.planned_total,
            spent_total=summary.spent_total,
            minimum_budget_required=summary.minimum_required,
            spent_by_category=by_category,
            spent_by_source=dict(by_source),
            planned_tasks_total=tasks_total,
            planned_tasks_funded=tasks_funded,
            team_support_paid_amount=by_category.get(TEAM_SUPPORT, 0),
            team_support_due_amount=getattr(mediation, "team_support_expected_amount", 0),
            mediator_fees_paid_amount=by_category.get(MEDIATOR_FEE, 0),
            mediator_fees_due_amount=getattr(mediation, "fees_expected_amount", 0),
            over_ceiling_count=self.over_ceiling_count(year),
        )

    def _other_facts(self, owner: str, year: int) -> Any:
        service = getattr(self._ctx.services, owner, None)
        return None if service is None else service.facts(year)

    def _plan_tasks(self, year: int) -> tuple[int, int]:
        """(planned tasks of the year's plan, those funded: marked funded or linked to an expenditure of any
        year — a task of December may be paid in January). Cancelled and arising tasks are not planned."""
        services = self._ctx.services
        if services is None:
            return 0, 0
        tasks = [
            t
            for t in services.dissemination.plans.tasks_of_year(year)
            if not t.data.arising and t.data.status.value != "cancelled"
        ]
        linked = self.linked_plan_task_ids()
        return len(tasks), sum(1 for t in tasks if t.data.funded or t.id in linked)
