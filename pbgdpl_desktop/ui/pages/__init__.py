"""Pages of the main window, in navigation order. Each module exposes ``create_page(ui) -> Page``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    module: str  # pbgdpl_desktop.ui.pages.<module>


PAGES: tuple[PageEntry, ...] = (
    PageEntry("overview", "Tổng quan", "overview"),
    PageEntry("dissemination", "Phổ biến GDPL", "dissemination"),
    PageEntry("mediation", "Hòa giải", "mediation"),
    PageEntry("finance", "Kinh phí", "finance"),
    PageEntry("assessment", "Chuẩn tiếp cận pháp luật", "assessment"),
    PageEntry("reports", "Báo cáo & in ấn", "reports"),
    PageEntry("sync", "Đồng bộ", "sync"),
    PageEntry("settings", "Cài đặt", "settings"),
)
