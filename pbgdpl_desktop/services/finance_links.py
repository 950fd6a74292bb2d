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

# (draft field, owning service attribute, candidate lookup methods, Vietnamese name of the record)
_LINKS = (
    ("session_id", "dissemination", ("session_exists", "get_session", "session"), "buổi/hoạt động PBGDPL"),
    ("plan_task_id", "dissemination", ("plan_task_exists", "get_plan_task", "plan_task"), "nhiệm vụ kế hoạch"),
    ("fee_request_id", "mediation", ("fee_request_exists", "get_fee_request", "fee_request"),
     "đề nghị chi thù lao hòa giải"),
    ("team_id", "mediation", ("team_exists", "get_team", "team"), "tổ hòa giải"),
)


def link_rules(draft: ExpenditureDraft, category_code: str) -> list[FieldProblem]:
    """Which links fit which category (pure)."""
    problems = []
    if draft.fee_request_id and category_code != MEDIATOR_FEE:
        problems.append(FieldProblem("fee_request_id", "Chỉ khoản chi thù lao hòa giải viên mới gắn với "
                                                       "đề nghị chi thù lao."))
    if draft.team_id and category_code != TEAM_SUPPORT:
        problems.append(FieldProblem("team_id", "Chỉ khoản chi hỗ trợ tổ hòa giải mới gắn với tổ hòa giải."))
    if draft.team_id and draft.support_month is None:
        problems.append(FieldProblem("support_month", "Chi hỗ trợ tổ hòa giải: chọn tháng được hỗ trợ."))
    return problems


def _lookup(services: Any, owner: str, names: tuple[str, ...]) -> Callable[[str], Any] | None:
    service = getattr(services, owner, None)
    for name in names:
        fn = getattr(service, name, None)
        if callable(fn):
            return fn
    return None


def missing_links(services: Any, draft: ExpenditureDraft) -> list[FieldProblem]:
    """Linked ids that the owning service says do not exist (skipped where no lookup exists yet)."""
    problems = []
    for field, owner, names, label in _LINKS:
        value = getattr(draft, field)
        fn = _lookup(services, owner, names) if value else None
        if fn is None:
            continue
        try:
            found = fn(value)
        except DomainError:
            found = None
        if not found:
            problems.append(FieldProblem(field, f"Không tìm thấy {label} được gắn (có thể đã bị xóa)."))
    return problems


def record_fee_payment(session: Any, request_id: str, paid_on: date, amount: int, expenditure_id: str) -> None:
    """Mark the mediator fee request paid by this expenditure, in the caller's transaction (the mediation
    repo refuses a refused request, a second payment, an amount above the request, a date before it)."""
    mediation_fee_repo.record_fee_payment(session, request_id, paid_on, amount, expenditure_id)
