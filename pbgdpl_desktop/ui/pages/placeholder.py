"""A page whose capability is not built yet says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page

UNDER_CONSTRUCTION = "Chức năng đang được xây dựng"


class PlaceholderPage(Page):
    def __init__(self, ui: UiContext, key: str, title: str, what: str) -> None:
        self.key, self.title = key, title
        super().__init__(ui)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        notice = QLabel(f"<b>{UNDER_CONSTRUCTION}.</b>")
        notice.setObjectName("under_construction")
        detail = QLabel(what)
        detail.setWordWrap(True)
        for widget in (heading, notice, detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(widget)
        layout.addStretch(1)
