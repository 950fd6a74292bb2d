"""Excel exports of the finance module: the spending ledger (streamed by ``exports.xlsx_stream``: it grows
with the data) and the year summary (openpyxl, write-only mode: a few dozen rows). Formatted for printing: title, bold header, ``#,##0`` money,
dd/mm/yyyy dates, column widths, frozen header row, header repeated on every page, A4 landscape, fit to width.
Files are written atomically (temp file + ``os.replace``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import StorageError
from pbgdpl_desktop.domain.finance import Expenditure, SummaryRow, YearSummary, variant_label
from pbgdpl_desktop.exports.cells import safe_cell
from pbgdpl_desktop.exports.print_setup import SheetPrint
from pbgdpl_desktop.exports.xlsx_stream import CellStyle, StreamBook

MONEY = "#,##0"
PERCENT = "0.0"
DATE = "DD/MM/YYYY"
HEADER_ROW = 4  # rows 1–3: ward, title, filter/subtitle
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (  # header, width
    ("STT", 6),
    ("Ngày chi", 12),
    ("Mã nội dung", 20),
    ("Nội dung chi", 36),
    ("Nguồn kinh phí", 22),
    ("Diễn giải", 40),
    ("Số lượng", 9),
    ("Đơn vị", 12),
    ("Số tiền (đ)", 16),
    ("Số chứng từ", 14),
    ("Ngày chứng từ", 13),
    ("Người nhận", 24),
    ("Cảnh báo", 50),
)
SUMMARY_COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("Mã nội dung", 22),
    ("Nội dung chi", 44),
    ("Nguồn kinh phí", 22),
    ("Dự toán (đ)", 16),
    ("Đã chi (đ)", 16),
    ("Còn lại (đ)", 16),
    ("% sử dụng", 11),
)
MONTH_COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("Mã nội dung", 22),
    ("Nội dung chi", 40),
    *((f"Tháng {m}", 13) for m in range(1, 13)),
    ("Cả năm", 15),
)


def _styled_template(ws: WriteOnlyWorksheet, key: tuple[Any, ...]) -> WriteOnlyCell:
    bold, fmt, wrap, header, border, size = key
    cell = WriteOnlyCell(ws)
    if bold or header or size:
        cell.font = Font(bold=bold or header, size=size)
    if fmt:
        cell.number_format = fmt
    if header:
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    else:  # every cell of a tall (wrapped) row starts at its top, numbers and dates too
        cell.alignment = Alignment(vertical="top", wrap_text=wrap)
    if border:
        cell.border = _BORDER
    return cell


def _cell(
    ws: WriteOnlyWorksheet,
    value: Any,
    *,
    bold: bool = False,
    fmt: str | None = None,
    wrap: bool = False,
    header: bool = False,
    border: bool = True,
    size: int | None = None,
) -> WriteOnlyCell:
    """A cell styled like a template made once per sheet and style (registering a style per cell is slow)."""
    wrap = wrap or (border and isinstance(value, str))  # a text cell never runs into the next one
    key = (bold, fmt, wrap, header, border, size)
    templates = ws.__dict__.setdefault("_finance_templates", {})
    if key not in templates:
        templates[key] = _styled_template(ws, key)
    cell = safe_cell(ws, value)
    cell._style = copy(templates[key]._style)  # noqa: SLF001 - openpyxl's way to share a registered style
    return cell


def _prepare_sheet(
    wb: Workbook, title: str, columns: tuple[tuple[str, int], ...], heading: tuple[str, str, str]
) -> WriteOnlyWorksheet:
    ws = wb.create_sheet(title)
    layout = SheetPrint(ws, [width for _, width in columns], header_rows=(HEADER_ROW, HEADER_ROW))
    ws.__dict__["print_layout"] = layout  # rows go out through _append (heights), print area at _save
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ward, big_title, subtitle = heading
    layout.title(ward, _cell(ws, ward, bold=True, border=False, wrap=True))
    layout.title(big_title, _cell(ws, big_title, bold=True, size=14, border=False, wrap=True), size=14)
    layout.title(subtitle, _cell(ws, subtitle, border=False, wrap=True), bold=False)
    layout.append([_cell(ws, header, header=True) for header, _ in columns], bold=True)
    return ws


def _append(ws: WriteOnlyWorksheet, cells: list[WriteOnlyCell] | list[Cell]) -> None:
    """A row, its height set for its wrapped text (exports.print_setup) before it is written."""
    ws.__dict__["print_layout"].append(cells)


def _save(wb: Workbook, target: Path) -> Path:
    target = Path(target)
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for sheet in wb.worksheets:
            sheet.__dict__["print_layout"].finish()
        wb.save(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp Excel {target}: {exc.strerror or exc}.") from exc
    return target


def _ledger_style(
    bold: bool = False,
    fmt: str | None = None,
    wrap: bool = False,
    header: bool = False,
    border: bool = True,
    size: int | None = None,
) -> CellStyle:
    """The streamed sheet's version of ``_styled_template``: the same look for the same keys."""
    return CellStyle(
        bold=bold or header,
        size=size,
        number_format=fmt,
        fill=_HEADER_FILL.fgColor.rgb[2:] if header else None,
        border=border,
        horizontal="center" if header else None,
        vertical="center" if header else "top",
        wrap=header or wrap,
    )


def _ledger_values(count: int, e: Expenditure) -> tuple[Any, ...]:
    unit = e.unit + (f" ({variant_label(e.norm_variant)})" if e.norm_variant else "")
    return (
        count,
        e.spent_on,
        e.category_code,
        e.category_name,
        e.source.label,
        e.description,
        e.quantity,
        unit,
        e.amount,
        e.voucher_number,
        e.voucher_date,
        e.payee,
        "\n".join(e.warnings),
    )


