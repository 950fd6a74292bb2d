"""The case book: save a case (parties, mediators, outcome), read it back, deadline reminders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOrigin,
    CaseOutcome,
    PartyInput,
    PartyRole,
    not_started_overdue,
    running_too_long,
    start_delay_days,
    start_exception_of,
    started_late,
    validate_case,
)
from pbgdpl_desktop.domain.text import clean_input, fold
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.mediation import MediationCase, Mediator
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases
from pbgdpl_desktop.persistence.repos import mediation_fee_repo as fees
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.mediation.case_list import CaseListSource
from pbgdpl_desktop.services.mediation.dto import (
    CASE_NOT_FOUND,
    MEDIATOR_NOT_FOUND,
    TEAM_NOT_FOUND,
    CaseDTO,
    ReminderDTO,
)

CHANGED = Changes.of(MEDIATION)
_CASE_FIELDS = (
    "team_id",
    "received_on",
    "assigned_on",
    "summary",
    "invited_persons",
    "started_on",
    "sessions_held",
    "result_date",
    "outcome_note",
    "agreement_text",
    "follow_up",
)


def parties_display(parties: tuple[PartyInput, ...]) -> str:
    names = [p.full_name for p in parties if p.role is PartyRole.PARTY] or [p.full_name for p in parties]
    return " – ".join(names)[:300]


def search_text(number: int, year: int, d: CaseInput) -> str:
    names = " ".join(p.full_name for p in d.parties)
    return fold(f"{number}/{year} {names} {d.invited_persons} {d.summary[:160]}")


def _case_values(data: CaseInput, year: int, number: int) -> dict[str, Any]:
    """The columns of a case row as ``save`` writes them (``id``: the input's, or a new one)."""
    values: dict[str, Any] = {"id": data.id or new_id()}
    values.update((key, getattr(data, key)) for key in _CASE_FIELDS)
    values.update(
        case_year=year,
        case_number=number,
        origin=data.origin.value,
        category=data.category.value,
        outcome=data.outcome.value,
        start_exception=data.start_exception.value,
        start_agreed_on=data.start_agreed_on,
        parties_display=parties_display(data.parties),
        search_folded=search_text(number, year, data),
    )
    return values


def _party_values(p: PartyInput) -> dict[str, Any]:
    return {"role": p.role.value, "full_name": p.full_name, "birth_year": p.birth_year, "address": p.address}


def _check_mediator_rows(mediators: Mapping[str, Mediator], data: CaseInput, existing: set[str]) -> None:
    """Every mediator of the case exists; a released one only stays on a case assigned before the release."""
    assigned = data.assigned_on or data.received_on
    for mediator_id in data.mediator_ids:
        mediator = mediators.get(mediator_id)
        if mediator is None:
            raise NotFoundError(MEDIATOR_NOT_FOUND)
        if mediator_id in existing or mediator.release_date is None:
            continue
        if mediator.release_date <= assigned or data.id is None:
            raise ConflictError(
                f"{mediator.full_name} đã thôi làm hòa giải viên từ ngày {format_date(mediator.release_date)}; "
                "không thể phân công vụ việc mới.",
                field="mediator_ids",
            )


class CaseService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def _setting(self, key: str) -> int:
        return int(self._settings.get(key))

    def list_source(self) -> CaseListSource:
        """A Qt-free paged source of the case list (count + page in SQL) for ``PagedTableModel``."""
        return CaseListSource(self._ctx)

    def get(self, case_id: str) -> CaseDTO:
        with self._ctx.db.read() as session:
            row = cases.case(session, case_id)
            if row is None:
                raise NotFoundError(CASE_NOT_FOUND)
            return self._case_dto(session, row)

    def _case_dto(self, session: DbSession, row: MediationCase) -> CaseDTO:
        team = repo.team(session, row.team_id)
        links = cases.mediator_links(session, row.id)
        parties = tuple(
            PartyInput(p.full_name, PartyRole(p.role), p.birth_year, p.address)
            for p in cases.parties(session, row.id)
        )
        assigned = row.assigned_on or row.received_on
        exception = start_exception_of(row.start_exception)
        late = started_late(
            assigned,
            row.started_on,
            self._setting("mediation.start_deadline_days"),
            exception,
            row.start_agreed_on,
        )
        warnings: tuple[str, ...] = ()
        if late:
            assert row.started_on is not None
            warnings = (
                f"Bắt đầu hòa giải sau {start_delay_days(assigned, row.started_on)} ngày kể từ ngày "
                f"phân công (luật định trong {self._setting('mediation.start_deadline_days')} ngày).",
            )
        return CaseDTO(
            id=row.id,
            team_id=row.team_id,
            team_name=team.name if team else "",
            case_year=row.case_year,
            case_number=row.case_number,
            received_on=row.received_on,
            assigned_on=row.assigned_on,
            origin=CaseOrigin(row.origin),
            category=CaseCategory(row.category),
            summary=row.summary,
            parties=parties,
            mediator_ids=tuple(m.id for _, m in links),
            mediator_names=tuple(m.full_name for _, m in links),
            invited_persons=row.invited_persons,
            started_on=row.started_on,
            sessions_held=row.sessions_held,
            outcome=CaseOutcome(row.outcome),
            result_date=row.result_date,
            outcome_note=row.outcome_note,
            agreement_text=row.agreement_text,
            follow_up=row.follow_up,
            started_late=late,
            warnings=warnings,
            start_exception=exception,
            start_agreed_on=row.start_agreed_on,
        )

    def next_number(self, team_id: str, year: int) -> int:
        with self._ctx.db.read() as session:
            return cases.next_number(session, team_id, year)

    def save(self, data: CaseInput) -> tuple[CaseDTO, Changes]:
        with self._ctx.db.transaction() as session:
            case_id = self._save(session, data)
        return self.get(case_id), CHANGED

    def add_many(self, inputs: Sequence[CaseInput]) -> Changes:
        """New cases as ONE transaction (the demo ward, #17 §5): each cleaned, validated, numbered, searched
        and traced exactly as by ``save`` (the same checks in the same order, the same columns and audit
        entries), but the teams, mediators and numbers are read once and the cases, parties and mediator
        links written with one statement per table; all or none are kept."""
        if not inputs:
            return Changes()
        today, now = self._ctx.clock.today(), self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            cleaned = [clean_input(data).normalised() for data in inputs]
            teams = cases.live_team_ids(session, (d.team_id for d in cleaned))
            mediators = cases.live_mediators(session, (m for d in cleaned for m in d.mediator_ids))
            taken = cases.numbers_in(session, teams, (d.received_on.year for d in cleaned))
            case_rows: list[dict[str, Any]] = []
            party_rows: list[dict[str, Any]] = []
            link_rows: list[dict[str, Any]] = []
            for data in cleaned:
                if data.id is not None:
                    raise ConflictError("Chỉ thêm được vụ việc mới.")
                validate_case(data, today)
                if data.team_id not in teams:
                    raise NotFoundError(TEAM_NOT_FOUND)
                year = data.received_on.year
                numbers = taken.setdefault((data.team_id, year), set())
                number = data.case_number or max(numbers, default=0) + 1
                if number in numbers:
                    raise ConflictError(
                        f"Tổ đã có vụ việc số {number}/{year}. Hãy dùng số khác.", field="case_number"
                    )
                numbers.add(number)
                _check_mediator_rows(mediators, data, set())
                row = _case_values(data, year, number)
                case_rows.append(row)
                party_rows += [
                    {"case_id": row["id"], "position": position, **_party_values(p)}
                    for position, p in enumerate(data.parties)
                ]
                link_rows += [
                    {"case_id": row["id"], "mediator_id": m} for m in sorted(set(data.mediator_ids))
                ]
            cases.insert_cases(session, case_rows, party_rows, link_rows, now)
        return CHANGED

    def _save(self, session: DbSession, data: CaseInput) -> str:
        data = clean_input(data).normalised()
        validate_case(data, self._ctx.clock.today())
        now = self._ctx.clock.now()
        if repo.team(session, data.team_id) is None:
            raise NotFoundError(TEAM_NOT_FOUND)
        row = MediationCase() if data.id is None else cases.case(session, data.id)
        if row is None:
            raise NotFoundError(CASE_NOT_FOUND)
        year = data.received_on.year
        number = data.case_number or cases.next_number(session, data.team_id, year)
        if cases.number_taken(session, data.team_id, year, number, data.id):
            raise ConflictError(
                f"Tổ đã có vụ việc số {number}/{year}. Hãy dùng số khác.", field="case_number"
            )
        if data.id is not None:
            self._check_fee_lock(session, row, data)
        self._check_mediators(session, data, cases.mediator_ids_of(session, data.id) if data.id else set())
        for key, value in _case_values(data, year, number).items():
            if key != "id":
                setattr(row, key, value)
        session.add(row)
        session.flush()
        cases.replace_parties(session, row.id, [_party_values(p) for p in data.parties], now)
        cases.set_mediators(session, row.id, data.mediator_ids, now)
        return row.id

    def _check_mediators(self, session: DbSession, data: CaseInput, existing: set[str]) -> None:
        found = {m: repo.mediator(session, m) for m in data.mediator_ids}
        _check_mediator_rows({k: v for k, v in found.items() if v is not None}, data, existing)

    def _check_fee_lock(self, session: DbSession, row: MediationCase, data: CaseInput) -> None:
        locked = {line.case_id for line, _ in fees.active_lines(session)}
        if row.id in locked and (row.outcome != data.outcome.value or row.result_date != data.result_date):
            raise ConflictError(
                "Vụ việc đã có trong đề nghị chi thù lao: không sửa kết quả hoặc ngày kết thúc "
                "được nữa (hãy từ chối đề nghị đó trước).",
                field="outcome",
            )

    def delete(self, case_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = cases.case(session, case_id)
            if row is None:
                raise NotFoundError(CASE_NOT_FOUND)
            if case_id in {line.case_id for line, _ in fees.active_lines(session)}:
                raise ConflictError("Vụ việc đã có trong đề nghị chi thù lao nên không xóa được.")
            tombstone(row, self._ctx.clock.now())
        return CHANGED

    def reminders(self, today: date | None = None) -> list[ReminderDTO]:
        """Cases not started N days after assignment and cases in progress more than M days."""
        today = today or self._ctx.clock.today()
        deadline = self._setting("mediation.start_deadline_days")
        long_days = self._setting("mediation.long_running_days")
        out = []
        with self._ctx.db.read() as session:
            names = cases.team_names(session)
            for row in cases.in_progress(session):
                number = f"{row.case_number}/{row.case_year}"
                team = names.get(row.team_id, "")
                assigned = row.assigned_on or row.received_on
                if not_started_overdue(assigned, row.started_on, today, deadline):
                    days = (today - assigned).days
                    out.append(
                        ReminderDTO(
                            "not_started",
                            row.id,
                            number,
                            team,
                            assigned,
                            days,
                            f"Vụ việc {number} ({team}) đã phân công {days} ngày nhưng chưa bắt đầu hòa giải.",
                        )
                    )
                elif row.started_on is not None and running_too_long(row.started_on, today, long_days):
                    days = (today - row.started_on).days
                    out.append(
                        ReminderDTO(
                            "long_running",
                            row.id,
                            number,
                            team,
                            row.started_on,
                            days,
                            f"Vụ việc {number} ({team}) đang hòa giải đã {days} ngày.",
                        )
                    )
        return out
