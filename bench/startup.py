#!/usr/bin/env python3
"""What the clerk waits for at launch, each beside a floor doing the same work, alternated in the same run.

Every figure is the wall time from starting a fresh process (``python -m pbgdpl_desktop …``) to the moment
its output says the work is done, measured by this parent process; app and floor are started the same way
and alternate run by run (``--runs`` ≥ 5), so imports and interpreter start are in both.

- first painted main window on the demo database (``PBGDPL_PAINT_PROBE=paint``: an event filter on the
  window's first Paint event prints a line) vs a bare ``QApplication`` + ``QMainWindow`` with the same probe;
- the overview's figures shown (cards and charts: ``PBGDPL_FIGURES``), the overview filled (the verdict and
  the reminders shown too — remembered from the last computation when nothing changed since, or computed:
  ``PBGDPL_OVERVIEW``) and the recomputed verdict shown (this run's computation, no task left:
  ``PBGDPL_RECOMPUTED``; ``PBGDPL_PAINT_PROBE=overview``) vs the same bare window (target ≤ 1.0 s). The
  first start in the bench's data directory computes the verdict and remembers it; the others find it;
- ``pbgdpl-desktop --help`` vs a process that builds an argparse parser and prints its help (target ≤ 0.25 s);
- ``score --year 2026`` on the demo vs a process that imports SQLAlchemy's ORM and replays the SQL the
  command ran (recorded from the app in this run) through raw sqlite3 (target ≤ 2×).

Beside each wall time the bench prints the process's CPU time (all its threads, read from ``/proc`` when the
marker arrives, or at exit; Linux only, "-" elsewhere): on a busy shared machine the wall times swell with the
load while the CPU times stay comparable from one hour to the next.

The app's modules are byte-compiled first (``compileall``), as in an installed copy (pip writes the bytecode
of the packages it installs; the frozen build keeps it in its archive): a checkout run with
``PYTHONDONTWRITEBYTECODE=1`` — as on the machines here — would otherwise compile some 100 modules from source
on every start (≈ 0.3–0.9 s), which no clerk pays and the floors (byte-compiled site-packages) do not pay either.

    python bench/startup.py [--runs 5] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2026

BARE_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Watch(QObject):
        done = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, lambda: (print("PBGDPL_PAINTED", flush=True), app.quit()))
            return False

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("floor")
    watch = Watch(window)
    window.installEventFilter(watch)
    window.showMaximized()
    app.exec()
""")
HELP_FLOOR = textwrap.dedent("""
    import argparse
    p = argparse.ArgumentParser(prog="floor", description="the same kind of parser, printing its help")
    sub = p.add_subparsers()
    for name in ("demo", "selftest", "check", "backup", "restore", "score", "report", "sync-export"):
        s = sub.add_parser(name, help=name)
        s.add_argument("--db"); s.add_argument("--year", type=int)
    p.parse_args(["--help"])
""")
RECORD_SQL = textwrap.dedent("""
    import json, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    statements = []

    @event.listens_for(Engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany):
        statements.append([statement, list(parameters) if isinstance(parameters, (tuple, list)) else parameters])

    from pbgdpl_desktop.app import main
    code = main(sys.argv[2:])
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        json.dump(statements, fh, default=str)
    sys.exit(code)
""")
SQL_FLOOR = textwrap.dedent("""
    import json, sqlite3, sys
    import sqlalchemy.orm  # the app's figure includes importing the ORM: so does the floor
    statements = json.load(open(sys.argv[1], encoding="utf-8"))
    con = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
    for statement, params in statements:
        if statement.lstrip().upper().startswith(("SELECT", "WITH", "PRAGMA")):
            con.execute(statement, params).fetchall()
    con.close()
    print("done")
""")


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (all threads), NaN where /proc is not available."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / TICK


