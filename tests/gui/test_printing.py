"""Printing (issue #12 §3): the print dialog (printer, pages, copies), the print preview (zoom, page
navigation) and Ctrl+P on the Reports page, all through the code path a clerk uses, ending at a PDF printer
whose output is read back with poppler (pages) and compared page by page with the document."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from pbgdpl_desktop.services.reports.service import ReportRequest
from pbgdpl_desktop.ui.pages.reports import ReportsPage
from tests.helpers.pdf import pdf_pages

NAMES = ["Trần Văn An", "Lê Thị Hà", "Phạm Quốc Bảo", "Đỗ Minh Châu"]
THUMB = QSize(120, 170)


def _thumbs(path: Path) -> list[bytes]:
    """Each page of a PDF as a small grey image (to tell which document page a printed sheet shows)."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    thumbs = []
    for page in range(document.pageCount()):
        image = document.render(page, THUMB).convertToFormat(QImage.Format.Format_Grayscale8)
        thumbs.append(bytes(image.constBits())[: image.sizeInBytes()])
    document.close()
    return thumbs


def _which(sheet: bytes, pages: list[bytes]) -> int:
    """The document page closest to a printed sheet."""
    return min(range(len(pages)), key=lambda i: sum(abs(a - b) for a, b in zip(sheet, pages[i], strict=True)))


@pytest.fixture
def page(qtbot, demo_ui, tmp_path):
    """The Reports page previewing four certificates (one a page)."""
    names = tmp_path / "ds.csv"
    with names.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["Họ và tên"], *([n] for n in NAMES)])
    output = demo_ui.services.reports.generate(
        ReportRequest("certificates", 2026, target=tmp_path / "gcn.pdf", names_file=names)
    )
    page = ReportsPage(demo_ui)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.show_output(output)
    assert page.preview.page_count == len(NAMES) == pdf_pages(output.path)
    return page


def _pdf_printer(path: Path, page) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    page.preview.match_paper(printer)
    return printer


def test_a_page_range_and_copies_reach_the_printer(page, tmp_path):
    # the reference: every page printed once, in order (sheets are images, so compare sheets with sheets)
    assert page.preview.print_to(_pdf_printer(tmp_path / "all.pdf", page)) == len(NAMES)
    assert pdf_pages(tmp_path / "all.pdf") == len(NAMES)
    source = _thumbs(tmp_path / "all.pdf")
    assert len(set(source)) == len(NAMES)
    printer = _pdf_printer(tmp_path / "in.pdf", page)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert page.preview.print_to(printer) == 4
    printed = _thumbs(tmp_path / "in.pdf")
    assert pdf_pages(tmp_path / "in.pdf") == 4
    assert [_which(sheet, source) for sheet in printed] == [1, 2, 1, 2]

    printer = _pdf_printer(tmp_path / "in2.pdf", page)
    printer.setFromTo(3, 9)  # past the end: up to the last page
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    assert page.preview.print_to(printer) == 4
    assert [_which(sheet, source) for sheet in _thumbs(tmp_path / "in2.pdf")] == [2, 2, 3, 3]


def test_the_print_dialog_opens_with_pages_and_copies_and_prints_on_ok(qtbot, page, tmp_path):
    target = tmp_path / "qua-hop-thoai.pdf"
    page.preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    page.preview.printer.setOutputFileName(str(target))
    dialog = page.preview.print_dialog()
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert (dialog.minPage(), dialog.maxPage()) == (1, len(NAMES))
    assert dialog.testOption(QPrintDialog.PrintDialogOption.PrintPageRange)
    dialog.accept()
    assert target.exists() and pdf_pages(target) == len(NAMES)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)


def test_the_print_preview_zooms_and_turns_pages(qtbot, page):
    dialog = page.preview.print_preview()
    assert isinstance(dialog, QPrintPreviewDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == len(NAMES), timeout=10_000)
    zoom = widget.zoomFactor()
    widget.zoomIn()
    assert widget.zoomFactor() > zoom
    widget.setCurrentPage(3)
    assert widget.currentPage() == 3
    dialog.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)


def test_ctrl_p_on_the_reports_page_opens_the_print_dialog(qtbot, page, demo_ui):
    page.activateWindow()
    page.options.kind.setFocus()
    qtbot.waitUntil(lambda: page.isActiveWindow(), timeout=5_000)
    qtbot.keyClick(page.options.kind, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialogs = page.findChildren(QPrintDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()
    page.preview.show_file(page.preview.path.with_suffix(".xlsx"))  # nothing printable: a note instead
    page.print_current()
    assert "Chưa có văn bản PDF để in" in demo_ui.messages.texts("info")[-1]
