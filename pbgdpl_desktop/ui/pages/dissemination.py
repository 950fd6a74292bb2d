"""Phổ biến GDPL page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "dissemination", "Phổ biến GDPL", "Sổ theo dõi các buổi tuyên truyền, phổ biến pháp luật, kế hoạch PBGDPL năm, báo cáo viên và tuyên truyền viên.")
