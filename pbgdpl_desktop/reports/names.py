"""Names files for certificates: .xlsx or .csv, one person per row. A header row ("Họ và tên", optionally
"Đơn vị", "Giải" …) is detected, not required; an "STT" column is skipped. Text comes back NFC."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import clean, fold
from pbgdpl_desktop.reports.inputs import Recipient

MAX_NAMES = 5000
MAX_NAME_LENGTH = 300

_NAME_WORDS = ("ho va ten", "ho ten", "ten", "nguoi nhan", "name", "full name")
_UNIT_WORDS = ("don vi", "co quan", "dia chi", "noi cong tac", "to dan pho", "thon", "unit", "lop")
_PRIZE_WORDS = ("giai", "thanh tich", "danh hieu", "xep loai", "prize")
_SERIAL_WORDS = ("stt", "so tt", "tt", "so thu tu")


def read_names(path: str | Path) -> list[Recipient]:
    file = Path(path)
    if not file.is_file():
        raise ValidationError(f"Không tìm thấy tệp danh sách “{file}”.", field="names")
    suffix = file.suffix.lower()
    rows: Sequence[Sequence[object]]
    if suffix == ".xlsx":
        rows = _xlsx_rows(file)
    elif suffix == ".csv":
        rows = _csv_rows(file)
    else:
        raise ValidationError("Tệp danh sách phải là .xlsx hoặc .csv (mỗi dòng một người).", field="names")
    recipients = parse_rows(rows)
    if not recipients:
        raise ValidationError(f"Tệp “{file.name}” không có tên người nào.", field="names")
    if len(recipients) > MAX_NAMES:
        raise ValidationError(f"Tệp có {len(recipients)} tên; mỗi lần in tối đa {MAX_NAMES}.", field="names")
    return recipients


def parse_rows(rows: Iterable[Sequence[object]]) -> list[Recipient]:
    columns: dict[str, int] | None = None
    out: list[Recipient] = []
    for raw in rows:
        cells = [clean(str(c)) if c is not None else "" for c in raw]
        if not any(cells):
            continue
        if columns is None:
            columns = _header_columns(cells)
            if columns is not None:
                continue
            columns = _guess_columns(cells)
        recipient = _recipient(cells, columns)
        if recipient is not None:
            out.append(recipient)
    return out


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    folded = [fold(c).strip(" :*") for c in cells]
    found: dict[str, int] = {}
    for index, text in enumerate(folded):
        for key, words in (
            ("name", _NAME_WORDS),
            ("unit", _UNIT_WORDS),
            ("prize", _PRIZE_WORDS),
            ("serial", _SERIAL_WORDS),
        ):
            if key not in found and text in words:
                found[key] = index
    return found if "name" in found else None


def _guess_columns(cells: list[str]) -> dict[str, int]:
    """No header: an optional leading serial number, then name, unit, prize."""
    start = 1 if len(cells) > 1 and cells[0].rstrip(".").isdigit() else 0
    return {"name": start, "unit": start + 1, "prize": start + 2}


def _recipient(cells: list[str], columns: dict[str, int]) -> Recipient | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    name = cell("name")
    if not name:
        return None
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"Tên “{name[:40]}…” dài {len(name)} ký tự (tối đa {MAX_NAME_LENGTH}).", field="names"
        )
    return Recipient(name=name, unit=cell("unit"), prize=cell("prize"))


def _csv_rows(file: Path) -> list[list[str]]:
    raw = file.read_bytes()
    text = _decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1258", errors="replace")  # Windows Vietnamese (old Excel "CSV")


def _xlsx_rows(file: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise ValidationError(
            f"Không đọc được tệp Excel “{file.name}”: tệp hỏng hoặc không phải .xlsx.", field="names"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
