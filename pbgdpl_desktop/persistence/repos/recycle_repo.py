"""The records a clerk can delete from a page and bring back from its "Đã xóa" list.

Each kind names its table, how to title a row, and the child rows its service tombstones together with it (same
``deleted_at``), which come back with it. Bringing a row back is an ordinary change: the session's stamping
gives it a new ``revision`` and ``change_seq``, so a sync bundle carries the restore like any edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live, revive
from pbgdpl_desktop.persistence.models.dissemination import DisseminationSessionRow, PlanTaskRow, SpeakerRow
from pbgdpl_desktop.persistence.models.finance import Expenditure
from pbgdpl_desktop.persistence.models.mediation import (
    MediationCase,
    MediationTeam,
    Mediator,
    MediatorMembership,
)


@dataclass(frozen=True)
class Kind:
    key: str
    module: str  # dissemination | mediation | finance
    label: str
    model: Any
    title: Callable[[Any], str]
    when: Callable[[Any], date | None]  # the record's own date, shown beside its title
    children: tuple[tuple[Any, str], ...] = ()  # (model, foreign-key column) deleted together with the row


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            "session",
            "dissemination",
            "Buổi phổ biến",
            DisseminationSessionRow,
            lambda r: r.title,
            lambda r: r.held_on,
        ),
        Kind(
            "speaker",
            "dissemination",
            "Báo cáo viên, tuyên truyền viên",
            SpeakerRow,
            lambda r: r.full_name,
            lambda r: None,
        ),
        Kind(
            "plan_task",
            "dissemination",
            "Nhiệm vụ kế hoạch",
            PlanTaskRow,
            lambda r: r.title,
            lambda r: r.due_on,
        ),
        Kind("team", "mediation", "Tổ hòa giải", MediationTeam, lambda r: r.name, lambda r: r.established_on),
        Kind(
            "mediator",
            "mediation",
            "Hòa giải viên",
            Mediator,
            lambda r: r.full_name,
            lambda r: None,
            ((MediatorMembership, "mediator_id"),),
        ),
        Kind(
            "case",
            "mediation",
            "Vụ việc hòa giải",
            MediationCase,
            lambda r: f"Vụ việc số {r.case_number}/{r.case_year}",
            lambda r: r.received_on,
        ),
        Kind(
            "expenditure",
            "finance",
            "Khoản chi",
            Expenditure,
            lambda r: r.description or r.voucher_number or "Khoản chi",
            lambda r: r.spent_on,
        ),
    )
}


@dataclass(frozen=True)
class DeletedRow:
    kind: Kind
    row: Any


def deleted_rows(session: Session, module: str, limit: int = 500) -> list[DeletedRow]:
    """The module's deleted records, the most recently deleted first (at most ``limit`` of each kind)."""
    out: list[DeletedRow] = []
    for kind in KINDS.values():
        if kind.module != module:
            continue
        model = kind.model
        rows = session.scalars(
            select(model).where(model.deleted_at.is_not(None)).order_by(model.deleted_at.desc()).limit(limit)
        )
        out.extend(DeletedRow(kind, row) for row in rows)
    out.sort(key=lambda d: d.row.deleted_at, reverse=True)
    return out


def deleted_row(session: Session, kind_key: str, row_id: str) -> DeletedRow | None:
    kind = KINDS.get(kind_key)
    if kind is None:
        return None
    row = session.get(kind.model, row_id)
    if row is None or row.deleted_at is None:
        return None
    return DeletedRow(kind, row)


def case_number_taken(session: Session, row: MediationCase) -> bool:
    """Another live case of the same team and year now carries this case's number."""
    other = session.scalar(
        select(MediationCase.id).where(
            live(MediationCase),
            MediationCase.team_id == row.team_id,
            MediationCase.case_year == row.case_year,
            MediationCase.case_number == row.case_number,
            MediationCase.id != row.id,
        )
    )
    return other is not None


def team_is_live(session: Session, team_id: str) -> bool:
    return (
        session.scalar(select(MediationTeam.id).where(live(MediationTeam), MediationTeam.id == team_id))
        is not None
    )


def bring_back(session: Session, deleted: DeletedRow) -> None:
    """Undo the tombstone of the row and of the children deleted in the same action."""
    stamp: datetime | None = deleted.row.deleted_at
    for model, column in deleted.kind.children:
        children = session.scalars(
            select(model).where(getattr(model, column) == deleted.row.id, model.deleted_at == stamp)
        )
        for child in children:
            revive(child)
    revive(deleted.row)
