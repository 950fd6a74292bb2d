"""Preview of a generated PDF (QtPdf) with Print…, Print preview…, Open file and Open folder.

"In…" opens Qt's print dialog (printer, pages, copies); "Xem trước khi in…" opens Qt's print preview (zoom,
page navigation, then print). Both print through ``print_to``, which the tests drive with a PDF printer.
The QPrinter is kept as an attribute for the widget's whole life (a temporary printer under a print dialog
crashes PySide6: platform-notes.md). Printing renders each page at the printer's resolution.

Both dialogs are opened window-modal with ``QDialog.open`` called on the base class: PySide6 6.11 binds
``QPrintDialog.open``/``QPrintPreviewDialog.open`` only as ``open(receiver, member)`` (no-argument ``open()``
raised TypeError: issue #12), and ``exec()`` would start a nested event loop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.ui.widgets.record_dialog import delete_when_closed

MAX_PRINT_DPI = 300


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept alive on purpose
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.caption = QLabel("Chưa có văn bản. Chọn loại văn bản rồi bấm “Tạo văn bản”.")
        self.caption.setObjectName("preview_caption")
        self.caption.setWordWrap(True)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        self.print_button = QPushButton("In…")
        self.print_button.setToolTip("Chọn máy in, các trang và số bản rồi in (Ctrl+P)")
        self.preview_button = QPushButton("Xem trước khi in…")
        self.open_button = QPushButton("Mở tệp")
        self.folder_button = QPushButton("Mở thư mục")
        self.print_button.clicked.connect(self.print_dialog)
        self.preview_button.clicked.connect(self.print_preview)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.caption, 1)
        for button in (self.print_button, self.preview_button, self.open_button, self.folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self._set_enabled(False)

    def _set_enabled(self, has_file: bool, printable: bool = False) -> None:
        self.print_button.setEnabled(printable)
        self.preview_button.setEnabled(printable)
        self.open_button.setEnabled(has_file)
        self.folder_button.setEnabled(has_file)

    def show_file(self, path: Path, title: str = "") -> None:
        """Preview a PDF; an Excel file gets a note with Open buttons (Qt cannot render it)."""
        self.path = Path(path)
        self.caption.setText(f"{title}\n{self.path}" if title else str(self.path))
        if self.path.suffix.lower() != ".pdf":
            self.document.close()
            self.placeholder.setText(
                "Tệp Excel không xem trước được trong phần mềm.\n"
                "Bấm “Mở tệp” để mở bằng Excel hoặc LibreOffice Calc."
            )
            self.stack.setCurrentWidget(self.placeholder)
            self._set_enabled(True, printable=False)
            return
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            self.placeholder.setText(f"Không mở được tệp PDF “{self.path.name}”.")
            self.stack.setCurrentWidget(self.placeholder)
            self._set_enabled(True, printable=False)
            return
        self.stack.setCurrentWidget(self.view)
        self._set_enabled(True, printable=True)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0

    def print_dialog(self) -> QPrintDialog | None:
        """Qt's print dialog: printer, pages (all, a range, the current page), copies; OK prints."""
        count = self.page_count
        if not count:
            return None
        self.printer.setFromTo(0, 0)  # "all pages" unless the clerk picks a range
        self.printer.setCopyCount(1)
        self.match_paper(self.printer)
        dialog = QPrintDialog(self.printer, self)
        dialog.setObjectName("print_dialog")
        dialog.setWindowTitle("In văn bản")
        dialog.setMinMax(1, count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.accepted.connect(lambda: self.print_to(self.printer))
        delete_when_closed(dialog)
        QDialog.open(dialog)  # window-modal, no nested loop (see the module's note)
        return dialog

    def print_preview(self) -> QPrintPreviewDialog | None:
        """Qt's print preview: the pages as they will print, zoom, page navigation, page setup and Print."""
        if not self.page_count:
            return None
        self.printer.setFromTo(0, 0)
        self.match_paper(self.printer)
        dialog = QPrintPreviewDialog(self.printer, self)
        dialog.setObjectName("print_preview_dialog")
        dialog.setWindowTitle("Xem trước khi in")
        dialog.paintRequested.connect(self.print_to)
        delete_when_closed(dialog)
        QDialog.open(dialog)
        return dialog

    def match_paper(self, printer: QPrinter) -> None:
        """Start the printer on the document's paper (A4) and orientation (certificates are landscape), so
        a page is not shrunk onto a sheet of the other shape; the clerk may still change both."""
        points = self.document.pagePointSize(0)
        size = QPageSize.id(points, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
        if size != QPageSize.PageSizeId.Custom:
            printer.setPageSize(QPageSize(size))
        landscape = points.width() > points.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        """The 0-based pages to send, in order: the printer's page range (1-based, 0 = all) within the
        document, times the copies when the printer cannot make copies itself (a PDF file, X11 without CUPS),
        collated (1 2 3 1 2 3) or not (1 1 2 2 3 3) as the clerk chose."""
        count = self.page_count
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 and last <= 0:
            pages = list(range(count))
        else:
            pages = list(range(max(1, first) - 1, min(count, last if last > 0 else count)))
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        if printer.collateCopies():
            return pages * copies
        return [page for page in pages for _ in range(copies)]

    def print_to(self, printer: QPrinter) -> int:
        """Render the asked pages onto ``printer``; returns the number of sheets sent."""
        pages = self.pages_to_print(printer)
        if not pages:
            return 0
        printer.setFullPage(True)  # the PDF already carries the NĐ 30 margins: map it onto the whole sheet
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)  # a 600-dpi A4 image would take ~140 MB a page
            images: dict[int, QImage] = {}
            for sheet, page in enumerate(pages):
                if sheet:
                    printer.newPage()
                image = images.get(page)
                if image is None:
                    points = self.document.pagePointSize(page)
                    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                    image = self.document.render(page, size)
                    images = {page: image}  # one page image in memory (non-collated copies reuse it)
                area = painter.viewport().size()
                fitted = image.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, fitted.width(), fitted.height()), image)
        finally:
            painter.end()
        return len(pages)

    def open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
