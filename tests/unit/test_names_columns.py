"""The names column of a certificate list is chosen from the data: never a certificate named "STT" or "1",
never one named "Nguy?n"; a preview shows the first rows and the chosen column, and the clerk may pick another."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.reports.inputs import Recipient
from pbgdpl_desktop.reports.names import looks_like_name, parse_rows, preview_rows
from pbgdpl_desktop.services.core.names_lists import preview_names, read_names

UNKNOWN_HEADER = [
    ["STT", "Họ tên người nhận", "Đơn vị"],
    ["1", "Nguyễn Văn Đông", "Tổ 1"],
    ["2", "Trần Thị Bích Ngọc", "Tổ 2"],
    ["3", "Lê Hoàng", "Tổ 3"],
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nguyễn Văn Đông", True),
        ("Tôn Nữ Thị Hồng Nhung", True),
        ("STT", False),
        ("1", False),
        ("Họ tên người nhận", False),
        ("Tổ 1", False),
        ("nguyễn văn đông", False),
        ("Nguy?n V?n ??ng", False),
    ],
)
def test_personal_name_shape(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


def test_unknown_header_is_a_header_and_the_serials_are_not_names() -> None:
    people = parse_rows(UNKNOWN_HEADER)
    assert [p.name for p in people] == ["Nguyễn Văn Đông", "Trần Thị Bích Ngọc", "Lê Hoàng"]
    assert people[0] == Recipient("Nguyễn Văn Đông", "Tổ 1")


def test_header_the_app_does_not_know_at_all() -> None:
    rows = [["Số", "Người được khen", "Ghi chú"], ["1", "Phạm Minh Đức", ""], ["2", "Võ Thị Sáu", ""]]
    assert [p.name for p in parse_rows(rows)] == ["Phạm Minh Đức", "Võ Thị Sáu"]


def test_names_column_not_first_without_header() -> None:
    rows = [["1", "Tổ 5", "Đỗ Văn Hùng"], ["2", "Tổ 6", "Bùi Thị Lan"]]
    preview = preview_rows(rows)
    assert preview.columns.name == 2 and not preview.columns.header
    assert preview.names == ("Đỗ Văn Hùng", "Bùi Thị Lan")
    assert preview.labels == ("Cột A", "Cột B", "Cột C")


def test_preview_and_clerk_picks_another_column() -> None:
    preview = preview_rows(UNKNOWN_HEADER)
    assert preview.labels == ("STT", "Họ tên người nhận", "Đơn vị")
    assert preview.columns.name == 1 and preview.columns.header and preview.total == 3
    assert preview.rows[0] == (2, ("1", "Nguyễn Văn Đông", "Tổ 1"))
    assert preview.name_like[1] == 1.0 and preview.name_like[0] == 0.0
    # picking the serial column is refused with the row number, never printed
    with pytest.raises(ValidationError, match=r"Dòng 2: “1” là số"):
        parse_rows(UNKNOWN_HEADER, name_column=0)
    assert [p.name for p in parse_rows(UNKNOWN_HEADER, name_column=2)][0] == "Tổ 1"


def test_question_marks_and_replacement_characters_are_refused_with_the_row() -> None:
    with pytest.raises(ValidationError, match=r"Dòng 3: tên “Nguy\?n V\?n \?\?ng”"):
        parse_rows([["Họ và tên"], ["Lê Văn Tám"], ["Nguy?n V?n ??ng"]])
    with pytest.raises(ValidationError, match="Dòng 1"):
        parse_rows([["Nguy\ufffdn V\ufffdn"]])


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: base letters precomposed (â, ơ, ư …), tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def _ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet (what the reader relies on: content.xml, cells, spans)."""

    def cell(value: str, span: int = 1) -> str:
        attr = f' table:number-rows-spanned="{span}"' if span > 1 else ""
        return (
            f'<table:table-cell office:value-type="string"{attr}><text:p>{value}</text:p></table:table-cell>'
        )

    body = []
    for row in rows:
        cells = "".join(cell(v) for v in row)
        body.append(f"<table:table-row>{cells}</table:table-row>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="S">' + "".join(body) + "</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", xml)
    return path


def test_ods_list_is_read(tmp_path: Path) -> None:
    path = _ods(tmp_path / "ds.ods", UNKNOWN_HEADER)
    assert [p.name for p in read_names(path)] == ["Nguyễn Văn Đông", "Trần Thị Bích Ngọc", "Lê Hoàng"]
    assert preview_names(path).columns.name == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = "\n".join(",".join(r) for r in UNKNOWN_HEADER) + "\n"
    path = tmp_path / "ds.csv"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    assert [p.name for p in read_names(path)][0] == "Nguyễn Văn Đông"


def test_xlsx_with_merged_unit_carries_it_to_every_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in [["Họ và tên", "Đơn vị"], ["Ngô Văn Nam", "Tổ 4"], ["Hà Thị Mai", None]]:
        sheet.append(row)
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "ds.xlsx")
    assert read_names(tmp_path / "ds.xlsx")[1] == Recipient("Hà Thị Mai", "Tổ 4")
