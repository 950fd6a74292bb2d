"""No freeze at start-up (issue #12 §4): the app is started again and again on a real X11 server
(Xvfb 1366×768) over the demo ward, and while the overview loads on the worker thread (and the daily
backup runs) its window is maximised, restored and resized every few milliseconds on the GUI thread
(``PBGDPL_RESIZE_WHILE_LOADING``, ui/launcher.py); it must report the loaded overview and quit each time.

A hang is caught by a watchdog, not a sleep: each start has a timeout, after which the process gets
SIGABRT and ``PYTHONFAULTHANDLER`` prints every thread's stack into the failure. ``PBGDPL_FREEZE_STARTS``
sets the number of starts (default 50, CI's run)."""

from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pbgdpl_desktop.ui.launcher import LOAD_STRESS_PROBE
from tests.helpers.xserver import x11_env, x_display

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 90


@pytest.mark.slow
def test_starts_while_resizing_and_maximising_never_freeze(_demo_template_db, tmp_path):
    faulthandler.cancel_dump_traceback_later()  # pytest's 300 s dump: each start has its own watchdog
    starts = int(os.environ.get("PBGDPL_FREEZE_STARTS", "50"))
    data = tmp_path / "app"
    data.mkdir()
    with x_display() as display:
        for start in range(starts):
            shutil.copyfile(_demo_template_db, data / "demo.db")  # the overview has a whole ward to load
            env = x11_env(
                display, PYTHONFAULTHANDLER="1", PBGDPL_DATA_DIR=str(data), **{LOAD_STRESS_PROBE: "1"}
            )
            env.pop("PBGDPL_QUIT_WHEN_SHOWN", None)
            proc = subprocess.Popen(
                [sys.executable, "-m", "pbgdpl_desktop", "--demo", "--data-dir", str(data)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                out, err = proc.communicate(timeout=START_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGABRT)  # faulthandler: every thread's stack on stderr
                out, err = proc.communicate(timeout=60)
                pytest.fail(
                    f"start {start + 1} froze (no PBGDPL_READY in {START_TIMEOUT_S} s):\n{out}\n{err[-15000:]}"
                )
            assert proc.returncode == 0, (
                f"start {start + 1} ended with {proc.returncode}:\n{out}\n{err[-15000:]}"
            )
            assert "PBGDPL_READY: tổng quan đã tải" in out, f"start {start + 1}:\n{out}\n{err[-5000:]}"
