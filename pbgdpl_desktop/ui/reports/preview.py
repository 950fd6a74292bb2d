"""Print preview of a generated PDF (QtPdf) with Print (QPrinter), Open file and Open folder.

The QPrinter is kept as an attribute for the widget's whole life (a temporary printer under a print dialog
crashes PySide6: platform-notes.md). Printing renders each page at the printer's resolution."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

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
        self.open_button = QPushButton("Mở tệp")
        self.folder_button = QPushButton("Mở thư mục")
        self.print_button.clicked.connect(self.print_dialog)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.caption, 1)
        for button in (self.print_button, self.open_button, self.folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self._set_enabled(False)

    def _set_enabled(self, has_file: bool, printable: bool = False) -> None:
        self.print_button.setEnabled(printable)
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

    def print_dialog(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("In văn bản")
        dialog.accepted.connect(lambda: self.print_to(self.printer))
        dialog.open()  # type: ignore[call-arg]  # wrong: PySide6 6.11 needs (receiver, slot) here; issue #12

    def print_to(self, printer: QPrinter) -> int:
        """Render every page onto ``printer``; returns the number of pages printed."""
        count = self.page_count
        if not count:
            return 0
        printer.setFullPage(True)  # the PDF already carries the NĐ 30 margins: map it onto the whole sheet
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)  # a 600-dpi A4 image would take ~140 MB a page
            for page in range(count):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(
                    page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                )
                area = painter.viewport().size()
                fitted = image.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, fitted.width(), fitted.height()), image)
        finally:
            painter.end()
        return count

    def open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
