"""Mediator fee requests and their lines; ``record_fee_payment`` is also called by the finance service inside
its own transaction when it links an expenditure to a request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.persistence.bulk_insert import insert_new
from pbgdpl_desktop.persistence.live import get_live, live
from pbgdpl_desktop.persistence.models.base import SyncMixin
from pbgdpl_desktop.persistence.models.mediation import MediatorFeeLine, MediatorFeeRequest

T = TypeVar("T", bound=SyncMixin)


def request(session: Session, request_id: str) -> MediatorFeeRequest | None:
    return get_live(session, MediatorFeeRequest, request_id)


def requests(session: Session, *, mediator_id: str | None = None) -> Sequence[MediatorFeeRequest]:
    stmt = select(MediatorFeeRequest).where(live(MediatorFeeRequest))
    if mediator_id is not None:
        stmt = stmt.where(MediatorFeeRequest.mediator_id == mediator_id)
    return session.scalars(
        stmt.order_by(
            MediatorFeeRequest.requested_on.desc(),
            MediatorFeeRequest.created_at.desc(),
            MediatorFeeRequest.change_seq.desc(),  # requests added in one batch share their created_at
        )
    ).all()


def live_ids(session: Session, request_ids: Iterable[str]) -> set[str]:
    stmt = select(MediatorFeeRequest.id).where(
        live(MediatorFeeRequest), MediatorFeeRequest.id.in_(sorted(set(request_ids)))
    )
    return set(session.scalars(stmt).all())


def rows_by_id(session: Session, model: type[T], ids: Iterable[str]) -> dict[str, T]:
    """Rows of ``model`` by id, deleted ones included (what ``session.get`` finds), in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(wanted)))}


def lines_of(session: Session, request_ids: Sequence[str]) -> Sequence[MediatorFeeLine]:
    if not request_ids:
        return []
    stmt = select(MediatorFeeLine).where(
        live(MediatorFeeLine), MediatorFeeLine.request_id.in_(list(request_ids))
    )
    return session.scalars(stmt).all()


def active_lines(session: Session) -> Sequence[tuple[MediatorFeeLine, MediatorFeeRequest]]:
    """Lines of requests not refused (pending or paid): their cases cannot be requested again."""
    stmt = (
        select(MediatorFeeLine, MediatorFeeRequest)
        .join(MediatorFeeRequest, MediatorFeeRequest.id == MediatorFeeLine.request_id)
        .where(live(MediatorFeeLine), live(MediatorFeeRequest), MediatorFeeRequest.refused_on.is_(None))
    )
    return [(line, req) for line, req in session.execute(stmt).all()]


def requests_paid_between(session: Session, start: date, end: date) -> Sequence[MediatorFeeRequest]:
    stmt = select(MediatorFeeRequest).where(
        live(MediatorFeeRequest), MediatorFeeRequest.paid_on >= start, MediatorFeeRequest.paid_on <= end
    )
    return session.scalars(stmt).all()


def record_fee_payment(
    session: Session, request_id: str, paid_on: date, amount: int, expenditure_id: str | None
) -> MediatorFeeRequest:
    """Record that a fee request was paid (in the caller's transaction). Refuses a refused or already-paid
    request (unless it is the same expenditure again), an amount ≤ 0 or above the request, a date before it."""
    row = _paid(request(session, request_id), paid_on, amount, expenditure_id)
    session.flush()
    return row


def record_fee_payments(session: Session, payments: Sequence[tuple[str, date, int, str | None]]) -> None:
    """``record_fee_payment`` of many (request id, paid on, amount, expenditure id), the requests read in one
    query and written in one flush (the demo's ledger, #17 §5); the same refusals, in the order given."""
    wanted = sorted({request_id for request_id, *_ in payments})
    found = {
        r.id: r
        for r in session.scalars(
            select(MediatorFeeRequest).where(live(MediatorFeeRequest), MediatorFeeRequest.id.in_(wanted))
        )
    }
    for request_id, paid_on, amount, expenditure_id in payments:
        _paid(found.get(request_id), paid_on, amount, expenditure_id)
    session.flush()


def _paid(
    row: MediatorFeeRequest | None, paid_on: date, amount: int, expenditure_id: str | None
) -> MediatorFeeRequest:
    if row is None:
        raise NotFoundError("Không tìm thấy đề nghị chi thù lao (có thể đã bị xóa).")
    if row.refused_on is not None:
        raise ConflictError(
            f"Đề nghị chi thù lao này đã bị từ chối ngày {format_date(row.refused_on)}; không thể ghi chi."
        )
    if row.paid_on is not None and not (expenditure_id and row.expenditure_id == expenditure_id):
        raise ConflictError(
            f"Đề nghị chi thù lao này đã được chi ngày {format_date(row.paid_on)} "
            f"({format_money(row.paid_amount)}); không chi lần thứ hai."
        )
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError("Số tiền chi thù lao phải lớn hơn 0.", field="paid_amount")
    if amount > row.total_amount:
        raise ValidationError(
            f"Số tiền chi ({format_money(amount)}) vượt số tiền đề nghị ({format_money(row.total_amount)}).",
            field="paid_amount",
        )
    if paid_on < row.requested_on:
        raise ValidationError(
            f"Ngày chi ({format_date(paid_on)}) trước ngày đề nghị ({format_date(row.requested_on)}).",
            field="paid_on",
        )
    row.paid_on = paid_on
    row.paid_amount = amount
    row.expenditure_id = expenditure_id
    return row


def insert_requests(
    session: Session,
    request_rows: Sequence[dict[str, Any]],
    line_rows: Sequence[dict[str, Any]],
    now: datetime,
) -> None:
    """New fee requests and their lines, one statement per table (ids given by the caller, #17 §5)."""
    insert_new(session, MediatorFeeRequest, request_rows, now=now)
    insert_new(session, MediatorFeeLine, line_rows, now=now)
