"""The yearly PBGDPL plan and its tasks (planned or arising); completion follows from linked sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.dissemination import (
    TaskCategory,
    TaskInput,
    TaskStatus,
    date_problems,
    decode_groups,
    encode_groups,
    task_done,
)
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, ValidationError
from pbgdpl_desktop.domain.text import checked_text, clean_input
from pbgdpl_desktop.persistence.live import get_live, tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.dissemination import PlanRow, PlanTaskRow
from pbgdpl_desktop.persistence.repos import dissemination_registry_repo as reg
from pbgdpl_desktop.persistence.repos import dissemination_session_repo as session_repo
from pbgdpl_desktop.persistence.repos import facts_sql
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.dto import PlanDTO, TaskDTO, gone


def plan_warnings(issued_on: date | None, directive_on: date | None) -> tuple[str, ...]:
    """A plan issued before its directing document is kept, but flagged (it must be reviewed against it)."""
    if issued_on is not None and directive_on is not None and issued_on < directive_on:
        return (
            f"Kế hoạch ban hành ngày {format_date(issued_on)}, trước văn bản chỉ đạo ngày "
            f"{format_date(directive_on)}: cần rà soát, điều chỉnh kế hoạch theo văn bản chỉ đạo.",
        )
    return ()


def _plan_dto(row: PlanRow) -> PlanDTO:
    return PlanDTO(
        row.id,
        row.year,
        row.number,
        row.title,
        row.issued_on,
        row.directive_on,
        row.notes,
        directive_number=row.directive_number,
        legal_bases=tuple(line for line in row.legal_bases.splitlines() if line.strip()),
        funded_amount=row.funded_amount,
        warnings=plan_warnings(row.issued_on, row.directive_on),
    )


class PlanService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---------------------------------------------------------------- plan
    def plan(self, year: int) -> PlanDTO | None:
        with self._ctx.db.read() as session:
            row = reg.plan_of_year(session, year)
            return _plan_dto(row) if row else None

    def years(self) -> list[int]:
        with self._ctx.db.read() as session:
            return reg.plan_years(session)

    def save_plan(
        self,
        year: int,
        number: str,
        issued_on: date | None,
        directive_on: date | None,
        title: str = "",
        notes: str = "",
        *,
        directive_number: str | None = None,
        legal_bases: tuple[str, ...] | None = None,
        funded_amount: int | None = None,
    ) -> tuple[PlanDTO, Changes]:
        """Save the year's plan (``None`` for the directing document's number, the legal bases or the funded
        amount keeps what is saved). A plan dated before its directing document is saved and flagged
        (``PlanDTO.warnings``), not refused: the ward must then review it against the directive."""
        today = self._ctx.clock.today()
        problems: list[FieldProblem] = []
        if not 2000 <= year <= today.year + 1:
            problems.append(FieldProblem("year", f"Năm kế hoạch {year} không hợp lệ."))
        if issued_on is not None:
            problems += date_problems(issued_on, today, field="issued_on", label="Ngày ban hành kế hoạch")
        if directive_on is not None:
            problems += date_problems(directive_on, today, field="directive_on", label="Ngày văn bản chỉ đạo")
        if funded_amount is not None and funded_amount < 0:
            problems.append(FieldProblem("funded_amount", "Kinh phí không được âm."))
        if problems:
            raise ValidationError(problems)
        values: dict[str, Any] = {
            "number": checked_text(number, "number"),
            "issued_on": issued_on,
            "directive_on": directive_on,
            "title": checked_text(title, "title") or f"Kế hoạch phổ biến, giáo dục pháp luật năm {year}",
            "notes": checked_text(notes, "notes"),
        }
        if directive_number is not None:
            values["directive_number"] = checked_text(directive_number, "directive_number")
        if legal_bases is not None:
            values["legal_bases"] = "\n".join(
                text for line in legal_bases if (text := checked_text(line, "legal_basis"))
            )
        if funded_amount is not None:
            values["funded_amount"] = funded_amount
        with self._ctx.db.transaction() as session:
            row = reg.plan_of_year(session, year)
            if row is None:
                row = PlanRow(year=year, **values)
                reg.add(session, row)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
            dto = _plan_dto(row)
        return dto, Changes.of(DISSEMINATION)

    # ---------------------------------------------------------------- tasks
    def tasks(self, plan_id: str) -> list[TaskDTO]:
        with self._ctx.db.read() as session:
            rows = reg.tasks_of_plan(session, plan_id)
            linked = facts_sql.task_sessions(session, [r.id for r in rows], self._ctx.clock.today())
            # the latest dates decide ``task_done`` as the whole list would (its max and max by today)
            return [
                self._task_dto(r, [d for d in (s.latest_by_today, s.latest) if d], s.linked)
                for r, s in ((r, linked[r.id]) for r in rows)
            ]

    def tasks_of_year(self, year: int) -> list[TaskDTO]:
        plan = self.plan(year)
        return self.tasks(plan.id) if plan else []

    def save_task(self, plan_id: str, data: TaskInput, task_id: str | None = None) -> tuple[TaskDTO, Changes]:
        data = clean_input(data).checked(self._ctx.clock.today())
        values = _task_values(data)
        with self._ctx.db.transaction() as session:
            if get_live(session, PlanRow, plan_id) is None:
                raise gone("Kế hoạch")
            if task_id is None:
                row = PlanTaskRow(plan_id=plan_id, **values)
                reg.add(session, row)
            else:
                row = self._task_row(session, task_id)
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
            held = session_repo.sessions_of_tasks(session, [row.id])[row.id]
            dto = self._task_dto(row, held)
        return dto, Changes.of(DISSEMINATION)

    def add_tasks(self, plan_id: str, inputs: Sequence[TaskInput]) -> tuple[list[str], Changes]:
        """New tasks of a plan as ONE transaction (the demo ward, #17 §5): each checked as by ``save_task``,
        in order, with one statement for the rows and the same columns and audit entries; all or none are
        kept. Returns the new ids in the order given (the order ``tasks`` lists tasks of the same due date)."""
        if not inputs:
            return [], Changes()
        today, now = self._ctx.clock.today(), self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            plan = get_live(session, PlanRow, plan_id)
            rows = []
            for data in inputs:
                values = _task_values(clean_input(data).checked(today))
                if plan is None:
                    raise gone("Kế hoạch")
                rows.append({"id": new_id(), "plan_id": plan_id, **values})
            reg.insert_tasks(session, rows, now)
        return [row["id"] for row in rows], Changes.of(DISSEMINATION)

    def delete_task(self, task_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = self._task_row(session, task_id)
            if session_repo.sessions_of_tasks(session, [task_id])[task_id]:
                raise ConflictError("Nhiệm vụ đã có buổi phổ biến liên kết; hãy bỏ liên kết trước khi xóa.")
            tombstone(row, self._ctx.clock.now())
        return Changes.of(DISSEMINATION)

    def _task_row(self, session: Any, task_id: str) -> PlanTaskRow:
        row = get_live(session, PlanTaskRow, task_id)
        if row is None:
            raise gone("Nhiệm vụ")
        return row

    def _task_dto(self, row: PlanTaskRow, held: list[date], linked: int | None = None) -> TaskDTO:
        """``held``: dates of the task's sessions (all, or at least the latest and the latest by today);
        ``linked``: how many sessions, when ``held`` is not all of them."""
        data = TaskInput(
            title=row.title,
            category=TaskCategory(row.category),
            arising=row.arising,
            due_on=row.due_on,
            status=TaskStatus(row.status),
            completed_on=row.completed_on,
            funded=row.funded,
            notes=row.notes,
            lead_unit=row.lead_unit,
            coordinating_units=row.coordinating_units,
            period=row.period,
            topics=row.topics,
            target_groups=decode_groups(row.target_groups),
            funded_amount=row.funded_amount,
        )
        done, done_on = task_done(data, held, self._ctx.clock.today())
        return TaskDTO(row.id, row.plan_id, data, len(held) if linked is None else linked, done, done_on)


def _task_values(data: TaskInput) -> dict[str, Any]:
    return {
        "title": data.title,
        "category": data.category.value,
        "arising": data.arising,
        "due_on": data.due_on,
        "status": data.status.value,
        "completed_on": data.completed_on,
        "funded": data.funded or data.funded_amount > 0,
        "notes": data.notes,
        "lead_unit": data.lead_unit,
        "coordinating_units": data.coordinating_units,
        "period": data.period,
        "topics": data.topics,
        "target_groups": encode_groups(data.target_groups),
        "funded_amount": data.funded_amount,
    }
