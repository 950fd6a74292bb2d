"""Chuẩn tiếp cận pháp luật page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "assessment", "Chuẩn tiếp cận pháp luật", "Tự đánh giá chuẩn tiếp cận pháp luật hằng năm theo bộ tiêu chí của từng giai đoạn.")
