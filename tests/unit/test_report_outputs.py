"""The default output folder does not grow with every click (issue #21 §3): a document made again for the same
year and period overwrites its file, the copy it replaced is kept once as ``….prev.pdf``, and a failed
generation leaves both untouched and no temporary file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgdpl_desktop.services.reports import service as report_service
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.helpers.pdf import pdf_pages, pdf_text


def test_same_document_and_period_overwrites_and_keeps_one_previous_copy(demo_services, monkeypatch) -> None:
    reports = demo_services.reports
    request = ReportRequest("periodic", 2026, period="h1")
    first = reports.generate(request)
    first_bytes = first.path.read_bytes()
    folder = first.path.parent
    assert first.path.name == "periodic-2026-h1.pdf"

    second = reports.generate(request)
    assert second.path == first.path
    previous = folder / "periodic-2026-h1.prev.pdf"
    assert previous.read_bytes() == first_bytes
    second_bytes = second.path.read_bytes()

    reports.generate(request)
    assert previous.read_bytes() == second_bytes  # kept once: the older previous copy is gone
    assert "BÁO CÁO" in pdf_text(second.path) and pdf_pages(second.path) >= 1
    other = reports.generate(ReportRequest("periodic", 2026, period="year"))
    assert other.path.name == "periodic-2026-year.pdf"
    files = sorted(p.name for p in folder.iterdir() if p.suffix == ".pdf")
    assert files == ["periodic-2026-h1.pdf", "periodic-2026-h1.prev.pdf", "periodic-2026-year.pdf"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".~")]
    assert [o.path.name for o in reports.recent()] == ["periodic-2026-year.pdf", "periodic-2026-h1.pdf"]

    def broken(data, target: str) -> None:
        Path(target).write_bytes(b"half a pdf")
        raise OSError("disk gone")

    monkeypatch.setitem(report_service.RENDERERS, "periodic", broken)
    current = second.path.read_bytes()
    kept = previous.read_bytes()
    with pytest.raises(OSError):
        reports.generate(request)
    assert second.path.read_bytes() == current and previous.read_bytes() == kept
    assert not [p for p in folder.iterdir() if p.name.startswith(".~")]


def test_a_file_the_clerk_named_is_written_as_asked_without_a_previous_copy(demo_services, tmp_path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    target = chosen / "bao-cao.pdf"
    request = ReportRequest("periodic", 2026, target=target)
    demo_services.reports.generate(request)
    demo_services.reports.generate(request)
    assert sorted(p.name for p in chosen.iterdir()) == ["bao-cao.pdf"]
