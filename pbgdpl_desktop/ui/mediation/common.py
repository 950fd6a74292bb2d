"""Mediation helpers shared by its tabs: the team choices and the look of their record lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QTableWidget, QWidget

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.tables import make_table


def team_items(ui: UiContext, *, with_all: str | None = None) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [(t.name, t.id) for t in ui.services.mediation.teams.all()]
    return [(with_all, None), *items] if with_all else items


def record_table(parent: QWidget, headers: Sequence[str], name: str) -> QTableWidget:
    """A read-only list of the mediation tabs: one row selected at a time, alternating colours, no row
    numbers; filled with ``fill_rows_with_ids``."""
    return make_table(parent, headers, name=name, single=True, row_numbers=False, alternating=True)
