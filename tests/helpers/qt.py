"""Helpers for GUI tests and screenshots (imported by tests, never by the app itself)."""

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


def screenshots_dir() -> Path:
    path = Path(os.environ.get("PBGDPL_SCREENSHOTS", "/tmp/pbgdpl-shots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def grab(widget: QWidget, name: str) -> Path:
    """Render ``widget`` offscreen to ``<screenshots>/<name>.png`` and return the path."""
    QApplication.processEvents()
    path = screenshots_dir() / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not save screenshot {path}")
    return path
