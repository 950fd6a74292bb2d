"""A QListWidget of tick boxes, each item holding a value (target groups, speakers, laws, mediators, options)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def fill_checklist(
    widget: QListWidget, items: Iterable[tuple[str, Any]], checked: Iterable[Any] = ()
) -> None:
    """Replace the items (text, value); those whose value is in ``checked`` are ticked."""
    chosen = set(checked)
    widget.clear()
    for text, value in items:
        item = QListWidgetItem(text, widget)
        item.setData(VALUE_ROLE, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
        item.setToolTip(text)


def checked_values(widget: QListWidget) -> list[Any]:
    """The values of the ticked items, in list order."""
    items = (widget.item(i) for i in range(widget.count()))
    return [item.data(VALUE_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]


def set_checked(widget: QListWidget, values: Iterable[Any]) -> None:
    """Tick exactly the items whose value is in ``values``."""
    wanted = set(values)
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(
            Qt.CheckState.Checked if item.data(VALUE_ROLE) in wanted else Qt.CheckState.Unchecked
        )
