"""Hòa giải page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "mediation", "Hòa giải", "Tổ hòa giải, hòa giải viên, sổ theo dõi vụ việc và thù lao hòa giải viên.")
