"""A whole working day without a restart (issue #21 §4): one process, the real main window over the demo
ward, the REAL threaded task runner, on a real X11 server (Xvfb), at least 300 cycles of a clerk's 14
actions (tests/desk/soak_actions.py). Fails on any exception or error shown, a crash, a hang (the app's
watchdog dumps every thread's stack and exits; this test's own timeout sends SIGABRT, which
PYTHONFAULTHANDLER turns into a dump too), live widgets or QObjects growing after the warm-up, or memory
growing by more than ``PBGDPL_SOAK_MAX_MIB`` (default 4) MiB per 100 cycles after the warm-up.

``PBGDPL_SOAK_CYCLES`` sets the cycles (default 300, CI's run; at least 300 counts as the soak). The figures
— RSS, widgets, QObjects, ms per cycle at 0, 100 (end of warm-up), 200, 300… and the growth per 100
cycles after the warm-up — are printed into the test log. The run takes minutes: pytest's own faulthandler
timeout is replaced by this test's watchdogs."""

from __future__ import annotations

import faulthandler
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desk.soak_app import WARMUP
from tests.helpers.xserver import x11_env, x_display

ROOT = Path(__file__).resolve().parents[2]
SECONDS_PER_CYCLE_MAX = 6  # the test's own timeout (the app's watchdog catches a hang much sooner)
WATCHDOG_S = 90  # one action (or a wait for its background task) longer than this is a hang
OBJECT_SLACK = 5  # live widgets/QObjects may differ this much between cycles (the current page's state)


@pytest.mark.slow
def test_a_working_day_without_a_restart(_demo_template_db, data_dir, capsys):
    faulthandler.cancel_dump_traceback_later()  # pytest's 300 s dump: this run has its own watchdogs
    cycles = int(os.environ.get("PBGDPL_SOAK_CYCLES", "300"))
    max_mib = float(os.environ.get("PBGDPL_SOAK_MAX_MIB", "4"))
    db = data_dir / "soak.db"
    shutil.copyfile(_demo_template_db, db)
    args = [sys.executable, "-m", "tests.desk.soak_app", "--db", str(db), "--data-dir", str(data_dir)]
    args += ["--cycles", str(cycles), "--watchdog", str(WATCHDOG_S)]
    with x_display() as display:
        env = x11_env(display, PYTHONFAULTHANDLER="1")
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            out, err = proc.communicate(timeout=120 + cycles * SECONDS_PER_CYCLE_MAX)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
            out, err = proc.communicate(timeout=60)
            pytest.fail(f"the soak run hung:\n{out[-3000:]}\n{err[-12000:]}")
    lines = [line for line in out.splitlines() if line.startswith("SOAK")]
    with capsys.disabled():
        print("\n" + "\n".join(lines), flush=True)
    assert proc.returncode == 0, f"soak run failed (exit {proc.returncode}):\n{out[-3000:]}\n{err[-12000:]}"
    result = json.loads(next(line for line in lines if line.startswith("SOAK_RESULT ")).split(" ", 1)[1])
    samples = {int(cycle): row for cycle, row in result["samples"].items()}
    assert max(samples) == cycles
    warm = samples[min(WARMUP, cycles)]
    for cycle, row in samples.items():
        if cycle >= min(WARMUP, cycles):
            for key in ("widgets", "qobjects", "wrappers"):
                assert row[key] <= warm[key] + OBJECT_SLACK, (key, cycle, samples)
    growth = result["growth_per_100"]
    assert growth["rss_mib"] <= max_mib, f"memory grows by {growth['rss_mib']} MiB per 100 cycles: {samples}"
