"""Case book (Sổ theo dõi hoạt động hòa giải ở cơ sở) and the mediator fee request, read back with poppler."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.reports.case_book import LEADING, paginate, render_case_book, wrap_cell
from pbgdpl_desktop.reports.fee_request import render_fee_request
from pbgdpl_desktop.reports.inputs import CaseBookInput, CaseBookRow, FeeCase, FeeRequestInput
from pbgdpl_desktop.reports.words import money_words
from tests.builders import document_header
from tests.helpers.pdf import is_nfc, pdf_fonts, pdf_page_size, pdf_pages, pdf_text

HEADER = document_header(chairman="Nguyễn Văn Thành")


def _row(i: int, substance: str = "Tranh chấp lối đi chung giữa hai hộ liền kề") -> CaseBookRow:
    return CaseBookRow(
        i,
        date(2026, 3, 2),
        "Nguyễn Văn Bình; mời: Lê Văn Cường",
        "Ông Trần Văn Dũng, 54 tuổi, số 12 ngõ 5 Hàng Bạc; bà Phạm Thị Én, 48 tuổi",
        substance,
        "Hai bên thống nhất giữ nguyên hiện trạng lối đi",
        "Thành" if i % 2 else "Không thành",
        mediator="Nguyễn Văn Bình",
        category="Đất đai",
    )


def _book(rows: list[CaseBookRow]) -> CaseBookInput:
    return CaseBookInput(
        HEADER,
        "Tổ hòa giải số 1",
        2026,
        rows,
        village="Tổ dân phố số 5",
        book_number="01",
        opened=date(2026, 1, 2),
        team_leader="Lê Văn Cường",
    )


def test_case_book_official_columns_landscape(tmp_path: Path) -> None:
    out = render_case_book(_book([_row(i) for i in range(1, 31)]), str(tmp_path / "so.pdf"))
    text = pdf_text(out)
    flat = " ".join(text.split())
    assert is_nfc(text)
    for expected in (
        "SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ",
        "Tổ dân phố số 5",
        "Tổ hòa giải số 1",
        "PHẦN I. THEO DÕI VỤ, VIỆC HÒA GIẢI",
        "tiếp nhận",
        "Chữ ký của các bên",
        "(9)",
        "Ông Trần Văn Dũng",
        "PHẦN II. TỔNG HỢP",
        "Tổng số vụ, việc: 30",
        "TỔ TRƯỞNG TỔ HÒA GIẢI",
        "Lê Văn Cường",
        "02/03/2026",
    ):
        assert expected in flat, expected
    width, height = pdf_page_size(out)
    assert width > height
    assert all(f.embedded for f in pdf_fonts(out))
    pages = pdf_pages(out)
    assert 5 <= pages <= 9
    part1_pages = flat.count("(9)")  # the numbered header row is repeated on every Part I page
    part2_pages = flat.count("Loại vụ, việc theo phạm vi")
    assert part1_pages >= 2 and part2_pages >= 1
    assert 1 + part1_pages + part2_pages <= pages <= 2 + part1_pages + part2_pages  # + signature page


def test_empty_book_says_so(tmp_path: Path) -> None:
    text = pdf_text(render_case_book(_book([]), str(tmp_path / "rong.pdf")))
    assert "chưa tiếp nhận vụ, việc nào" in text
    assert pdf_pages(tmp_path / "rong.pdf") == 3


def test_row_taller_than_a_page_continues_unclipped(tmp_path: Path) -> None:
    words = " ".join(f"từ{i}" for i in range(1500))
    out = render_case_book(_book([_row(1, words), _row(2)]), str(tmp_path / "dai.pdf"))
    text = " ".join(pdf_text(out).split())
    assert "từ0 " in text and "từ1499" in text and "từ750" in text


def test_wrap_and_paginate_are_linear_pieces() -> None:
    assert wrap_cell("ngắn", 100) == ["ngắn"]
    lines = wrap_cell("một hai ba bốn năm sáu bảy tám chín mười " * 5, 60)
    assert len(lines) > 3 and all(lines)
    unbroken = "Nguyễn" * 40  # a 240-character "word": cut between letters, nothing lost
    pieces = wrap_cell(unbroken, 80)
    assert len(pieces) > 5 and "".join(pieces) == unbroken
    assert wrap_cell("a\n\nb", 80) == ["a", "", "b"]
    rows = [[["a"] * 3, ["b"]] for _ in range(100)]
    pages = paginate(rows, 10 * (3 * LEADING + 5))
    assert [len(p) for p in pages] == [10] * 10


def test_fee_request_amounts_and_words(tmp_path: Path) -> None:
    cases = [
        FeeCase(1, date(2026, 3, 2), "Tranh chấp lối đi chung", "Thành", 400_000),
        FeeCase(2, date(2026, 4, 9), "Mâu thuẫn sinh hoạt", "Không thành", 300_000),
    ]
    data = FeeRequestInput(
        HEADER,
        "Tổ hòa giải số 1",
        "Nguyễn Văn Bình",
        "Số 12 ngõ 5 Hàng Bạc",
        cases,
        date(2026, 11, 30),
        team_leader="Lê Văn Cường",
    )
    out = render_fee_request(data, str(tmp_path / "de-nghi.pdf"))
    text = pdf_text(out)
    for expected in (
        "GIẤY ĐỀ NGHỊ",
        "Thanh toán thù lao hòa giải viên",
        "Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm",
        "TỔ HÒA GIẢI SỐ 1",
        "Nguyễn Văn Bình",
        "700.000",
        "Bảy trăm nghìn đồng",
        "NGƯỜI ĐỀ NGHỊ",
        "TỔ TRƯỞNG TỔ HÒA GIẢI",
        "Lê Văn Cường",
        "Phường Hoàn Kiếm, ngày 30 tháng 11 năm 2026",
    ):
        assert expected in text, expected
    assert pdf_pages(out) == 1 and all(f.embedded for f in pdf_fonts(out))


def test_money_words() -> None:
    assert money_words(1_100_000) == "Một triệu một trăm nghìn đồng"
    assert money_words(1_005_000) == "Một triệu không trăm lẻ năm nghìn đồng"
    assert money_words(21) == "Hai mươi mốt đồng"
    assert money_words(0) == "Không đồng"
