"""The clerk's desk: on a real X11 screen of 1366×768 (Xvfb) with a taskbar, at Windows' 100 %, 125 % and
150 % (Qt's scale factor) and at 150 % with a larger text size, every page and every dialog of the demo ward
fits and every button of a dialog's button box is on screen (``selftest --screen``, ui/desk_check.py).

One Python process cannot switch Qt platforms and the suite runs offscreen, so each check runs the app's own
selftest in a subprocess on the Xvfb display."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from tests.helpers.xserver import SCREEN, x11_env, x_display

TIMEOUT_S = 240


@pytest.fixture(scope="module")
def display():
    with x_display() as name:
        yield name


def desk_selftest(display: str, db, data_dir, scale: float) -> subprocess.CompletedProcess:
    screen = f"{SCREEN[0]}x{SCREEN[1]}"
    where = ["--db", str(db), "--data-dir", str(data_dir)]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pbgdpl_desktop",
            "selftest",
            *where,
            "--screen",
            screen,
            "--scale",
            str(scale),
        ],
        capture_output=True,
        text=True,
        env=x11_env(display, scale=scale),
        timeout=TIMEOUT_S,
    )


def demo_copy(template, data_dir, *, font_size: int | None = None):
    db = data_dir / "desk.db"
    shutil.copyfile(template, db)
    if font_size is not None:
        services = open_services(RuntimePaths(data_dir, db))
        services.settings.set("ui.font_point_size", font_size)
        services.ctx.db.close()
    return db


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scale", "font_size"),
    [(1.0, None), (1.25, None), (1.5, None), (1.5, 14)],
    ids=["100%", "125%", "150%", "150%-14pt"],
)
def test_every_page_and_dialog_fits_1366x768(display, _demo_template_db, data_dir, scale, font_size):
    db = demo_copy(_demo_template_db, data_dir, font_size=font_size)
    result = desk_selftest(display, db, data_dir, scale)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "Tự kiểm tra: tốt" in result.stdout, report
    assert "bỏ qua" not in result.stdout, report  # every dialog was opened on the demo ward
    assert result.stdout.count("hộp thoại “") >= 24, report
    assert "trang “Cài đặt”" in result.stdout, report
