"""Bench: what the audit trail (issue #15) adds to a clerk's save.

Saves K mediation cases (two parties, three mediators: one case row, two party rows and three links per save)
through the real services, once with the audit hooks registered (the app) and once with them removed for the
duration (the floor: the same services, the same SQL, no trail), alternated in the same run, R repetitions on
fresh copies of one migrated database. Prints the median time per save of each, and the ratio.

    python bench/audit_overhead.py [--saves 50] [--reps 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pbgdpl_desktop.persistence import audit
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from tests.builders import case_input, staffed_team

HOOKS = audit.HOOKS


@contextmanager
def without_trail():
    for name, fn in HOOKS:
        event.remove(Session, name, fn)
    try:
        yield
    finally:
        for name, fn in HOOKS:
            event.listen(Session, name, fn)


def run_once(template: Path, saves: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        paths = RuntimePaths(Path(tmp), Path(tmp) / "b.db")
        shutil.copyfile(template, paths.db_path)
        services = open_services(paths)
        try:
            team, ids = staffed_team(services)
            start = time.perf_counter()
            for i in range(saves):
                services.mediation.cases.save(case_input(team.id, ids, received_on=date(2026, 1, 1 + i % 28)))
            return (time.perf_counter() - start) / saves
        finally:
            services.ctx.db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = RuntimePaths(Path(tmp), Path(tmp) / "template.db")
        open_services(paths).ctx.db.close()
        app, floor = [], []
        for _ in range(args.reps):
            app.append(run_once(paths.db_path, args.saves))
            with without_trail():
                floor.append(run_once(paths.db_path, args.saves))
    a, f = statistics.median(app), statistics.median(floor)
    print(f"save of one case (6 rows), median of {args.reps} runs of {args.saves} saves")
    print(f"app (with audit trail): {a * 1000:.2f} ms")
    print(f"floor (no trail):       {f * 1000:.2f} ms")
    print(f"ratio: {a / f:.2f}")


if __name__ == "__main__":
    main()
