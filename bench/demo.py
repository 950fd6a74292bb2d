#!/usr/bin/env python3
"""Creating the demo ward (``pbgdpl-desktop demo``, ``--demo``): the app's ``build_demo`` through the services
vs a raw sqlite3 floor writing the very rows the app wrote (every table, one transaction, the same
``synchronous=FULL`` WAL file), alternated in the same process on copies of one freshly migrated database.
Target: ≤ 2 s.

    python bench/demo.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.demo import build_demo
from pbgdpl_desktop.services.registry import open_services

CLOCK = FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))


def app_run(template: Path, data: Path) -> float:
    paths = RuntimePaths(data, data / "demo.db")
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, paths.db_path)
    services = open_services(paths, clock=CLOCK)
    try:
        t0 = time.perf_counter()
        build_demo(services, seed=2026)
        return time.perf_counter() - t0
    finally:
        services.ctx.db.close()


def rows_of(db: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    with closing(sqlite3.connect(db)) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: (
                [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')],
                con.execute(f'SELECT * FROM "{t}"').fetchall(),
            )
            for t in tables
        }


def floor_run(template: Path, target: Path, rows: dict[str, tuple[list[str], list[tuple]]]) -> float:
    shutil.copyfile(template, target)
    t0 = time.perf_counter()
    with closing(sqlite3.connect(target, isolation_level=None)) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute("BEGIN IMMEDIATE")
        for table, (columns, values) in rows.items():
            if values:
                marks = ", ".join("?" * len(columns))
                con.executemany(f'INSERT OR REPLACE INTO "{table}" VALUES ({marks})', values)
        con.execute("COMMIT")
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        template = base / "template.db"
        open_services(RuntimePaths(base / "t", template), clock=CLOCK).ctx.db.close()
        app_run(template, base / "ref")
        rows = rows_of(base / "ref" / "demo.db")
        app_times, floor_times = [], []
        for i in range(args.repeat):
            runs = [
                lambda i=i: app_times.append(app_run(template, base / f"app{i}")),
                lambda i=i: floor_times.append(floor_run(template, base / f"floor{i}.db", rows)),
            ]
            for run in runs if i % 2 == 0 else reversed(runs):
                run()
    app_s, floor_s = statistics.median(app_times), statistics.median(floor_times)
    n = sum(len(v) for _, v in rows.values())
    print(f"{'what':44} {'app':>8} {'floor':>8} {'ratio':>7}  target")
    print(
        f"{'demo ward (' + f'{n:,} rows in the file)':44} {app_s:7.2f}s {floor_s:7.3f}s {app_s / floor_s:6.1f}×  ≤ 2 s"
    )
    print(
        f"medians of {args.repeat} alternated runs, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M')}"
    )


if __name__ == "__main__":
    main()
