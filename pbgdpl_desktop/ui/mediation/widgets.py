"""Widgets promoted in the mediation Designer forms (uic passes the parent as the first argument)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pbgdpl_desktop.ui.widgets import DateEdit


class FormDateEdit(DateEdit):
    """``DateEdit`` (dd/MM/yyyy) constructed as ``FormDateEdit(parent)`` by the generated form code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
