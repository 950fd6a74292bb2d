"""The year's facts as SQL aggregates (#17 §4): one statement over the year's rows instead of a Python loop
over 30,000 fetched rows.

These are a *second* definition of rules whose one reference stays in Python: the case counts of
``domain.mediation.count_cases`` and the fee ceilings of ``domain.mediation.fee_amount`` (the rate in force on
the result date). ``tests/unit/test_facts_sql.py`` checks that both give the same numbers on the same rows,
over many random shapes, on SQLite and on PostgreSQL. A change of those rules must change both.

Dates are compared as DATE values through bound parameters (ISO text on SQLite, ``date`` on PostgreSQL); the
one difference between the engines — days between two dates — is ``_DaysAfter`` below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from pbgdpl_desktop.domain.mediation import (
    LAWFUL_ENDINGS,
    CaseCounts,
    CaseOutcome,
    StartException,
)
from pbgdpl_desktop.persistence.live import live
from pbgdpl_desktop.persistence.models.dissemination import DisseminationSessionRow
from pbgdpl_desktop.persistence.models.mediation import MediationCase, MediatorFeeLine, MediatorFeeRequest


class _DaysAfter(FunctionElement[int]):
    """``later − earlier`` in whole days, two DATE expressions."""

    type = Integer()
    name = "days_after"
    inherit_cache = True


@compiles(_DaysAfter)
def _days_after_default(element: _DaysAfter, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"  # PostgreSQL: an integer


@compiles(_DaysAfter, "sqlite")
def _days_after_sqlite(element: _DaysAfter, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    days = f"julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)})"
    return f"CAST({days} AS INTEGER)"


@dataclass(frozen=True)
class FeeBand:
    """A mediator fee ceiling of one variant ("settled" / "not_settled") for result dates in [start, end)
    (``end`` None: open). The caller derives the bands from the norm table with the domain's lookup."""

    variant: str
    start: date
    end: date | None
    amount: int


@dataclass(frozen=True)
class CaseFeeFacts:
    """The fee facts of the year's cases (``services.mediation.facts``)."""

    eligible: int = 0
    paid_lawful: int = 0
    expected_amount: int = 0
    paid_for_cases_amount: int = 0


def _ceiling(bands: Sequence[FeeBand]) -> ColumnElement[Any]:
    """The fee ceiling of a case on its result date; 0 when it earns none (``domain.mediation.fee_amount``)."""
    c = MediationCase
    lawful = sorted(o.value for o in LAWFUL_ENDINGS)
    whens = []
    for band in bands:
        variant = (
            c.outcome == CaseOutcome.SETTLED.value
            if band.variant == "settled"
            else c.outcome.in_([o for o in lawful if o != CaseOutcome.SETTLED.value])
        )
        in_band = [c.result_date >= literal(band.start, Date)]
        if band.end is not None:
            in_band.append(c.result_date < literal(band.end, Date))
        whens.append((and_(variant, *in_band), literal(band.amount, Integer)))
    if not whens:
        return literal(0, Integer)
    return case(*whens, else_=literal(0, Integer))


