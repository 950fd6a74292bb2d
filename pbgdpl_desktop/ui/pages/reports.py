"""Báo cáo & in ấn page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "reports", "Báo cáo & in ấn", "In báo cáo, hồ sơ, giấy chứng nhận (PDF) và xuất thống kê Excel.")
