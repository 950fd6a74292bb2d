"""The cell helper every Excel writer of ``exports`` uses (``reports`` uses the same ``domain.text`` rule):
no stored text ever becomes a formula or breaks the file.

``safe_cell(ws, value)`` is a write-only cell whose text went through ``domain.text.sheet_value`` and whose
data type is forced to text (``'s'``) so that openpyxl never reads it as a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pbgdpl_desktop.domain.text import sheet_value

__all__ = ["safe_cell", "sheet_value"]


def safe_cell(ws: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=sheet_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell
