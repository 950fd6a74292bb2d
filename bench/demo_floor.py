"""The floor of bench/demo.py: the demo's rows written with the standard library only (so that a fresh
process running it imports nothing of the app)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path


def floor_run(
    template: Path, target: Path, rows: dict[str, tuple[list[str], list[tuple]]]
) -> tuple[float, float]:
    """(wall, CPU) seconds to write ``rows`` into a copy of ``template`` in one transaction."""
    shutil.copyfile(template, target)
    t0, c0 = time.perf_counter(), time.process_time()
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
    return time.perf_counter() - t0, time.process_time() - c0
