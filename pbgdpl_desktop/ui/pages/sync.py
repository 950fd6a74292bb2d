"""Đồng bộ page (placeholder until its issue builds it)."""

from __future__ import annotations

from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.placeholder import PlaceholderPage


def create_page(ui: UiContext) -> Page:
    return PlaceholderPage(
        ui,
        "sync",
        "Đồng bộ",
        "Tạo gói dữ liệu có chữ ký số để gửi Sở Tư pháp và nhận gói trả lời. Trong lúc chờ, có thể sao lưu dữ liệu tại trang Cài đặt.",
    )
