"""The print dialog and the print preview on a real X11 server (Xvfb): "In…" used to crash (#12 §3);
here both open window-modal on xcb, and OK in the print dialog prints every page into a PDF file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.helpers.pdf import pdf_pages
from tests.helpers.xserver import x11_env, x_display

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_print_dialog_and_preview_open_and_print_on_x11(demo_services, tmp_path):
    document = demo_services.reports.generate(
        ReportRequest("periodic", 2026, target=tmp_path / "bc.pdf")
    ).path
    printed = tmp_path / "in.pdf"
    with x_display() as display:
        result = subprocess.run(
            [sys.executable, "-m", "tests.desk.print_probe", str(document), str(printed)],
            cwd=ROOT,
            env=x11_env(display, PYTHONFAULTHANDLER="1"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    pages = pdf_pages(document)
    assert f"PRINT_DIALOG visible=True pages=1-{pages}" in result.stdout, report
    assert "PRINT_PREVIEW visible=True" in result.stdout, report
    assert pdf_pages(printed) == pages
