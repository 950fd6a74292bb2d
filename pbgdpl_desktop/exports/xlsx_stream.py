"""A streaming writer of ``.xlsx`` workbooks for tables that grow with the data (the finance
ledger: 100,000 rows and more).

openpyxl's write-only mode costs ≈ 26–34 µs per cell on the office machines (an object, a style lookup and
an lxml element per cell), which put a 100,000-row ledger at ≈ 45 s before any database work. This writer
writes the package itself — content types, relationships, document properties, workbook, styles, theme —
and streams each sheet's rows as XML text into its zip entry: a few string operations per cell, nothing kept
per row. The file carries what our openpyxl sheets carry and reads back the same (tests compare both writers
cell by cell and through LibreOffice):

- cells: text always stored as text (``t="inlineStr"``, through ``domain.text.sheet_value``: never a
  formula, no character XML refuses, at most 32,767 UTF-16 units, a literal "_xHHHH_" escaped so that Excel
  does not decode it), numbers as Excel can hold them (``_number_cell``), dates as serials with their date
  format (before 1900: their text), empty cells that keep their style (borders);
- within Excel's limits, which it enforces by offering to repair the file: sheet names (``sheet_name``),
  row heights (409 pt), column widths (255), rows a sheet (1,048,576: an error past it);
- shared styles: one ``xf`` per ``CellStyle`` (font bold/size, number format, fill, thin border, alignment);
- title rows merged across the table, column widths, row heights for wrapped text
  (``domain.sheet_layout`` through ``print_setup``), the header row frozen and repeated on every printed
  page, A4, landscape or portrait, fit to one page wide, page numbers in the footer, the print area.

Written atomically: the package goes to ``<target>.tmp`` and is renamed over the target only when complete;
any failure (the rows' iterator included) removes the temp file and leaves the target as it was.

Usage::

    with StreamBook(target) as book:
        sheet = book.sheet("Sổ", widths, header_row=4)   # sheets one after the other
        bold = book.style(CellStyle(bold=True, wrap=True, border=False))
        sheet.title("SỔ THEO DÕI CHI", bold)
        sheet.append(["STT", ...], [header] * 13, bold=True)
        for values in rows:
            sheet.append(values, column_styles)
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.sheet_layout import row_height
from pbgdpl_desktop.domain.text import LITERAL_ESCAPE, sheet_value
from pbgdpl_desktop.exports.print_setup import FOOTER, RowHeights

MAX_TEXT = 32_767  # Excel's limit for one cell, in UTF-16 code units (a character past U+FFFF takes two)
MAX_ROWS = 1_048_576  # Excel's rows a sheet: a sheet with more opens cut short, after a repair prompt
MAX_HEIGHT = 409.0  # Excel's tallest row (points); a taller ``ht`` is past what Excel accepts
MAX_WIDTH = 255.0  # Excel's widest column (characters)
MAX_SHEET_NAME = 31  # Excel's limit for a sheet's name (UTF-16 code units)
_MIN_DOUBLE = 2.2250738585072014e-308  # Excel's smallest positive number; smaller ones are written as 0
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = date(1899, 12, 30).toordinal()  # serial 0 (Excel's 1900 date system as every writer uses it)
_ESCAPE = re.compile(r"[&<>\ufffe\uffff]")  # what text content cannot hold as is
_LITERAL_ESCAPE = LITERAL_ESCAPE  # "_x0041_" kept literal for Excel (``domain.text.excel_literal``)
_SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_FIRST_SERIAL_DAY = date(1900, 1, 1)  # serial 1; Excel has no date before it
_LEAP_BUG_END = date(1900, 3, 1)  # Excel counts a 29/02/1900 that never was: serials before it are one less
_FLUSH_ROWS = 500  # rows gathered before one write into the zip entry
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}


@dataclass(frozen=True)
class CellStyle:
    """The look of a cell. ``fill``: an RGB colour of a solid fill; ``border``: thin grey on four sides."""

    bold: bool = False
    size: float | None = None  # None: the default 11 pt
    number_format: str | None = None
    fill: str | None = None
    border: bool = False
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False


BORDER_COLOR = "999999"


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def clean(value: Any) -> Any:
    """A value as the cell stores it: text through the sheet rule, cut to Excel's limit."""
    return _cut(sheet_value(value), MAX_TEXT) if isinstance(value, str) else value