def timed(cmd: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """(wall, CPU) seconds from starting ``cmd`` to the line holding ``marker`` on its stdout ("": to its exit)."""
    children_cpu = 0.0
    if resource is not None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        children_cpu = before.ru_utime + before.ru_stime
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    elapsed = None
    cpu = math.nan
    if marker:
        for line in proc.stdout:
            if marker in line:
                elapsed = time.perf_counter() - t0
                cpu = cpu_seconds(proc.pid)
                break
    _, err = proc.communicate(timeout=300)
    if not marker and resource is not None:  # the children's CPU times grow by this one's once it is reaped
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - children_cpu
    if elapsed is None:
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0 or marker:
            raise SystemExit(f"{' '.join(cmd[:4])}… failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, cpu


Timing = tuple[float, float, float, float]  # app wall, floor wall, app CPU, floor CPU (medians)


def alternate(
    runs: int, app: Callable[[], tuple[float, float]], floor: Callable[[], tuple[float, float]]
) -> Timing:
    app_times: list[tuple[float, float]] = []
    floor_times: list[tuple[float, float]] = []
    for i in range(runs):
        pair = [(app, app_times), (floor, floor_times)]
        for fn, out in pair if i % 2 == 0 else reversed(pair):
            out.append(fn())
    return (
        statistics.median(w for w, _ in app_times),
        statistics.median(w for w, _ in floor_times),
        statistics.median(c for _, c in app_times),
        statistics.median(c for _, c in floor_times),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the windows")
    args = parser.parse_args()
    py = sys.executable
    compiled = subprocess.run(
        [py, "-m", "compileall", "-q", str(ROOT / "pbgdpl_desktop")], capture_output=True, check=False
    )
    print("(the app's modules byte-compiled)" if compiled.returncode == 0 else "(compileall failed)")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": args.platform,
            "PBGDPL_DATA_DIR": str(data),
            "HOME": str(data),
            "XDG_CONFIG_HOME": str(data / "config"),
            "PYTHONPATH": str(ROOT),
        }
        env.pop("PBGDPL_QUIT_WHEN_SHOWN", None)
        demo = data / "demo.db"
        base = [py, "-m", "pbgdpl_desktop", "--data-dir", str(data), "--db", str(demo)]
        t0 = time.perf_counter()
        subprocess.run([*base, "demo"], env=env, check=True, capture_output=True, cwd=ROOT)
        print(f"(demo ward created in {time.perf_counter() - t0:.2f} s)")
        sql_log = data / "score-sql.json"
        subprocess.run(
            [py, "-c", RECORD_SQL, str(sql_log), *base[3:], "score", "--year", str(YEAR)],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        n_sql = len(json.loads(sql_log.read_text(encoding="utf-8")))

        paint_env = {**env, "PBGDPL_PAINT_PROBE": "paint"}
        overview_env = {**env, "PBGDPL_PAINT_PROBE": "overview"}
        rows = [
            (
                "first painted main window (demo db)",
                *alternate(
                    args.runs,
                    lambda: timed(base, paint_env, "PBGDPL_PAINTED"),
                    lambda: timed([py, "-c", BARE_WINDOW], env, "PBGDPL_PAINTED"),
                ),
                "≤ 3×",
            ),
            (
                "overview figures shown (demo db)",
                *alternate(
                    args.runs,
                    lambda: timed(base, overview_env, "PBGDPL_FIGURES"),
                    lambda: timed([py, "-c", BARE_WINDOW], env, "PBGDPL_PAINTED"),
                ),
                "≤ 1.0 s",
            ),
            (
                "overview filled (demo db)",
                *alternate(
                    args.runs,
                    lambda: timed(base, overview_env, "PBGDPL_OVERVIEW"),
                    lambda: timed([py, "-c", BARE_WINDOW], env, "PBGDPL_PAINTED"),
                ),
                "≤ 1.0 s",
            ),
            (
                "recomputed verdict shown (demo db)",
                *alternate(
                    args.runs,
                    lambda: timed(base, overview_env, "PBGDPL_RECOMPUTED"),
                    lambda: timed([py, "-c", BARE_WINDOW], env, "PBGDPL_PAINTED"),
                ),
                "",
            ),
            (
                "pbgdpl-desktop --help",
                *alternate(
                    args.runs,
                    lambda: timed([py, "-m", "pbgdpl_desktop", "--help"], env, ""),
                    lambda: timed([py, "-c", HELP_FLOOR], env, ""),
                ),
                "≤ 0.25 s",
            ),
            (
                f"score --year {YEAR} (demo db; floor: ORM import + {n_sql} SQL)",
                *alternate(
                    args.runs,
                    lambda: timed([*base, "score", "--year", str(YEAR)], env, ""),
                    lambda: timed([py, "-c", SQL_FLOOR, str(sql_log), str(demo)], env, ""),
                ),
                "≤ 2×",
            ),
        ]
    print(
        f"{'what':58} {'app':>8} {'floor':>8} {'ratio':>6}  {'CPU: app':>9} {'floor':>7} {'ratio':>6}  target"
    )
    for label, app_s, floor_s, app_cpu, floor_cpu, target in rows:
        print(
            f"{label:58} {app_s:7.3f}s {floor_s:7.3f}s {app_s / floor_s:5.2f}×  "
            f"{app_cpu:8.3f}s {floor_cpu:6.3f}s {app_cpu / floor_cpu:5.2f}×  {target}"
        )
    print(
        f"medians of {args.runs} alternated runs, platform {args.platform}, Python {sys.version.split()[0]}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
