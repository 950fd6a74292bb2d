"""Every Excel writer neutralises formula-looking text and drops what XML cannot hold (issue #11 point 5):
hostile text written through each writer reads back with openpyxl as text, never as a formula."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.domain.finance import Expenditure, FundingSource, SummaryRow, YearSummary
from pbgdpl_desktop.domain.text import FORMULA_STARTS, sheet_text
from pbgdpl_desktop.exports.dissemination_excel import write_template
from pbgdpl_desktop.exports.finance_excel import write_ledger, write_summary
from pbgdpl_desktop.reports.inputs import AssessmentLine, DetailSheet, Labels, Period, StatisticsInput
from pbgdpl_desktop.reports.statistics import render_statistics
from tests.builders import document_header

# Formula-looking text (OWASP list), text XML refuses, a lone surrogate, NFD Vietnamese.
HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://x.invalid","bấm")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "a\x00b\x08c\x1fd",
    "x\ud800y",
    "Nguye\u0302\u0303n",
    "mã _x0041_ và _x0042_x0043_",  # Excel decodes "_xHHHH_" in cell text: it must show as typed, not "A"
)


def expected(text: str) -> str:
    """What the cell must hold: the text without illegal characters and surrogates, NFC, quoted if needed."""
    import unicodedata

    clean = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\ud800", "")).replace("\r", "\n")
    clean = unicodedata.normalize("NFC", clean)
    return "'" + clean if clean.startswith((*FORMULA_STARTS, "\n")) else clean


def test_sheet_text_rule():
    assert sheet_text("=1+1") == "'=1+1"
    assert sheet_text("-5") == "'-5"
    assert sheet_text("a\x00b") == "ab"
    assert sheet_text("x\ud800y") == "xy"
    assert sheet_text("Nguye\u0302\u0303n") == "Nguyễn"
    assert sheet_text("Tổ 1 = tổ dân phố") == "Tổ 1 = tổ dân phố"  # only a leading sign is a formula


def _cells(path: Path) -> list:
    book = load_workbook(path)
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def _as_excel_shows(text: str) -> str:
    """Excel decodes every "_xHHHH_" of a cell's text, left to right, one pass (ECMA-376 §22.4.2.4); openpyxl's
    reader does not for the inline text our writers use."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def _check(path: Path) -> set[str]:
    """No formula cell anywhere; returns every text value, as Excel shows it, for the caller to look up."""
    cells = _cells(path)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert formulas == []
    return {_as_excel_shows(c.value) for c in cells if isinstance(c.value, str)}


def _expenditure(i: int, text: str) -> Expenditure:
    return Expenditure(
        id=f"e{i}",
        spent_on=date(2026, 5, 2),
        category_id="c",
        category_code=text,
        category_name=text,
        source=FundingSource.COMMUNE,
        amount=1000 + i,
        description=text,
        quantity=None,
        unit=text,
        norm_variant="",
        voucher_number=text,
        voucher_date=None,
        payee=text,
        warnings=(text,),
    )


def test_finance_ledger_writer(tmp_path: Path) -> None:
    rows = [_expenditure(i, t) for i, t in enumerate(HOSTILE)]
    path, count, _ = write_ledger(rows, tmp_path / "so.xlsx", ward="=ward", subtitle="Tìm: “=1+1”")
    values = _check(path)
    assert count == len(HOSTILE)
    assert {expected(t) for t in HOSTILE} <= values
    assert "'=ward" in values


def test_finance_summary_writer(tmp_path: Path) -> None:
    rows = tuple(SummaryRow(t, t, FundingSource.COMMUNE, 10, 5) for t in HOSTILE)
    summary = YearSummary(2026, rows, rows, 10 * len(rows), 5 * len(rows), None)
    values = _check(write_summary(summary, tmp_path / "th.xlsx", ward="@ward", made_on=date(2026, 11, 30)))
    assert {expected(t) for t in HOSTILE} <= values


def test_statistics_writer(tmp_path: Path) -> None:
    names = {f"k{i}": t for i, t in enumerate(HOSTILE)}
    data = StatisticsInput(
        document_header(commune_name="=Phường"),
        Period("year", 2026),
        DisseminationFacts(2026, sessions_by_form={k: 1 for k in names}, sessions_total=len(names)),
        MediationFacts(2026),
        FinanceFacts(2026),
        labels=Labels(forms=names),
        cases_by_team={t: {"Thành": 1} for t in HOSTILE},
        assessment=[AssessmentLine(t, t, t) for t in HOSTILE],
        assessment_verdict="-Đạt",
        details=(
            DetailSheet(
                "Chi tiết",
                ("Tên", "Tiền", "Ngày"),
                [(t, t, t) for t in HOSTILE] + [("x", 5, date(2026, 1, 2))],
                money_columns=frozenset({1}),
                date_columns=frozenset({2}),
            ),
        ),
    )
    values = _check(Path(render_statistics(data, str(tmp_path / "tk.xlsx"))))
    assert {expected(t) for t in HOSTILE} <= values
    assert "'-Đạt" in values


def test_logbook_template_writer(tmp_path: Path) -> None:
    values = _check(write_template(tmp_path / "mau.xlsx", list(HOSTILE), list(HOSTILE)))
    assert {expected(t) for t in HOSTILE} <= values


@pytest.mark.parametrize("text", HOSTILE)
def test_finance_export_of_stored_text(services, tmp_path: Path, text: str) -> None:
    """Through the service: stored text (cleaned on the way in) exports without a formula cell."""
    from pbgdpl_desktop.domain.errors import ValidationError
    from pbgdpl_desktop.domain.finance import ExpenditureDraft, LedgerQuery

    category = services.finance.catalogue.categories()[0]
    draft = ExpenditureDraft(
        date(2026, 3, 1), category.id, FundingSource.COMMUNE, 1000, description=text, payee=text, quantity=1
    )
    try:
        services.finance.ledger.save(draft)
    except ValidationError as exc:
        assert "\ud800" in text and "không hợp lệ" in exc.message
        return
    _check(services.finance.exports.ledger(LedgerQuery(year=2026), tmp_path / "so.xlsx"))
