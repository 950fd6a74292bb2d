"""Open the print dialog and the print preview of a PDF on the real platform, accept the print dialog into
a PDF file, and say what happened (tests/desk/test_print_x11.py runs it on Xvfb):

    python -m tests.desk.print_probe DOCUMENT.pdf PRINTED.pdf"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter

from pbgdpl_desktop.ui.application import get_application
from pbgdpl_desktop.ui.reports.preview import PdfPreview


def main(document: Path, printed: Path) -> int:
    app = get_application()
    preview = PdfPreview()
    preview.resize(900, 700)
    preview.show()
    preview.show_file(document, "probe")
    preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    preview.printer.setOutputFileName(str(printed))

    def print_dialog() -> None:
        dialog = preview.print_dialog()
        assert dialog is not None
        print(
            f"PRINT_DIALOG visible={dialog.isVisible()} pages={dialog.minPage()}-{dialog.maxPage()}",
            flush=True,
        )
        QTimer.singleShot(200, dialog.accept)
        QTimer.singleShot(400, print_preview)

    def print_preview() -> None:
        dialog = preview.print_preview()
        assert dialog is not None
        print(f"PRINT_PREVIEW visible={dialog.isVisible()}", flush=True)
        QTimer.singleShot(300, dialog.reject)
        QTimer.singleShot(500, app.quit)

    QTimer.singleShot(0, print_dialog)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
