"""Kinh phí — Excel exports of the ledger (current filters) and of the year summary.

``pbgdpl_desktop.exports.finance_excel`` (openpyxl) is imported when an export runs, not at start-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.finance import Expenditure, LedgerQuery
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.services.finance.catalogue import CatalogueService
from pbgdpl_desktop.services.finance.ledger import LedgerService
from pbgdpl_desktop.services.finance.summary import SummaryService


class ExportService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        ward: WardService,
        catalogue: CatalogueService,
        ledger: LedgerService,
        summary: SummaryService,
    ) -> None:
        self._ctx = ctx
        self._ward = ward
        self._catalogue = catalogue
        self._ledger = ledger
        self._summary = summary

    def ledger(self, query: LedgerQuery, target: Path) -> Path:
        """The ledger rows of ``query`` (the page's filters) as a workbook at ``target`` (atomic)."""
        from pbgdpl_desktop.exports import finance_excel

        path, _, _ = finance_excel.write_ledger(
            self._rows(query), target, ward=self._ward_line(), subtitle=self.describe(query)
        )
        from pbgdpl_desktop.services.core.audit import trace_export  # not for scoring (#17)

        trace_export(self._ctx, "finance", f"sổ chi (Excel) → {path.name}")  # issue #15
        return path

    def summary(self, year: int, target: Path) -> Path:
        """The year summary (planned vs spent, by month) as a workbook at ``target`` (atomic)."""
        from pbgdpl_desktop.exports import finance_excel

        path = finance_excel.write_summary(
            self._summary.year_summary(year), target, ward=self._ward_line(), made_on=self._ctx.clock.today()
        )
        from pbgdpl_desktop.services.core.audit import trace_export

        trace_export(self._ctx, "finance", f"tổng hợp kinh phí năm {year} (Excel) → {path.name}")  # issue #15
        return path

    def describe(self, query: LedgerQuery) -> str:
        """The filters in words, printed under the ledger title."""
        start, end = query.date_range()
        parts = []
        if start or end:
            parts.append(f"Từ ngày {format_date(start) or '…'} đến ngày {format_date(end) or '…'}")
        if query.category_id:
            parts.append(f"Nội dung chi: {self._catalogue.category(query.category_id).name}")
        if query.source is not None:
            parts.append(f"Nguồn: {query.source.label}")
        if query.text:
            parts.append(f"Tìm: “{query.text}”")
        return "; ".join(parts) or "Tất cả các khoản chi"

    def _ward_line(self) -> str:
        profile = self._ward.get()
        if profile is None:
            return "ỦY BAN NHÂN DÂN"
        return f"{profile.commune_type.committee} {profile.commune_name.upper().split(' ', 1)[-1]}"

    def _rows(self, query: LedgerQuery) -> Iterator[Expenditure]:
        """One streaming query in the list's order (no OFFSET chunks: linear in the rows)."""
        yield from self._ledger.stream(query)
