"""A real X11 screen for the tests that must see what a clerk sees (window sizes, freezes, printing dialogs).

The offscreen platform has no screen size, so a window twice too wide passes there. ``x_display()`` starts
Xvfb with a 1366×768 screen (the most common office laptop) and returns its DISPLAY; the app under test is
started in a subprocess with ``QT_QPA_PLATFORM=xcb`` and that DISPLAY (one process cannot switch platforms).

Xvfb is a Debian package (``xvfb``); `.ci/run` installs it. Locally a missing Xvfb skips these tests; under
CI (``CI`` set) it fails them, so CI can never pass without having looked.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

SCREEN = (1366, 768)
START_TIMEOUT_S = 20


def xvfb_missing() -> str | None:
    """Why no X server can be started here, or None."""
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (Debian package xvfb)"
    return None


def require_xvfb() -> None:
    reason = xvfb_missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the X11 tests")
    pytest.skip(reason)


@contextmanager
def x_display(width: int = SCREEN[0], height: int = SCREEN[1]) -> Iterator[str]:
    """Start Xvfb on a free display number (``-displayfd``: it writes the number once it accepts clients,
    so there is nothing to sleep on) and yield ``":N"``; the server is stopped on exit."""
    require_xvfb()
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        ready, _, _ = select.select([read_fd], [], [], START_TIMEOUT_S)
        number = os.read(read_fd, 32).decode().strip() if ready else ""
        if not number:
            raise RuntimeError(f"Xvfb did not start within {START_TIMEOUT_S} s")
        yield f":{number}"
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def x11_env(display: str, *, scale: float = 1.0, **extra: str) -> dict[str, str]:
    """The environment of an app subprocess on ``display`` at Qt scale ``scale``."""
    env = dict(os.environ)
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=str(scale), **extra)
    env.pop("WAYLAND_DISPLAY", None)
    return env
