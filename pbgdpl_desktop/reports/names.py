"""Names lists for certificates: rows of cells (read by ``exports.sheet_files`` from .xlsx, .ods or .csv) →
recipients, one person per row. Text comes back NFC.

The column holding the names is chosen from the data, not from the header alone: a Vietnamese personal
name is 2–6 words of letters, each capitalised ("Nguyễn Văn Đông"); a serial ("1", "2"), a number or a
header cell ("STT", "Họ tên người nhận") is not. A recognised header ("Họ và tên", "Đơn vị", "Giải" …) names
the unit and prize columns; an unknown header is recognised as a header because its cell in the names
column does not look like a name while the cells under it do. The clerk sees a preview (first rows, the
chosen column) and may pick another column. A name holding "?" or "\ufffd" (a file saved in the wrong
encoding) or only digits is refused with its row number: never a certificate named "Nguy?n" or "1"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import clean, fold
from pbgdpl_desktop.reports.inputs import Recipient

MAX_NAMES = 5000
MAX_NAME_LENGTH = 300
MAX_LINES = MAX_NAMES + 1000  # rows read at most, blank ones included
PREVIEW_ROWS = 8
SAMPLE_ROWS = 200  # rows looked at to choose the column

_NAME_WORDS = ("ho va ten", "ho ten", "ten", "nguoi nhan", "name", "full name", "ho ten nguoi nhan")
_UNIT_WORDS = ("don vi", "co quan", "dia chi", "noi cong tac", "to dan pho", "thon", "unit", "lop")
_PRIZE_WORDS = ("giai", "thanh tich", "danh hieu", "xep loai", "prize")
_SERIAL_WORDS = ("stt", "so tt", "tt", "so thu tu")
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


@dataclass(frozen=True)
class NamesColumns:
    name: int
    unit: int | None = None
    prize: int | None = None
    header: bool = False  # the first non-blank row is a header, not a person


@dataclass(frozen=True)
class NamesPreview:
    """What the clerk checks before printing: the first rows and the column chosen for the names."""

    labels: tuple[str, ...]  # one per column: the header text, or "Cột A"
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number in the file, cells) of the first people
    columns: NamesColumns
    name_like: tuple[float, ...]  # per column: share of its cells shaped like a personal name
    total: int  # people in the list
    problem: str = ""  # why this list (with this column) cannot be printed, with the row number

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(
            cells[self.columns.name] if self.columns.name < len(cells) else "" for _, cells in self.rows
        )


def looks_like_name(text: str) -> bool:
    """Vietnamese personal-name shape: 2–6 words of letters, each starting with a capital letter."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(_WORD.match(w) and w[0].isupper() for w in words)


def _cells(rows: Iterable[Sequence[object]]) -> list[tuple[int, list[str]]]:
    out = []
    for number, raw in enumerate(rows, start=1):
        cells = [clean(_text(c)) for c in raw]
        if any(cells):
            out.append((number, cells))
    return out


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_keys(cells: list[str]) -> dict[str, int]:
    folded = [fold(c).strip(" :*.") for c in cells]
    found: dict[str, int] = {}
    for index, text in enumerate(folded):
        for key, words in (
            ("name", _NAME_WORDS),
            ("unit", _UNIT_WORDS),
            ("prize", _PRIZE_WORDS),
            ("serial", _SERIAL_WORDS),
        ):
            if key not in found and (text in words or (key == "name" and text.startswith("ho ten"))):
                found[key] = index
    return found


def _shares(body: list[tuple[int, list[str]]], width: int) -> list[float]:
    shares = []
    for column in range(width):
        values = [cells[column] for _, cells in body[:SAMPLE_ROWS] if column < len(cells) and cells[column]]
        shares.append(sum(looks_like_name(v) for v in values) / len(values) if values else 0.0)
    return shares


def choose_columns(
    rows: Iterable[Sequence[object]], *, name_column: int | None = None
) -> tuple[NamesColumns, list[tuple[int, list[str]]], list[float]]:
    """The columns (chosen from the data, or the clerk's ``name_column``), the people rows and the share
    of name-shaped cells per column."""
    cells = _cells(rows)
    if not cells:
        return NamesColumns(0), [], []
    width = max(len(c) for _, c in cells)
    first = cells[0][1]
    keys = _header_keys(first)
    shares_all = _shares(cells, width)
    shares_body = _shares(cells[1:], width) if len(cells) > 1 else shares_all
    if name_column is not None:
        name = name_column
    elif "name" in keys and shares_body[keys["name"]] >= 0.5:
        name = keys["name"]
    else:
        best = max(shares_body if len(cells) > 1 else shares_all)
        if best > 0:
            name = shares_body.index(best) if len(cells) > 1 else shares_all.index(best)
        elif "name" in keys:
            name = keys["name"]
        else:  # nothing looks like a name: the first column that is not a serial number
            serial = len(first) > 1 and first[0].rstrip(".").isdigit()
            name = 1 if serial or "serial" in keys else 0
    first_name = first[name] if name < len(first) else ""
    header = bool(keys) or (len(cells) > 1 and not looks_like_name(first_name) and shares_body[name] >= 0.5)
    if header:
        unit, prize = keys.get("unit"), keys.get("prize")
        if unit is None and prize is None and "name" not in keys:
            unit = _next_text_column(cells[1:], name, width)
    else:
        unit = _next_text_column(cells, name, width)
        prize = unit + 1 if unit is not None and unit + 1 < width else None
    columns = NamesColumns(name, unit, prize, header)
    body = cells[1:] if header else cells
    return columns, body, _shares(body, width)


def _next_text_column(body: list[tuple[int, list[str]]], name: int, width: int) -> int | None:
    """The column after the names, unless it holds only numbers (a serial or a score)."""
    column = name + 1
    if column >= width:
        return None
    values = [cells[column] for _, cells in body[:SAMPLE_ROWS] if column < len(cells) and cells[column]]
    if values and all(v.replace(".", "").replace(",", "").isdigit() for v in values):
        return None
    return column


def preview_rows(
    rows: Iterable[Sequence[object]], *, name_column: int | None = None, limit: int = PREVIEW_ROWS
) -> NamesPreview:
    rows = list(rows)
    columns, body, shares = choose_columns(rows, name_column=name_column)
    cells = _cells(rows)
    width = max((len(c) for _, c in cells), default=0)
    header = cells[0][1] if columns.header and cells else []
    labels = tuple(
        (header[i] if i < len(header) and header[i] else f"Cột {_letter(i)}") for i in range(width)
    )
    try:
        parse_rows(rows, name_column=columns.name)
        problem = ""
    except ValidationError as exc:
        problem = exc.message
    return NamesPreview(
        labels,
        tuple((n, tuple(c + [""] * (width - len(c)))) for n, c in body[:limit]),
        columns,
        tuple(shares),
        len(body),
        problem,
    )


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_rows(rows: Iterable[Sequence[object]], *, name_column: int | None = None) -> list[Recipient]:
    """The people of the list; raises ValidationError (with the row number) for a name that cannot be
    printed."""
    columns, body, _ = choose_columns(rows, name_column=name_column)
    out: list[Recipient] = []
    for number, cells in body:
        recipient = _recipient(number, cells, columns)
        if recipient is not None:
            out.append(recipient)
    return out


def _recipient(number: int, cells: list[str], columns: NamesColumns) -> Recipient | None:
    def cell(index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    name = cell(columns.name)
    if not name:
        return None
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"Dòng {number}: tên “{name[:40]}…” dài {len(name)} ký tự (tối đa {MAX_NAME_LENGTH}).",
            field="names",
        )
    if "?" in name or "\ufffd" in name:
        raise ValidationError(
            f"Dòng {number}: tên “{name[:60]}” có ký tự “?” hoặc “\ufffd” — tệp đã được lưu bằng bảng mã "
            "không có tiếng Việt. Hãy mở tệp và lưu lại dạng “CSV UTF-8” hoặc .xlsx/.ods rồi chọn lại.",
            field="names",
        )
    if name.replace(".", "").replace(" ", "").isdigit():
        raise ValidationError(
            f"Dòng {number}: “{name}” là số, không phải tên người — cột tên đang chọn có thể là cột số thứ tự. "
            "Hãy chọn cột họ tên trong phần xem trước.",
            field="names",
        )
    return Recipient(name=name, unit=cell(columns.unit), prize=cell(columns.prize))
