"""Personal data across the tables (issue #15): every row that names a person, and the anonymisation of
the parties of closed mediation cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.assessment import InfoRequest
from pbgdpl_desktop.persistence.models.base import Base
from pbgdpl_desktop.persistence.models.dissemination import AttendeeRow, BookcaseLoanRow, SpeakerRow
from pbgdpl_desktop.persistence.models.finance import Expenditure
from pbgdpl_desktop.persistence.models.mediation import MediationCase, MediationCaseParty, Mediator

ANONYMOUS = "(đã ẩn danh)"
CLOSED_OUTCOMES = ("settled", "not_settled", "stopped", "referred", "refused")
# (model, the column that names the person, what the clerk calls that table)
NAMED: tuple[tuple[type[Base], str, str], ...] = (
    (MediationCaseParty, "full_name", "Bên trong vụ việc hòa giải"),
    (Mediator, "full_name", "Hòa giải viên"),
    (AttendeeRow, "full_name", "Người dự buổi phổ biến"),
    (SpeakerRow, "full_name", "Báo cáo viên, tuyên truyền viên"),
    (BookcaseLoanRow, "borrower", "Người mượn sách tủ sách pháp luật"),
    (InfoRequest, "requester", "Người yêu cầu cung cấp thông tin"),
    (Expenditure, "payee", "Người nhận tiền"),
)


def _plain(row: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in row.__table__.columns:
        value = getattr(row, col.key)
        out[col.key] = value.isoformat() if isinstance(value, date) else value
    return out


def rows_naming(session: Session, matches: Callable[[str], bool]) -> list[tuple[str, str, dict[str, Any]]]:
    """(table, label, row as a dict) for every live row whose name column ``matches``; a party row comes with
    its case."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    for model, column, label in NAMED:
        for row in session.scalars(select(model).where(live(model))):
            if matches(str(getattr(row, column) or "")):
                data = _plain(row)
                if isinstance(row, MediationCaseParty):
                    case = session.get(MediationCase, row.case_id)
                    if case is not None:
                        data["vu_viec"] = _plain(case)
                found.append((model.__tablename__, label, data))
    return found


def closed_cases_before(session: Session, cutoff: date) -> list[MediationCase]:
    """Live cases with a result before ``cutoff`` whose parties are not anonymised yet."""
    query = (
        select(MediationCase)
        .where(live(MediationCase))
        .where(MediationCase.outcome.in_(CLOSED_OUTCOMES))
        .where(MediationCase.result_date.is_not(None))
        .where(MediationCase.result_date < cutoff)
        .order_by(MediationCase.result_date, MediationCase.case_number)
    )
    return [case for case in session.scalars(query) if case.parties_display != ANONYMOUS]


def parties_of(session: Session, case_id: str) -> list[MediationCaseParty]:
    return list(session.scalars(select(MediationCaseParty).where(MediationCaseParty.case_id == case_id)))


def anonymise_case(session: Session, case: MediationCase) -> list[str]:
    """Blank the parties' names, birth years and addresses; returns the ids of the rows changed."""
    ids = [case.id]
    for party in parties_of(session, case.id):
        party.full_name, party.birth_year, party.address = ANONYMOUS, None, ""
        ids.append(party.id)
    case.parties_display = ANONYMOUS
    case.invited_persons = ""
    case.search_folded = f"{case.case_number}/{case.case_year}"
    return ids
