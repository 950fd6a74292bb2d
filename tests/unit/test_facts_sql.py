"""The SQL aggregates of the mediation facts (persistence/repos/facts_sql.py) against the Python rules they
restate (``domain.mediation.count_cases`` and ``fee_amount``), on the same rows: a seeded random generator over
many shapes of case book — every outcome and start exception (and an unknown one), start windows and
assignments across the year's ends, deleted rows, missing dates, result dates and fee payments in other years,
refused and deleted fee requests, several norms of a variant (a provincial one on the circular's date, a zero
rate) — on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from sqlalchemy import Table, delete, insert

from pbgdpl_desktop.domain.mediation import CaseOutcome, StartException
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, TT56, TT56_IN_FORCE, Norm
from pbgdpl_desktop.persistence.db import open_database, open_server_database
from pbgdpl_desktop.persistence.models.dissemination import DisseminationSessionRow, PlanRow, PlanTaskRow
from pbgdpl_desktop.persistence.models.mediation import (
    MediationCase,
    MediationTeam,
    Mediator,
    MediatorFeeLine,
    MediatorFeeRequest,
)
from pbgdpl_desktop.persistence.repos import dissemination_session_repo, facts_sql
from pbgdpl_desktop.services.mediation.facts import reference_case_and_fee_facts, sql_case_and_fee_facts

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
_seq = count(1)


def _placeholder(column: Any) -> Any:
    kind = getattr(column.type, "impl", column.type).python_type  # a TypeDecorator: its stored type
    if column.name == "change_seq":
        return next(_seq)
    return {str: "x", int: 0, bool: False, date: date(2000, 1, 1), datetime: NOW}[kind]


def _row(table: Table, **values: Any) -> dict[str, Any]:
    """``values`` plus a placeholder for every other required column (foreign keys must be given)."""
    row = dict(values)
    for column in table.columns:
        if column.name in row or column.nullable or column.primary_key:
            continue
        if column.name != "change_seq" and (column.default is not None or column.server_default is not None):
            continue
        assert not column.foreign_keys, f"{table.name}.{column.name} must be given"
        row[column.name] = _placeholder(column)
    return row


def _day(rng: random.Random, around: date, spread: int) -> date:
    return around + timedelta(days=rng.randint(-spread, spread))


def _maybe(rng: random.Random, p: float, value: Any) -> Any:
    return value if rng.random() < p else None


def _norms(rng: random.Random, year: int) -> list[Norm]:
    norms = [Norm(TEAM_SUPPORT, "", 150_000, "tổ/tháng", TT56_IN_FORCE, TT56)]
    for variant in ("settled", "not_settled"):
        for _ in range(rng.randint(0, 3)):
            start = rng.choice([TT56_IN_FORCE, date(year, 1, 1), _day(rng, date(year, 7, 1), 200)])
            amount = rng.choice([0, 250_000, 300_000, 400_000, 500_000])
            norms.append(Norm(MEDIATOR_FEE, variant, amount, "vụ việc", start, TT56, rng.random() < 0.4))
    return norms


def _fill(session, rng: random.Random, year: int, ref: date, deadline: int) -> None:
    """A random case book around ``year`` with its fee requests (the tables emptied first); dates gather
    around the year's ends and the edges of the start window at ``ref``."""
    for model in (MediatorFeeLine, MediatorFeeRequest, MediationCase, MediationTeam, Mediator):
        session.execute(delete(model))
    team_id, mediator_id = f"team-{year}", f"med-{year}"
    session.execute(insert(MediationTeam), [_row(MediationTeam.__table__, id=team_id)])
    session.execute(insert(Mediator), [_row(Mediator.__table__, id=mediator_id)])
    start, end = date(year, 1, 1), date(year, 12, 31)
    exceptions = [e.value for e in StartException] + ["old_value"]
    cases = []
    for number in range(rng.randint(0, 60)):
        edge = rng.choice([start, end, date(year, 6, 15), ref, ref - timedelta(days=deadline)])
        received = _day(rng, edge, rng.choice([0, 1, 12]))
        assigned = _maybe(rng, 0.7, received + timedelta(days=rng.randint(0, 6)))
        started = _maybe(rng, 0.6, (assigned or received) + timedelta(days=rng.randint(0, 9)))
        cases.append(
            _row(
                MediationCase.__table__,
                id=f"case-{number}",
                team_id=team_id,
                case_year=received.year,
                case_number=number + 1,
                received_on=received,
                assigned_on=assigned,
                started_on=started,
                start_exception=rng.choice(exceptions),
                start_agreed_on=_maybe(rng, 0.5, rng.choice([_day(rng, received, 8), ref, started])),
                outcome=rng.choice(list(CaseOutcome)).value,
                result_date=_maybe(rng, 0.8, _day(rng, received, 40)),
                deleted_at=_maybe(rng, 0.1, NOW),
            )
        )
    if cases:
        session.execute(insert(MediationCase), cases)
    requests, lines = [], []
    for number in range(rng.randint(0, 8)):
        refused = rng.random() < 0.2
        requests.append(
            _row(
                MediatorFeeRequest.__table__,
                id=f"req-{number}",
                mediator_id=mediator_id,
                team_id=team_id,
                paid_on=None if refused else _maybe(rng, 0.7, _day(rng, rng.choice([start, end]), 20)),
                paid_amount=_maybe(rng, 0.8, rng.choice([0, 300_000, 450_000])),
                refused_on=date(year, 6, 1) if refused else None,
                deleted_at=_maybe(rng, 0.1, NOW),
            )
        )
    refused_ids = [r["id"] for r in requests if r["refused_on"] is not None]
    for case in rng.sample(cases, k=min(len(cases), rng.randint(0, 25))) if requests else []:
        # one line per case in any request; a second one only in a refused request (what the app allows)
        homes = [rng.choice(requests)["id"]] + (
            [rng.choice(refused_ids)] if refused_ids and rng.random() < 0.3 else []
        )
        for request_id in homes:
            lines.append(
                _row(
                    MediatorFeeLine.__table__,
                    id=f"line-{len(lines)}",
                    request_id=request_id,
                    case_id=case["id"],
                    variant="settled",
                    amount=rng.choice([0, 200_000, 300_000, 400_000, 600_000]),
                    deleted_at=_maybe(rng, 0.1, NOW),
                )
            )
    if requests:
        session.execute(insert(MediatorFeeRequest), requests)
    if lines:
        session.execute(insert(MediatorFeeLine), lines)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path, _template_db):
    if request.param == "postgres":
        db = open_server_database(request.getfixturevalue("pg_database"), tmp_path / "facts.server")
    else:
        shutil.copyfile(_template_db, tmp_path / "facts.db")
        db = open_database(tmp_path / "facts.db")
    yield request.param, db
    db.close()


