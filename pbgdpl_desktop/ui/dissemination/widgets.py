"""Widgets for the dissemination Designer forms (uic builds custom widgets as ``Class(parent)``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pbgdpl_desktop.ui.widgets import DateEdit


class SessionDateEdit(DateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
