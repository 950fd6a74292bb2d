"""The working-day calendar: the shipped holiday table (resources/data/holidays_vn_2022_2030.csv).

The assessment module extends this with the days off a user adds for a year (stored in the database)."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

from pbgdpl_desktop.domain.calendar import HolidayRow, WorkingCalendar
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import nfc


@cache
def shipped_holidays() -> tuple[HolidayRow, ...]:
    with resource("data", "holidays_vn_2022_2030.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            HolidayRow(date.fromisoformat(r["date"]), nfc(r["name"]), r["kind"], r["status"], nfc(r["source"]))
            for r in csv.DictReader(fh)
        )


def shipped_calendar(*, include_unconfirmed: bool = False) -> WorkingCalendar:
    return WorkingCalendar.from_rows(shipped_holidays(), include_unconfirmed=include_unconfirmed)
