"""How tall a spreadsheet row must be for its wrapped text, estimated from the text and the column width.

Office suites do not grow a row for wrapped text written by a program: the row keeps its default height and
the extra lines overprint the rows below when printed. The writers set each row's height from this
estimate. It errs on the tall side (a suite's fallback font — DejaVu Sans on Linux — is wider than
Calibri): a little white space is harmless, an overprinted line is not. Pure: no openpyxl here, so both
``exports`` and ``reports`` use it."""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_HEIGHT = 15.0  # points: one line of 11 pt text, the suites' default row
_CHARS_PER_WIDTH = 0.8  # characters of 11 pt text that fit in one unit of column width (conservative)
_LINE_FACTOR = 1.4  # line height / font size
_PADDING = 3.0  # points above and below the text


def chars_per_line(width: float, *, size: float = 11, bold: bool = False) -> int:
    factor = _CHARS_PER_WIDTH * 11 / size * (0.88 if bold else 1.0)
    return max(1, int(max(width - 1, 1) * factor))


def wrapped_lines(text: str, width: float, *, size: float = 11, bold: bool = False) -> int:
    """Lines the text takes in a column ``width`` wide (Excel width units), wrapping at spaces like a
    suite does; a word longer than the line is broken."""
    per_line = chars_per_line(width, size=size, bold=bold)
    lines = 0
    for paragraph in str(text).split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            length = len(word)
            if used and used + 1 + length > per_line:
                lines += 1
                used = 0
            if length > per_line:  # broken inside the word
                lines += (used + length - 1) // per_line
                used = (used + length) % per_line or per_line
            else:
                used += (1 if used else 0) + length
    return max(lines, 1)


def line_height(size: float = 11) -> float:
    return size * _LINE_FACTOR


def text_height(text: str, width: float, *, size: float = 11, bold: bool = False) -> float:
    return wrapped_lines(text, width, size=size, bold=bold) * line_height(size) + _PADDING


def row_height(
    cells: Iterable[tuple[object, float]], *, size: float = 11, bold: bool = False
) -> float | None:
    """The height (points) a row of (value, column width) cells needs, or None when the default is enough."""
    tallest = 0.0
    for value, width in cells:
        if value is None or value == "":
            continue
        text = value if isinstance(value, str) else str(value)
        tallest = max(tallest, text_height(text, width, size=size, bold=bold))
    needed = round(tallest, 1)
    return needed if needed > max(DEFAULT_HEIGHT, line_height(size) + _PADDING) else None