def test_sql_case_and_fee_facts_equal_the_python_rules(database):
    engine, db = database
    seeds = range(120 if engine == "sqlite" else 40)
    seen: Counter[str] = Counter()
    for seed in seeds:
        rng = random.Random(seed)
        year = rng.choice([2025, 2026])
        start, end = date(year, 1, 1), date(year, 12, 31)
        ref = rng.choice([end, end, _day(rng, date(year, 12, 20), 15), _day(rng, date(year, 6, 30), 180)])
        ref = min(max(ref, start), end)
        deadline = rng.choice([0, 3, 3, 5, 10])
        norms = _norms(rng, year)
        with db.transaction() as session:
            _fill(session, rng, year, ref, deadline)
        with db.read() as session:
            want = reference_case_and_fee_facts(session, start, end, ref, deadline, norms)
            got = sql_case_and_fee_facts(session, start, end, ref, deadline, norms)
        assert got == want, f"seed {seed} ({engine}): {[k for k in want if got[k] != want[k]]}"
        seen.update(k for k, v in want.items() if v)
    # the generator reaches every fact (a comparison of zeros proves nothing)
    assert set(seen) == set(want), set(want) - set(seen)
    assert min(seen.values()) >= 3, seen


def test_task_session_summaries_equal_the_sessions_themselves(database):
    """``plans.tasks`` reads per task the count and the two latest dates (by today and at all) instead of every
    linked session: they equal what the whole list gives (``task_done`` needs only those two dates)."""
    engine, db = database
    for seed in range(30 if engine == "sqlite" else 10):
        rng = random.Random(seed)
        today = _day(rng, date(2026, 6, 30), 200)
        with db.transaction() as session:
            for model in (DisseminationSessionRow, PlanTaskRow, PlanRow):
                session.execute(delete(model))
            session.execute(insert(PlanRow), [_row(PlanRow.__table__, id="plan", year=today.year)])
            tasks = [f"task-{i}" for i in range(rng.randint(1, 8))]
            session.execute(
                insert(PlanTaskRow), [_row(PlanTaskRow.__table__, id=t, plan_id="plan") for t in tasks]
            )
            sessions = [
                _row(
                    DisseminationSessionRow.__table__,
                    id=f"s-{i}",
                    plan_task_id=rng.choice([*tasks, None]),
                    held_on=rng.choice([today, _day(rng, today, 60)]),
                    deleted_at=_maybe(rng, 0.15, NOW),
                )
                for i in range(rng.randint(0, 40))
            ]
            if sessions:
                session.execute(insert(DisseminationSessionRow), sessions)
        asked = [*tasks, "no-such-task"]
        with db.read() as session:
            held = dissemination_session_repo.sessions_of_tasks(session, asked)
            got = facts_sql.task_sessions(session, asked, today)
        want = {
            t: facts_sql.TaskSessions(
                len(days), max(days, default=None), max((d for d in days if d <= today), default=None)
            )
            for t, days in held.items()
        }
        assert got == want, f"seed {seed} ({engine})"
