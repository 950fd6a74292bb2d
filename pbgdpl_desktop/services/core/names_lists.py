"""Names lists (.xlsx, .ods, .csv) for certificates and attendee lists: the file read by
``exports.sheet_files``, the names column chosen by ``reports.names`` (from the data, or the clerk's pick)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.exports.sheet_files import SUFFIXES, TooManyRowsError, read_table
from pbgdpl_desktop.reports.inputs import Recipient
from pbgdpl_desktop.reports.names import MAX_LINES, MAX_NAMES, NamesPreview, parse_rows, preview_rows

FILE_FILTER = "Danh sách (*.xlsx *.ods *.csv)"


def _rows(path: str | Path) -> list[list[Any]]:
    file = Path(path)
    if not file.is_file():
        raise ValidationError(f"Không tìm thấy tệp danh sách “{file}”.", field="names")
    if file.suffix.lower() not in SUFFIXES:
        raise ValidationError(
            "Tệp danh sách phải là .xlsx, .ods hoặc .csv (mỗi dòng một người).", field="names"
        )
    try:
        return read_table(file, max_rows=MAX_LINES, field="names")
    except TooManyRowsError as exc:
        raise ValidationError(
            f"Tệp “{file.name}” có hơn {MAX_NAMES} dòng (kể cả dòng trống); mỗi lần in tối đa {MAX_NAMES} "
            "tên. Hãy tách danh sách thành nhiều tệp nhỏ hơn.",
            field="names",
        ) from exc


def read_names(path: str | Path, *, name_column: int | None = None) -> list[Recipient]:
    """The people of a names file; ``name_column`` (0-based) overrides the column chosen from the data."""
    file = Path(path)
    recipients = parse_rows(_rows(file), name_column=name_column)
    if not recipients:
        raise ValidationError(f"Tệp “{file.name}” không có tên người nào.", field="names")
    if len(recipients) > MAX_NAMES:
        raise ValidationError(f"Tệp có {len(recipients)} tên; mỗi lần in tối đa {MAX_NAMES}.", field="names")
    return recipients


def preview_names(path: str | Path, *, name_column: int | None = None) -> NamesPreview:
    """The first rows and the chosen names column, for the clerk to check (or change) before printing."""
    return preview_rows(_rows(path), name_column=name_column)