_SHORT_TEXT = MAX_TEXT // 2  # text no longer is within Excel's limit whatever its characters


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-16 code units (Excel's unit), never inside a character."""
    if len(text) <= limit // 2:  # the common case: short enough whatever its characters
        return text
    text = text[:limit]
    over = len(text.encode("utf-16-le")) // 2 - limit
    end = len(text)
    while over > 0:  # characters past U+FFFF count twice
        end -= 1
        over -= 2 if ord(text[end]) > 0xFFFF else 1
    return text[:end]


def _escaped(text: str) -> str:
    """Clean text made XML text content, a literal ``_xHHHH_`` kept literal for Excel."""
    # "_x" may start an escape Excel decodes (ECMA-376 §22.4.2.4, ``bstr``); looking for "_" first is far
    # quicker than one regular expression with an alternative (few texts have an underscore)
    if _ESCAPE.search(text) is not None or ("_" in text and _LITERAL_ESCAPE.search(text) is not None):
        text = _LITERAL_ESCAPE.sub("_x005F_", text)
        text = (
            text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\ufffe", "")
        ).replace("\uffff", "")
    return text


def _text_cell(ref: str, s: int, value: str) -> str:
    """An inline text cell of clean text (``clean``); an empty text is an empty cell with its style."""
    if not value:
        return f'<c r="{ref}" s="{s}"/>'
    text = _escaped(value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def sheet_name(title: str, taken: Sequence[str] = (), number: int = 1) -> str:
    """``title`` made a name Excel accepts for a sheet: NFC, none of ``[ ] : * ? / \\`` (each becomes a
    space) or of what XML refuses, no apostrophe first or last, no "_xHHHH_" escape, at most 31 UTF-16 code
    units, not blank (``Sheet<number>`` then) nor Excel's reserved "History", and unique among ``taken``
    regardless of case (" (2)", " (3)"… added)."""
    name = unicodedata.normalize("NFC", _SHEET_NAME_REFUSED.sub(" ", title))
    name = _LITERAL_ESCAPE.sub(" ", name).strip().strip("'").strip()
    name = _cut(name, MAX_SHEET_NAME).rstrip().rstrip("'")
    if not name or name.casefold() == "history":
        name = f"Sheet{number}"
    used = {t.casefold() for t in taken}
    base, copy = name, 1
    while name.casefold() in used:
        copy += 1
        suffix = f" ({copy})"
        name = _cut(base, MAX_SHEET_NAME - len(suffix)).rstrip().rstrip("'") + suffix
    return name


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _quoted_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class StreamBook:
    """An ``.xlsx`` package at ``target`` whose sheets are streamed one after the other (see the module's
    docstring). Styles are shared by the book's sheets."""

    def __init__(self, target: Path, *, compresslevel: int = 1) -> None:
        self.target = Path(target)
        self.compresslevel = compresslevel
        self._styles: dict[CellStyle, int] = {CellStyle(): 0}
        self._sheets: list[StreamSheet] = []
        self._tmp = self.target.with_name(self.target.name + ".tmp")
        self._zip: zipfile.ZipFile | None = None

    def __enter__(self) -> StreamBook:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._zip = zipfile.ZipFile(
            self._tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=self.compresslevel
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self._abandon()
            return
        try:
            self._finish()
            os.replace(self._tmp, self.target)
        except BaseException:
            self._abandon()
            raise

    def style(self, style: CellStyle) -> int:
        """The index of the shared ``xf`` for ``style`` (registered once)."""
        index = self._styles.get(style)
        if index is None:
            index = self._styles[style] = len(self._styles)
        return index

    def sheet(
        self,
        title: str,
        widths: Sequence[float] = (),
        *,
        columns: int | None = None,
        header_row: int | None = None,
        landscape: bool = True,
    ) -> StreamSheet:
        """A new sheet (the one before it is finished): ``widths`` in Excel units, or only a number of
        ``columns`` at the default width. ``header_row`` is frozen and repeated on every printed page."""
        assert self._zip is not None, "use the book in a with block"
        if self._sheets:
            self._sheets[-1].close()
        number = len(self._sheets) + 1
        title = sheet_name(title, [s.title_text for s in self._sheets], number)
        # no ZIP64 records (some suites refuse them): a sheet's XML stays under 2 GiB within Excel's
        # 1,048,576 rows (≈ 750 bytes a ledger row)
        entry = self._zip.open(f"xl/worksheets/sheet{number}.xml", "w")
        sheet = StreamSheet(entry, title, widths, columns=columns, header_row=header_row, landscape=landscape)
        self._sheets.append(sheet)
        return sheet

    def _abandon(self) -> None:
        try:
            for sheet in self._sheets:
                sheet.discard()
            if self._zip is not None:
                self._zip.close()
        except Exception:  # noqa: BLE001 - the file is removed below; the first error is the one raised
            pass
        finally:
            self._zip = None
            self._tmp.unlink(missing_ok=True)

    def _finish(self) -> None:
        assert self._zip is not None
        if not self._sheets:
            self.sheet("Sheet1").append([], [])
        self._sheets[-1].close()
        zf = self._zip
        count = len(self._sheets)
        zf.writestr("[Content_Types].xml", _content_types(count))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("docProps/app.xml", _APP)
        zf.writestr("docProps/core.xml", _core(datetime.now(UTC)))
        zf.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(count))
        zf.writestr("xl/workbook.xml", self._workbook())
        zf.writestr("xl/styles.xml", _stylesheet(list(self._styles)))
        zf.writestr("xl/theme/theme1.xml", _theme())
        zf.close()
        self._zip = None

    def _workbook(self) -> str:
        sheets, names = [], []
        for index, sheet in enumerate(self._sheets):
            quoted = _attr(_quoted_sheet(sheet.title_text))
            sheets.append(
                f'<sheet name="{_attr(sheet.title_text)}" sheetId="{index + 1}" r:id="rId{index + 1}"/>'
            )
            if sheet.header_row:
                names.append(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
                    f"{quoted}!${sheet.header_row}:${sheet.header_row}</definedName>"
                )
            names.append(
                f'<definedName name="_xlnm.Print_Area" localSheetId="{index}">'
                f"{quoted}!$A$1:${sheet.last_column}${max(sheet.next_row - 1, 1)}</definedName>"
            )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{''.join(sheets)}</sheets><definedNames>{''.join(names)}</definedNames>"
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )


class StreamSheet:
    """One sheet of a ``StreamBook``, its rows streamed into the package's zip entry ``entry``."""

    def __init__(
        self,
        entry: Any,
        title: str,
        widths: Sequence[float],
        *,
        columns: int | None = None,
        header_row: int | None = None,
        landscape: bool = True,
    ) -> None:
        self.title_text = title  # a clean name (``sheet_name``: StreamBook.sheet makes it so)
        self.widths = [min(w, MAX_WIDTH) for w in widths]
        self.header_row = header_row
        self.landscape = landscape
        self.next_row = 1
        self._entry = entry
        self._heights = RowHeights(self.widths)
        self._merged: list[str] = []
        self._pending: list[str] = []
        count = len(self.widths) if columns is None else columns
        self._letters = [column_letter(i) for i in range(1, max(count, 1) + 1)]
        self._write(self._sheet_head())

    @property
    def last_column(self) -> str:
        return self._letters[-1]

    def close(self) -> None:
        """Finish the sheet (the merged titles, the page set-up) and its zip entry."""
        if self._entry is not None:
            self._flush()
            self._write(self._sheet_tail())
            self._entry.close()
            self._entry = None

    def discard(self) -> None:
        if self._entry is not None:
            entry, self._entry = self._entry, None
            entry.close()

    # -------------------------------------------------------------------------------------- content

    def title(self, text: str, style: int, *, size: float = 11, bold: bool = True) -> int:
        """A title row: ``text`` in column A, merged across the table, tall enough for its wrapped text."""
        row = self.next_row
        if len(self._letters) > 1:
            self._merged.append(f"A{row}:{self.last_column}{row}")
        height = row_height([(text, sum(self.widths) * 0.95)], size=size, bold=bold)
        self._row(row, [clean(text)], [style], height or round(size * 1.4 + 3, 1))
        return row

    def append(
        self, values: Sequence[Any], styles: Sequence[int], *, size: float = 11, bold: bool = False
    ) -> int:
        """A row of values, each with its style; its height set for its wrapped text. Returns its number."""
        if len(values) != len(styles):
            raise ValueError(f"{len(values)} values but {len(styles)} styles")
        row = self.next_row
        if len(values) > len(self._letters):  # a row wider than the sheet was said to be: more letters
            self._letters += [column_letter(i) for i in range(len(self._letters) + 1, len(values) + 1)]
        cells = [  # ``clean`` inlined: a call less per text cell
            (t if len(t := sheet_value(v)) <= _SHORT_TEXT else _cut(t, MAX_TEXT)) if type(v) is str else v
            for v in values
        ]
        self._row(row, cells, styles, self._heights.needed(cells, size=size, bold=bold))
        return row

    def _row(self, row: int, values: Sequence[Any], styles: Sequence[int], height: float | None) -> None:
        """Write a row of clean values (``clean``)."""
        if row > MAX_ROWS:
            raise ValueError(
                f"a sheet holds at most {MAX_ROWS:,} rows in Excel (a new sheet: StreamBook.sheet)"
            )
        r = str(row)
        if height and height > MAX_HEIGHT:
            height = MAX_HEIGHT
        parts = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">']
        for letter, value, s in zip(self._letters, values, styles, strict=False):
            kind = type(value)
            if kind is str and value:
                text = _escaped(value)
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(f'<c r="{letter}{r}" s="{s}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif value is None or kind is str:  # empty: the cell keeps its style (borders)
                parts.append(f'<c r="{letter}{r}" s="{s}"/>')
            elif kind is int and -9_007_199_254_740_992 <= value <= 9_007_199_254_740_992:  # ±2**53: exact
                parts.append(f'<c r="{letter}{r}" s="{s}"><v>{value}</v></c>')
            else:
                parts.append(self._other(f"{letter}{r}", value, s))
        parts.append("</row>")
        self._pending.append("".join(parts))
        self.next_row = row + 1
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    @staticmethod
    def _other(ref: str, value: Any, s: int) -> str:
        """Any value but plain text, None and exact integers (``_row``'s common cases)."""
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{s}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, date):
            return _date_cell(ref, value, s)
        if isinstance(value, int | float | Decimal):
            return _number_cell(ref, value, s)
        if isinstance(value, str):  # a str subclass (an enum's member): its own text, not its repr
            return _text_cell(ref, s, clean(str.__str__(value)))
        return _text_cell(ref, s, clean(str(value)))  # any other type: its text

    def _flush(self) -> None:
        if self._pending:
            self._write("".join(self._pending))
            self._pending.clear()

    def _write(self, text: str) -> None:
        self._entry.write(text.encode("utf-8"))

    # -------------------------------------------------------------------------------------- package

    def _sheet_head(self) -> str:
        view = '<sheetView workbookViewId="0">'
        if self.header_row:
            frozen = self.header_row
            view += (
                f'<pane ySplit="{frozen}" topLeftCell="A{frozen + 1}" activePane="bottomLeft" state="frozen"/>'
                # the active cell inside the pane it names (A1 is in the frozen one), as Excel saves it
                f'<selection pane="bottomLeft" activeCell="A{frozen + 1}" sqref="A{frozen + 1}"/>'
            )
        view += "</sheetView>"
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
            '<pageSetUpPr fitToPage="1"/></sheetPr>'
            f"<sheetViews>{view}</sheetViews>"
            '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
            f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>"
        )

    def _sheet_tail(self) -> str:
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in self._merged)
        footer = _attr("&C" + FOOTER)
        return (
            "</sheetData>"
            + (f'<mergeCells count="{len(self._merged)}">{merged}</mergeCells>' if merged else "")
            + '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.5" footer="0.5"/>'
            + f'<pageSetup paperSize="9" orientation="{"landscape" if self.landscape else "portrait"}" '
            'fitToWidth="1" fitToHeight="0"/>'
            + f"<headerFooter><oddFooter>{footer}</oddFooter><evenFooter>{footer}</evenFooter></headerFooter>"
            + "</worksheet>"
        )


