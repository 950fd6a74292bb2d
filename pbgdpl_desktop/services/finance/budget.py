"""Kinh phí — the budget (dự toán): planned amount per year, category and source, with adjustments; the
configurable minimum for the ward's PBGDPL + mediation budget (setting ``budget.minimum_per_year``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from pbgdpl_desktop.domain.changes import FINANCE, SETTINGS, Changes
from pbgdpl_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.finance import Adjustment, BudgetLine, FundingSource
from pbgdpl_desktop.domain.money import MAX_AMOUNT, format_money
from pbgdpl_desktop.domain.text import checked_text
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.finance import BudgetAdjustment
from pbgdpl_desktop.persistence.repos import finance_budget_repo as repo
from pbgdpl_desktop.persistence.repos import finance_catalog_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService

MIN_YEAR, MAX_YEAR = 2000, 2100
MINIMUM_KEY = "budget.minimum_per_year"


def _adjustment_dto(row: BudgetAdjustment) -> Adjustment:
    return Adjustment(
        id=row.id,
        budget_line_id=row.budget_line_id,
        adjusted_on=row.adjusted_on,
        delta=row.delta,
        reason=row.reason,
    )


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Năm {year} không hợp lệ.", field="year")


def _check_line(year: int, planned_amount: int) -> None:
    _check_year(year)
    if not 0 <= planned_amount <= MAX_AMOUNT:
        raise ValidationError(f"Dự toán phải từ 0 đến {format_money(MAX_AMOUNT)}.", field="planned_amount")


CATEGORY_NOT_FOUND = "Không tìm thấy nội dung chi."


class LineDraft(NamedTuple):
    """A budget line to set, as ``set_line`` takes it."""

    year: int
    category_id: str
    source: FundingSource
    planned_amount: int
    note: str = ""


class BudgetService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def lines(self, year: int) -> list[BudgetLine]:
        with self._ctx.db.read() as session:
            rows = repo.lines_of_year(session, year)
            adjustments = repo.adjustments_of(session, [line.id for line, _ in rows])
            return [
                BudgetLine(
                    id=line.id,
                    year=line.year,
                    category_id=line.category_id,
                    category_code=cat.code,
                    category_name=cat.name,
                    source=FundingSource(line.source),
                    planned_amount=line.planned_amount,
                    note=line.note,
                    adjustments=tuple(_adjustment_dto(a) for a in adjustments[line.id]),
                )
                for line, cat in rows
            ]

    def planned_total(self, year: int) -> int:
        return sum(line.adjusted_amount for line in self.lines(year))

    def set_line(
        self, year: int, category_id: str, source: FundingSource, planned_amount: int, note: str = ""
    ) -> tuple[str, Changes]:
        """Create the line of (year, category, source) or change its planned amount; returns the line id."""
        _check_line(year, planned_amount)
        with self._ctx.db.transaction() as session:
            if finance_catalog_repo.get_category(session, category_id) is None:
                raise NotFoundError(CATEGORY_NOT_FOUND)
            row = repo.find_line(session, year, category_id, source.value)
            if row is None:
                row = repo.add_line(
                    session,
                    {
                        "year": year,
                        "category_id": category_id,
                        "source": source.value,
                        "planned_amount": planned_amount,
                        "note": checked_text(note, "note"),
                    },
                )
            else:
                row.planned_amount = planned_amount
                row.note = checked_text(note, "note")
            line_id = row.id
        return line_id, Changes.of(FINANCE)

    def set_lines(self, drafts: Sequence[LineDraft]) -> tuple[list[str], Changes]:
        """Many lines as ONE transaction (the demo ward, #17 §5): each checked and set as by ``set_line``, in
        order — a line that exists (or that the batch set before) is changed, with its own audit entry — but
        the categories and lines are read once and the new lines written with one statement; all or none are
        kept. Returns the line ids in the order given."""
        if not drafts:
            return [], Changes()
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            categories = repo.live_category_ids(session, (d.category_id for d in drafts))
            lines = repo.live_lines(session, (d.year for d in drafts))
            new: dict[tuple[int, str, str], dict[str, Any]] = {}
            ids = []
            for draft in drafts:
                _check_line(draft.year, draft.planned_amount)
                if draft.category_id not in categories:
                    raise NotFoundError(CATEGORY_NOT_FOUND)
                key = (draft.year, draft.category_id, draft.source.value)
                note = checked_text(draft.note, "note")
                if key in new:  # set again in the batch: written first, then changed as by set_line
                    repo.insert_lines(session, list(new.values()), now)
                    new.clear()
                    lines = repo.live_lines(session, (d.year for d in drafts))
                row = lines.get(key)
                if row is None:
                    new[key] = {
                        "id": new_id(),
                        "year": draft.year,
                        "category_id": draft.category_id,
                        "source": draft.source.value,
                        "planned_amount": draft.planned_amount,
                        "note": note,
                    }
                    ids.append(new[key]["id"])
                else:
                    row.planned_amount = draft.planned_amount
                    row.note = note
                    session.flush()  # one update, one audit entry, per line set
                    ids.append(row.id)
            repo.insert_lines(session, list(new.values()), now)
        return ids, Changes.of(FINANCE)

    def adjust(self, line_id: str, adjusted_on: date, delta: int, reason: str) -> tuple[Adjustment, Changes]:
        """Record an adjustment (+ or −); the adjusted line may not fall below zero."""
        reason = checked_text(reason, "reason")
        problems = []
        if delta == 0:
            problems.append(FieldProblem("delta", "Số tiền điều chỉnh phải khác 0."))
        elif abs(delta) > MAX_AMOUNT:
            problems.append(FieldProblem("delta", f"Số tiền điều chỉnh vượt quá {format_money(MAX_AMOUNT)}."))
        if not reason:
            problems.append(FieldProblem("reason", "Lý do điều chỉnh: chưa nhập."))
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.transaction() as session:
            line = repo.get_line(session, line_id)
            if line is None:
                raise NotFoundError("Không tìm thấy dòng dự toán.")
            if adjusted_on.year != line.year:
                raise ValidationError(f"Ngày điều chỉnh phải thuộc năm {line.year}.", field="adjusted_on")
            after = repo.line_amount(session, line) + delta
            if after < 0:
                raise ValidationError(
                    f"Sau điều chỉnh dự toán còn {format_money(after)}: không được âm.", field="delta"
                )
            dto = _adjustment_dto(
                repo.add_adjustment(
                    session,
                    {"budget_line_id": line_id, "adjusted_on": adjusted_on, "delta": delta, "reason": reason},
                )
            )
        return dto, Changes.of(FINANCE)

    def remove_adjustment(self, adjustment_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.get_adjustment(session, adjustment_id)
            if row is None:
                raise NotFoundError("Không tìm thấy điều chỉnh.")
            line = repo.get_line(session, row.budget_line_id)
            if line is not None and repo.line_amount(session, line) - row.delta < 0:
                raise ValidationError("Bỏ điều chỉnh này thì dự toán sẽ âm.", field="delta")
            tombstone(row, self._ctx.clock.now())
        return Changes.of(FINANCE)

    # ----------------------------------------------------------------------------- minimum
    def minimum(self) -> int | None:
        return self._settings.get(MINIMUM_KEY)

    def set_minimum(self, amount: int | None) -> Changes:
        return self._settings.set(MINIMUM_KEY, amount) | Changes.of(FINANCE, SETTINGS)
