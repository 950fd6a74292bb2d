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
MAX_LINES = MAX_NAMES + 1000  # rows read at most, blank ones included
MAX_COLUMNS = 50
CHUNK_BYTES = 64 * 1024
MAX_CSV_BYTES = 8 * 1024 * 1024

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


def _too_many(file: Path) -> ValidationError:
    return ValidationError(
        f"Tệp “{file.name}” có hơn {MAX_NAMES} dòng (kể cả dòng trống); mỗi lần in tối đa {MAX_NAMES} tên. "
        "Hãy tách danh sách thành nhiều tệp nhỏ hơn.",
        field="names",
    )


def _read_bounded(file: Path) -> bytes:
    """The bytes of a CSV file read in chunks, stopping (with a message) as soon as it holds more lines than
    the cap allows or more bytes than ``MAX_CSV_BYTES``: a huge file is never read to its end. The first
    chunk is checked for text a CSV reader would mangle (NUL bytes, UTF-16 without its byte-order mark)."""
    chunks: list[bytes] = []
    size = lines = 0
    try:
        with file.open("rb") as fh:
            while chunk := fh.read(CHUNK_BYTES):
                if not chunks:
                    _check_text_bytes(chunk, file)
                chunks.append(chunk)
                size += len(chunk)
                lines += chunk.count(b"\n")
                if lines > MAX_LINES or size > MAX_CSV_BYTES:
                    raise _too_many(file)
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp “{file.name}”: {exc.strerror or exc}.", field="names"
        ) from exc
    return b"".join(chunks)


def _check_text_bytes(head: bytes, file: Path) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) // 3 or even.count(0) > len(even) // 3:
        raise ValidationError(
            f"Tệp “{file.name}” được lưu dạng UTF-16 không có dấu BOM nên không đọc đúng được tiếng Việt. "
            "Hãy mở tệp bằng Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)”, hoặc dùng tệp .xlsx.",
            field="names",
        )
    raise ValidationError(
        f"Tệp “{file.name}” chứa ký tự rỗng (NUL): đây không phải tệp văn bản CSV. "
        "Hãy chọn tệp .csv lưu từ Excel (“CSV UTF-8”) hoặc tệp .xlsx.",
        field="names",
    )


def _csv_rows(file: Path) -> list[list[str]]:
    text = _decode(_read_bounded(file))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ValidationError(
            f"Tệp “{file.name}” không đọc được như tệp CSV (có thể là tệp nhị phân hoặc có một ô quá dài). "
            "Hãy mở bằng Excel và lưu lại dạng “CSV UTF-8”, hoặc dùng tệp .xlsx.",
            field="names",
        ) from exc


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
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
        # blank rows count too: a sheet formatted down to its last row is not walked to its end
        rows = [
            tuple(row)
            for row in sheet.iter_rows(max_row=MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True)
        ]
        if len(rows) > MAX_LINES and (
            any(v not in (None, "") for v in rows[-1]) or (sheet.max_row or 0) > MAX_LINES
        ):
            raise _too_many(file)
        return rows
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid archive
        raise ValidationError(
            f"Không đọc được tệp Excel “{file.name}”: tệp hỏng hoặc không phải .xlsx.", field="names"
        ) from exc
    finally:
        book.close()