def _date_cell(ref: str, value: date, s: int) -> str:
    """A date or datetime as its serial (Excel's 1900 system, its phantom 29/02/1900 counted); before 1900,
    which has no serial, its text as the date format would show it."""
    if isinstance(value, datetime):
        wall = value.replace(tzinfo=None)
        if wall.date() < _FIRST_SERIAL_DAY:
            return _text_cell(ref, s, clean(f"{format_date(wall)} {wall:%H:%M:%S}"))
        delta = wall - datetime(1899, 12, 30)
        days = delta.days - (1 if wall.date() < _LEAP_BUG_END else 0)
        serial = days + delta.seconds / 86_400 + delta.microseconds / 86_400e6
        return f'<c r="{ref}" s="{s}"><v>{serial!r}</v></c>'
    if value < _FIRST_SERIAL_DAY:
        return _text_cell(ref, s, clean(format_date(value)))
    days = value.toordinal() - _EPOCH - (1 if value < _LEAP_BUG_END else 0)
    return f'<c r="{ref}" s="{s}"><v>{days}</v></c>'


def _number_cell(ref: str, value: int | float | Decimal, s: int) -> str:
    """A number as Excel can hold it (a double): an integer or a Decimal past the largest double as its
    text, NaN and infinities as an empty cell, negative zero and numbers too small for Excel as 0. An
    integer past 2**53 keeps its digits in the file; Excel rounds it to a double as it does a typed one."""
    if isinstance(value, int):
        try:
            float(value)
            return f'<c r="{ref}" s="{s}"><v>{int(value)}</v></c>'
        except OverflowError:  # past the largest double
            pass
        try:
            return _text_cell(ref, s, clean(str(int(value))))
        except ValueError:  # past the 4,300 digits Python turns into text
            return f'<c r="{ref}" s="{s}"/>'
    if isinstance(value, Decimal):
        if not value.is_finite():
            return f'<c r="{ref}" s="{s}"/>'
        number = float(value)
        if math.isinf(number):
            return _text_cell(ref, s, clean(str(value)))
        value = number
    if not math.isfinite(value):
        return f'<c r="{ref}" s="{s}"/>'
    if -_MIN_DOUBLE < value < _MIN_DOUBLE:
        return f'<c r="{ref}" s="{s}"><v>0</v></c>'
    return f'<c r="{ref}" s="{s}"><v>{float(value)!r}</v></c>'


