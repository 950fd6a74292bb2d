"""Windows that fit the clerk's screen: the room a top-level window may take.

The room is the screen's available geometry (the taskbar left out), or a smaller "desk" when
``selftest --screen WxH`` simulates one."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room kept for the window manager's title bar (logical pixels): a window placed at the top of the room with
# this much less height still fits once decorated (Xvfb without a window manager draws none).
TITLE_BAR = 30
BORDER = 4  # and for the window's border on the other sides

_desk: QRect | None = None


def set_desk(rect: QRect | None) -> None:
    """Limit every window to ``rect`` (logical pixels), e.g. a 1366×728 desk on a bigger screen; None: the
    screen's available geometry alone."""
    global _desk
    _desk = QRect(rect) if rect is not None else None


def room(widget: QWidget | None = None) -> QRect:
    """The area a top-level window may cover on ``widget``'s screen (logical pixels)."""
    if _desk is not None and QGuiApplication.platformName() == "offscreen":
        return QRect(_desk)  # the offscreen platform's screen is an arbitrary 800×800: the desk alone counts
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    if _desk is not None:
        area = area.intersected(_desk) if area.intersects(_desk) else QRect(_desk)
    return area
