"""F1: the Vietnamese user guide that ships with the app (``resources/help/``), read offline in a window beside
the main one. One guide window at a time; it is deleted when closed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.ui.widgets.fit import client_room

GUIDE = "huong-dan.html"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, anchor: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle("Hướng dẫn sử dụng")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)  # no network: the guide links only to itself
        self.browser.setSearchPaths([str(resource("help"))])
        self.browser.setSource(QUrl(GUIDE + (f"#{anchor}" if anchor else "")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        room = client_room(parent)
        self.resize(QSize(min(960, room.width()), min(900, room.height())))


def open_help(parent: QWidget | None = None, anchor: str = "") -> HelpDialog:
    """Show the guide (raise the one already open)."""
    if parent is not None:
        existing = parent.findChild(HelpDialog)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
    dialog = HelpDialog(parent, anchor)
    dialog.show()
    return dialog
