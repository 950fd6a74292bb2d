"""Links from an expenditure to other modules' records, in ONE place.

* Existence checks go through the owning services (dissemination, mediation) when they offer a lookup; the
  expenditure table keeps plain id columns without foreign keys (see persistence/models/finance.py).
* Paying a mediator fee request: ``record_fee_payment(session, request_id, paid_on, amount, expenditure_id)``
  of the mediation module's repo is called inside the ledger's transaction, so the payment and the expense
  are one unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError, FieldProblem
from pbgdpl_desktop.domain.finance import ExpenditureDraft
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.persistence.repos import mediation_fee_repo


def link_rules(draft: ExpenditureDraft, category_code: str) -> list[FieldProblem]:
    """Which links fit which category (pure)."""
    problems = []
    if draft.fee_request_id and category_code != MEDIATOR_FEE:
        problems.append(
            FieldProblem(
                "fee_request_id", "Chỉ khoản chi thù lao hòa giải viên mới gắn với đề nghị chi thù lao."
            )
        )
    if draft.team_id and category_code != TEAM_SUPPORT:
        problems.append(FieldProblem("team_id", "Chỉ khoản chi hỗ trợ tổ hòa giải mới gắn với tổ hòa giải."))
    if draft.team_id and draft.support_month is None:
        problems.append(FieldProblem("support_month", "Chi hỗ trợ tổ hòa giải: chọn tháng được hỗ trợ."))
    return problems


def _plan_task_exists(services: Any, task_id: str, around: date) -> bool:
    years = (around.year - 1, around.year, around.year + 1)
    return any(t.id == task_id for y in years for t in services.dissemination.plans.tasks_of_year(y))


def _exists(fn: Callable[[], Any]) -> bool:
    try:
        return bool(fn())
    except DomainError:
        return False


def missing_links(services: Any, draft: ExpenditureDraft) -> list[FieldProblem]:
    """Linked ids that the owning service (dissemination, mediation) does not know."""
    checks = (
        ("session_id", "buổi/hoạt động PBGDPL", lambda v: services.dissemination.sessions.get(v)),
        (
            "plan_task_id",
            "nhiệm vụ kế hoạch PBGDPL",
            lambda v: _plan_task_exists(services, v, draft.spent_on),
        ),
        ("fee_request_id", "đề nghị chi thù lao hòa giải", lambda v: services.mediation.fee_request(v)),
        ("team_id", "tổ hòa giải", lambda v: services.mediation.team(v)),
    )
    problems = []
    for field, label, lookup in checks:
        value = getattr(draft, field)
        if value and not _exists(lambda lookup=lookup, value=value: lookup(value)):
            problems.append(FieldProblem(field, f"Không tìm thấy {label} được gắn (có thể đã bị xóa)."))
    return problems


def record_fee_payment(
    session: Any, request_id: str, paid_on: date, amount: int, expenditure_id: str
) -> None:
    """Mark the mediator fee request paid by this expenditure, in the caller's transaction (the mediation
    repo refuses a refused request, a second payment, an amount above the request, a date before it)."""
    mediation_fee_repo.record_fee_payment(session, request_id, paid_on, amount, expenditure_id)
