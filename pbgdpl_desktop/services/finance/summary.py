"""Kinh phí — the year summary: planned vs spent per category and source, by month, and the spending above
its ceiling."""

from __future__ import annotations

from collections import defaultdict

from pbgdpl_desktop.domain.finance import FundingSource, SummaryRow, YearSummary, ceiling_of
from pbgdpl_desktop.domain.norms import applicable_norm
from pbgdpl_desktop.persistence.repos import finance_budget_repo, finance_catalog_repo
from pbgdpl_desktop.persistence.repos import finance_ledger_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.finance.budget import MINIMUM_KEY
from pbgdpl_desktop.services.finance.catalogue import category_dto, norm_dto


def _merge(rows: list[SummaryRow], code: str, name: str) -> SummaryRow:
    months = tuple(sum(r.by_month[m] for r in rows) for m in range(12))
    return SummaryRow(code, name, None, sum(r.planned for r in rows), sum(r.spent for r in rows), months)


class SummaryService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def _minimum(self) -> int | None:
        minimum: int | None = self._settings.get(MINIMUM_KEY)
        return minimum

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
