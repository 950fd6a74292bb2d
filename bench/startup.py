#!/usr/bin/env python3
"""Start-up path: create+migrate a new database and open an existing one; build the main window offscreen.

Each figure is printed beside a floor measured in the same run (raw sqlite3 creating the same schema;
a bare QApplication + QMainWindow). Medians of N runs, each in a fresh process where imports matter.

    python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD_OPEN = textwrap.dedent("""
    import sys, time
    t0 = time.perf_counter()
    from pbgdpl_desktop.persistence.db import open_database
    db = open_database(sys.argv[1]); db.close()
    print(time.perf_counter() - t0)
""")
CHILD_RAW = textwrap.dedent("""
    import sqlite3, sys, time
    t0 = time.perf_counter()
    con = sqlite3.connect(sys.argv[1]); con.executescript(open(sys.argv[2]).read()); con.commit(); con.close()
    print(time.perf_counter() - t0)
""")
CHILD_WINDOW = textwrap.dedent("""
    import sys, time
    t0 = time.perf_counter()
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.ui.application import get_application
    from pbgdpl_desktop.ui.context import UiContext
    from pbgdpl_desktop.ui.main_window import MainWindow
    from pbgdpl_desktop.ui.messages import MessageService
    from pbgdpl_desktop.ui.tasks import TaskRunner
    from pathlib import Path
    app = get_application()
    paths = RuntimePaths(Path(sys.argv[1]).parent, Path(sys.argv[1]))
    services = open_services(paths)
    messages = MessageService()
    window = MainWindow(UiContext(services, messages, TaskRunner(messages), paths))
    window.show(); app.processEvents()
    print(time.perf_counter() - t0)
""")
CHILD_BARE = textwrap.dedent("""
    import time
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()
    print(time.perf_counter() - t0)
""")


def child(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def median_of(runs: int, fn) -> float:
    return statistics.median(fn(i) for i in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # the schema the migrations make, as SQL text, for the raw floor
        ref = tmpdir / "ref.db"
        child(CHILD_OPEN, str(ref))
        import sqlite3

        con = sqlite3.connect(ref)
        schema = (
            ";\n".join(r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE sql NOT NULL")) + ";"
        )
        con.close()
        (tmpdir / "schema.sql").write_text(schema)
        create = median_of(args.runs, lambda i: child(CHILD_OPEN, str(tmpdir / f"new{i}.db")))
        create_floor = median_of(
            args.runs, lambda i: child(CHILD_RAW, str(tmpdir / f"raw{i}.db"), str(tmpdir / "schema.sql"))
        )
        reopen = median_of(args.runs, lambda i: child(CHILD_OPEN, str(tmpdir / "new0.db")))
        window = median_of(args.runs, lambda i: child(CHILD_WINDOW, str(tmpdir / "new0.db")))
        bare = median_of(args.runs, lambda i: child(CHILD_BARE))
    print(f"{'what':48} {'median':>9} {'floor':>9} {'ratio':>7}")
    for label, value, floor in (
        ("create + migrate a new database (incl. imports)", create, create_floor),
        ("open an up-to-date database (incl. imports)", reopen, create_floor),
        ("open database + main window shown (offscreen)", window, bare),
    ):
        print(f"{label:48} {value:8.3f}s {floor:8.3f}s {value / floor:6.1f}×")
    print(f"at {time.strftime('%Y-%m-%d %H:%M')}, {args.runs} runs each, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
