"""Tables a clerk's office suite wrote, read as rows of cell values: ``.xlsx`` (Excel or LibreOffice), ``.ods``
(LibreOffice's default) and ``.csv`` in the encodings suites write (UTF-8 with or without BOM, UTF-16 with its
BOM, Windows-1258).

- ``.ods`` is read with the standard library (``zipfile`` + ``xml.etree`` iterparse of ``content.xml``): the
  format is an open standard, the reader needs ~120 lines, and every Python ODS library we looked at is
  either heavy (pandas + odfpy), unmaintained (ezodf, pyexcel-ods3 on odfpy) or a large general document
  toolkit (odfdo). Dates come back as ``date``/``datetime``, numbers as ``int``/``float``, text NFC.
- Merged cells carry their value to every cell they cover (xlsx ``<mergeCell>``, ods ``*-spanned``), so a
  merged "Tổ dân phố" written once for three rows reaches all three rows.
- Windows-1258 writes tones as combining marks: the decoded text is NFC-normalised.

Every reader is bounded: at most ``max_rows`` rows and ``MAX_COLUMNS`` columns are kept; blank rows count."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from pbgdpl_desktop.domain.errors import ValidationError

MAX_COLUMNS = 50
MAX_CSV_BYTES = 8 * 1024 * 1024
MAX_ODS_XML_BYTES = 200 * 1024 * 1024  # content.xml uncompressed: a zip bomb stops here
CHUNK_BYTES = 64 * 1024
SUFFIXES = (".xlsx", ".ods", ".csv")

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@dataclass(frozen=True)
class Merge:
    first_row: int  # 0-based, inclusive
    first_col: int
    last_row: int
    last_col: int


class TooManyRowsError(ValidationError):
    """The sheet goes on past the cap."""


def read_table(path: Path, *, max_rows: int, field: str = "file") -> list[list[Any]]:
    """The first sheet of an .xlsx/.ods/.csv file as rows (lists) of values, merged cells filled in."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return csv_rows(path, max_rows=max_rows, field=field)
    if suffix == ".ods":
        rows, merges = ods_rows(path, max_rows=max_rows, field=field)
        return fill_merges(rows, merges)
    if suffix == ".xlsx":
        rows, merges = xlsx_rows(path, max_rows=max_rows, field=field)
        return fill_merges(rows, merges)
    raise ValidationError(
        f"Tệp “{path.name}” phải là .xlsx, .ods hoặc .csv (lưu từ Excel hoặc LibreOffice).", field=field
    )


def fill_merges(rows: list[list[Any]], merges: list[Merge]) -> list[list[Any]]:
    """Every cell a merge covers gets the value of its top-left cell."""
    for m in merges:
        if m.first_row >= len(rows):
            continue
        top = rows[m.first_row]
        value = top[m.first_col] if m.first_col < len(top) else None
        for r in range(m.first_row, min(m.last_row, len(rows) - 1) + 1):
            row = rows[r]
            last = min(m.last_col, MAX_COLUMNS - 1)
            if len(row) <= last:
                row.extend([None] * (last + 1 - len(row)))
            for c in range(m.first_col, last + 1):
                row[c] = value
    return rows


# ---------------------------------------------------------------------------------------------- CSV


