"""Periodic report: the PDF a ward sends every 6 months / year, read back with poppler."""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import StorageError
from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.domain.ward import WardProfile
from pbgdpl_desktop.reports.inputs import DocumentHeader, Labels, Period, PeriodicReportInput
from pbgdpl_desktop.reports.periodic import render_periodic
from tests.builders import ward_profile
from tests.helpers.pdf import is_nfc, pdf_fonts, pdf_page_size, pdf_pages, pdf_text

WARD = ward_profile(
    address="Số 126 phố Hàng Trống",
    chairman="Nguyễn Văn Thành",
    clerk_name="Đặng Thị Thu Hà",
    receiving_office="Sở Tư pháp thành phố Hà Nội",
)


def _input(
    *, ward: WardProfile | None = WARD, empty: bool = False, period: str = "year"
) -> PeriodicReportInput:
    if empty:
        d, m, f = DisseminationFacts(2026), MediationFacts(2026), FinanceFacts(2026)
    else:
        d = DisseminationFacts(
            2026,
            sessions_total=42,
            sessions_by_form={"hoi_nghi": 20, "loa": 22},
            sessions_by_target_group={"dan_toc": 10},
            sessions_by_month={1: 3, 5: 4, 11: 35},
            participants_total=1234,
            participants_women=610,
            plan_exists=True,
            plan_number="12/KH-UBND",
            plan_issue_date=date(2026, 1, 15),
            plan_tasks_set=10,
            plan_tasks_done=8,
        )
        m = MediationFacts(
            2026,
            teams_total=5,
            mediators_total=30,
            cases_received=12,
            cases_mediated=12,
            cases_settled=9,
            cases_not_settled=3,
            fees_paid_amount=3_600_000,
        )
        f = FinanceFacts(
            2026,
            budget_planned_total=50_000_000,
            spent_total=32_000_000,
            spent_by_category={"TAP_HUAN": 12_000_000, "CUOC_THI": 20_000_000},
            spent_by_source={"ngan_sach_xa": 32_000_000},
        )
    labels = Labels(
        forms={"hoi_nghi": "Hội nghị, nói chuyện chuyên đề", "loa": "Loa truyền thanh"},
        target_groups={"dan_toc": "Người dân tộc thiểu số"},
    )
    return PeriodicReportInput(
        DocumentHeader.from_ward(ward),
        Period(period, 2026),
        d,
        m,
        f,
        date(2026, 11, 30),
        data_until=date(2026, 11, 30),
        labels=labels,
    )


def test_periodic_report_text_fonts_and_pages(tmp_path: Path) -> None:
    out = render_periodic(_input(), str(tmp_path / "bao-cao.pdf"))
    text = pdf_text(out)
    assert is_nfc(text)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG HOÀN KIẾM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phường Hoàn Kiếm, ngày 30 tháng 11 năm 2026",
        "/BC-UBND",
        "BÁO CÁO",
        "Hội nghị, nói chuyện chuyên đề",
        "Người dân tộc thiểu số",
        "1.234",
        "Tập huấn, bồi dưỡng",
        "32.000.000 đ",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Thành",
        "Sở Tư pháp thành phố Hà Nội",
        "75 %",
    ):
        assert expected in text, expected
    fonts = pdf_fonts(out)
    assert fonts and all(f.embedded for f in fonts)
    assert {f.name.split("+")[-1] for f in fonts} <= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    assert pdf_pages(out) == 3
    assert pdf_page_size(out) == pytest.approx((595.28, 841.89), abs=0.1)


def test_empty_period_says_so(tmp_path: Path) -> None:
    text = pdf_text(render_periodic(_input(empty=True, period="h1"), str(tmp_path / "rong.pdf")))
    assert "6 tháng đầu năm 2026" in text
    assert "không có hoạt động phổ biến, giáo dục pháp luật nào" in text
    assert "không có vụ việc hòa giải ở cơ sở nào" in text
    assert "chưa phát sinh khoản chi nào" in text


def test_missing_profile_fields_print_ellipsis(tmp_path: Path) -> None:
    bare = ward_profile()
    data = _input(ward=bare)
    assert set(data.header.missing) == {
        "Địa chỉ trụ sở",
        "Chủ tịch UBND",
        "Công chức Tư pháp",
        "Cơ quan nhận hồ sơ",
    }
    text = pdf_text(render_periodic(data, str(tmp_path / "thieu.pdf")))
    assert "- …;" in text  # receiving office in Nơi nhận
    assert text.count("…") >= 2  # and the chairman's name


def test_nfd_input_comes_out_nfc(tmp_path: Path) -> None:
    nfd = ward_profile(
        commune_name=unicodedata.normalize("NFD", "Phường Hoàn Kiếm"),
        chairman=unicodedata.normalize("NFD", "Nguyễn Văn Thành"),
    )
    text = pdf_text(render_periodic(_input(ward=nfd), str(tmp_path / "nfd.pdf")))
    assert is_nfc(text) and "Nguyễn Văn Thành" in text


def test_unwritable_target_gives_vietnamese_error_and_no_partial_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="không tồn tại"):
        render_periodic(_input(), str(blocker / "out.pdf"))


def test_locked_target_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "bao-cao.pdf"
    target.write_bytes(b"old")

    def locked(src: str, dst: str) -> None:  # what Windows does while a PDF reader holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(StorageError, match="đang được mở trong chương trình khác"):
        render_periodic(_input(), str(target))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in out_dir.iterdir()) == ["bao-cao.pdf"]
