"""The office above's pages (office mode: ``upper-office`` databases): the navigation shows these instead of
the ward's record pages (docs/office.md)."""

from __future__ import annotations

from pbgdpl_desktop.ui.pages import PAGES, PageEntry

OFFICE_PAGES: tuple[PageEntry, ...] = (
    PageEntry("office_wards", "Xã/phường của tỉnh", "pbgdpl_desktop.ui.office.wards"),
    PageEntry("office_import", "Nhập gói của xã", "pbgdpl_desktop.ui.office.imports"),
    PageEntry("sync", "Khóa ký gói", "sync"),
    PageEntry("office_ward_file", "Hồ sơ một xã/phường", "pbgdpl_desktop.ui.office.ward_file"),
    PageEntry("office_rollup", "Tổng hợp toàn tỉnh", "pbgdpl_desktop.ui.office.rollup"),
    PageEntry("settings", "Cài đặt", "settings"),
)


def pages_for(mode: str) -> tuple[PageEntry, ...]:
    return OFFICE_PAGES if mode == "upper-office" else PAGES
