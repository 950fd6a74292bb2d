"""Links from an expenditure to other modules' records, in ONE place.

* Existence checks go through the owning features (dissemination's sessions and plan tasks, mediation's fee
  requests and teams); the expenditure table keeps plain id columns without foreign keys (see
  persistence/models/finance.py). Which link fits which category is a pure rule: ``domain.finance.link_rules``.
* Paying a mediator fee request: ``record_fee_payment(session, request_id, paid_on, amount, expenditure_id)``
  of the mediation module's repo is called inside the ledger's transaction, so the payment and the expense
  are one unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError, FieldProblem
from pbgdpl_desktop.domain.finance import ExpenditureDraft
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.repos import mediation_fee_repo
from pbgdpl_desktop.services.dissemination.service import DisseminationService
from pbgdpl_desktop.services.mediation.service import MediationService


class LinkChecker:
    """Does every record an expenditure links to still exist?"""

    def __init__(self, dissemination: DisseminationService, mediation: MediationService) -> None:
        self._dissemination = dissemination
        self._mediation = mediation

    def _plan_task_exists(self, task_id: str, around: date) -> bool:
        years = (around.year - 1, around.year, around.year + 1)
        return any(t.id == task_id for y in years for t in self._dissemination.plans.tasks_of_year(y))

    def missing(self, draft: ExpenditureDraft) -> list[FieldProblem]:
        """Linked ids that the owning feature (dissemination, mediation) does not know."""
        checks: tuple[tuple[str, str, Callable[[str], Any]], ...] = (
            ("session_id", "buổi/hoạt động PBGDPL", self._dissemination.sessions.get),
            ("plan_task_id", "nhiệm vụ kế hoạch PBGDPL", lambda v: self._plan_task_exists(v, draft.spent_on)),
            ("fee_request_id", "đề nghị chi thù lao hòa giải", self._mediation.fees.get),
            ("team_id", "tổ hòa giải", self._mediation.teams.get),
        )
        problems = []
        for field, label, lookup in checks:
            value = getattr(draft, field)
            if value and not _exists(lookup, value):
                problems.append(FieldProblem(field, f"Không tìm thấy {label} được gắn (có thể đã bị xóa)."))
        return problems

    def missing_in(self, drafts: Sequence[ExpenditureDraft]) -> list[FieldProblem]:
        """``missing`` of the first draft that has a problem ([] when none does), every id read once: the
        sessions and fee requests in one query each, the plan tasks once per year (``save_many``, #17 §5)."""

        def wanted(field: str) -> set[str]:
            return {str(getattr(d, field)) for d in drafts if getattr(d, field)}

        sessions = self._dissemination.sessions.live_ids(wanted("session_id"))
        requests = self._mediation.fees.live_ids(wanted("fee_request_id"))
        live_teams = {t.id for t in self._mediation.teams.all()} if wanted("team_id") else set()
        teams = {t: t in live_teams for t in wanted("team_id")}  # what teams.get finds, read once
        years: dict[int, set[str]] = {}

        def task_ids(year: int) -> set[str]:
            if year not in years:
                years[year] = {t.id for t in self._dissemination.plans.tasks_of_year(year)}
            return years[year]

        checks: tuple[tuple[str, str, Callable[[str, date], bool]], ...] = (
            ("session_id", "buổi/hoạt động PBGDPL", lambda v, _on: v in sessions),
            (
                "plan_task_id",
                "nhiệm vụ kế hoạch PBGDPL",
                lambda v, on: any(v in task_ids(y) for y in (on.year - 1, on.year, on.year + 1)),
            ),
            ("fee_request_id", "đề nghị chi thù lao hòa giải", lambda v, _on: v in requests),
            ("team_id", "tổ hòa giải", lambda v, _on: teams[v]),
        )
        for draft in drafts:
            problems = [
                FieldProblem(field, f"Không tìm thấy {label} được gắn (có thể đã bị xóa).")
                for field, label, found in checks
                if getattr(draft, field) and not found(getattr(draft, field), draft.spent_on)
            ]
            if problems:
                return problems
        return []


def _exists(lookup: Callable[[str], Any], value: str) -> bool:
    try:
        return bool(lookup(value))
    except DomainError:
        return False


def record_fee_payment(
    session: DbSession, request_id: str, paid_on: date, amount: int, expenditure_id: str
) -> None:
    """Mark the mediator fee request paid by this expenditure, in the caller's transaction (the mediation
    repo refuses a refused request, a second payment, an amount above the request, a date before it)."""
    mediation_fee_repo.record_fee_payment(session, request_id, paid_on, amount, expenditure_id)


def record_fee_payments(session: DbSession, payments: list[tuple[str, date, int, str | None]]) -> None:
    """``record_fee_payment`` of many (request id, paid on, amount, expenditure id) in one flush."""
    mediation_fee_repo.record_fee_payments(session, payments)
