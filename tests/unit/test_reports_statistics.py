"""Statistics workbook: read back with openpyxl; totals match the facts; print setup present."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.reports.inputs import (
    AssessmentLine,
    DetailSheet,
    Labels,
    Period,
    StatisticsInput,
)
from pbgdpl_desktop.reports.statistics import render_statistics
from tests.builders import document_header
from tests.helpers.sheets import table_values

HEADER = document_header()


def _input(*, details: tuple[DetailSheet, ...] = (), empty: bool = False) -> StatisticsInput:
    if empty:
        return StatisticsInput(
            HEADER, Period("h1", 2026), DisseminationFacts(2026), MediationFacts(2026), FinanceFacts(2026)
        )
    d = DisseminationFacts(
        2026,
        sessions_total=42,
        sessions_by_form={"hoi_nghi": 20, "loa": 22},
        sessions_by_target_group={"dan_toc": 10, "hoc_sinh": 5},
        sessions_by_month={1: 3, 5: 4, 11: 35},
        participants_total=1234,
    )
    m = MediationFacts(
        2026,
        teams_total=5,
        mediators_total=30,
        cases_received=12,
        cases_settled=9,
        cases_not_settled=2,
        cases_in_progress=1,
    )
    f = FinanceFacts(
        2026,
        budget_planned_total=50_000_000,
        spent_total=32_000_000,
        spent_by_category={"TAP_HUAN": 12_000_000, "CUOC_THI": 20_000_000},
        spent_by_source={"ngan_sach_xa": 30_000_000, "tai_tro": 2_000_000},
    )
    return StatisticsInput(
        HEADER,
        Period("year", 2026),
        d,
        m,
        f,
        labels=Labels(forms={"hoi_nghi": "Hội nghị", "loa": "Loa truyền thanh"}),
        cases_by_category={"dat_dai": 7, "hon_nhan": 5},
        cases_by_team={"Tổ hòa giải số 1": {"Thành": 5, "Không thành": 1}, "Tổ hòa giải số 2": {"Thành": 4}},
        assessment=[AssessmentLine("TC1", "Tiêu chí 1", "Đạt")],
        assessment_verdict="Đạt chuẩn",
        details=details,
    )


def test_sheets_totals_match_facts(tmp_path: Path) -> None:
    data = _input()
    out = render_statistics(data, str(tmp_path / "thong-ke.xlsx"))
    book = load_workbook(out)
    assert book.sheetnames == ["Phổ biến GDPL", "Hòa giải", "Kinh phí", "Chuẩn tiếp cận PL"]
    forms = table_values(book["Phổ biến GDPL"], "Theo hình thức")
    assert forms == {"Hội nghị": 20, "Loa truyền thanh": 22, "Tổng cộng": 42}
    groups = table_values(book["Phổ biến GDPL"], "Theo đối tượng (một cuộc có thể dành cho nhiều đối tượng)")
    assert "Tổng cộng" not in groups and sum(groups.values()) == 15  # groups overlap: no misleading total
    months = table_values(book["Phổ biến GDPL"], "Theo tháng")
    assert len(months) == 13 and months["Tổng cộng"] == data.dissemination.sessions_total
    outcomes = table_values(book["Hòa giải"], "Theo kết quả")
    assert outcomes["Tổng cộng"] == data.mediation.cases_received and outcomes["Hòa giải thành"] == 9
    spend = table_values(book["Kinh phí"], "Theo nội dung chi")
    assert spend["Tổng cộng"] == data.finance.spent_total and spend["Tập huấn, bồi dưỡng"] == 12_000_000
    sources = table_values(book["Kinh phí"], "Theo nguồn kinh phí")
    assert sources == {"Ngân sách xã": 30_000_000, "Tài trợ": 2_000_000, "Tổng cộng": 32_000_000}
    team_rows = list(book["Hòa giải"].iter_rows(values_only=True))
    assert ("Tổ hòa giải số 1", 1, 5, 6) in [tuple(r[:4]) for r in team_rows]
    assert book["Kinh phí"]["A1"].value.startswith("THỐNG KÊ KINH PHÍ NĂM 2026")


def test_print_setup_and_formats(tmp_path: Path) -> None:
    book = load_workbook(render_statistics(_input(), str(tmp_path / "tk.xlsx")))
    sheet = book["Kinh phí"]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.fitToWidth == 1
    assert sheet.freeze_panes == "A4" and sheet.oddFooter.center.text == "Trang &P / &N"
    assert sheet.column_dimensions["A"].width == 48
    money_cells = [c for row in sheet.iter_rows() for c in row if c.value == 32_000_000]
    assert money_cells and all(c.number_format == '#,##0 "đ"' for c in money_cells)
    assert book["Phổ biến GDPL"]["A5"].font.bold


def test_empty_period_says_no_data(tmp_path: Path) -> None:
    book = load_workbook(render_statistics(_input(empty=True), str(tmp_path / "rong.xlsx")))
    values = [c for row in book["Hòa giải"].iter_rows(values_only=True) for c in row if c]
    assert "Không có số liệu trong kỳ." in values
    assert book["Chuẩn tiếp cận PL"]["C5"].value == "Chưa đánh giá"


def test_detail_sheet_streams_rows_with_formats(tmp_path: Path) -> None:
    rows = (
        (i, f"Buổi {i} – pháp luật đất đai", date(2026, 1 + i % 12, 1), 150_000 * i) for i in range(1, 2001)
    )
    detail = DetailSheet(
        "Danh sách buổi",
        ["STT", "Nội dung", "Ngày", "Kinh phí"],
        rows,
        [8, 40, 14, 16],
        money_columns=frozenset({3}),
        date_columns=frozenset({2}),
    )
    book = load_workbook(render_statistics(_input(details=(detail,)), str(tmp_path / "dl.xlsx")))
    sheet = book["Danh sách buổi"]
    assert sheet.max_row == 2001 and sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet["B2"].value == "Buổi 1 – pháp luật đất đai"
    assert sheet["C2"].number_format == "dd/mm/yyyy" and sheet["D2001"].value == 300_000_000
    assert sheet["D3"].number_format == '#,##0 "đ"' and sheet["D3"].value == 300_000  # styled cells reused
    assert sheet["C3"].value.month == 3 and sheet["C2"].value.month == 2
