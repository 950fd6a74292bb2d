"""The QApplication: bundled UI font (Liberation Sans covers Vietnamese on every machine), Fusion style,
Vietnamese locale with dd/MM/yyyy dates, Vietnamese for Qt's own texts (``ui/translations.py``), and the clerk's text size ("Cỡ chữ giao diện", ``ui.font_point_size``).

Text is sized in points and Qt's high-DPI defaults are kept (scaling on, fractional factors passed through), so
the app follows the system's scaling: at Windows' 150 % a 10 pt text is 15 px high, and the text-size setting
comes on top of that. The setting is read at start (``apply_font_size``); a change takes effect at the next
start, because the widths chosen for the text (columns, navigation) are set when the widgets are built."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop import APP_NAME, __version__
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.ui.translations import install_qt_translation

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf")
FONT_SIZE_KEY = "ui.font_point_size"


def load_fonts() -> str:
    family = "Liberation Sans"
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def get_application(argv: list[str] | None = None, *, point_size: int = 10) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    if not app.property("pbgdpl_configured"):
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName("Tư pháp cấp xã")
        app.setApplicationVersion(__version__)
        app.setOrganizationName("pbgdpl")
        app.setStyle("Fusion")
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        install_qt_translation(app)  # "Dán", "Hủy", Qt's file and print dialogs in Vietnamese
        app.setFont(QFont(load_fonts(), point_size))
        app.setProperty("pbgdpl_configured", True)
    return app


def apply_font_size(point_size: int) -> None:
    """Set the application's text size (points; the declared range is 8–20), keeping its font family."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    font.setPointSize(point_size)
    app.setFont(font)
