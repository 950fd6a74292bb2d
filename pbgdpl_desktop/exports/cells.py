"""The cell helper every Excel writer of ``exports`` uses (``reports`` uses the same ``domain.text`` rule):
no stored text ever becomes a formula or breaks the file.

``safe_cell(ws, value)`` is a write-only cell whose text went through ``domain.text.excel_value`` (``sheet_value``
and a literal ``_xHHHH_`` kept literal for Excel) and whose data type is forced to text (``'s'``) so that
openpyxl never reads it as a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pbgdpl_desktop.domain.text import excel_value, sheet_value

__all__ = ["excel_value", "safe_cell", "sheet_value"]


def safe_cell(ws: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=excel_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell
