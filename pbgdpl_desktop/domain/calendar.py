"""Working-day calendar: weekends plus public holidays and compensatory days, minus worked Saturdays.

Seeded from ``resources/data/holidays_vn_2022_2030.csv`` (see its SOURCE note); the user can add a year's
announced days off. Pure: the caller loads the rows and passes them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

NON_WORKING_KINDS = frozenset({"statutory", "compensatory"})
SWAP_WORKDAY = "swap_workday"


@dataclass(frozen=True)
class HolidayRow:
    day: date
    name: str
    kind: str  # statutory | compensatory | swap_workday
    status: str = "law"  # announced | law | estimated | unconfirmed | user
    source: str = ""


@dataclass(frozen=True)
class WorkingCalendar:
    days_off: frozenset[date] = field(default_factory=frozenset)
    worked_saturdays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_rows(cls, rows: Iterable[HolidayRow], *, include_unconfirmed: bool = False) -> WorkingCalendar:
        off: set[date] = set()
        worked: set[date] = set()
        for row in rows:
            if row.status == "unconfirmed" and not include_unconfirmed:
                continue
            if row.kind in NON_WORKING_KINDS:
                off.add(row.day)
            elif row.kind == SWAP_WORKDAY:
                worked.add(row.day)
        return cls(frozenset(off), frozenset(worked))

    def is_working_day(self, day: date) -> bool:
        if day in self.worked_saturdays:
            return True
        if day.weekday() >= 5:
            return False
        return day not in self.days_off

    def add_working_days(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
        day = start
        remaining = n
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end ≤ start)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
