"""Benchmark: score one year of a ward with 100,000 records (facts collection + engine).

Builds the demo ward through the services (seed 2026, today = 30/11/2026), then multiplies the current
year's rows with raw SQL until the year holds 100,000 records: 30,000 dissemination sessions, 30,000
mediation cases, 20,000 expenditures, 10,000 ward VBQPPL and 10,000 information requests. Prints the
median time of (a) collecting the facts (the module services the ruleset reads + the registers + ceilings), (b) the
engine alone, (c) both together (``AssessmentService.compute``), beside a floor measured in the same run:
the same facts computed by raw sqlite3 — the very statements the facts collection ran (recorded from the
app, so the floor follows the app: since #17 §4 they are the SQL aggregates of ``persistence/repos/facts_sql``,
``groups_between`` and the registers' counts), replayed and every row fetched, alternated with the app.
Targets: (c) ≤ 0.3 s at 100k records, ≤ 2 s at 1M; facts ≤ 1.5× the floor.

Run: ``python bench/scoring.py [--records 100000] [--repeat 5] [--cache /tmp/scoring-100k.db]``
(``--cache``: the multiplied database is built once into that file and copied from it on later runs: 1M
records take minutes to build.)
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout, not an installed copy

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.scoring import score
from pbgdpl_desktop.services.assessment.facts import FactCollector
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.demo import build_demo
from pbgdpl_desktop.services.registry import open_services

YEAR = 2026
SHARES = {  # table: (year column or date column, share of the records)
    "dissemination_session": ("held_on", 0.30),
    "mediation_case": ("received_on", 0.30),
    "expenditure": ("spent_on", 0.20),
    "ward_legal_document": ("year", 0.10),
    "info_request": ("year", 0.10),
}


def _where(column: str) -> str:
    if column == "year":
        return f"year = {YEAR} AND deleted_at IS NULL"
    return f"{column} BETWEEN '{YEAR}-01-01' AND '{YEAR}-12-31' AND deleted_at IS NULL"


def multiply(db: Path, records: int) -> dict[str, int]:
    counts = {}
    with closing(sqlite3.connect(db)) as con:
        for table, (column, share) in SHARES.items():
            target = int(records * share)
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            shifted = (
                "change_seq",
                "case_number",
            )  # unique (per table / per team and year): moved past the max
            select = ", ".join(
                "lower(hex(randomblob(16)))"
                if c == "id"
                else f'"{c}" + (SELECT max("{c}") FROM {table})'
                if c in shifted
                else f'"{c}"'
                for c in cols
            )
            names = ", ".join(f'"{c}"' for c in cols)
            have = con.execute(f"SELECT count(*) FROM {table} WHERE {_where(column)}").fetchone()[0]
            if have == 0:
                raise SystemExit(f"the demo has no {table} rows in {YEAR}: nothing to multiply")
            while have < target:
                con.execute(
                    f"INSERT INTO {table} ({names}) SELECT {select} FROM {table} WHERE {_where(column)} "
                    f"LIMIT {target - have}"
                )
                have = con.execute(f"SELECT count(*) FROM {table} WHERE {_where(column)}").fetchone()[0]
            counts[table] = have
        con.commit()
    return counts


def year_counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as con:
        return {
            table: con.execute(f"SELECT count(*) FROM {table} WHERE {_where(column)}").fetchone()[0]
            for table, (column, _) in SHARES.items()
        }


def record_sql(fn: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SELECT statements (with their parameters) ``fn`` runs through SQLAlchemy, in order."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[tuple[str, Any]] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(Engine, "before_cursor_execute", listener)
    return seen


def floor(db: Path, statements: list[tuple[str, Any]]) -> None:
    """The same work at the driver: the very SQL the facts collection ran, replayed through raw sqlite3 and
    every row fetched (no ORM, no Python facts code)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
        for statement, parameters in statements:
            con.execute(statement, parameters).fetchall()


def alternate(repeat: int, app: Callable[[], object], floor_fn: Callable[[], object]) -> tuple[float, float]:
    """Medians of app and floor, run in turns (the order swapped every repetition)."""
    times: dict[str, list[float]] = {"app": [], "floor": []}
    for i in range(repeat):
        order = [("app", app), ("floor", floor_fn)]
        for name, fn in order if i % 2 == 0 else reversed(order):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["app"]), statistics.median(times["floor"])


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="build the database once into this file, then copy it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = RuntimePaths(Path(tmp), Path(tmp) / "bench.db")
        clock = FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))
        t0 = time.perf_counter()
        if args.cache is not None and args.cache.exists():
            shutil.copyfile(args.cache, paths.db_path)
            counts = year_counts(paths.db_path)
            how = f"copied from {args.cache}"
        else:
            services = open_services(paths, clock=clock)
            build_demo(services, seed=2026)
            services.ctx.db.close()
            counts = multiply(paths.db_path, args.records)
            how = "demo + multiply"
            if args.cache is not None:
                shutil.copyfile(paths.db_path, args.cache)
        print(
            f"setup: {how} in {time.perf_counter() - t0:.1f} s; rows in {YEAR}: "
            + ", ".join(f"{t} {n:,}" for t, n in counts.items())
            + f" (total {sum(counts.values()):,})"
        )
        services = open_services(paths, clock=clock)
        try:
            a = services.assessment
            collector = FactCollector(
                services.ctx,
                dissemination=services.dissemination,
                mediation=services.mediation,
                finance=services.finance,
                rates=services.finance.catalogue,
            )
            rs, cal, manual = (
                a.records.ruleset_of(YEAR),
                services.holidays.calendar(),
                a.records.manual_values(YEAR),
            )
            facts = a.scoring.facts(YEAR, rs)
            statements = record_sql(lambda: a.scoring.facts(YEAR, rs))
            t_facts, t_floor = alternate(
                args.repeat, lambda: a.scoring.facts(YEAR, rs), lambda: floor(paths.db_path, statements)
            )
            parts = {
                name: median_time(fn, 1)
                for name, fn in (
                    ("dissemination.facts", lambda: services.dissemination.facts(YEAR)),
                    ("mediation.facts", lambda: services.mediation.facts(YEAR)),
                    ("registers (this module)", lambda: collector.register_facts(YEAR)),
                )
            }
            t_engine = median_time(lambda: score(rs, YEAR, facts, manual, cal), args.repeat * 20)
            results = []
            t_total = median_time(lambda: results.append(a.scoring.compute(YEAR)), args.repeat)
            verdict = results[-1].verdict.label
        finally:
            services.ctx.db.close()
    print(f"floor (the same {len(statements)} SELECTs replayed by raw sqlite3): {t_floor * 1000:8.1f} ms")
    for name, seconds in parts.items():
        print(f"  facts by module — {name + ':':<27}  {seconds * 1000:8.1f} ms (one call)")
    print(
        f"facts collection (modules the ruleset reads):      {t_facts * 1000:8.1f} ms  "
        f"({t_facts / t_floor:.2f}× floor; target ≤ 1.5×)"
    )
    print(
        f"engine alone ({rs.id}, {sum(1 for _ in rs.nodes())} nodes):             {t_engine * 1000:8.2f} ms"
    )
    target = 0.3 if args.records <= 100_000 else 2.0  # #17: 100k records ≤ 0.3 s, 1M ≤ 2 s
    print(
        f"compute(year) = facts + engine:                     {t_total * 1000:8.1f} ms  "
        f"({t_total / t_floor:.1f}× floor; target ≤ {target * 1000:.0f} ms: "
        f"{'OK' if t_total <= target else 'OVER'}) — {verdict}"
    )


if __name__ == "__main__":
    main()
