"""Mediation choices shared by its tabs."""

from __future__ import annotations

from typing import Any

from pbgdpl_desktop.ui.context import UiContext


def team_items(ui: UiContext, *, with_all: str | None = None) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [(t.name, t.id) for t in ui.services.mediation.teams.all()]
    return [(with_all, None), *items] if with_all else items