def mediation_case_facts(
    session: Session,
    start: date,
    end: date,
    reference: date,
    deadline_days: int,
    bands: Sequence[FeeBand],
) -> tuple[CaseCounts, CaseFeeFacts]:
    """The counts of the cases received in [start, end] (``count_cases`` at ``reference``) and their fee facts
    (each at the ceiling of ``bands`` on its result date; paid = the amount of its line in a paid request not
    refused) — four aggregate statements: the cases per outcome, the in-progress ones (started, start window
    still open, late), the lawfully ended ones (late, fee ceilings) and the paid ones from their fee lines.

    Per outcome: ``ix_mediation_case_facts`` (0019) starts with (outcome, deleted_at, received_on), so each
    statement reads only the index ranges of the outcomes its rules concern (``count_cases``: refused and
    referred cases are only counted; the start window and the start by the reference date matter only for
    cases in progress; ceilings only for lawful endings), and the counts per outcome need no sort."""
    c = MediationCase
    ref = literal(reference, Date)
    assigned = func.coalesce(c.assigned_on, c.received_on)
    agreed = c.start_exception == StartException.AGREED_TIME.value
    started_by_ref = case((c.started_on <= ref, 1), else_=0)  # a NULL start is not started
    # for a case not started by the reference date: its start window is still open
    window_open = case(
        (c.started_on <= ref, 0),
        (agreed, case((or_(c.start_agreed_on.is_(None), c.start_agreed_on >= ref), 1), else_=0)),
        (assigned >= literal(reference - timedelta(days=deadline_days), Date), 1),
        else_=0,
    )
    late = case(
        (c.started_on.is_(None), 0),
        (c.start_exception == StartException.IMMEDIATE.value, 0),
        (
            agreed,
            case((and_(c.start_agreed_on.is_not(None), c.started_on > c.start_agreed_on), 1), else_=0),
        ),
        (_DaysAfter(c.started_on, assigned) > deadline_days, 1),
        else_=0,
    )
    line, req = MediatorFeeLine, MediatorFeeRequest
    paid = (
        select(line.case_id.label("case_id"), func.max(line.amount).label("amount"))
        .join(req, req.id == line.request_id)
        .where(live(line), live(req), req.refused_on.is_(None), req.paid_on.is_not(None))
        .group_by(line.case_id)
        .subquery("paid")
    )
    ceiling = _ceiling(bands)
    paid_amount = paid.c.amount
    lawfully_paid = case(
        (paid_amount.is_(None), 0),
        (and_(paid_amount > 0, paid_amount <= ceiling, ceiling > 0), 1),
        else_=0,
    )
    paid_for_case = case((paid_amount.is_(None), 0), (ceiling > 0, paid_amount), else_=0)

    def total(expr: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(expr), 0)

    outcomes = sorted(o.value for o in CaseOutcome)  # sorted: the same SQL text in every process
    lawful = sorted(o.value for o in LAWFUL_ENDINGS)
    in_year = (c.received_on >= literal(start, Date), c.received_on <= literal(end, Date))
    # each rule summed only over the outcomes it reads (each outcome is one range of the index)
    counts_stmt = select(c.outcome, func.count()).where(live(c), c.outcome.in_(outcomes), *in_year)
    in_progress_stmt = select(total(started_by_ref), total(window_open), total(late)).where(
        live(c), c.outcome == CaseOutcome.IN_PROGRESS.value, *in_year
    )
    lawful_stmt = select(total(late), total(case((ceiling > 0, 1), else_=0)), total(ceiling)).where(
        live(c), c.outcome.in_(lawful), *in_year
    )
    # the paid cases (a few hundred) from their fee lines: no join for each of the year's cases
    paid_stmt = (
        select(total(lawfully_paid), total(paid_for_case))
        .select_from(paid)
        .join(c, c.id == paid.c.case_id)
        .where(live(c), c.outcome.in_(lawful), *in_year)
    )
    connection = session.connection()  # plain rows, no ORM machinery
    by = dict.fromkeys(CaseOutcome, 0)
    for value, n in connection.execute(counts_stmt.group_by(c.outcome)).all():
        by[CaseOutcome(value)] += n
    started_n, window, late_in_progress = (int(v) for v in connection.execute(in_progress_stmt).one())
    late_lawful, eligible, expected = (int(v) for v in connection.execute(lawful_stmt).one())
    paid_lawful, paid_for_cases = (int(v) for v in connection.execute(paid_stmt).one())
    # mediated: ended in a lawful way, or in progress and started by the reference date
    mediated = sum(by[o] for o in LAWFUL_ENDINGS) + started_n
    started_late = late_in_progress + late_lawful
    recorded = sum(by.values())
    counts = CaseCounts(
        recorded=recorded,
        received=recorded - by[CaseOutcome.REFUSED] - by[CaseOutcome.REFERRED],
        refused=by[CaseOutcome.REFUSED],
        referred=by[CaseOutcome.REFERRED],
        window_open=window,
        mediated=mediated,
        settled=by[CaseOutcome.SETTLED],
        not_settled=by[CaseOutcome.NOT_SETTLED],
        stopped=by[CaseOutcome.STOPPED],
        in_progress=by[CaseOutcome.IN_PROGRESS],
        started_late=started_late,
    )
    return counts, CaseFeeFacts(eligible, paid_lawful, expected, paid_for_cases)


def fees_paid_between(session: Session, start: date, end: date) -> int:
    """Đồng paid on mediator fee requests with a paid date in [start, end]."""
    r = MediatorFeeRequest
    stmt = select(func.coalesce(func.sum(r.paid_amount), 0)).where(
        live(r), r.paid_on >= literal(start, Date), r.paid_on <= literal(end, Date)
    )
    return int(session.connection().execute(stmt).scalar_one() or 0)


@dataclass(frozen=True)
class TaskSessions:
    """The live sessions linked to a plan task: how many, the latest held, the latest held by ``today``."""

    linked: int = 0
    latest: date | None = None
    latest_by_today: date | None = None


def task_sessions(session: Session, task_ids: Sequence[str], today: date) -> dict[str, TaskSessions]:
    """Per task id, its linked sessions summed in SQL (a plan's tasks may link 20,000 sessions: fetching
    their dates took 0.5 s of the scoring, #17). Every id asked gets an entry."""
    s = DisseminationSessionRow
    out = {i: TaskSessions() for i in task_ids}
    for start in range(0, len(task_ids), 500):
        chunk = list(task_ids[start : start + 500])
        stmt = (
            select(
                s.plan_task_id,
                func.count(),
                func.max(s.held_on),
                func.max(case((s.held_on <= literal(today, Date), s.held_on), else_=None)),
            )
            .where(live(s), s.plan_task_id.in_(chunk))
            .group_by(s.plan_task_id)
        )
        for task_id, linked, latest, by_today in session.connection().execute(stmt).all():
            out[str(task_id)] = TaskSessions(int(linked), _as_date(latest), _as_date(by_today))
    return out


def _as_date(value: Any) -> date | None:
    """``max(date)`` comes back as ISO text on SQLite (the aggregate loses the column's type)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