def decode_text(raw: bytes) -> str:
    """UTF-16 (by its BOM), UTF-8 (with or without BOM), else Windows-1258; NFC either way."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1258", errors="replace")  # Windows Vietnamese: the suites' "ANSI" CSV
    return unicodedata.normalize("NFC", text)


def _read_bounded(path: Path, max_rows: int, field: str) -> bytes:
    chunks: list[bytes] = []
    size = lines = 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK_BYTES):
                if not chunks:
                    _check_text_bytes(chunk, path, field)
                chunks.append(chunk)
                size += len(chunk)
                lines += chunk.count(b"\n")
                if lines > max_rows or size > MAX_CSV_BYTES:
                    raise TooManyRowsError(_too_many(path, max_rows), field=field)
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.", field=field
        ) from exc
    return b"".join(chunks)


def _check_text_bytes(head: bytes, path: Path, field: str) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in head:
        return
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) // 3 or even.count(0) > len(even) // 3:
        raise ValidationError(
            f"Tệp “{path.name}” được lưu dạng UTF-16 không có dấu BOM nên không đọc đúng được tiếng Việt. "
            "Hãy mở tệp bằng Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)”, hoặc dùng tệp .xlsx.",
            field=field,
        )
    raise ValidationError(
        f"Tệp “{path.name}” chứa ký tự rỗng (NUL): đây không phải tệp văn bản CSV. "
        "Hãy chọn tệp .csv lưu từ Excel (“CSV UTF-8”) hoặc tệp .xlsx.",
        field=field,
    )


def csv_rows(path: Path, *, max_rows: int, field: str = "file") -> list[list[Any]]:
    text = decode_text(_read_bounded(path, max_rows, field))
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ValidationError(
            f"Tệp “{path.name}” không đọc được như tệp CSV (có thể là tệp nhị phân hoặc có một ô quá dài). "
            "Hãy mở bằng Excel và lưu lại dạng “CSV UTF-8”, hoặc dùng tệp .xlsx.",
            field=field,
        ) from exc


def _too_many(path: Path, max_rows: int) -> str:
    shown = f"{max_rows:,}".replace(",", ".")
    return (
        f"Tệp “{path.name}” có hơn {shown} dòng (kể cả dòng trống). "
        "Hãy xóa các dòng trống hoặc tách thành nhiều tệp nhỏ hơn."
    )


# ---------------------------------------------------------------------------------------------- ODS


def _damaged(path: Path, field: str, kind: str = ".ods") -> ValidationError:
    return ValidationError(
        f"Không đọc được tệp “{path.name}”: tệp hỏng hoặc không phải {kind}. "
        "Hãy mở bằng LibreOffice hoặc Excel và lưu lại.",
        field=field,
    )


def ods_rows(path: Path, *, max_rows: int, field: str = "file") -> tuple[list[list[Any]], list[Merge]]:
    """The first table of an OpenDocument spreadsheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > MAX_ODS_XML_BYTES:
                raise TooManyRowsError(_too_many(path, max_rows), field=field)
            with archive.open(info) as fh:
                return _ods_table(fh, path, max_rows, field)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise _damaged(path, field) from exc


