"""Injectable clock: services ask it for today and now, tests pin it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    fixed: datetime

    def today(self) -> date:
        return self.fixed.astimezone().date() if self.fixed.tzinfo else self.fixed.date()

    def now(self) -> datetime:
        return self.fixed if self.fixed.tzinfo else self.fixed.replace(tzinfo=UTC)
