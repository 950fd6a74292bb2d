"""Excel exports read back with openpyxl: values, sums, number formats, frozen header, print setup."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, LedgerQuery
from pbgdpl_desktop.domain.norms import LEAFLET
from pbgdpl_desktop.exports.finance_excel import HEADER_ROW, LEDGER_COLUMNS


def _fill(services):
    finance = services.finance
    other = finance.catalogue.category_by_code("KHAC")
    leaflet = finance.catalogue.category_by_code(LEAFLET)
    finance.budget.set_line(2026, other.id, FundingSource.COMMUNE, 5_000_000)
    amounts = [1_234_567, 250_000, 3_000_000]
    for i, amount in enumerate(amounts, start=1):
        finance.ledger.save(
            ExpenditureDraft(
                date(2026, i, 10),
                other.id,
                FundingSource.COMMUNE,
                amount,
                f"Khoản chi số {i} — nước uống hội nghị",
                payee="Nguyễn Thị Hằng",
                voucher_number=f"PC{i:02d}",
                voucher_date=date(2026, i, 10),
            )
        )
    finance.ledger.save(
        ExpenditureDraft(
            date(2026, 5, 2),
            leaflet.id,
            FundingSource.SPONSOR,
            3_500_000,
            "In 2 tờ gấp",
            quantity=2,
            norm_variant="leaflet",
        )
    )
    finance.ledger.save(ExpenditureDraft(date(2025, 5, 2), other.id, FundingSource.COMMUNE, 7, "Năm trước"))
    return sum(amounts) + 3_500_000


def test_ledger_export_reads_back(services, tmp_path):
    total = _fill(services)
    path = services.finance.exports.ledger(LedgerQuery(year=2026), tmp_path / "so-chi.xlsx")
    ws = load_workbook(path)["Sổ theo dõi chi"]
    assert ws["A2"].value == "SỔ THEO DÕI CHI KINH PHÍ PBGDPL VÀ HÒA GIẢI Ở CƠ SỞ"
    assert ws["A3"].value == "Từ ngày 01/01/2026 đến ngày 31/12/2026"
    assert [c.value for c in ws[HEADER_ROW]] == [h for h, _ in LEDGER_COLUMNS]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.column_dimensions["F"].width == 40
    data = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_row=ws.max_row - 1))
    assert len(data) == 4
    amounts = [row[8] for row in data]
    assert all(c.number_format == "#,##0" for c in amounts)
    assert sum(c.value for c in amounts) == total
    last = ws[ws.max_row]
    assert (last[1].value, last[8].value, last[8].number_format) == ("Tổng cộng", total, "#,##0")
    first = data[0]  # newest first
    assert first[1].value.date() == date(2026, 5, 2) and first[1].number_format == "DD/MM/YYYY"
    assert first[7].value == "sản phẩm (Tờ gấp pháp luật)"
    assert "vượt định mức" in first[12].value and "Chưa có dự toán" in first[12].value
    assert data[-1][11].value == "Nguyễn Thị Hằng"


def test_summary_export_reads_back(services, tmp_path):
    _fill(services)
    services.finance.budget.set_minimum(20_000_000)
    path = services.finance.exports.summary(2026, tmp_path / "tong-hop.xlsx")
    wb = load_workbook(path)
    ws = wb["Tổng hợp"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert rows[0][1:8] == (LEAFLET, rows[0][2], "Tài trợ / xã hội hóa", 0, 3_500_000, -3_500_000, None)
    assert rows[1][1:7] == (
        "KHAC",
        "Chi khác liên quan trực tiếp",
        "Ngân sách cấp xã",
        5_000_000,
        4_484_567,
        515_433,
    )
    assert rows[1][7] == 89.7
    assert rows[2][1] == "Tổng cộng" and rows[2][4:6] == (5_000_000, 7_984_567)
    assert "dự toán chưa đạt" in rows[3][2]
    assert ws.cell(HEADER_ROW + 1, 5).number_format == "#,##0"
    assert ws.freeze_panes == "A5" and ws.page_setup.orientation == "landscape"
    months = wb["Theo tháng"]
    totals = [c.value for c in months[months.max_row]]
    assert totals[1] == "Tổng cộng"
    assert totals[3:8] == [1_234_567, 250_000, 3_000_000, 0, 3_500_000]
    assert totals[-1] == sum(totals[3:15]) == 7_984_567
