"""The working-day calendar: the shipped holiday table (resources/data/holidays_vn_2022_2030.csv) plus the
days off a user adds for a year (table ``user_holiday``, e.g. an announced Tết schedule).
``HolidayService.calendar()`` is the calendar every deadline check uses (fee due dates, the procedure)."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

from pbgdpl_desktop.domain.assessment import USER_HOLIDAY_KINDS
from pbgdpl_desktop.domain.calendar import SWAP_WORKDAY, HolidayRow, WorkingCalendar
from pbgdpl_desktop.domain.changes import ASSESSMENT, SETTINGS, Changes
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import checked_text, nfc
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.repos import calendar_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService


@cache
def shipped_holidays() -> tuple[HolidayRow, ...]:
    with resource("data", "holidays_vn_2022_2030.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            HolidayRow(
                date.fromisoformat(r["date"]), nfc(r["name"]), r["kind"], r["status"], nfc(r["source"])
            )
            for r in csv.DictReader(fh)
        )


class HolidayService:
    """The days off: shipped, added by the user, and the working calendar made of both."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def days_off_added(self) -> tuple[HolidayRow, ...]:
        """Days off (or worked Saturdays) the user added, e.g. a year's announced Tết schedule."""
        with self._ctx.db.read() as session:
            return tuple(
                HolidayRow(r.day, r.name, r.kind, "user", r.source)
                for r in calendar_repo.user_holidays(session)
            )

    def add_day_off(self, day: date, name: str, kind: str = "compensatory", source: str = "") -> Changes:
        name = checked_text(name, "name")
        problems = []
        if not name:
            problems.append(FieldProblem("name", "Tên ngày nghỉ: chưa nhập."))
        if kind not in USER_HOLIDAY_KINDS:
            problems.append(FieldProblem("kind", "Loại ngày không hợp lệ."))
        elif kind == SWAP_WORKDAY and day.weekday() != 5:
            problems.append(
                FieldProblem(
                    "day", f"Ngày làm việc bù phải là thứ Bảy ({day.strftime('%d/%m/%Y')} không phải)."
                )
            )
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.transaction() as session:
            if calendar_repo.user_holiday_on(session, day) is not None:
                raise ConflictError(
                    f"Ngày {day.strftime('%d/%m/%Y')} đã có trong danh sách ngày nghỉ đã thêm."
                )
            calendar_repo.add_user_holiday(session, day, name, kind, checked_text(source, "source"))
        return Changes.of(SETTINGS, ASSESSMENT)

    def remove_day_off(self, day: date) -> Changes:
        with self._ctx.db.transaction() as session:
            row = calendar_repo.user_holiday_on(session, day)
            if row is None:
                raise NotFoundError(f"Không có ngày nghỉ đã thêm vào ngày {day.strftime('%d/%m/%Y')}.")
            tombstone(row, self._ctx.clock.now())
        return Changes.of(SETTINGS, ASSESSMENT)

    def calendar(self) -> WorkingCalendar:
        """Shipped holidays + the user's days; the unconfirmed 24/11 rows only when the setting says so."""
        include = bool(self._settings.get("holidays.include_unconfirmed"))
        return WorkingCalendar.from_rows(
            shipped_holidays() + self.days_off_added(), include_unconfirmed=include
        )