def _ods_table(fh: Any, path: Path, max_rows: int, field: str) -> tuple[list[list[Any]], list[Merge]]:
    rows: list[list[Any]] = []
    merges: list[Merge] = []
    depth = 0  # nesting of table:table (the first table only)
    row: list[Any] | None = None
    row_repeat = 1
    for event, el in ET.iterparse(fh, events=("start", "end")):
        tag = el.tag
        if tag == f"{{{_TABLE}}}table":
            if event == "start":
                depth += 1
            else:
                return _trim(rows), merges
            continue
        if depth != 1:
            continue
        if tag == f"{{{_TABLE}}}table-row":
            if event == "start":
                row = []
                row_repeat = int(el.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
            else:
                assert row is not None
                row = _trim(row)
                # a repeated blank row (formatting down to the sheet's end) stays one row per repeat only
                # up to the cap: counting is enough to refuse a sheet that goes on
                for _ in range(min(row_repeat, max_rows + 1 - len(rows))):
                    rows.append(list(row))
                if len(rows) > max_rows and (any(v not in (None, "") for v in row) or row_repeat > 1):
                    if any(v not in (None, "") for r in rows[max_rows:] for v in r):
                        raise TooManyRowsError(_too_many(path, max_rows), field=field)
                    rows = rows[:max_rows]
                row = None
                el.clear()
        elif (
            row is not None
            and event == "end"
            and tag
            in (
                f"{{{_TABLE}}}table-cell",
                f"{{{_TABLE}}}covered-table-cell",
            )
        ):
            value = _ods_value(el) if tag.endswith("}table-cell") else None
            repeat = int(el.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            spanned_rows = int(el.get(f"{{{_TABLE}}}number-rows-spanned", "1"))
            spanned_cols = int(el.get(f"{{{_TABLE}}}number-columns-spanned", "1"))
            if (spanned_rows > 1 or spanned_cols > 1) and len(row) < MAX_COLUMNS:
                r, c = len(rows), len(row)
                merges.append(Merge(r, c, r + spanned_rows - 1, c + spanned_cols - 1))
            room = MAX_COLUMNS - len(row)
            row.extend([value] * max(0, min(repeat, room)))
            el.clear()
    raise _damaged(path, field)


def _trim(values: list[Any]) -> list[Any]:
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return values[:end]


_DURATION = re.compile(r"^PT(\d+)H(\d+)M")


def _ods_value(el: ET.Element) -> Any:
    kind = el.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(el.get(f"{{{_OFFICE}}}value", "0"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        raw = el.get(f"{{{_OFFICE}}}date-value", "")
        parsed = datetime.fromisoformat(raw)
        return parsed.date() if len(raw) <= 10 else parsed
    if kind == "time":
        match = _DURATION.match(el.get(f"{{{_OFFICE}}}time-value", ""))
        if match:
            return f"{int(match[1]):02d}:{int(match[2]):02d}"
    if kind == "boolean":
        return el.get(f"{{{_OFFICE}}}boolean-value") == "true"
    paragraphs = [_paragraph_text(p) for p in el.iter(f"{{{_TEXT}}}p")]
    text = "\n".join(paragraphs)
    return unicodedata.normalize("NFC", text) if text else None


def _paragraph_text(p: ET.Element) -> str:
    parts: list[str] = [p.text or ""]
    for child in p:
        if child.tag == f"{{{_TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
        elif child.tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------- XLSX


def xlsx_rows(path: Path, *, max_rows: int, field: str = "file") -> tuple[list[list[Any]], list[Merge]]:
    """The first sheet of an .xlsx (read-only: a sheet formatted down to its last row is not walked)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _damaged(path, field, ".xlsx") from exc
    try:
        sheet = book.worksheets[0]
        rows = [
            list(row) for row in sheet.iter_rows(max_row=max_rows + 1, max_col=MAX_COLUMNS, values_only=True)
        ]
        if len(rows) > max_rows:
            if any(v not in (None, "") for v in rows[-1]) or (sheet.max_row or 0) > max_rows + 1:
                raise TooManyRowsError(_too_many(path, max_rows), field=field)
            rows = rows[:max_rows]
        return [_trim(r) for r in rows], xlsx_merges(path, sheet_index=0)
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid archive
        raise _damaged(path, field, ".xlsx") from exc
    finally:
        book.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def xlsx_merges(path: Path, *, sheet_index: int = 0, sheet_name: str | None = None) -> list[Merge]:
    """The merged ranges of one sheet, read from its XML (openpyxl's read-only mode does not give them)."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet_index, sheet_name)
        if part is None:
            return []
        merges = []
        tail = b""
        with archive.open(part) as fh:
            for chunk in iter(lambda: fh.read(CHUNK_BYTES), b""):
                data = tail + chunk
                for m in _MERGE.finditer(data):
                    merges.append(
                        Merge(
                            int(m[2]) - 1,
                            _column_index(m[1].decode()),
                            int(m[4]) - 1,
                            _column_index(m[3].decode()),
                        )
                    )
                cut = data.rfind(b"<")
                tail = data[cut:] if cut != -1 else b""
        return list(dict.fromkeys(merges))


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _sheet_part(archive: zipfile.ZipFile, index: int, name: str | None) -> str | None:
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    sheets = list(workbook.iter(f"{main}sheet"))
    chosen = next((s for s in sheets if s.get("name") == name), None) if name else None
    if chosen is None:
        if index >= len(sheets):
            return None
        chosen = sheets[index]
    rid = chosen.get(rel_ns)
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def iter_nonblank(rows: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number as the suite shows it, cells) of every row with a value."""
    for number, row in enumerate(rows, start=1):
        if any(v not in (None, "") for v in row):
            yield number, row
