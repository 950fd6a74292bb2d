#!/usr/bin/env python3
"""Creating the demo ward (``pbgdpl-desktop demo``, ``--demo``): the app's ``build_demo`` through the services
vs a raw sqlite3 floor writing the very rows the app added or changed (every table, audit trail included,
one transaction, the same ``synchronous=FULL`` WAL file and indexes), alternated in the same process on
copies of one freshly migrated database. Imports are done before either clock starts, and the demo accounts'
password hashes are made once per process (#17 §5), so the first line is the demo built again in a running
process. The second line is the first build of a fresh process (``python -c``: the services opened, then
``build_demo`` timed — its lazily imported features and the two scrypt hashes included) vs the floor run
the same way (a fresh ``python -c`` importing sqlite3 and writing the same rows). Target: ≤ 2 s.

The app's modules are byte-compiled first (``compileall``), as ``bench/startup.py`` does and as in an
installed copy: with ``PYTHONDONTWRITEBYTECODE=1`` — as on the machines here — the fresh process would
otherwise compile every module the demo imports from source, which no clerk pays.

    python bench/demo.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.demo_floor import floor_run
from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.demo import build_demo
from pbgdpl_desktop.services.registry import open_services

CLOCK = FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))


def app_run(template: Path, data: Path) -> tuple[float, float]:
    paths = RuntimePaths(data, data / "demo.db")
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, paths.db_path)
    services = open_services(paths, clock=CLOCK)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        build_demo(services, seed=2026)
        return time.perf_counter() - t0, time.process_time() - c0
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


def added_rows(template: Path, built: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """The rows of ``built`` that ``template`` does not hold as they are (new or changed)."""
    before = rows_of(template)
    out = {}
    for table, (columns, values) in rows_of(built).items():
        old = set(before.get(table, ([], []))[1])
        out[table] = (columns, [v for v in values if v not in old])
    return out


APP_CHILD = """
import shutil, sys, time
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, {root!r})
from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
data = Path({data!r}); data.mkdir(parents=True, exist_ok=True)
paths = RuntimePaths(data, data / "demo.db")
shutil.copyfile({template!r}, paths.db_path)
services = open_services(paths, clock=FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC)))
t0, c0 = time.perf_counter(), time.process_time()
from pbgdpl_desktop.services.demo import build_demo
build_demo(services, seed=2026)
print(time.perf_counter() - t0, time.process_time() - c0)
services.ctx.db.close()
"""

FLOOR_CHILD = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import pickle, shutil, sqlite3, sys
sys.path.insert(0, {bench!r})
from demo_floor import floor_run
with open({rows!r}, "rb") as fh:
    rows = pickle.load(fh)
floor_run({template!r}, {target!r}, rows)
print(time.perf_counter() - t0, time.process_time() - c0)
"""


def child(code: str) -> tuple[float, float]:
    """(wall, CPU) seconds printed by a fresh ``python -c`` process."""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall, cpu = out.stdout.split()[-2:]
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root, bench = str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)
    compiled = subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(root) / "pbgdpl_desktop")],
        capture_output=True,
        check=False,
    )
    print("(the app's modules byte-compiled)" if compiled.returncode == 0 else "(compileall failed)")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        template = base / "template.db"
        open_services(RuntimePaths(base / "t", template), clock=CLOCK).ctx.db.close()
        app_run(template, base / "ref")
        rows = added_rows(template, base / "ref" / "demo.db")
        with open(base / "rows.pickle", "wb") as fh:
            pickle.dump(rows, fh)
        times: dict[str, list[tuple[float, float]]] = {
            "app": [],
            "floor": [],
            "app_cold": [],
            "floor_cold": [],
        }
        for i in range(args.repeat):
            runs = [
                lambda i=i: times["app"].append(app_run(template, base / f"app{i}")),
                lambda i=i: times["floor"].append(floor_run(template, base / f"floor{i}.db", rows)),
                lambda i=i: times["app_cold"].append(
                    child(APP_CHILD.format(root=root, data=str(base / f"cold{i}"), template=str(template)))
                ),
                lambda i=i: times["floor_cold"].append(
                    child(
                        FLOOR_CHILD.format(
                            bench=bench,
                            rows=str(base / "rows.pickle"),
                            template=str(template),
                            target=str(base / f"floor_cold{i}.db"),
                        )
                    )
                ),
            ]
            for run in runs if i % 2 == 0 else reversed(runs):
                run()
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    n = sum(len(v) for _, v in rows.values())
    print(f"{'what (wall clock; CPU time of the process)':52} {'app':>15} {'floor':>15} {'ratio':>7}  target")
    for label, app, floor in (
        (f"demo ward, built again in a process ({n:,} rows)", "app", "floor"),
        ("demo ward, first build of a fresh process", "app_cold", "floor_cold"),
    ):
        print(
            f"{label:52} {wall[app]:6.2f}s ({cpu[app]:4.2f}) {wall[floor]:6.3f}s ({cpu[floor]:4.2f})"
            f" {wall[app] / wall[floor]:6.1f}×  ≤ 2 s"
        )
    print(
        f"medians of {args.repeat} alternated runs, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M')}"
    )


if __name__ == "__main__":
    main()
