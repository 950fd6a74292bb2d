"""Báo cáo & in ấn page: generate through the task runner, preview with QtPdf, print with QPrinter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from pbgdpl_desktop.ui.pages.reports import create_page
from tests.helpers.pdf import pdf_pages, pdf_text
from tests.helpers.qt import grab, type_text


def _has_ink(widget) -> bool:
    """Some dark pixels in the middle of the widget: the page has been rendered (text is drawn)."""
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    return any(
        image.pixelColor(x, y).lightness() < 100
        for x in range(w // 4, 3 * w // 4, 3)
        for y in range(10, h // 3, 3)
    )


def _choose(combo, key: str) -> None:
    combo.setCurrentIndex(combo.findData(key))


def test_generate_preview_print_and_recent(qtbot, demo_ui, tmp_path: Path) -> None:
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert not page.missing.isVisible()  # the demo ward profile is complete
    _choose(page.options.kind, "periodic")
    _choose(page.options.period, "h1")
    type_text(page.options.target, str(tmp_path / "báo cáo.pdf"))
    with qtbot.waitSignal(demo_ui.tasks.finished, timeout=60_000):
        page.options.generate.click()
    output = page.last_output
    assert output is not None and output.path == tmp_path / "báo cáo.pdf" and output.path.exists()
    assert page.preview.page_count == pdf_pages(output.path)
    assert page.preview.print_button.isEnabled()
    assert page.recent.count() == 1 and "6 tháng đầu năm 2026" in page.recent.item(0).text()
    qtbot.waitUntil(lambda: _has_ink(page.preview.view), timeout=10_000)  # QPdfView renders asynchronously
    grab(page, "reports_page_periodic")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.preview.print_to(printer) == page.preview.page_count
    assert pdf_pages(tmp_path / "printed.pdf") == page.preview.page_count


def test_statistics_has_no_preview_but_open_buttons(qtbot, demo_ui, tmp_path: Path) -> None:
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    assert page.options.team.count() == 1 + len(demo_ui.services.mediation.teams.all())
    _choose(page.options.kind, "case-book")
    assert page.options.team.isEnabled() and not page.options.period.isEnabled()
    page.options.team.setCurrentIndex(2)
    assert page.options.request().team_id == demo_ui.services.mediation.teams.all()[1].id
    _choose(page.options.kind, "statistics")
    assert page.options.period.isEnabled() and not page.options.certificates.isVisibleTo(page)
    assert not page.options.team.isEnabled() and page.options.request().team_id is None
    page.options.target.setText(str(tmp_path / "thong-ke.xlsx"))
    with qtbot.waitSignal(demo_ui.tasks.finished, timeout=60_000):
        page.generate()
    assert (tmp_path / "thong-ke.xlsx").exists()
    assert page.preview.page_count == 0 and not page.preview.print_button.isEnabled()
    assert page.preview.open_button.isEnabled() and "Excel" in page.preview.placeholder.text()


def test_certificates_need_names_and_bad_paths_are_explained(qtbot, ui, tmp_path: Path) -> None:
    page = create_page(ui)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.missing.isVisible() and "Hồ sơ xã/phường" in page.missing.text()
    _choose(page.options.kind, "certificates")
    assert page.options.certificates.isVisible() and not page.options.period.isEnabled()
    page.generate()
    assert ui.messages.texts("error") == ["Hãy gõ hoặc dán ít nhất một tên vào bảng."]
    _choose(page.options.source, "file")
    page.generate()
    assert ui.messages.texts("error")[-1] == "Hãy chọn tệp danh sách tên (.xlsx, .ods hoặc .csv)."
    names = tmp_path / "ds.csv"
    names.write_text("Họ và tên\nTrần Văn An\nNguyễn Thị Phương Thảo\n", encoding="utf-8")
    page.options.names.setText(str(names))
    page.options.target.setText(str(tmp_path / "khong-co" / "gcn.pdf"))
    with qtbot.waitSignal(ui.tasks.finished, timeout=30_000):
        page.generate()
    assert "không tồn tại" in ui.messages.texts("error")[-1]
    assert page.options.generate.isEnabled()
    page.options.target.setText(str(tmp_path / "gcn.pdf"))
    with qtbot.waitSignal(ui.tasks.finished, timeout=30_000):
        page.generate()
    assert page.preview.page_count == 2
    qtbot.waitUntil(lambda: _has_ink(page.preview.view), timeout=10_000)
    assert "Hồ sơ xã/phường còn thiếu" in ui.messages.texts("warn")[-1]
    grab(page, "reports_page_certificates")


def test_generation_runs_on_a_worker_thread(qtbot, services, paths, tmp_path: Path) -> None:
    """The real runner (not the synchronous fake): the document is made off the GUI thread."""
    import threading

    from pbgdpl_desktop.ui.context import UiContext
    from pbgdpl_desktop.ui.messages import FakeMessages
    from pbgdpl_desktop.ui.tasks import TaskRunner

    messages = FakeMessages()
    runner = TaskRunner(messages)
    ui = UiContext(services=services, messages=messages, tasks=runner, paths=paths)
    page = create_page(ui)
    qtbot.addWidget(page)
    threads: list[str] = []
    real_generate = services.reports.generate

    def spy(request, progress=None):
        threads.append(threading.current_thread().name)
        return real_generate(request, progress)

    services.reports.generate = spy
    page.options.target.setText(str(tmp_path / "bc.pdf"))
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        page.generate()
    assert threads and threads[0] != threading.main_thread().name
    assert (tmp_path / "bc.pdf").exists() and page.preview.page_count >= 1
    assert messages.texts("error") == []
    runner.wait()


def test_certificates_from_pasted_names_and_from_a_sessions_attendees(qtbot, ui, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from pbgdpl_desktop.services.dissemination.attendees import Person
    from tests.builders import session_input

    session, _ = ui.services.dissemination.sessions.save(
        session_input(title="Hội nghị phổ biến Luật Đất đai")
    )
    ui.services.dissemination.attendees.replace(session.id, [Person("Đỗ Văn Cường", "Tổ 7")])
    page = create_page(ui)
    qtbot.addWidget(page)
    page.show()
    _choose(page.options.kind, "certificates")
    assert page.options.people.isVisible() and not page.options.session.isVisible()
    QGuiApplication.clipboard().setText("Họ và tên\tĐơn vị\nTrần Văn An\tTổ 5\nLê Thị Hà\tTrường THCS\n")
    page.options.people.setCurrentCell(0, 0)
    qtbot.keyClick(page.options.people, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in page.options.people.people()] == ["Trần Văn An", "Lê Thị Hà"]
    page.options.target.setText(str(tmp_path / "dan.pdf"))
    with qtbot.waitSignal(ui.tasks.finished, timeout=30_000):
        page.generate()
    assert page.preview.page_count == 2

    _choose(page.options.source, "session")
    assert page.options.session.isVisible() and not page.options.people.isVisible()
    assert "Hội nghị phổ biến Luật Đất đai (1 người)" in page.options.session.currentText()
    page.options.target.setText(str(tmp_path / "buoi.pdf"))
    with qtbot.waitSignal(ui.tasks.finished, timeout=30_000):
        page.generate()
    assert page.preview.page_count == 1
    assert "Đỗ Văn Cường" in pdf_text(tmp_path / "buoi.pdf")
