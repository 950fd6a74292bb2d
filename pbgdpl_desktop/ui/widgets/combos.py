"""Combo boxes of (text, data) pairs, chosen by their data — the one way every page fills and selects them.

A combo filled here never sizes itself to its longest item (a long plan task or category name would widen the
whole window): it asks for ``COMPACT_LENGTH`` characters, and its list opens as wide as its items need, up to
``POPUP_MAX_WIDTH`` (docs/platform-notes.md, "Layout checks")."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=Enum)

COMPACT_LENGTH = 14  # characters a combo asks room for ("Mọi hình thức", "Tháng 12", "Năm 2026")
POPUP_MAX_WIDTH = 640  # logical pixels


def compact(combo: QComboBox, length: int = COMPACT_LENGTH) -> QComboBox:
    """Size ``combo`` for ``length`` characters, not its longest item; its list still shows the items whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(length)
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.view().setMinimumWidth(min(widest + 2 * metrics.averageCharWidth() + 8, POPUP_MAX_WIDTH))
    return combo


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
    if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
        compact(combo)
    else:
        compact(combo, combo.minimumContentsLength())


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
