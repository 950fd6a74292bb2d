"""Choices shared by the finance widgets: funding sources, spending categories, years."""

from __future__ import annotations

from typing import Any

from pbgdpl_desktop.domain.finance import FundingSource
from pbgdpl_desktop.ui.context import UiContext


def source_items(*, with_all: bool = False) -> list[tuple[str, Any]]:
    items = [(s.label, s.value) for s in FundingSource]
    return [("Tất cả các nguồn", None), *items] if with_all else items


def category_items(
    ui: UiContext, *, with_all: bool = False, include_inactive: bool = False
) -> list[tuple[str, Any]]:
    items = [
        (c.display, c.id) for c in ui.services.finance.catalogue.categories(include_inactive=include_inactive)
    ]
    return [("Tất cả nội dung chi", None), *items] if with_all else items


def year_items(ui: UiContext, *, next_year: bool = False) -> list[int]:
    """This year first, then the five before; with ``next_year`` the coming year on top (budget planning)."""
    this_year = ui.services.ctx.clock.today().year
    years = list(range(this_year, this_year - 6, -1))
    return [this_year + 1, *years] if next_year else years
