"""The case book: save a case (parties, mediators, outcome), read it back, deadline reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import (
    LAWFUL_ENDINGS,
    CaseCategory,
    CaseOrigin,
    CaseOutcome,
    PartyRole,
    not_started_overdue,
    running_too_long,
    start_delay_days,
    started_late,
)
from pbgdpl_desktop.domain.text import clean, fold
from pbgdpl_desktop.persistence.models.mediation import MediationCase
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases
from pbgdpl_desktop.persistence.repos import mediation_fee_repo as fees
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.mediation_dto import CaseDTO, CaseInput, PartyInput, ReminderDTO
from pbgdpl_desktop.services.mediation_teams import CHANGED

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
NOT_FOUND = "Không tìm thấy vụ việc (có thể đã bị xóa)."


def _clean_input(data: CaseInput) -> CaseInput:
    parties = tuple(
        replace(p, full_name=clean(p.full_name), address=clean(p.address), role=PartyRole(p.role))
        for p in data.parties
        if clean(p.full_name)
    )
    return replace(
        data,
        summary=clean(data.summary),
        invited_persons=clean(data.invited_persons),
        outcome_note=clean(data.outcome_note),
        agreement_text=data.agreement_text.strip(),
        follow_up=data.follow_up.strip(),
        parties=parties,
        outcome=CaseOutcome(data.outcome),
        category=CaseCategory(data.category),
        origin=CaseOrigin(data.origin),
        mediator_ids=tuple(dict.fromkeys(data.mediator_ids)),
    )


def _date_problems(d: CaseInput, today: date) -> list[FieldProblem]:
    out = []
    received = d.received_on
    if received > today:
        out.append(FieldProblem("received_on", "Ngày tiếp nhận không được sau hôm nay."))
    for key, label in (
        ("assigned_on", "Ngày phân công"),
        ("started_on", "Ngày bắt đầu hòa giải"),
        ("result_date", "Ngày kết thúc hòa giải"),
    ):
        value = getattr(d, key)
        if value is not None and value < received:
            out.append(
                FieldProblem(
                    key, f"{label} ({format_date(value)}) trước ngày tiếp nhận ({format_date(received)})."
                )
            )
        elif value is not None and value > today:
            out.append(FieldProblem(key, f"{label} không được sau hôm nay."))
    if d.result_date and d.started_on and d.result_date < d.started_on:
        out.append(FieldProblem("result_date", "Ngày kết thúc hòa giải trước ngày bắt đầu hòa giải."))
    return out


def _outcome_problems(d: CaseInput) -> list[FieldProblem]:
    out = []
    if d.outcome is CaseOutcome.IN_PROGRESS and d.result_date is not None:
        out.append(FieldProblem("result_date", "Vụ việc đang hòa giải thì chưa có ngày kết thúc."))
    if d.outcome.is_final and d.outcome is not CaseOutcome.REFUSED and d.result_date is None:
        out.append(FieldProblem("result_date", f"Kết quả “{d.outcome.label}” cần ngày kết thúc hòa giải."))
    if d.outcome in LAWFUL_ENDINGS and d.started_on is None:
        out.append(FieldProblem("started_on", "Vụ việc đã hòa giải cần ngày bắt đầu hòa giải."))
    if d.outcome in (CaseOutcome.REFUSED, CaseOutcome.REFERRED) and not d.outcome_note:
        what = (
            "lý do từ chối (không thuộc phạm vi hòa giải)"
            if d.outcome is CaseOutcome.REFUSED
            else "cơ quan có thẩm quyền đã chuyển đến"
        )
        out.append(FieldProblem("outcome_note", f"Chưa nhập {what}."))
    return out


def validate_case(d: CaseInput, today: date) -> None:
    problems = _date_problems(d, today) + _outcome_problems(d)
    if not d.parties:
        problems.append(FieldProblem("parties", "Chưa nhập bên tranh chấp (họ tên ít nhất một bên)."))
    for p in d.parties:
        if p.birth_year is not None and not 1900 <= p.birth_year <= today.year:
            problems.append(FieldProblem("parties", f"Năm sinh của {p.full_name} không hợp lệ."))
    if d.sessions_held < 0:
        problems.append(FieldProblem("sessions_held", "Số buổi hòa giải không được âm."))
    if d.case_number is not None and d.case_number <= 0:
        problems.append(FieldProblem("case_number", "Số thứ tự vụ việc phải lớn hơn 0."))
    if problems:
        raise ValidationError(problems)


def parties_display(parties: tuple[PartyInput, ...]) -> str:
    names = [p.full_name for p in parties if p.role is PartyRole.PARTY] or [p.full_name for p in parties]
    return " – ".join(names)[:300]


def search_text(number: int, year: int, d: CaseInput) -> str:
    names = " ".join(p.full_name for p in d.parties)
    return fold(f"{number}/{year} {names} {d.invited_persons} {d.summary[:160]}")


class CaseOps:
    _ctx: ServiceContext

    def _setting(self, key: str) -> int:
        assert self._ctx.services is not None
        return int(self._ctx.services.settings.get(key))

    def case(self, case_id: str) -> CaseDTO:
        with self._ctx.db.read() as session:
            row = cases.case(session, case_id)
            if row is None:
                raise NotFoundError(NOT_FOUND)
            return self._case_dto(session, row)

    def _case_dto(self, session, row: MediationCase) -> CaseDTO:  # noqa: ANN001
        team = repo.team(session, row.team_id)
        links = cases.mediator_links(session, row.id)
        parties = tuple(
            PartyInput(p.full_name, PartyRole(p.role), p.birth_year, p.address)
            for p in cases.parties(session, row.id)
        )
        assigned = row.assigned_on or row.received_on
        late = started_late(assigned, row.started_on, self._setting("mediation.start_deadline_days"))
        warnings = ()
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
        )

    def next_case_number(self, team_id: str, year: int) -> int:
        with self._ctx.db.read() as session:
            return cases.next_number(session, team_id, year)

    def save_case(self, data: CaseInput) -> tuple[CaseDTO, Changes]:
        data = _clean_input(data)
        if data.outcome is CaseOutcome.REFUSED and data.result_date is None:
            data = replace(data, result_date=data.received_on)
        validate_case(data, self._ctx.clock.today())
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            if repo.team(session, data.team_id) is None:
                raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
            row = MediationCase() if data.id is None else cases.case(session, data.id)
            if row is None:
                raise NotFoundError(NOT_FOUND)
            year = data.received_on.year
            number = data.case_number or cases.next_number(session, data.team_id, year)
            if cases.number_taken(session, data.team_id, year, number, data.id):
                raise ConflictError(
                    f"Tổ đã có vụ việc số {number}/{year}. Hãy dùng số khác.", field="case_number"
                )
            if data.id is not None:
                self._check_fee_lock(session, row, data)
            self._check_mediators(
                session, data, cases.mediator_ids_of(session, data.id) if data.id else set()
            )
            for key in _CASE_FIELDS:
                setattr(row, key, getattr(data, key))
            row.case_year, row.case_number = year, number
            row.origin, row.category, row.outcome = data.origin.value, data.category.value, data.outcome.value
            row.parties_display = parties_display(data.parties)
            row.search_folded = search_text(number, year, data)
            session.add(row)
            session.flush()
            cases.replace_parties(
                session,
                row.id,
                [
                    {
                        "role": p.role.value,
                        "full_name": p.full_name,
                        "birth_year": p.birth_year,
                        "address": p.address,
                    }
                    for p in data.parties
                ],
                now,
            )
            cases.set_mediators(session, row.id, data.mediator_ids, now)
            case_id = row.id
        return self.case(case_id), CHANGED

    def _check_mediators(self, session, data: CaseInput, existing: set[str]) -> None:  # noqa: ANN001
        assigned = data.assigned_on or data.received_on
        for mediator_id in data.mediator_ids:
            mediator = repo.mediator(session, mediator_id)
            if mediator is None:
                raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
            if mediator_id in existing or mediator.release_date is None:
                continue
            if mediator.release_date <= assigned or data.id is None:
                raise ConflictError(
                    f"{mediator.full_name} đã thôi làm hòa giải viên từ ngày {format_date(mediator.release_date)}; "
                    "không thể phân công vụ việc mới.",
                    field="mediator_ids",
                )

    def _check_fee_lock(self, session, row: MediationCase, data: CaseInput) -> None:  # noqa: ANN001
        locked = {line.case_id for line, _ in fees.active_lines(session)}
        if row.id in locked and (row.outcome != data.outcome.value or row.result_date != data.result_date):
            raise ConflictError(
                "Vụ việc đã có trong đề nghị chi thù lao: không sửa kết quả hoặc ngày kết thúc "
                "được nữa (hãy từ chối đề nghị đó trước).",
                field="outcome",
            )

    def delete_case(self, case_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = cases.case(session, case_id)
            if row is None:
                raise NotFoundError(NOT_FOUND)
            if case_id in {line.case_id for line, _ in fees.active_lines(session)}:
                raise ConflictError("Vụ việc đã có trong đề nghị chi thù lao nên không xóa được.")
            row.deleted_at = self._ctx.clock.now()
        return CHANGED

    def reminders(self, today: date | None = None) -> list[ReminderDTO]:
        """Cases not started N days after assignment, cases in progress more than M days, fee requests unpaid
        after their due date (for the overview page). ``case_id`` is the fee request id for "fee_overdue"."""
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
            out += self._fee_reminders(session, names, today)
        return out

    def _fee_reminders(self, session, names: dict[str, str], today: date) -> list[ReminderDTO]:  # noqa: ANN001
        """Fee requests neither paid nor refused after their 5-working-day due date."""
        out = []
        for r in fees.requests(session):
            if r.paid_on is None and r.refused_on is None and r.due_on < today:
                days = (today - r.due_on).days
                team = names.get(r.team_id, "")
                out.append(
                    ReminderDTO(
                        "fee_overdue",
                        r.id,
                        "",
                        team,
                        r.due_on,
                        days,
                        f"Đề nghị chi thù lao ngày {format_date(r.requested_on)} ({team}) quá hạn chi "
                        f"{format_date(r.due_on)} đã {days} ngày.",
                    )
                )
        return out
