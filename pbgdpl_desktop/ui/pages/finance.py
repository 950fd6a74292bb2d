"""Kinh phí page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "finance", "Kinh phí", "Dự toán, sổ chi và định mức chi theo Thông tư 56/2023/TT-BTC.")
