"""Tổng quan page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(ui, "overview", "Tổng quan", "Trang tổng quan sẽ hiển thị số liệu chính của năm, biểu đồ, kết quả chuẩn tiếp cận pháp luật và các việc sắp đến hạn.")
