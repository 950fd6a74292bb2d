"""Print set-up every exported workbook shares, so it prints right from Excel or LibreOffice: A4, fit to one
page wide, the table's header rows repeated on every page, page numbers in the footer, a print area, titles
merged across the table (wrapped, never running over the line below) and rows tall enough for their wrapped
text (``domain.sheet_layout``).

Works with streaming (write-only) sheets: they write a row's height when the row is written, so the height
is set just before the row goes out (``SheetPrint.append`` does it, counting rows; ``SheetPrint.height`` is
the per-row function for a writer that appends itself), and forgotten right after (a 100,000-row ledger
keeps no row objects). Usage::

    layout = SheetPrint(ws, widths, header_rows=(4, 4))      # page set-up, widths
    layout.title("SỔ THEO DÕI CHI …", cell, size=14)          # a title row, merged across the table
    layout.append(cells)                                      # any row: height for its wrapped text
    layout.finish()                                           # print area down to the last row appended
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from pbgdpl_desktop.domain.sheet_layout import chars_per_line, row_height

FOOTER = "Trang &P / &N"


def page_setup(ws: Any, *, landscape: bool = True, title_rows: tuple[int, int] | None = None) -> None:
    """A4, one page wide (as many pages down as needed), page numbers, header rows repeated."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = FOOTER
    ws.evenFooter.center.text = FOOTER
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


class RowHeights:
    """The height a row needs for its wrapped text, for columns of the given widths (``xlsx_stream`` and
    ``SheetPrint`` share it, so both writers give a row the same height).

    In the common case (11 pt, not bold) only text longer than its line (or with a line break) is measured,
    each text once per column: a ledger repeats its categories, sources and payees on thousands of rows. A
    row's height is the tallest of its cells' (``row_height`` rounds, and rounding keeps the order)."""

    MEMO = 20_000  # texts remembered per sheet (forgotten all at once when full)

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = list(widths)
        self._per_line = [chars_per_line(w) for w in self.widths]  # 11 pt: shorter text fits on one line
        self._columns = list(zip(range(len(self.widths)), self._per_line, self.widths, strict=True))
        self._memo: dict[tuple[int, str], float | None] = {}

    def needed(self, values: Sequence[object], *, size: float = 11, bold: bool = False) -> float | None:
        """The height (points) for a row of these values (or cells), or None for the default."""
        if size != 11 or bold:
            texts = [_plain(v) for v in values]
            return row_height(zip(texts, self.widths, strict=False), size=size, bold=bold)
        tallest: float | None = None
        memo = self._memo
        for (index, per_line, width), value in zip(self._columns, values, strict=False):
            text = value if type(value) is str else _plain(value)
            if not isinstance(text, str) or (len(text) <= per_line and "\n" not in text):
                continue
            key = (index, text)
            if key in memo:
                height = memo[key]
            else:
                if len(memo) >= self.MEMO:
                    memo.clear()
                height = memo[key] = row_height([(text, width)])
            if height is not None and (tallest is None or height > tallest):
                tallest = height
        return tallest


class SheetPrint:
    """The print layout of one sheet whose columns have the given widths (Excel units)."""

    def __init__(
        self,
        ws: Any,
        widths: Sequence[float],
        *,
        header_rows: tuple[int, int] | None = None,
        landscape: bool = True,
    ) -> None:
        self.ws = ws
        self.widths = list(widths)
        for index, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        page_setup(ws, landscape=landscape, title_rows=header_rows)
        self.next_row = 1  # the row ``append`` writes next
        self._streaming = isinstance(ws, WriteOnlyWorksheet)
        self._heights = RowHeights(self.widths)

    @property
    def last_column(self) -> str:
        return get_column_letter(max(len(self.widths), 1))

    def height(self, values: Sequence[object], *, size: float = 11, bold: bool = False) -> float | None:
        """The height (points) a row of these values needs, or None for the default."""
        return row_height(zip(values, self.widths, strict=False), size=size, bold=bold)

    def row(self, row: int, values: Sequence[object], *, size: float = 11, bold: bool = False) -> None:
        """Set row ``row``'s height for its wrapped text (a normal sheet, or a streaming one just before it
        writes that row)."""
        height = self._heights.needed(values, size=size, bold=bold)
        if height is None:
            return
        if self._streaming:  # the writer only reads the attributes: no RowDimension object per row
            self.ws.row_dimensions[row] = {"ht": f"{height:g}", "customHeight": "1"}
        else:
            self.ws.row_dimensions[row].height = height

    def append(self, cells: Sequence[object], *, size: float = 11, bold: bool = False) -> int:
        """Append a row, its height set first; returns its row number."""
        row = self.next_row
        self.row(row, cells, size=size, bold=bold)
        self._append(row, cells)
        return row

    def title(self, text: str, cell: object, *, size: float = 11, bold: bool = True) -> int:
        """Append a title row (``cell`` shows ``text``, wrapped): merged across the table, tall enough."""
        row = self.next_row
        if len(self.widths) > 1:
            self.ws.merged_cells.add(f"A{row}:{self.last_column}{row}")
        height = row_height([(text, sum(self.widths) * 0.95)], size=size, bold=bold)
        self.ws.row_dimensions[row].height = height or round(size * 1.4 + 3, 1)
        self._append(row, [cell])
        return row

    def _append(self, row: int, cells: Sequence[object]) -> None:
        self.ws.append(list(cells))
        self.next_row = row + 1
        if self._streaming:
            self.ws.row_dimensions.pop(row, None)  # written out with the row; keep nothing per row

    def finish(self, last_row: int | None = None) -> None:
        """The print area: the table's columns down to ``last_row`` (default: the last row appended)."""
        last = last_row if last_row is not None else self.next_row - 1
        self.ws.print_area = f"A1:{self.last_column}{max(last, 1)}"


def _plain(value: object) -> object:
    """A cell's value (write-only cells are objects) as the text the row shows; numbers never wrap."""
    value = getattr(value, "value", value)
    return value if isinstance(value, str) else None
