"""Read back the tables of a produced workbook (openpyxl)."""

from __future__ import annotations

from typing import Any


def table_values(sheet: Any, caption: str) -> dict[Any, Any]:
    """The label → value rows of the table under ``caption`` (a caption row, a header row, then rows up to
    the first empty one)."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] == caption) + 2
    out = {}
    for row in rows[start:]:
        if not row or row[0] is None:
            break
        out[row[0]] = row[1]
    return out
