"""ReportService over the demo ward: every document kind generated from real data, read back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.services.reports import gather
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.helpers.pdf import is_nfc, pdf_fonts, pdf_pages, pdf_text
from tests.helpers.sheets import table_values


def test_every_kind_from_the_demo_ward(demo_services, tmp_path: Path) -> None:
    reports = demo_services.reports
    names = tmp_path / "ds.csv"
    with names.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [["Họ và tên", "Đơn vị"], ["Trần Văn An", "Tổ dân phố số 5"], ["Lê Thị Hà", "Tổ dân phố số 7"]]
        )
    expected = {
        "periodic": ["BÁO CÁO", "Phường Hoàn Kiếm, ngày 30 tháng 11 năm 2026", "Nguyễn Văn Thành"],
        "case-book": ["SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ", "PHẦN II. TỔNG HỢP"],
        "fee-request": ["GIẤY ĐỀ NGHỊ", "Bằng chữ:", "Vụ việc số 1/2026:"],
        "dossier": [
            "BẢN TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU",
            "gửi Sở Tư pháp thành phố Hà Nội báo cáo và bản tổng hợp điểm số, không kèm văn bản đề nghị",
            "Các nội dung chưa đạt:",
        ],
        "certificates": ["GIẤY CHỨNG NHẬN", "Trần Văn An", "Lê Thị Hà"],
    }
    for kind, strings in expected.items():
        out = reports.generate(ReportRequest(kind, 2026, target=tmp_path / f"{kind}.pdf", names_file=names))
        text = " ".join(pdf_text(out.path).split())
        assert is_nfc(text)
        for string in strings:
            assert string in text, (kind, string)
        assert all(f.embedded for f in pdf_fonts(out.path)), kind
        assert pdf_pages(out.path) >= (2 if kind == "certificates" else 1)
        assert out.missing_fields == ()
    assert pdf_pages(tmp_path / "certificates.pdf") == 2
    all_books = " ".join(pdf_text(tmp_path / "case-book.pdf").split())
    assert all_books.count("SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ") == len(reports.teams()) > 1
    team = reports.team_id("to hoa giai to dan pho so 2")  # diacritics and case ignored
    one = reports.generate(ReportRequest("case-book", 2026, target=tmp_path / "so-to-2.pdf", team_id=team))
    text = " ".join(pdf_text(one.path).split())
    assert text.count("SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ") == 1 and "Tổ hòa giải tổ dân phố số 2" in text
    with pytest.raises(ValidationError, match="Không có tổ hòa giải"):
        reports.team_id("Tổ 99")
    assert [o.kind for o in reports.recent()][:2] == ["case-book", "certificates"]


def test_statistics_sums_match_the_facts_services(demo_services, tmp_path: Path) -> None:
    out = demo_services.reports.generate(ReportRequest("statistics", 2026, target=tmp_path / "tk"))
    assert out.path.suffix == ".xlsx"
    book = load_workbook(out.path)
    d = demo_services.dissemination.facts(2026)
    m = demo_services.mediation.facts(2026)
    f = demo_services.finance.facts(2026)
    assert d.sessions_total > 0 and f.spent_total > 0
    assert table_values(book["Phổ biến GDPL"], "Theo hình thức")["Tổng cộng"] == d.sessions_total
    assert table_values(book["Phổ biến GDPL"], "Theo tháng")["Tổng cộng"] == sum(d.sessions_by_month.values())
    assert (
        table_values(book["Phổ biến GDPL"], "Số liệu chủ yếu")["Số lượt người tham dự"]
        == d.participants_total
    )
    outcomes = table_values(book["Hòa giải"], "Theo kết quả")
    assert outcomes["Hòa giải thành"] == m.cases_settled
    assert table_values(book["Kinh phí"], "Theo nội dung chi")["Tổng cộng"] == f.spent_total
    assert table_values(book["Kinh phí"], "Theo nguồn kinh phí")["Tổng cộng"] == sum(
        f.spent_by_source.values()
    )
    assert book["Danh sách hoạt động PBGDPL"].max_row - 1 == d.sessions_total
    cases = book["Danh sách vụ việc"]
    assert cases.max_row - 1 == table_values(book["Hòa giải"], "Theo loại việc")["Tổng cộng"]


def test_without_ward_profile_documents_print_ellipsis_and_say_what_to_fill(services, tmp_path: Path) -> None:
    stages: list[tuple[int, int]] = []
    out = services.reports.generate(
        ReportRequest("periodic", 2026, "h1", target=tmp_path / "bc.pdf"),
        lambda done, total, text: stages.append((done, total)),
    )
    assert stages == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert out.missing_fields and "Hồ sơ xã/phường" in out.missing_message
    text = pdf_text(out.path)
    assert "…" in text and "6 tháng đầu năm 2026" in text
    assert "không có hoạt động phổ biến, giáo dục pháp luật nào" in " ".join(text.split())
    book = services.reports.generate(ReportRequest("case-book", 2026, target=tmp_path / "so.pdf"))
    assert "chưa tiếp nhận vụ, việc nào" in " ".join(pdf_text(book.path).split())


def test_bad_requests(services, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Loại văn bản"):
        services.reports.generate(ReportRequest("memo", 2026))
    with pytest.raises(ValidationError, match="tệp danh sách"):
        services.reports.generate(ReportRequest("certificates", 2026))
    with pytest.raises(ValidationError, match="Kỳ báo cáo"):
        services.reports.generate(ReportRequest("periodic", 2026, "q3"))
    with pytest.raises(DomainError, match="chưa có đề nghị thanh toán"):
        services.reports.generate(ReportRequest("fee-request", 2026, target=tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_overview_of_the_demo_year(demo_services) -> None:
    overview = demo_services.reports.overview(2026)
    d = demo_services.dissemination.facts(2026)
    m = demo_services.mediation.facts(2026)
    assert overview.figures[0].value == str(d.sessions_total)
    # one definition everywhere: the outcomes add up to every case in the book (the case book's count)
    assert sum(n for _, n in overview.cases_by_outcome) == m.cases_recorded
    assert overview.figures[2].value == str(m.cases_recorded)
    books = gather.case_books(demo_services.reports._sources, 2026)
    assert sum(len(b.rows) for b in books) == m.cases_recorded
    assert m.cases_recorded == m.cases_received + m.cases_referred + m.cases_refused_out_of_scope
    assert sum(a for _, a in overview.spent_by_category) == demo_services.finance.facts(2026).spent_total
    lates = [r.late for r in overview.reminders]
    assert lates == sorted(lates, reverse=True)  # overdue first
    assert len({r.text for r in overview.reminders}) == len(overview.reminders)  # nothing twice
    assert any("Gửi hồ sơ đến Sở Tư pháp" in r.text for r in overview.reminders)
    assert overview.verdict != "Chưa đánh giá"


def test_half_year_is_recounted_from_the_records(demo_services, tmp_path: Path) -> None:
    year = demo_services.dissemination.facts(2026)
    first_half = sum(n for month, n in year.sessions_by_month.items() if month <= 6)
    assert 0 < first_half < year.sessions_total
    out = demo_services.reports.generate(ReportRequest("statistics", 2026, "h1", target=tmp_path / "h1.xlsx"))
    book = load_workbook(out.path)
    assert table_values(book["Phổ biến GDPL"], "Số liệu chủ yếu")["Số cuộc (hoạt động) PBGDPL"] == first_half
    assert table_values(book["Phổ biến GDPL"], "Theo hình thức")["Tổng cộng"] == first_half
    assert book["Danh sách hoạt động PBGDPL"].max_row - 1 == first_half
    cases = table_values(book["Hòa giải"], "Theo kết quả")
    assert 0 < cases["Tổng cộng"] < demo_services.mediation.facts(2026).cases_received
    report = demo_services.reports.generate(ReportRequest("periodic", 2026, "h1", target=tmp_path / "h1.pdf"))
    text = " ".join(pdf_text(report.path).split())
    assert "trong 6 tháng đầu năm" in text and "lũy kế từ đầu năm đến ngày 30/11/2026" in text
