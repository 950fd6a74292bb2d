"""The working-day calendar: the shipped holiday table (resources/data/holidays_vn_2022_2030.csv).

The assessment module extends this with the days off a user adds for a year (table ``user_holiday``);
``working_calendar(ctx)`` is the calendar every deadline check uses."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

from pbgdpl_desktop.domain.assessment import USER_HOLIDAY_KINDS
from pbgdpl_desktop.domain.calendar import SWAP_WORKDAY, HolidayRow, WorkingCalendar
from pbgdpl_desktop.domain.changes import ASSESSMENT, SETTINGS, Changes
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import clean, nfc
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.services.context import ServiceContext


@cache
def shipped_holidays() -> tuple[HolidayRow, ...]:
    with resource("data", "holidays_vn_2022_2030.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            HolidayRow(
                date.fromisoformat(r["date"]), nfc(r["name"]), r["kind"], r["status"], nfc(r["source"])
            )
            for r in csv.DictReader(fh)
        )


def shipped_calendar(*, include_unconfirmed: bool = False) -> WorkingCalendar:
    return WorkingCalendar.from_rows(shipped_holidays(), include_unconfirmed=include_unconfirmed)


# ------------------------------------------------------------------------------ days off added by the user
def user_holidays(ctx: ServiceContext) -> tuple[HolidayRow, ...]:
    """Days off (or worked Saturdays) the user added, e.g. a year's announced Tết schedule."""
    with ctx.db.read() as session:
        return tuple(
            HolidayRow(r.day, r.name, r.kind, "user", r.source)
            for r in assessment_repo.user_holidays(session)
        )


def add_user_holiday(
    ctx: ServiceContext, day: date, name: str, kind: str = "compensatory", source: str = ""
) -> Changes:
    name = clean(name)
    problems = []
    if not name:
        problems.append(FieldProblem("name", "Tên ngày nghỉ: chưa nhập."))
    if kind not in USER_HOLIDAY_KINDS:
        problems.append(FieldProblem("kind", "Loại ngày không hợp lệ."))
    elif kind == SWAP_WORKDAY and day.weekday() != 5:
        problems.append(
            FieldProblem("day", f"Ngày làm việc bù phải là thứ Bảy ({day.strftime('%d/%m/%Y')} không phải).")
        )
    if problems:
        raise ValidationError(problems)
    with ctx.db.transaction() as session:
        if assessment_repo.user_holiday_on(session, day) is not None:
            raise ConflictError(f"Ngày {day.strftime('%d/%m/%Y')} đã có trong danh sách ngày nghỉ đã thêm.")
        assessment_repo.add_user_holiday(session, day, name, kind, clean(source))
    return Changes.of(SETTINGS, ASSESSMENT)


def remove_user_holiday(ctx: ServiceContext, day: date) -> Changes:
    with ctx.db.transaction() as session:
        row = assessment_repo.user_holiday_on(session, day)
        if row is None:
            raise NotFoundError(f"Không có ngày nghỉ đã thêm vào ngày {day.strftime('%d/%m/%Y')}.")
        row.deleted_at = ctx.clock.now()
    return Changes.of(SETTINGS, ASSESSMENT)


def working_calendar(ctx: ServiceContext) -> WorkingCalendar:
    """Shipped holidays + the user's days; the unconfirmed 24/11 rows only when the setting says so."""
    include = bool(ctx.services.settings.get("holidays.include_unconfirmed")) if ctx.services else False
    return WorkingCalendar.from_rows(shipped_holidays() + user_holidays(ctx), include_unconfirmed=include)
