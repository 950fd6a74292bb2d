"""Every workbook we export, printed to PDF by a real office suite (LibreOffice headless): no two words
overprint on any page (``pdftotext -bbox``), page numbers in the footer, the header repeated on each page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, LedgerQuery
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.helpers.office_suite import OfficeSuite, office_suite  # noqa: F401 - the session fixture
from tests.helpers.pdf import pdf_pages, pdf_text
from tests.helpers.word_boxes import overlapping_words

LONG = (
    "Chi tiền nước uống, in tài liệu và thuê loa đài cho hội nghị tuyên truyền Luật Đất đai năm 2024 "
    "tại nhà văn hóa tổ dân phố số 7, có đại diện các hộ gia đình tham dự"
)


def _overprinting_control(path: Path) -> Path:
    """What the ledger was before: wrapped text in rows of the default height, overprinting the next row."""
    book = Workbook()
    sheet = book.active
    sheet.column_dimensions["A"].width = 20
    for n in range(4):
        sheet.append([f"{LONG} ({n})", n])
        sheet.cell(n + 1, 1).alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)
    return path


def _exports(services, out: Path) -> dict[str, Path]:
    finance = services.finance
    other = finance.catalogue.category_by_code("KHAC")
    for month in range(1, 12):
        for n in range(4):
            finance.ledger.save(
                ExpenditureDraft(
                    date(2026, month, 3 + n),
                    other.id,
                    FundingSource.COMMUNE,
                    150_000 * (n + 1),
                    f"{LONG} (lần {n + 1})",
                    payee="Nguyễn Thị Thu Hằng, Tổ trưởng tổ dân phố số 7",
                )
            )
    return {
        "ledger": finance.exports.ledger(LedgerQuery(year=2026), out / "so-chi.xlsx"),
        "summary": finance.exports.summary(2026, out / "tong-hop.xlsx"),
        "statistics": Path(
            services.reports.generate(ReportRequest("statistics", 2026, target=out / "thong-ke.xlsx")).path
        ),
        "template": services.dissemination.imports.export_template(out / "mau.xlsx"),
    }


def test_every_exported_workbook_prints_without_overprinting(
    demo_services,
    office_suite: OfficeSuite,  # noqa: F811
    tmp_path: Path,
) -> None:
    books = {**_exports(demo_services, tmp_path), "control": _overprinting_control(tmp_path / "hong.xlsx")}
    pdfs = dict(zip(books, office_suite.to_pdf(list(books.values()), tmp_path / "pdf"), strict=True))
    problems = {}
    assert overlapping_words(pdfs.pop("control")), "the checker must see an overprinted row"
    for name, pdf in pdfs.items():
        pairs = overlapping_words(pdf)
        if pairs:
            problems[name] = [(a.page, a.text, b.text) for a, b in pairs[:5]]
    assert problems == {}
    ledger = pdf_text(pdfs["ledger"])
    pages = pdf_pages(pdfs["ledger"])
    assert pages > 1
    assert f"Trang {pages} / {pages}" in ledger  # page numbers in the footer
    assert ledger.count("Diễn giải") == pages  # the header row repeated on every page
    assert "SỔ THEO DÕI CHI KINH PHÍ" in ledger


def test_template_validations_stop_wrong_values(demo_services, tmp_path: Path) -> None:
    book = load_workbook(demo_services.dissemination.imports.export_template(tmp_path / "mau.xlsx"))
    rules = book.worksheets[0].data_validations.dataValidation
    assert rules and all(rule.showErrorMessage for rule in rules)
    stopping = [rule for rule in rules if rule.errorStyle in (None, "stop")]
    assert len(stopping) >= 3 and all("Chọn" in rule.error or "Nhập" in rule.error for rule in stopping)


def test_every_workbook_sets_print_area_titles_and_fit(demo_services, tmp_path: Path) -> None:
    for name, path in _exports(demo_services, tmp_path).items():
        book = load_workbook(path)
        for sheet in book.worksheets[:1] if name == "template" else book.worksheets:
            if name != "template":  # a form to fill in: its printed length is the clerk's
                assert sheet.print_area, (name, sheet.title)
            assert sheet.print_title_rows, (name, sheet.title)
            assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
            assert "&P" in (sheet.oddFooter.center.text or ""), (name, sheet.title)
