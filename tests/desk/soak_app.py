"""The soak run (issue #21 §4), one process: the real main window over the demo ward with the REAL threaded
TaskRunner, driven through cycles of a clerk's actions from inside the Qt event loop (``app.exec()``, so
``deleteLater`` and queued work run as in the app). Started by tests/desk/test_soak.py in a subprocess on an
Xvfb display; usable by hand::

    python -m tests.desk.soak_app --db demo.db --data-dir DIR --cycles 2000

One cycle, 14 actions (tests/desk/soak_actions.py): every page of the navigation (8); the new-session dialog
filled, then saved (every 10th cycle) or closed unsaved; the case dialog opened and closed; a search in the
sessions and one in the cases; a year switch on the overview (figures and charts rebuilt); one report (the
6-month report, into the default output folder) generated through the task runner and previewed.

It prints a ``SOAK`` line at cycle 0, at the end of the warm-up (cycle 100) and every 100 cycles (RSS, live
widgets, QObjects reachable from the windows, live QObject wrappers, ms per cycle), then ``SOAK_RESULT``
with the growth per 100 cycles after the warm-up, and exits 0 — or non-zero on an exception, an error
shown to the clerk, or a hang (the watchdog dumps every thread's stack with faulthandler and exits)."""

from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import sys
import time
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.ui.application import get_application
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.messages import FakeMessages
from pbgdpl_desktop.ui.tasks import TaskRunner
from tests.desk.soak_actions import IDLE, clerk_cycle

WARMUP = 100
REPORT_EVERY = 100
TODAY = datetime(2026, 11, 30, 3, tzinfo=UTC)  # the demo ward's "today" (tests/conftest.py)


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class Soak:
    def __init__(self, db: Path, data_dir: Path, cycles: int, watchdog_s: float) -> None:
        self.app = get_application()
        self.services = open_services(RuntimePaths(data_dir, db), clock=FixedClock(TODAY))
        self.messages = FakeMessages()
        self.runner = TaskRunner(self.messages)  # the real threaded runner
        ui = UiContext(
            services=self.services,
            messages=self.messages,
            tasks=self.runner,
            paths=RuntimePaths(data_dir, db),
        )
        self.window = MainWindow(ui)
        self.cycles, self.watchdog_s = cycles, watchdog_s
        self.failures: list[str] = []
        self.samples: dict[int, dict[str, float]] = {}
        self._clock = (time.perf_counter(), 0)
        self._steps = self.steps()
        self._wait = False

    # ------------------------------------------------------------------ measuring
    def qobjects_from_windows(self) -> int:
        seen: set[int] = set()
        for top in [*QApplication.topLevelWidgets(), self.app, self.runner]:
            seen.add(id(top))
            seen.update(id(o) for o in top.findChildren(QObject))
        return len(seen)

    @staticmethod
    def live_wrappers() -> int:
        """QObjects Python still holds a live wrapper of, wherever they are (orphans included)."""
        return sum(1 for o in gc.get_objects() if isinstance(o, QObject) and shiboken6.isValid(o))

    def sample(self, cycle: int) -> None:
        now = time.perf_counter()
        since, at = self._clock
        ms = (now - since) * 1000 / (cycle - at) if cycle > at else 0.0
        self._clock = (now, cycle)
        gc.collect()
        row = {
            "rss_mib": round(rss_mib(), 1),
            "widgets": len(QApplication.allWidgets()),
            "qobjects": self.qobjects_from_windows(),
            "wrappers": self.live_wrappers(),
            "ms_per_cycle": round(ms),
        }
        self.samples[cycle] = row
        print(f"SOAK cycle={cycle} " + " ".join(f"{k}={v}" for k, v in row.items()), flush=True)
        self._clock = (time.perf_counter(), cycle)  # the sampling itself is not a clerk's time

    # ------------------------------------------------------------------ driving
    def steps(self) -> Iterator[str | None]:
        for cycle in range(self.cycles + 1):
            yield from clerk_cycle(self.window, cycle)
            yield IDLE
            if self.messages.texts("error"):
                raise AssertionError(f"an error was shown to the clerk: {self.messages.texts('error')}")
            if cycle in (0, WARMUP) or cycle % REPORT_EVERY == 0 or cycle == self.cycles:
                self.sample(cycle)

    def pump(self) -> None:
        """One step, then back to the event loop; after ``yield IDLE`` the next step once no task is pending.
        The watchdog is re-armed on every step: a step (or a wait) longer than it dumps every thread's stack
        and ends the process."""
        faulthandler.dump_traceback_later(self.watchdog_s, exit=True)
        if self._wait and self.runner.pending:
            QTimer.singleShot(2, self.pump)
            return
        try:
            self._wait = next(self._steps) == IDLE
        except StopIteration:
            self.app.exit(0)
            return
        except BaseException:  # noqa: BLE001 - reported, and the run fails
            self.failures.append(traceback.format_exc())
            self.app.exit(2)
            return
        QTimer.singleShot(0, self.pump)

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: Any) -> None:
        """An exception in a slot or a task's callback fails the run."""
        self.failures.append("".join(traceback.format_exception(kind, value, tb)))
        self.app.exit(2)

    def run(self) -> int:
        sys.excepthook = self.excepthook
        faulthandler.enable()
        self.window.show_on_desk()
        QTimer.singleShot(0, self.pump)
        code = self.app.exec()
        faulthandler.cancel_dump_traceback_later()
        self.runner.wait()
        for failure in self.failures:
            print(failure, file=sys.stderr, flush=True)
        if code or self.failures:
            return code or 2
        base = WARMUP if self.cycles >= WARMUP else 0
        warm, last = self.samples[base], self.samples[self.cycles]
        span = max(1, self.cycles - base)
        keys = ("rss_mib", "widgets", "qobjects", "wrappers")
        growth = {k: round((last[k] - warm[k]) * 100 / span, 2) for k in keys}
        print("SOAK_RESULT " + json.dumps({"samples": self.samples, "growth_per_100": growth}), flush=True)
        self.window.close()
        self.services.ctx.db.close()
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--watchdog", type=float, default=60.0, help="seconds one step may take")
    args = parser.parse_args(argv)
    return Soak(args.db, args.data_dir, args.cycles, args.watchdog).run()


if __name__ == "__main__":
    sys.exit(main())
