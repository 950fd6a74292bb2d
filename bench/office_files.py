"""Bench: what issue #20 adds to the office-suite files, each beside a floor doing the same work without it.

  * print layout: a 20,000-row streaming ledger-like sheet written through ``SheetPrint.append`` (row heights
    estimated from the text, set before each row and forgotten after) vs the same cells appended plainly;
  * .ods reading: a 5,000-row names list read by ``sheet_files.ods_rows`` vs the floor of only parsing its
    ``content.xml`` with ``ElementTree.iterparse`` (no cells kept);
  * CSV decoding: the same list in Windows-1258 read by ``sheet_files.csv_rows`` vs ``bytes.decode`` + csv.

App and floor alternate in the same run, 5 repetitions each; prints app, floor and ratio (medians).

    python bench/office_files.py [--rows 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl import Workbook

from pbgdpl_desktop.exports import sheet_files
from pbgdpl_desktop.exports.print_setup import SheetPrint

WIDTHS = [6, 12, 20, 36, 22, 40, 9, 12, 16, 14, 13, 24, 50]
TEXT = "Chi tiền nước uống, in tài liệu cho hội nghị tuyên truyền Luật Đất đai tại nhà văn hóa tổ dân phố số"
NAMES = ["Nguyễn Văn Đông", "Trần Thị Bích Ngọc", "Lê Hoàng", "Phạm Minh Đức", "Võ Thị Sáu"]


def _ledger(path: Path, rows: int, *, layout: bool) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet("S")
    sheet = SheetPrint(ws, WIDTHS, header_rows=(1, 1)) if layout else None
    for n in range(rows):
        cells = [n, "01/02/2026", "KHAC", "Nội dung chi khác", "Ngân sách xã", f"{TEXT} {n % 17}"]
        cells += [
            1,
            "lần",
            150000 * (n % 9),
            f"PC{n}",
            "01/02/2026",
            "Nguyễn Thị Thu Hằng",
            "" if n % 3 else TEXT,
        ]
        if sheet is not None:
            sheet.append(cells)
        else:
            ws.append(cells)
    if sheet is not None:
        sheet.finish()
    book.save(path)


def _ods(path: Path, rows: int) -> None:
    cells = "".join(
        f'<table:table-row><table:table-cell office:value-type="float" office:value="{i}"><text:p>{i}</text:p>'
        f'</table:table-cell><table:table-cell office:value-type="string"><text:p>{NAMES[i % 5]}</text:p>'
        f'</table:table-cell><table:table-cell office:value-type="string"><text:p>Tổ {i % 20}</text:p>'
        "</table:table-cell></table:table-row>"
        for i in range(rows)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="S">{cells}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", xml)


def _ods_floor(path: Path) -> None:
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
        for _, el in ET.iterparse(fh):
            el.clear()


def _csv_floor(path: Path) -> None:
    text = unicodedata.normalize("NFC", path.read_bytes().decode("cp1258"))
    list(csv.reader(io.StringIO(text)))


def _cp1258(text: str) -> bytes:
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones)) + tones)
    return "".join(out).encode("cp1258")


def _time(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _pair(label: str, app: Callable[[], object], floor: Callable[[], object], repeat: int) -> None:
    apps, floors = [], []
    for _ in range(repeat):  # alternated in the same run
        apps.append(_time(app))
        floors.append(_time(floor))
    a, f = statistics.median(apps), statistics.median(floors)
    print(f"{label:<44} app {a:8.3f} s   floor {f:8.3f} s   ratio {a / f:5.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        _pair(
            f"ledger {args.rows} rows, print layout",
            lambda: _ledger(base / "a.xlsx", args.rows, layout=True),
            lambda: _ledger(base / "f.xlsx", args.rows, layout=False),
            args.repeat,
        )
        ods = base / "names.ods"
        _ods(ods, 5000)
        _pair(
            ".ods names list, 5000 rows",
            lambda: sheet_files.ods_rows(ods, max_rows=6000),
            lambda: _ods_floor(ods),
            args.repeat,
        )
        text = "\n".join(f"{i},{NAMES[i % 5]},Tổ {i % 20}" for i in range(5000)) + "\n"
        csv_path = base / "names.csv"
        csv_path.write_bytes(_cp1258(text))
        _pair(
            "Windows-1258 CSV names list, 5000 rows",
            lambda: sheet_files.csv_rows(csv_path, max_rows=6000),
            lambda: _csv_floor(csv_path),
            args.repeat,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
