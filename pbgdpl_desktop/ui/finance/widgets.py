"""Widgets for the finance Designer forms: uic builds custom widgets as ``Class(parent)``, while the shared
``DateEdit`` takes ``(value, parent)``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pbgdpl_desktop.ui.widgets import DateEdit


class FormDateEdit(DateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
