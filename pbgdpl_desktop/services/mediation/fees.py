"""Mediator fees: eligible cases, fee requests (due within 5 working days), payment, refusal.

Rates come from the spending norms in force on each case's result date (the finance norm table, through
``ports.NormTable``: TT 56/2023 defaults or the province's resolution)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import (
    FEE_PAYMENT_WORKING_DAYS,
    CaseOutcome,
    NormLookup,
    fee_ineligibility,
    fee_norm,
    fee_variant,
    lookup_in,
)
from pbgdpl_desktop.domain.text import checked_int, checked_text
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.models.mediation import (
    MediationCase,
    Mediator,
    MediatorFeeLine,
    MediatorFeeRequest,
)
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases
from pbgdpl_desktop.persistence.repos import mediation_fee_repo as fees
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.holidays import HolidayService
from pbgdpl_desktop.services.mediation.dto import (
    CASE_NOT_FOUND,
    MEDIATOR_NOT_FOUND,
    REQUEST_NOT_FOUND,
    EligibleCaseDTO,
    FeeLineDTO,
    FeeRequestDTO,
    ReminderDTO,
)
from pbgdpl_desktop.services.mediation.ports import NormTable

FEE_CHANGED = Changes.of(MEDIATION, FINANCE)


class FeeService:
    def __init__(self, ctx: ServiceContext, holidays: HolidayService, norms: NormTable) -> None:
        self._ctx = ctx
        self._holidays = holidays
        self._norms = norms

    def _norm_lookup(self) -> NormLookup:
        return lookup_in(self._norms.norms())

    def due_date(self, requested_on: date) -> date:
        # shipped holidays + the days off the user added; 24/11 only if holidays.include_unconfirmed
        return self._holidays.calendar().add_working_days(requested_on, FEE_PAYMENT_WORKING_DAYS)

    def _eligible_dto(self, row: MediationCase, team_name: str, lookup: NormLookup) -> EligibleCaseDTO | None:
        outcome = CaseOutcome(row.outcome)
        if fee_ineligibility(outcome, row.result_date) is not None:
            return None
        assert row.result_date is not None
        norm = fee_norm(lookup, outcome, row.result_date)
        if norm is None:
            return None
        return EligibleCaseDTO(
            row.id,
            f"{row.case_number}/{row.case_year}",
            team_name,
            outcome,
            row.result_date,
            norm.amount,
            norm.source,
            row.parties_display,
        )

    def eligible_cases(self, mediator_id: str) -> list[EligibleCaseDTO]:
        """Cases of the mediator that ended lawfully and are in no pending or paid request."""
        lookup = self._norm_lookup()
        with self._ctx.db.read() as session:
            taken = {line.case_id for line, _ in fees.active_lines(session)}
            names = cases.team_names(session)
            out = []
            for row in cases.cases_of_mediator(session, mediator_id):
                if row.id in taken:
                    continue
                dto = self._eligible_dto(row, names.get(row.team_id, ""), lookup)
                if dto is not None:
                    out.append(dto)
            return out

    def _check_request_case(
        self,
        session: DbSession,
        mediator_id: str,
        case_id: str,
        taken: set[str],
        lookup: NormLookup,
    ) -> tuple[MediationCase, EligibleCaseDTO]:
        row = cases.case(session, case_id)
        if row is None:
            raise NotFoundError(CASE_NOT_FOUND)
        number = f"{row.case_number}/{row.case_year}"
        if mediator_id not in cases.mediator_ids_of(session, case_id):
            raise ValidationError(f"Vụ việc {number} không do hòa giải viên này hòa giải.", field="cases")
        if case_id in taken:
            raise ConflictError(f"Vụ việc {number} đã được đề nghị hoặc đã chi thù lao.", field="cases")
        reason = fee_ineligibility(CaseOutcome(row.outcome), row.result_date)
        if reason is not None:
            raise ValidationError(f"Vụ việc {number}: {reason}", field="cases")
        dto = self._eligible_dto(row, "", lookup)
        if dto is None:
            raise ValidationError(
                f"Vụ việc {number}: không có định mức chi thù lao áp dụng vào ngày kết thúc.", field="cases"
            )
        return row, dto

    def create_request(
        self, mediator_id: str, case_ids: Sequence[str], requested_on: date, note: str = ""
    ) -> tuple[FeeRequestDTO, Changes]:
        case_ids = list(dict.fromkeys(case_ids))
        if not case_ids:
            raise ValidationError("Chưa chọn vụ việc nào để đề nghị chi thù lao.", field="cases")
        if requested_on > self._ctx.clock.today():
            raise ValidationError("Ngày đề nghị không được sau hôm nay.", field="requested_on")
        lookup = self._norm_lookup()
        with self._ctx.db.transaction() as session:
            if repo.mediator(session, mediator_id) is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            taken = {line.case_id for line, _ in fees.active_lines(session)}
            checked = [self._check_request_case(session, mediator_id, cid, taken, lookup) for cid in case_ids]
            teams = {row.team_id for row, _ in checked}
            if len(teams) > 1:
                raise ValidationError(
                    "Các vụ việc trong một đề nghị phải cùng một tổ hòa giải.", field="cases"
                )
            latest = max(dto.result_date for _, dto in checked)
            if requested_on < latest:
                raise ValidationError(
                    f"Ngày đề nghị trước ngày kết thúc vụ việc ({format_date(latest)}).", field="requested_on"
                )
            request = MediatorFeeRequest(
                mediator_id=mediator_id,
                team_id=teams.pop(),
                requested_on=requested_on,
                due_on=self.due_date(requested_on),
                total_amount=sum(d.amount for _, d in checked),
                note=checked_text(note, "note"),
            )
            session.add(request)
            session.flush()
            for row, dto in checked:
                session.add(
                    MediatorFeeLine(
                        request_id=request.id,
                        case_id=row.id,
                        variant=fee_variant(dto.outcome),
                        amount=dto.amount,
                        norm_source=dto.norm_source,
                    )
                )
            request_id = request.id
        return self.get(request_id), FEE_CHANGED

    def record_payment(
        self, request_id: str, paid_on: date, amount: int, expenditure_id: str | None = None
    ) -> tuple[FeeRequestDTO, Changes]:
        """Record the payment on the request (until the finance ledger links an expenditure itself)."""
        amount = checked_int(amount, "amount")
        if paid_on > self._ctx.clock.today():
            raise ValidationError("Ngày chi không được sau hôm nay.", field="paid_on")
        with self._ctx.db.transaction() as session:
            fees.record_fee_payment(session, request_id, paid_on, amount, expenditure_id)
        return self.get(request_id), FEE_CHANGED

    def refuse(self, request_id: str, on: date, reason: str) -> tuple[FeeRequestDTO, Changes]:
        """UBND refuses in writing with reasons: the cases become free to request again."""
        reason = checked_text(reason, "reason")
        if not reason:
            raise ValidationError("Chưa nhập lý do từ chối.", field="refusal_reason")
        with self._ctx.db.transaction() as session:
            row = fees.request(session, request_id)
            if row is None:
                raise NotFoundError(REQUEST_NOT_FOUND)
            if row.paid_on is not None:
                raise ConflictError("Đề nghị đã được chi nên không thể từ chối.")
            if on < row.requested_on:
                raise ValidationError("Ngày từ chối trước ngày đề nghị.", field="refused_on")
            row.refused_on, row.refusal_reason = on, reason
        return self.get(request_id), FEE_CHANGED

    def requests(
        self, *, year: int | None = None, mediator_id: str | None = None, unpaid_only: bool = False
    ) -> list[FeeRequestDTO]:
        """Fee requests as DTOs (newest first), e.g. for the finance form's picker (``unpaid_only=True``)."""
        with self._ctx.db.read() as session:
            rows = list(fees.requests(session, mediator_id=mediator_id))
            if year is not None:
                rows = [r for r in rows if r.requested_on.year == year]
            if unpaid_only:
                rows = [r for r in rows if r.paid_on is None and r.refused_on is None]
            return self._request_dtos(session, rows)

    def get(self, request_id: str) -> FeeRequestDTO:
        with self._ctx.db.read() as session:
            row = fees.request(session, request_id)
            if row is None:
                raise NotFoundError(REQUEST_NOT_FOUND)
            return self._request_dtos(session, [row])[0]

    def _request_dtos(self, session: DbSession, rows: list[MediatorFeeRequest]) -> list[FeeRequestDTO]:
        team_names = cases.team_names(session)
        lines: dict[str, list[FeeLineDTO]] = {}
        for line in fees.lines_of(session, [r.id for r in rows]):
            case = session.get(MediationCase, line.case_id)  # a line keeps its case: never hard-deleted
            assert case is not None
            lines.setdefault(line.request_id, []).append(
                FeeLineDTO(
                    line.case_id,
                    f"{case.case_number}/{case.case_year}",
                    CaseOutcome(case.outcome),
                    case.result_date,
                    line.amount,
                    line.norm_source,
                )
            )
        out = []
        for r in rows:
            mediator = session.get(Mediator, r.mediator_id)
            out.append(
                FeeRequestDTO(
                    id=r.id,
                    mediator_id=r.mediator_id,
                    mediator_name=mediator.full_name if mediator else "",
                    team_id=r.team_id,
                    team_name=team_names.get(r.team_id, ""),
                    requested_on=r.requested_on,
                    due_on=r.due_on,
                    total_amount=r.total_amount,
                    paid_on=r.paid_on,
                    paid_amount=r.paid_amount,
                    expenditure_id=r.expenditure_id,
                    refused_on=r.refused_on,
                    refusal_reason=r.refusal_reason,
                    note=r.note,
                    lines=tuple(
                        sorted(
                            lines.get(r.id, []),
                            key=lambda x: tuple(int(p) for p in x.number_text.split("/")[::-1]),
                        )
                    ),
                )
            )
        return out

    def overdue(self, today: date) -> list[ReminderDTO]:
        """Fee requests neither paid nor refused after their 5-working-day due date (``case_id`` of the
        reminder is the fee request id)."""
        with self._ctx.db.read() as session:
            names = cases.team_names(session)
            late = [
                (r.id, r.team_id, r.requested_on, r.due_on)
                for r in fees.requests(session)
                if r.paid_on is None and r.refused_on is None and r.due_on < today
            ]
        out = []
        for request_id, team_id, requested_on, due_on in late:
            days = (today - due_on).days
            team = names.get(team_id, "")
            text = (
                f"Đề nghị chi thù lao ngày {format_date(requested_on)} ({team}) quá hạn chi "
                f"{format_date(due_on)} đã {days} ngày."
            )
            out.append(ReminderDTO("fee_overdue", request_id, "", team, due_on, days, text))
        return out
