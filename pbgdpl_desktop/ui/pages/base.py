"""Base class of every page of the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.widgets.flow import least_height_for_width

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


class Page(QWidget):
    """A page: built once, ``page_shown`` each time it becomes visible, ``refresh`` after changes.

    Subclasses set ``key`` and ``title`` and react only to the ``Changes`` topics they display. A page sits in a
    scroll area of the main window: it is as tall as the window, or as tall as it least needs at that width
    (rows wrapped, tables at their minimum), whichever is more (ui/widgets/flow.py)."""

    key = ""
    title = ""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName(f"page_{self.key}" if self.key else "page")

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        least = least_height_for_width(self, width)
        return least if least >= 0 else super().heightForWidth(width)

    def refresh(self, changes: Changes) -> None:
        """Data changed elsewhere: reload what this page shows if a topic it displays is in ``changes``."""

    def page_shown(self) -> None:
        """The page became the current one."""
