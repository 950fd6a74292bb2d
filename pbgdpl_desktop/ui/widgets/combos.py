"""Combo boxes of (text, data) pairs, chosen by their data — the one way every page fills and selects them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=Enum)


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], *, keep: bool = True) -> None:
    """Replace the items (text, data) without emitting signals; with ``keep`` the current data stays selected
    when it is still there, otherwise (and without ``keep``) the first item is selected."""
    current = combo.currentData() if keep else None
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any, *, or_first: bool = False) -> bool:
    """Select the item holding ``data``; when there is none, keep the current item (or, with ``or_first``,
    select the first one). Returns whether ``data`` was found."""
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif or_first:
        combo.setCurrentIndex(0)
    return index >= 0


def make_combo(
    items: Iterable[tuple[str, Any]], current: Any = None, parent: QWidget | None = None
) -> QComboBox:
    """A new combo with ``items``, ``current`` selected when given (else the first item)."""
    box = QComboBox(parent)
    fill_combo(box, items, keep=False)
    if current is not None:
        select_data(box, current)
    return box


def current_member(combo: QComboBox, kind: type[E]) -> E:
    """The current item's data as a member of the enum ``kind`` (Qt hands a str-enum member back as its value)."""
    return kind(combo.currentData())
