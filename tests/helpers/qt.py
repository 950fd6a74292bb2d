"""Helpers for GUI tests: typing text into a widget, and screenshots.

Screenshots are written only when ``$PBGDPL_SCREENSHOTS`` names a folder (``PBGDPL_SCREENSHOTS=shots pytest``);
without it ``grab`` still renders the widget (a painting error fails the test either way) and writes
nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Vietnamese included, into ``widget`` — one QKeyEvent per character.

    (``qtbot.keyClicks`` with non-ASCII text aborts the interpreter: platform-notes.md.)"""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


SCREENSHOTS = "PBGDPL_SCREENSHOTS"


def screenshots_dir() -> Path | None:
    """The folder ``$PBGDPL_SCREENSHOTS`` names (created if missing), or None when no screenshots are asked for."""
    value = os.environ.get(SCREENSHOTS, "")
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


def grab(widget: QWidget, name: str) -> Path | None:
    """Render ``widget`` offscreen; save it as ``<screenshots>/<name>.png`` and return that path when
    ``$PBGDPL_SCREENSHOTS`` is set, else write nothing and return None."""
    QApplication.processEvents()
    image = widget.grab()
    folder = screenshots_dir()
    if folder is None:
        return None
    path = folder / f"{name}.png"
    if not image.save(str(path)):
        raise OSError(f"could not save screenshot {path}")
    return path
