"""The optional attendee list of a dissemination session (name and unit/address per person): typed, pasted from
Excel, or read from the same .xlsx/.csv lists the certificates use — and printed as certificates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.persistence.repos import dissemination_session_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.dto import gone

MAX_ATTENDEES = 5000
MAX_NAME = 120
MAX_UNIT = 200


@dataclass(frozen=True)
class Person:
    name: str
    unit: str = ""


def people_from_rows(rows: Iterable[Sequence[object]]) -> list[Person]:
    """Rows of cells (a pasted block, a table) → people; a header row and an "STT" column are recognised."""
    from pbgdpl_desktop.reports.names import parse_rows  # the lists' readers: not for scoring (#17)

    return [Person(r.name, r.unit) for r in parse_rows(rows)]


def people_from_text(text: str) -> list[Person]:
    """Text pasted from Excel or typed: one person per line, cells separated by tabs (or ";")."""
    rows = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        rows.append(line.split("\t") if "\t" in line else line.split(";"))
    return people_from_rows(rows)


def people_from_file(path: str | Path) -> list[Person]:
    from pbgdpl_desktop.services.core.names_lists import read_names

    return [Person(r.name, r.unit) for r in read_names(path)]


def checked_people(people: Sequence[Person]) -> list[Person]:
    """NFC, no control characters, no blank names; bounded lengths and count (Vietnamese messages)."""
    out = []
    for number, person in enumerate(people, start=1):
        name, unit = (
            clean(person.name),
            clean(person.unit),
        )  # clean() also turns control characters into spaces
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise ValidationError(
                f"Dòng {number}: họ tên quá dài (tối đa {MAX_NAME} ký tự).", field="attendees"
            )
        if len(unit) > MAX_UNIT:
            raise ValidationError(
                f"Dòng {number}: đơn vị/địa chỉ quá dài (tối đa {MAX_UNIT} ký tự).", field="attendees"
            )
        out.append(Person(name, unit))
    if len(out) > MAX_ATTENDEES:
        raise ValidationError(
            f"Danh sách có {len(out)} người; mỗi buổi ghi tối đa {MAX_ATTENDEES}.", field="attendees"
        )
    return out


class AttendeeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def of(self, session_id: str) -> list[Person]:
        with self._ctx.db.read() as session:
            if repo.get(session, session_id) is None:
                raise gone("Buổi phổ biến")
            return [Person(name, unit) for name, unit in repo.attendees(session, session_id)]

    def sessions_with_lists(self, year: int) -> list[tuple[str, str]]:
        """(session id, "dd/mm/yyyy — title (n người)") of the year's sessions that have an attendee list."""
        with self._ctx.db.read() as session:
            rows = repo.sessions_with_attendees(session, year)
        return [
            (row_id, f"{format_date(held_on)} — {title} ({n} người)") for row_id, held_on, title, n in rows
        ]

    def replace(self, session_id: str, people: Sequence[Person]) -> Changes:
        """Make the session's list exactly ``people`` (in this order)."""
        wanted = checked_people(people)
        with self._ctx.db.transaction() as session:
            if repo.get(session, session_id) is None:
                raise gone("Buổi phổ biến")
            repo.set_attendees(session, session_id, [(p.name, p.unit) for p in wanted], self._ctx.clock.now())
        return Changes.of(DISSEMINATION)
