"""Mediator fees: eligible cases, fee requests (due within 5 working days), payment, refusal.

Rates come from the spending norms in force on each case's result date (the finance norm table, through
``ports.NormTable``: TT 56/2023 defaults or the province's resolution)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any, NamedTuple

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
from pbgdpl_desktop.persistence.models.base import new_id
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


class FeeRequestDraft(NamedTuple):
    """A fee request to create: the mediator, the cases (in the order given), the date asked, a note."""

    mediator_id: str
    case_ids: tuple[str, ...]
    requested_on: date
    note: str = ""


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

    def eligible_cases_of(self, mediator_ids: Sequence[str]) -> dict[str, list[EligibleCaseDTO]]:
        """``eligible_cases`` of many mediators read at once: {mediator id: cases} (the demo ward, #17 §5)."""
        lookup = self._norm_lookup()
        out: dict[str, list[EligibleCaseDTO]] = {m: [] for m in mediator_ids}
        with self._ctx.db.read() as session:
            taken = {line.case_id for line, _ in fees.active_lines(session)}
            names = cases.team_names(session)
            for mediator_id, row in cases.cases_of_mediators(session, mediator_ids):
                if row.id in taken:
                    continue
                dto = self._eligible_dto(row, names.get(row.team_id, ""), lookup)
                if dto is not None:
                    out[mediator_id].append(dto)
        return out

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
        return self._checked_case(
            cases.case(session, case_id),
            lambda: cases.mediator_ids_of(session, case_id),
            mediator_id,
            case_id in taken,
            lookup,
        )

    def _checked_case(
        self,
        row: MediationCase | None,
        mediators_of_case: Callable[[], set[str]],
        mediator_id: str,
        is_taken: bool,
        lookup: NormLookup,
    ) -> tuple[MediationCase, EligibleCaseDTO]:
        if row is None:
            raise NotFoundError(CASE_NOT_FOUND)
        number = f"{row.case_number}/{row.case_year}"
        if mediator_id not in mediators_of_case():
            raise ValidationError(f"Vụ việc {number} không do hòa giải viên này hòa giải.", field="cases")
        if is_taken:
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

    def _checked_draft(self, draft: FeeRequestDraft) -> FeeRequestDraft:
        """The checks made before reading anything: some cases, not dated after today."""
        case_ids = list(dict.fromkeys(draft.case_ids))
        if not case_ids:
            raise ValidationError("Chưa chọn vụ việc nào để đề nghị chi thù lao.", field="cases")
        if draft.requested_on > self._ctx.clock.today():
            raise ValidationError("Ngày đề nghị không được sau hôm nay.", field="requested_on")
        return draft._replace(case_ids=tuple(case_ids))

    def _request_values(
        self, draft: FeeRequestDraft, checked: list[tuple[MediationCase, EligibleCaseDTO]], due_on: date
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The request row (a new id) and its line rows, once every case was checked."""
        teams = {row.team_id for row, _ in checked}
        if len(teams) > 1:
            raise ValidationError("Các vụ việc trong một đề nghị phải cùng một tổ hòa giải.", field="cases")
        latest = max(dto.result_date for _, dto in checked)
        if draft.requested_on < latest:
            raise ValidationError(
                f"Ngày đề nghị trước ngày kết thúc vụ việc ({format_date(latest)}).", field="requested_on"
            )
        request = {
            "id": new_id(),
            "mediator_id": draft.mediator_id,
            "team_id": teams.pop(),
            "requested_on": draft.requested_on,
            "due_on": due_on,
            "total_amount": sum(d.amount for _, d in checked),
            "note": checked_text(draft.note, "note"),
        }
        lines = [
            {
                "request_id": request["id"],
                "case_id": row.id,
                "variant": fee_variant(dto.outcome),
                "amount": dto.amount,
                "norm_source": dto.norm_source,
            }
            for row, dto in checked
        ]
        return request, lines

    def create_request(
        self, mediator_id: str, case_ids: Sequence[str], requested_on: date, note: str = ""
    ) -> tuple[FeeRequestDTO, Changes]:
        draft = self._checked_draft(FeeRequestDraft(mediator_id, tuple(case_ids), requested_on, note))
        lookup = self._norm_lookup()
        with self._ctx.db.transaction() as session:
            if repo.mediator(session, mediator_id) is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            taken = {line.case_id for line, _ in fees.active_lines(session)}
            checked = [
                self._check_request_case(session, mediator_id, cid, taken, lookup) for cid in draft.case_ids
            ]
            values, lines = self._request_values(draft, checked, self.due_date(requested_on))
            request = MediatorFeeRequest(**values)
            session.add(request)
            session.flush()
            for line in lines:
                session.add(MediatorFeeLine(**line))
            request_id = request.id
        return self.get(request_id), FEE_CHANGED

    def create_requests(self, drafts: Sequence[FeeRequestDraft]) -> Changes:
        """Many fee requests as ONE transaction (the demo ward, #17 §5): each checked as by
        ``create_request`` — in order, so a case of an earlier request is taken for the later ones — with the
        mediators, cases and norms read once and one statement per table; all or none are kept."""
        if not drafts:
            return Changes()
        checked_drafts = [self._checked_draft(d) for d in drafts]
        lookup = self._norm_lookup()
        calendar = self._holidays.calendar()
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            mediators = cases.live_mediators(session, (d.mediator_id for d in checked_drafts))
            taken = {line.case_id for line, _ in fees.active_lines(session)}
            wanted = {cid for d in checked_drafts for cid in d.case_ids}
            rows = cases.live_cases(session, wanted)
            links: defaultdict[str, set[str]] = defaultdict(set, cases.mediators_of_cases(session, wanted))
            request_rows: list[dict[str, Any]] = []
            line_rows: list[dict[str, Any]] = []
            for draft in checked_drafts:
                if draft.mediator_id not in mediators:
                    raise NotFoundError(MEDIATOR_NOT_FOUND)
                checked = [
                    self._checked_case(
                        rows.get(cid),
                        partial(links.__getitem__, cid),
                        draft.mediator_id,
                        cid in taken,
                        lookup,
                    )
                    for cid in draft.case_ids
                ]
                due_on = calendar.add_working_days(draft.requested_on, FEE_PAYMENT_WORKING_DAYS)
                request, lines = self._request_values(draft, checked, due_on)
                request_rows.append(request)
                line_rows += lines
                taken.update(draft.case_ids)
            fees.insert_requests(session, request_rows, line_rows, now)
        return FEE_CHANGED

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

    def live_ids(self, request_ids: Iterable[str]) -> set[str]:
        """Those of ``request_ids`` that ``get`` would find (read at once)."""
        with self._ctx.db.read() as session:
            return fees.live_ids(session, request_ids)

    def get(self, request_id: str) -> FeeRequestDTO:
        with self._ctx.db.read() as session:
            row = fees.request(session, request_id)
            if row is None:
                raise NotFoundError(REQUEST_NOT_FOUND)
            return self._request_dtos(session, [row])[0]

    def _request_dtos(self, session: DbSession, rows: list[MediatorFeeRequest]) -> list[FeeRequestDTO]:
        team_names = cases.team_names(session)
        lines: dict[str, list[FeeLineDTO]] = {}
        found = fees.lines_of(session, [r.id for r in rows])
        # a line keeps its case (never hard-deleted): every case and mediator read in one query each
        case_of = fees.rows_by_id(session, MediationCase, (line.case_id for line in found))
        mediator_of = fees.rows_by_id(session, Mediator, (r.mediator_id for r in rows))
        for line in found:
            case = case_of[line.case_id]
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
            mediator = mediator_of.get(r.mediator_id)
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
