"""Kinh phí — Excel exports of the ledger (current filters) and of the year summary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.finance import Expenditure, LedgerQuery
from pbgdpl_desktop.exports import finance_excel
from pbgdpl_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from pbgdpl_desktop.services.finance import FinanceService

CHUNK = 500


def _ward_line(ctx: ServiceContext) -> str:
    profile = ctx.services.ward.get() if ctx.services is not None else None
    if profile is None:
        return "ỦY BAN NHÂN DÂN"
    return f"{profile.commune_type.committee} {profile.commune_name.upper().split(' ', 1)[-1]}"


def describe(query: LedgerQuery, finance: FinanceService) -> str:
    """The filters in words, printed under the ledger title."""
    start, end = query.date_range()
    parts = []
    if start or end:
        parts.append(f"Từ ngày {format_date(start) or '…'} đến ngày {format_date(end) or '…'}")
    if query.category_id:
        parts.append(f"Nội dung chi: {finance.catalogue.category(query.category_id).name}")
    if query.source is not None:
        parts.append(f"Nguồn: {query.source.label}")
    if query.text:
        parts.append(f"Tìm: “{query.text}”")
    return "; ".join(parts) or "Tất cả các khoản chi"


def _rows(finance: FinanceService, query: LedgerQuery) -> Iterator[Expenditure]:
    offset = 0
    while True:
        chunk = finance.ledger.page(query, offset, CHUNK)
        yield from chunk
        if len(chunk) < CHUNK:
            return
        offset += CHUNK


def export_ledger(ctx: ServiceContext, finance: FinanceService, query: LedgerQuery, target: Path) -> Path:
    path, _, _ = finance_excel.write_ledger(
        _rows(finance, query), target, ward=_ward_line(ctx), subtitle=describe(query, finance)
    )
    return path


def export_summary(ctx: ServiceContext, finance: FinanceService, year: int, target: Path) -> Path:
    return finance_excel.write_summary(
        finance.year_summary(year), target, ward=_ward_line(ctx), made_on=ctx.clock.today()
    )