LEDGER_TITLE = "SỔ THEO DÕI CHI KINH PHÍ PBGDPL VÀ HÒA GIẢI Ở CƠ SỞ"


def write_ledger(
    rows: Iterable[Expenditure], target: Path, *, ward: str, subtitle: str
) -> tuple[Path, int, int]:
    """The ledger as a formatted sheet; returns (path, number of rows, total amount).

    Streamed with ``exports.xlsx_stream`` (openpyxl's per-cell writer took ≈ 45 s for 100,000 rows): linear
    in the rows, one shared style per column, nothing kept per row; the file reads back as the openpyxl
    sheets do (title rows, header, formats, widths, heights, frozen header, print set-up). Atomic."""
    target = Path(target)
    try:
        with StreamBook(target) as book:
            sheet = book.sheet("Sổ theo dõi chi", [w for _, w in LEDGER_COLUMNS], header_row=HEADER_ROW)
            style = book.style
            sheet.title(ward, style(_ledger_style(bold=True, border=False, wrap=True)))
            sheet.title(
                LEDGER_TITLE, style(_ledger_style(bold=True, size=14, border=False, wrap=True)), size=14
            )
            sheet.title(subtitle, style(_ledger_style(border=False, wrap=True)), bold=False)
            header = style(_ledger_style(header=True))
            sheet.append([h for h, _ in LEDGER_COLUMNS], [header] * len(LEDGER_COLUMNS), bold=True)
            plain, wrap = style(_ledger_style()), style(_ledger_style(wrap=True))
            when, money = style(_ledger_style(fmt=DATE)), style(_ledger_style(fmt=MONEY))
            # every text column wraps (a long code must not run into the next cell when printed: #20)
            styles = (plain, when, wrap, wrap, wrap, wrap, plain, wrap, money, wrap, when, wrap, wrap)
            assert len(styles) == len(LEDGER_COLUMNS)
            count = total = 0
            append = sheet.append
            for count, e in enumerate(rows, start=1):
                total += e.amount
                append(_ledger_values(count, e), styles)
            bold_text = style(_ledger_style(bold=True, wrap=True))
            bold_money = style(_ledger_style(bold=True, fmt=MONEY))
            append(
                [None, "Tổng cộng", *[None] * 6, total, *[None] * 4],
                [plain, bold_text, *[plain] * 6, bold_money, *[plain] * 4],
            )
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp Excel {target}: {exc.strerror or exc}.") from exc
    return target, count, total


def _percent(row: SummaryRow) -> float | None:
    return row.percent_used


def _summary_rows(ws: WriteOnlyWorksheet, summary: YearSummary) -> None:
    for index, row in enumerate(summary.rows, start=1):
        _append(
            ws,
            [
                _cell(ws, index),
                _cell(ws, row.category_code),
                _cell(ws, row.category_name, wrap=True),
                _cell(ws, row.source.label if row.source else "Tất cả"),
                _cell(ws, row.planned, fmt=MONEY),
                _cell(ws, row.spent, fmt=MONEY),
                _cell(ws, row.planned - row.spent, fmt=MONEY),
                _cell(ws, _percent(row), fmt=PERCENT),
            ],
        )
    _append(
        ws,
        [
            _cell(ws, None),
            _cell(ws, "Tổng cộng", bold=True),
            _cell(ws, None),
            _cell(ws, None),
            _cell(ws, summary.planned_total, bold=True, fmt=MONEY),
            _cell(ws, summary.spent_total, bold=True, fmt=MONEY),
            _cell(ws, summary.planned_total - summary.spent_total, bold=True, fmt=MONEY),
            _cell(ws, summary.percent_used, bold=True, fmt=PERCENT),
        ],
    )
    if summary.minimum_required is not None:
        verdict = "chưa đạt" if summary.below_minimum else "đạt"
        _append(
            ws,
            [
                _cell(ws, None, border=False),
                _cell(ws, "Mức tối thiểu", bold=True, border=False),
                _cell(
                    ws, f"{summary.minimum_required:,} đ — dự toán {verdict}".replace(",", "."), border=False
                ),
            ],
        )


def _month_rows(ws: WriteOnlyWorksheet, summary: YearSummary) -> None:
    for index, row in enumerate(summary.by_category, start=1):
        _append(
            ws,
            [
                _cell(ws, index),
                _cell(ws, row.category_code),
                _cell(ws, row.category_name, wrap=True),
                *[_cell(ws, v, fmt=MONEY) for v in row.by_month],
                _cell(ws, row.spent, fmt=MONEY, bold=True),
            ],
        )
    _append(
        ws,
        [
            _cell(ws, None),
            _cell(ws, "Tổng cộng", bold=True),
            _cell(ws, None),
            *[_cell(ws, v, fmt=MONEY, bold=True) for v in summary.spent_by_month],
            _cell(ws, summary.spent_total, fmt=MONEY, bold=True),
        ],
    )


def write_summary(summary: YearSummary, target: Path, *, ward: str, made_on: date) -> Path:
    """Two sheets: planned vs spent per category and source; spending per category by month."""
    wb = Workbook(write_only=True)
    subtitle = f"Năm {summary.year} — lập ngày {format_date(made_on)}"
    ws = _prepare_sheet(
        wb,
        "Tổng hợp",
        SUMMARY_COLUMNS,
        (ward, f"TỔNG HỢP DỰ TOÁN VÀ CHI KINH PHÍ NĂM {summary.year}", subtitle),
    )
    _summary_rows(ws, summary)
    ws = _prepare_sheet(
        wb, "Theo tháng", MONTH_COLUMNS, (ward, f"CHI KINH PHÍ THEO THÁNG NĂM {summary.year}", subtitle)
    )
    _month_rows(ws, summary)
    return _save(wb, target)
