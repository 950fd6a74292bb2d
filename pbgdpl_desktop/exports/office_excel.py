"""The province roll-up as an Excel workbook (openpyxl): one sheet per table (sessions by form, by target
group, cases, spending, wards), title rows, bold header, ``#,##0`` figures, frozen header, A4 landscape.
Written atomically (temp file + ``os.replace``). Plain inputs only: the office service builds the sheets."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from pbgdpl_desktop.domain.errors import StorageError
from pbgdpl_desktop.exports.cells import safe_cell

NUMBER = "#,##0"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Sheet:
    title: str  # ≤ 31 characters (Excel)
    headers: tuple[str, ...]
    widths: tuple[int, ...]
    rows: Sequence[Sequence[Any]]
    caption: str = ""


def write_rollup(target: Path, heading: str, subtitle: str, sheets: Sequence[Sheet]) -> Path:
    target = Path(target).expanduser().absolute()
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.freeze_panes = "A5"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        for i, width in enumerate(sheet.widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
        title = safe_cell(ws, heading)
        title.font = Font(bold=True, size=13)
        ws.append([title])
        ws.append([safe_cell(ws, subtitle)])
        ws.append([safe_cell(ws, sheet.caption or sheet.title)])
        header = []
        for text in sheet.headers:
            cell = safe_cell(ws, text)
            cell.font = Font(bold=True)
            cell.fill = _FILL
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            cells = []
            for value in row:
                cell = safe_cell(ws, value)
                cell.border = _BORDER
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.number_format = NUMBER if isinstance(value, int) else "0.0%"
                cells.append(cell)
            ws.append(cells)
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp {target}: {exc.strerror or exc}.") from exc
    return target
