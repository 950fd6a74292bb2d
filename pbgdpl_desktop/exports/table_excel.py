"""A plain workbook of rows (the audit trail, a person's data): header in bold, frozen and repeated on every
printed page, every text through ``sheet_value`` (no formula ever), streamed by ``exports.xlsx_stream`` (the
audit trail grows with the data), written atomically (temp file + ``os.replace``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.exports.xlsx_stream import MAX_ROWS, CellStyle, StreamBook


def write_table(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
    *,
    max_rows: int = MAX_ROWS,
) -> Path:
    """``sheets``: (title, header, rows) for each sheet. A sheet's rows past ``max_rows`` (Excel's limit,
    header included) go on to a new sheet with the same header, named "<title> (2)", "<title> (3)"…"""
    path = Path(path)
    with StreamBook(path) as book:
        bold = book.style(CellStyle(bold=True))
        plain = book.style(CellStyle())
        day = book.style(CellStyle(number_format="DD/MM/YYYY"))
        moment = book.style(CellStyle(number_format="DD/MM/YYYY HH:MM:SS"))

        def style(value: Any) -> int:
            if isinstance(value, datetime):
                return moment
            return day if isinstance(value, date) else plain

        for title, header, rows in sheets:
            sheet = book.sheet(title, columns=len(header), header_row=1)
            sheet.append(list(header), [bold] * len(header))
            for row in rows:
                if sheet.next_row > max_rows:
                    sheet = book.sheet(title, columns=len(header), header_row=1)  # the name made unique
                    sheet.append(list(header), [bold] * len(header))
                sheet.append(row, [style(value) for value in row])
    return path
