"""The procedure of the yearly self-assessment (the ruleset's steps: meeting, posting the result, comments,
sending the dossier): dates entered per step, checked against the ruleset's deadlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pbgdpl_desktop.domain.assessment import ProcedureEntry, PublicPosting, check_posting
from pbgdpl_desktop.domain.changes import ASSESSMENT, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import NotFoundError, ValidationError
from pbgdpl_desktop.domain.text import checked_text
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.scoring.model import ProcedureStep
from pbgdpl_desktop.services.assessment.records import AssessmentRecords
from pbgdpl_desktop.services.core.context import ServiceContext


class ProcedureService:
    def __init__(self, ctx: ServiceContext, records: AssessmentRecords) -> None:
        self._ctx = ctx
        self._records = records

    def checklist(self, year: int) -> list[ProcedureEntry]:
        rs = self._records.ruleset_of(year)
        info = self._records.get(year)
        saved = {}
        posting = None
        if info is not None:
            with self._ctx.db.read() as session:
                rows = assessment_repo.steps(session, info.id)
                saved = {c: (r.start_date, r.end_date, r.place, r.note) for c, r in rows.items()}
                if POSTING in rows:
                    r = rows[POSTING]
                    posting = PublicPosting(
                        r.start_date,
                        r.end_date,
                        r.web_start_date,
                        r.web_end_date,
                        r.loudspeaker_count,
                        r.loudspeaker_start,
                        r.loudspeaker_end,
                    )
        deadlines = {d.code: date(year + d.year_offset, d.month, d.day) for d in rs.deadlines}
        today = self._ctx.clock.today()
        entries = [
            _entry(
                step,
                saved.get(step.code, (None, None, "", "")),
                deadlines.get(step.deadline) if step.deadline else None,
                today,
            )
            for step in rs.steps
        ]
        return [_with_posting(e, posting) if e.code == POSTING else e for e in entries]

    def set_posting(self, year: int, posting: PublicPosting, place: str = "", note: str = "") -> Changes:
        """The public posting as TT 09/2021 Điều 3.1.c counts it: office period, web portal period,
        loudspeaker announcements (count and period)."""
        if not any(s.code == POSTING for s in self._records.ruleset_of(year).steps):
            raise NotFoundError(f"Quy trình không có bước “{POSTING}”.")
        for start, end, key in (
            (posting.office_start, posting.office_end, "start_date"),
            (posting.web_start, posting.web_end, "web_start_date"),
            (posting.loudspeaker_start, posting.loudspeaker_end, "loudspeaker_start"),
        ):
            if start is not None and end is not None and end < start:
                raise ValidationError("Ngày kết thúc không được trước ngày bắt đầu.", field=key)
        if posting.loudspeaker_count < 0:
            raise ValidationError("Số lần thông báo không được âm.", field="loudspeaker_count")
        info, changes = self._records.open(year)
        with self._ctx.db.transaction() as session:
            assessment_repo.put_step(
                session,
                info.id,
                POSTING,
                start_date=posting.office_start,
                end_date=posting.office_end,
                web_start_date=posting.web_start,
                web_end_date=posting.web_end,
                loudspeaker_count=posting.loudspeaker_count,
                loudspeaker_start=posting.loudspeaker_start,
                loudspeaker_end=posting.loudspeaker_end,
                place=checked_text(place, "place"),
                note=checked_text(note, "note"),
            )
        return changes | Changes.of(ASSESSMENT)

    def set_step(
        self,
        year: int,
        code: str,
        start: date | None,
        end: date | None = None,
        place: str = "",
        note: str = "",
    ) -> Changes:
        step = next((s for s in self._records.ruleset_of(year).steps if s.code == code), None)
        if step is None:
            raise NotFoundError(f"Quy trình không có bước “{code}”.")
        if end is not None and start is None:
            raise ValidationError("Hãy nhập ngày bắt đầu trước ngày kết thúc.", field="start_date")
        if start is not None and end is not None and end < start:
            raise ValidationError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
        info, changes = self._records.open(year)
        with self._ctx.db.transaction() as session:
            assessment_repo.put_step(
                session,
                info.id,
                code,
                start_date=start,
                end_date=end if step.has_end else None,
                place=checked_text(place, "place"),
                note=checked_text(note, "note"),
            )
        return changes | Changes.of(ASSESSMENT)


POSTING = "posting"


def _with_posting(entry: ProcedureEntry, posting: PublicPosting | None) -> ProcedureEntry:
    """The posting step is checked by Điều 3.1.c (office + web or loudspeaker), not only by its length."""
    if posting is None or entry.start_date is None:
        return replace(entry, posting=posting)
    ok, message = check_posting(posting)
    return replace(entry, posting=posting, status="done" if ok else "problem", message=message)


def _entry(step: ProcedureStep, saved: tuple, deadline: date | None, today: date) -> ProcedureEntry:
    start, end, place, note = saved
    status, message = _step_status(step, start, end, deadline, today)
    return ProcedureEntry(
        step.code,
        step.title,
        start,
        end,
        place,
        note,
        step.has_end,
        step.place,
        deadline,
        status,
        message,
        step.unconfirmed,
    )


def _step_status(
    step: ProcedureStep, start: date | None, end: date | None, deadline: date | None, today: date
) -> tuple[str, str]:
    if start is None:
        if deadline is None:
            return "todo", "Chưa thực hiện."
        left = (deadline - today).days
        if left < 0:
            return "late", f"Quá hạn {format_date(deadline)} đã {-left} ngày."
        return "todo", f"Còn {left} ngày đến hạn {format_date(deadline)}."
    if step.has_end and end is None:
        return "problem", "Chưa nhập ngày kết thúc."
    if step.has_end and step.min_days and end is not None and (end - start).days + 1 < step.min_days:
        return "problem", f"Chỉ {(end - start).days + 1} ngày, cần ít nhất {step.min_days} ngày."
    if deadline is not None and start > deadline:
        return "late", f"Thực hiện ngày {format_date(start)}, sau hạn {format_date(deadline)}."
    return "done", "Đã thực hiện " + (
        f"từ {format_date(start)} đến {format_date(end)}." if end else f"ngày {format_date(start)}."
    )
