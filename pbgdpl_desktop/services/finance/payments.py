"""Kinh phí — what the ledger paid for other features' records: team support per mediation team (read by the
mediation facts, through ``mediation.ports.SupportPayments``) and the plan tasks an expenditure is linked to."""

from __future__ import annotations

from pbgdpl_desktop.domain.norms import TEAM_SUPPORT
from pbgdpl_desktop.persistence.repos import finance_catalog_repo
from pbgdpl_desktop.persistence.repos import finance_ledger_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext


class PaymentQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def linked_plan_task_ids(self, year: int | None = None) -> set[str]:
        """Plan task ids that at least one expenditure (of ``year``, or of any year) is linked to."""
        with self._ctx.db.read() as session:
            return repo.linked_plan_tasks(session, year)

    def paid_team_support(self, year: int) -> dict[str, int]:
        """Team support paid in ``year`` per mediation team id (đồng), from the ledger."""
        with self._ctx.db.read() as session:
            category = finance_catalog_repo.category_by_code(session, TEAM_SUPPORT)
            return {} if category is None else repo.team_support_paid(session, year, category.id)
