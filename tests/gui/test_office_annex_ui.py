"""The roll-up page's "Phụ lục công nhận…": the wards proposed for recognition, the decision's number and
date, the annex made and shown in the PDF preview, printed through Qt's print preview."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.ui.office.rollup import AnnexDialog, OfficeRollupPage
from tests.helpers.bundles import small_ward
from tests.helpers.office import office_of, open_office
from tests.helpers.qt import type_text

YEAR = 2026
S = ReviewStatus


@pytest.fixture
def office_ui(ui_for, services, _template_db, clock, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    assert office_of(office_svc).import_paths([record.path]).ok
    yield ui_for(office_svc)
    office_svc.ctx.db.close()


def test_annex_dialog_lists_the_proposed_wards_and_previews_the_pdf(qtbot, office_ui, tmp_path):
    office = office_of(office_ui.services)
    page = OfficeRollupPage(office_ui)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    empty = page.open_annex()
    assert "chưa có xã, phường, đặc khu nào" in empty.summary.text()
    assert not empty.make_button.isEnabled() and empty.table.rowCount() == 0
    empty.reject()
    for version, status in enumerate((S.RECEIVED, S.PASSED, S.RECOGNISED)):
        extra = (
            {"decision_number": "15/QĐ-UBND", "decision_on": date(2027, 1, 20)}
            if status is S.RECOGNISED
            else {}
        )
        office.set_status("00070", YEAR, status, version=version, by="Chị Lan", **extra)
    dialog = page.open_annex()
    assert isinstance(dialog, AnnexDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in range(4)] == [
        "1",
        "Phường Hoàn Kiếm",
        "Phường",
        "Đã công nhận",
    ]
    assert dialog.number.text() == "15/QĐ-UBND" and dialog.date.text() == "20/01/2027"
    assert not dialog.preview.print_button.isEnabled()
    dialog.date.clear()
    type_text(dialog.date, "31/02/2027")
    dialog.make_button.click()
    assert "không tồn tại" in office_ui.messages.texts("error")[-1]
    dialog.date.clear()
    type_text(dialog.date, "25/01/2027")
    dialog.make_button.click()  # synchronous runner in tests
    target = office_ui.paths.data_dir / "outputs" / f"phu-luc-cong-nhan-{YEAR}.pdf"
    assert dialog.preview.path == target and dialog.preview.page_count == 1
    text = " ".join(
        subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Quyết định số 15/QĐ-UBND ngày 25 tháng 01 năm 2027" in text and "Phường Hoàn Kiếm" in text
    preview = dialog.preview.print_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 1, timeout=10_000)
    preview.reject()
    dialog.reject()
    assert len(office_ui.messages.texts("error")) == 1
