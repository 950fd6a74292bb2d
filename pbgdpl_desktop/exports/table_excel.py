"""A plain one-sheet workbook of rows (the audit trail, a person's data): header in bold, every cell through
``safe_cell`` (no formula ever), written atomically (temp file + ``os.replace``)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from pbgdpl_desktop.exports.cells import safe_cell


def write_table(path: Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> Path:
    """``sheets``: (title, header, rows) for each sheet."""
    path = Path(path)
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        head = []
        for text in header:
            cell = safe_cell(ws, text)
            cell.font = Font(bold=True)
            head.append(cell)
        ws.append(head)
        for row in rows:
            ws.append([safe_cell(ws, value) for value in row])
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
