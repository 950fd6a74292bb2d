"""Days off (and worked Saturdays) the user added to the shipped holiday table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.assessment import UserHoliday


def user_holidays(session: Session) -> list[UserHoliday]:
    return list(session.scalars(select(UserHoliday).where(live(UserHoliday)).order_by(UserHoliday.day)))


def user_holiday_on(session: Session, day: date) -> UserHoliday | None:
    return session.scalars(select(UserHoliday).where(UserHoliday.day == day, live(UserHoliday))).first()


def add_user_holiday(session: Session, day: date, name: str, kind: str, source: str) -> None:
    session.add(UserHoliday(day=day, name=name, kind=kind, source=source))