def _stylesheet(styles: list[CellStyle]) -> str:
    """styles.xml: one font, fill, border and number format per distinct need, one ``xf`` per style."""
    fonts: dict[tuple[bool, float | None], int] = {(False, None): 0}
    fills: dict[str | None, int] = {None: 0, "gray125": 1}
    formats: dict[str, int] = {}
    xfs = []
    for style in styles:
        font = fonts.setdefault((style.bold, style.size), len(fonts))
        fill = fills.setdefault(style.fill, len(fills)) if style.fill else 0
        fmt = 0
        if style.number_format:
            fmt = _BUILTIN_FORMATS.get(style.number_format, -1)
            if fmt < 0:
                fmt = formats.setdefault(style.number_format, 164 + len(formats))
        align = ""
        if style.horizontal or style.vertical or style.wrap:
            attrs = "".join(
                f' {name}="{value}"'
                for name, value in (
                    ("horizontal", style.horizontal),
                    ("vertical", style.vertical),
                    ("wrapText", "1" if style.wrap else None),
                )
                if value
            )
            align = f"<alignment{attrs}/>"
        applied = [
            ("applyNumberFormat", fmt),
            ("applyFont", font),
            ("applyFill", fill),
            ("applyBorder", style.border),
            ("applyAlignment", align),
        ]
        flags = "".join(f' {name}="1"' for name, on in applied if on)
        head = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{int(style.border)}" xfId="0"{flags}'
        xfs.append(f"{head}>{align}</xf>" if align else f"{head}/>")
    font_xml = []
    for bold, size in fonts:
        font_xml.append(
            f'<font>{"<b/>" if bold else ""}<sz val="{size or 11:g}"/><color theme="1"/>'
            '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
        )
    fill_xml = [
        '<fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill>',
    ]
    fill_xml += [
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{rgb}"/><bgColor indexed="64"/></patternFill></fill>'
        for rgb in list(fills)[2:]
    ]
    side = f'style="thin"><color rgb="00{BORDER_COLOR}"/>'
    border_xml = (
        "<border><left/><right/><top/><bottom/><diagonal/></border>"
        f"<border><left {side}</left><right {side}</right><top {side}</top><bottom {side}</bottom>"
        "<diagonal/></border>"
    )
    num_xml = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in formats.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
        + (f'<numFmts count="{len(formats)}">{num_xml}</numFmts>' if formats else "")
        + f'<fonts count="{len(font_xml)}">{"".join(font_xml)}</fonts>'
        + f'<fills count="{len(fill_xml)}">{"".join(fill_xml)}</fills>'
        + f'<borders count="2">{border_xml}</borders>'
        + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        + f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        + "</styleSheet>"
    )


def _theme() -> str:
    from openpyxl.writer.theme import theme_xml  # the default Office theme (fonts, colours) openpyxl writes

    return str(theme_xml)


def _core(now: datetime) -> str:
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>pbgdpl-desktop</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


def _content_types(sheets: int) -> str:
    worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{worksheet}"/>'
        for n in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}"
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/theme/theme1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def _workbook_rels(sheets: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">{rels}'
        f'<Relationship Id="rId{sheets + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{sheets + 2}" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
        "</Relationships>"
    )


_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>pbgdpl-desktop</Application></Properties>"
)
