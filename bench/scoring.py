"""Benchmark: score one year of a ward with 100,000 records (facts collection + engine).

Builds the demo ward through the services (seed 2026, today = 30/11/2026), then multiplies the current
year's rows with raw SQL until the year holds 100,000 records: 30,000 dissemination sessions, 30,000
mediation cases, 20,000 expenditures, 10,000 ward VBQPPL and 10,000 information requests. Prints the
median time of (a) collecting the facts (the module services the ruleset reads + the registers + ceilings), (b) the
engine alone, (c) both together (``AssessmentService.compute``), beside a floor measured in the same run:
raw sqlite3 aggregate queries over the same five tables. Target: (c) ≤ 0.5 s.

Run: ``python bench/scoring.py [--records 100000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

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
            select = ", ".join("lower(hex(randomblob(16)))" if c == "id" else f'"{c}"' for c in cols)
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


def floor(db: Path) -> None:
    """What any facts collection must at least do: one aggregate pass over each table's year."""
    with closing(sqlite3.connect(db)) as con:
        con.execute(
            f"SELECT count(*), sum(attendance_total), sum(attendance_women), sum(materials_count), "
            f"sum(law_day) FROM dissemination_session WHERE {_where('held_on')}"
        ).fetchone()
        con.execute(
            f"SELECT outcome, count(*), sum(started_on IS NOT NULL) FROM mediation_case "
            f"WHERE {_where('received_on')} GROUP BY outcome"
        ).fetchall()
        con.execute(
            f"SELECT category_id, source, sum(amount), count(*) FROM expenditure "
            f"WHERE {_where('spent_on')} GROUP BY category_id, source"
        ).fetchall()
        con.execute(
            f"SELECT count(*), sum(issue_date IS NOT NULL), sum(issue_date <= deadline), sum(disclosed) "
            f"FROM ward_legal_document WHERE {_where('year')}"
        ).fetchone()
        con.execute(
            f"SELECT count(*), sum(answered_on IS NOT NULL), sum(answered_on <= due_on) FROM info_request "
            f"WHERE {_where('year')}"
        ).fetchone()


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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = RuntimePaths(Path(tmp), Path(tmp) / "bench.db")
        clock = FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))
        services = open_services(paths, clock=clock)
        t0 = time.perf_counter()
        build_demo(services, seed=2026)
        services.ctx.db.close()
        counts = multiply(paths.db_path, args.records)
        print(
            f"setup: demo + multiply in {time.perf_counter() - t0:.1f} s; rows in {YEAR}: "
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
            t_floor = median_time(lambda: floor(paths.db_path), args.repeat)
            parts = {
                name: median_time(fn, 1)
                for name, fn in (
                    ("dissemination.facts", lambda: services.dissemination.facts(YEAR)),
                    ("mediation.facts", lambda: services.mediation.facts(YEAR)),
                    ("registers (this module)", lambda: collector.register_facts(YEAR)),
                )
            }
            t_facts = median_time(lambda: a.scoring.facts(YEAR, rs), args.repeat)
            t_engine = median_time(lambda: score(rs, YEAR, facts, manual, cal), args.repeat * 20)
            results = []
            t_total = median_time(lambda: results.append(a.scoring.compute(YEAR)), args.repeat)
            verdict = results[-1].verdict.label
        finally:
            services.ctx.db.close()
    print(f"floor (raw sqlite3 aggregates over the 5 tables): {t_floor * 1000:8.1f} ms")
    for name, seconds in parts.items():
        print(f"  facts by module — {name + ':':<27}  {seconds * 1000:8.1f} ms (one call)")
    print(f"facts collection (modules the ruleset reads):      {t_facts * 1000:8.1f} ms")
    print(
        f"engine alone ({rs.id}, {sum(1 for _ in rs.nodes())} nodes):             {t_engine * 1000:8.2f} ms"
    )
    print(
        f"compute(year) = facts + engine:                     {t_total * 1000:8.1f} ms  "
        f"({t_total / t_floor:.1f}× floor; target ≤ 500 ms: {'OK' if t_total <= 0.5 else 'OVER'}) — {verdict}"
    )


if __name__ == "__main__":
    main()
