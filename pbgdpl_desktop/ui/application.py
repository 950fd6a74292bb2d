"""The QApplication: bundled UI font (Liberation Sans covers Vietnamese on every machine), Fusion style,
Vietnamese locale with dd/MM/yyyy dates."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop import APP_NAME, __version__
from pbgdpl_desktop.domain.resources import resource

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf")


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
        app.setFont(QFont(load_fonts(), point_size))
        app.setProperty("pbgdpl_configured", True)
    return app
