"""The Tổng quan page's figures of a year as a few plain SQL aggregates (#17 §1).

The page's cards and charts need counts and sums only: sessions by month and attendance, the year's plan
tasks, cases by outcome, spending by category and the planned budget. Read here in six ``SELECT``s through
the session's connection — no ORM objects, no statement built from the mapped models (their first
compilation cost ~0.5 s at start-up) — with the same definitions as the features' facts:

* sessions: live sessions held between 01/01 and min(31/12, today) (``dissemination.facts``);
* plan tasks: the live tasks of the year's first live plan, neither cancelled nor arising; done when marked
  done or when a live session linked to the task was held by today (``domain.dissemination.task_done``);
* cases: live cases received in the year, by outcome (``mediation.facts``, ``domain.mediation.count_cases``);
* spending: live expenditures paid in the year by category code; planned: the year's live budget lines plus
  their live adjustments (``finance.summary.year_summary``).

``tests/unit/test_overview_sql.py`` holds these equal to the facts on the demo ward and on an empty file.

The statements are plain SQL text, executed by two paths: ``year_counts`` through the session's connection,
and ``persistence.peek`` through the standard library's ``sqlite3`` before SQLAlchemy is even imported (the
launch shows the figures from it, #17 §1). Both go through ``counts_of`` — one definition of the figures. This
module imports SQLAlchemy only inside ``year_counts``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# runs one statement with named parameters (``:name``) and returns all its rows
Execute = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]


@dataclass(frozen=True)
class OverviewCounts:
    sessions_total: int = 0
    sessions_by_month: dict[int, int] = field(default_factory=dict)  # month 1..12 → sessions (non-zero)
    participants_total: int = 0
    participants_women: int = 0
    plan_tasks_set: int = 0
    plan_tasks_done: int = 0
    cases_by_outcome: dict[str, int] = field(default_factory=dict)  # CaseOutcome value → cases (non-zero)
    spent_total: int = 0
    spent_by_category: dict[str, int] = field(default_factory=dict)  # category code → đồng (non-zero)
    budget_planned_total: int = 0
    category_names: dict[str, str] = field(default_factory=dict)  # code → name, live categories


SESSIONS = (
    "SELECT CAST(substr(held_on, 6, 2) AS INTEGER), count(*), coalesce(sum(attendance_total), 0), "
    "coalesce(sum(attendance_women), 0) FROM dissemination_session "
    "WHERE deleted_at IS NULL AND held_on >= :start AND held_on <= :end GROUP BY 1"
)
# the first live plan of the year (as ``plan_of_year``), its live planned tasks
TASKS = (
    "SELECT count(*), coalesce(sum(CASE WHEN t.status = 'done' OR EXISTS ("
    "  SELECT 1 FROM dissemination_session s WHERE s.plan_task_id = t.id AND s.deleted_at IS NULL"
    "  AND s.held_on <= :today) THEN 1 ELSE 0 END), 0) "
    "FROM plan_task t WHERE t.deleted_at IS NULL AND t.status <> 'cancelled' AND NOT t.arising "
    "AND t.plan_id = (SELECT p.id FROM dissemination_plan p WHERE p.year = :year AND p.deleted_at IS NULL "
    "ORDER BY p.created_at LIMIT 1)"
)
CASES = (
    "SELECT outcome, count(*) FROM mediation_case "
    "WHERE deleted_at IS NULL AND received_on >= :start AND received_on <= :end GROUP BY outcome"
)
SPENT = (
    "SELECT c.code, sum(e.amount) FROM expenditure e JOIN finance_category c ON c.id = e.category_id "
    "WHERE e.deleted_at IS NULL AND e.spent_on >= :start AND e.spent_on <= :end "
    "GROUP BY c.code ORDER BY min(c.sort_order), c.code"
)
PLANNED = (
    "SELECT coalesce(sum(b.planned_amount), 0) + coalesce(("
    "  SELECT sum(a.delta) FROM budget_adjustment a JOIN budget_line l ON l.id = a.budget_line_id"
    "  WHERE a.deleted_at IS NULL AND l.deleted_at IS NULL AND l.year = :year), 0) "
    "FROM budget_line b WHERE b.deleted_at IS NULL AND b.year = :year"
)
CATEGORIES = "SELECT code, name FROM finance_category WHERE deleted_at IS NULL ORDER BY sort_order, code"


# the data version of the file: every write through the app moves the sync counter (every syncable row
# written, soft deletes included, takes the next ``change_seq``: ``persistence.uow``) or adds an audit entry
# (purges, restores, imports); the overview's remembered verdict is keyed on both. Audit entries that record
# no change of the overview's data are skipped: sign-ins (each start in "một người dùng" mode adds one, and
# the account's last sign-in time), exports and backups — else the remembered verdict the launch shows
# would be dropped by the start's own sign-in, a second before the recomputation replaces it. The newest
# entry is found walking the log back from its end (a few sign-ins at most).
NO_DATA_CHANGE = ("login", "login_failed", "export", "person_export", "backup")
DATA_VERSION = (
    "SELECT coalesce((SELECT last_change_seq FROM sync_state WHERE id = 1), 0), "
    "coalesce((SELECT id FROM audit_log WHERE action NOT IN ("
    + ", ".join(f"'{action}'" for action in NO_DATA_CHANGE)
    + ") AND table_name <> 'app_user' ORDER BY id DESC LIMIT 1), 0)"
)


def year_counts(session: Session, year: int, today: date) -> OverviewCounts:
    """The overview's counts of ``year`` as of ``today`` (dates bound as ISO text, as the file stores them)."""
    from sqlalchemy import text

    con = session.connection()
    return counts_of(lambda sql, params: con.execute(text(sql), dict(params)).all(), year, today)


def data_version(session: Session) -> tuple[int, int]:
    from sqlalchemy import text

    seq, audit = session.connection().execute(text(DATA_VERSION)).one()
    return int(seq), int(audit)


def counts_of(execute: Execute, year: int, today: date) -> OverviewCounts:
    """The counts through ``execute`` (the session's connection, or a ``sqlite3`` connection)."""
    start, end = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    held_until = min(date(year, 12, 31), today).isoformat()
    months: dict[int, int] = {}
    total = women = 0
    for month, n, attendance, attendance_women in execute(SESSIONS, {"start": start, "end": held_until}):
        months[int(month)] = int(n)
        total += int(attendance)
        women += int(attendance_women)
    tasks_set, tasks_done = execute(TASKS, {"year": year, "today": today.isoformat()})[0]
    cases = {str(outcome): int(n) for outcome, n in execute(CASES, {"start": start, "end": end})}
    spent = {str(code): int(amount) for code, amount in execute(SPENT, {"start": start, "end": end})}
    planned = execute(PLANNED, {"year": year})[0][0]
    names = {str(code): str(name) for code, name in execute(CATEGORIES, {})}
    return OverviewCounts(
        sessions_total=sum(months.values()),
        sessions_by_month=dict(sorted(months.items())),
        participants_total=total,
        participants_women=women,
        plan_tasks_set=int(tasks_set),
        plan_tasks_done=int(tasks_done),
        cases_by_outcome={k: v for k, v in cases.items() if v},
        spent_total=sum(spent.values()),
        spent_by_category={k: v for k, v in spent.items() if v},
        budget_planned_total=int(planned),
        category_names=names,
    )
