"""Certificates in batch from a names file (.xlsx / .csv), one per page, read back with poppler."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.reports.certificates import FOOTER_TOP, body_bottom, fit_name, render_certificates
from pbgdpl_desktop.reports.inputs import CertificateInput, Recipient
from pbgdpl_desktop.reports.names import parse_rows
from pbgdpl_desktop.services.core.names_lists import read_names
from tests.builders import document_header
from tests.helpers.pdf import is_nfc, pdf_fonts, pdf_page_size, pdf_pages, pdf_text

HEADER = document_header(chairman="Nguyễn Văn Thành")
LONG_NAME = ("Nguyễn Thị Phương Thảo Hoàng Đức Trường Giang " * 6)[:200].strip()


def _certs(recipients: list[Recipient], kind: str = "prize") -> CertificateInput:
    return CertificateInput(
        HEADER,
        kind,
        "Đã có thành tích xuất sắc trong Cuộc thi tìm hiểu pháp luật năm 2026",
        date(2026, 11, 9),
        recipients,
        first_number=15,
        symbol="GK-UBND",
    )


def test_batch_one_page_per_name_landscape(tmp_path: Path) -> None:
    people = [
        Recipient("Trần Văn An", "Tổ dân phố số 5"),
        Recipient(unicodedata.normalize("NFD", "Đặng Thị Hồng Nhung"), "Trường THCS", "Giải Nhất"),
        Recipient(LONG_NAME),
    ]
    out = render_certificates(_certs(people), str(tmp_path / "giay-khen.pdf"))
    assert pdf_pages(out) == 3
    width, height = pdf_page_size(out)
    assert width > height  # landscape A4
    text = pdf_text(out)
    assert is_nfc(text)
    for expected in (
        "GIẤY KHEN",
        "Trần Văn An",
        "Đặng Thị Hồng Nhung",
        "Đạt giải: Giải Nhất",
        "Số vào sổ: 15/GK-UBND",
        "Số vào sổ: 17/GK-UBND",
        "Phường Hoàn Kiếm, ngày 09 tháng 11 năm 2026",
        "Nguyễn Văn Thành",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
    ):
        assert expected in text, expected
    # the 200-character name is complete, only wrapped
    assert " ".join(LONG_NAME.split()) in " ".join(text.split())
    assert all(f.embedded for f in pdf_fonts(out))


def test_attendance_certificate_title(tmp_path: Path) -> None:
    text = pdf_text(
        render_certificates(_certs([Recipient("Lê Thị Hà")], "attendance"), str(tmp_path / "c.pdf"))
    )
    assert "GIẤY CHỨNG NHẬN" in text and "Chứng nhận:" in text


def test_long_names_shrink_then_wrap_and_never_reach_the_signature() -> None:
    size, lines = fit_name("Trần Văn An")
    assert size == 28 and lines == ["Trần Văn An"]
    size, lines = fit_name(LONG_NAME)
    assert size == 16 and len(lines) >= 2 and " ".join(lines) == LONG_NAME
    crowded = Recipient(LONG_NAME, "Tổ dân phố số 5 " * 8, "Giải Nhất")
    assert body_bottom(_certs([crowded]), crowded) >= FOOTER_TOP


def test_names_csv_with_header_stt_and_semicolons(tmp_path: Path) -> None:
    file = tmp_path / "ds.csv"
    file.write_text(
        "STT;Họ và tên;Đơn vị;Giải\n1;Trần Văn An;Tổ 5;Giải Nhì\n\n2;"
        + unicodedata.normalize("NFD", "Đặng Thị Hà")
        + ";Tổ 7;\n",
        encoding="utf-8-sig",
    )
    people = read_names(file)
    assert people == [Recipient("Trần Văn An", "Tổ 5", "Giải Nhì"), Recipient("Đặng Thị Hà", "Tổ 7", "")]


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters precomposed (â, ơ, ư …) and writes tones as combining marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in "\u0300\u0301\u0303\u0309\u0323" or not out:
            out.append(ch)
        else:
            joined = unicodedata.normalize("NFC", out[-1] + ch)
            out[-1:] = [joined] if len(joined) == 1 else [out[-1], ch]
    return "".join(out).encode("cp1258")


def test_names_csv_without_header_and_windows_encoding(tmp_path: Path) -> None:
    file = tmp_path / "ds.csv"
    file.write_bytes(_cp1258("Trần Văn An\nLê Thị Hà\n"))
    assert [p.name for p in read_names(file)] == ["Trần Văn An", "Lê Thị Hà"]


def test_names_xlsx_header_detected_not_required(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Đơn vị"])
    sheet.append(["Phạm Minh Đức", "Tổ 3"])
    sheet.append([None, None])
    sheet.append([LONG_NAME, None])
    book.save(tmp_path / "ds.xlsx")
    people = read_names(tmp_path / "ds.xlsx")
    assert people == [Recipient("Phạm Minh Đức", "Tổ 3"), Recipient(LONG_NAME)]
    assert parse_rows([["Phạm Minh Đức", "Tổ 3"]]) == [Recipient("Phạm Minh Đức", "Tổ 3")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "không có tên người nào"),
        ("Họ và tên\n", "không có tên người nào"),
        ("x" * 301 + "\n", "tối đa 300"),
    ],
)
def test_bad_names_files(tmp_path: Path, content: str, message: str) -> None:
    file = tmp_path / "ds.csv"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        read_names(file)


def test_wrong_extension_and_damaged_xlsx(tmp_path: Path) -> None:
    (tmp_path / "ds.docx").write_text("x")
    with pytest.raises(ValidationError, match=r"\.xlsx, \.ods hoặc \.csv"):
        read_names(tmp_path / "ds.docx")
    (tmp_path / "hong.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="Không đọc được tệp"):
        read_names(tmp_path / "hong.xlsx")
