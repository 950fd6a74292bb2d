"""PDFs for everyone, on the real documents of the 2026 demo ward (issue #20 §4): no value is separated from
its unit or its comparison sign across lines (``pdftotext -bbox-layout``: the last word of a line and the
first word of the next line of the same block), and the Liberation fonts draw the no-break space."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from pbgdpl_desktop.reports.layout import build_pdf, grid_style, para
from pbgdpl_desktop.reports.tables import fit_columns, unbreakable_width
from pbgdpl_desktop.reports.tagging import Table
from pbgdpl_desktop.services.reports.service import ReportRequest

_NS = "{http://www.w3.org/1999/xhtml}"
_UNIT = r"(%|‰|đ|₫|người|lượt|buổi|vụ|việc|hộ|điểm)[*.,;:)]*"
PEOPLE = (("Nguyễn Văn An", "Tổ dân phố số 5"), ("Trần Thị Bình", "Tổ dân phố số 3"))
KINDS = {
    "dossier": {},
    "case-book": {},
    "fee-request": {},
    "periodic": {},
    "certificates": {"people": PEOPLE},
}


def split_values(pdf: str | Path) -> list[tuple[int, str]]:
    """(page, "66,7 | %") for every value whose unit or sign went to another line."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    found: list[tuple[int, str]] = []
    for number, page in enumerate(ET.fromstring(out).iter(f"{_NS}page"), 1):
        for block in page.iter(f"{_NS}block"):
            lines = [[w.text or "" for w in line.iter(f"{_NS}word")] for line in block.iter(f"{_NS}line")]
            for first, second in zip(lines, lines[1:], strict=False):
                if not first or not second:
                    continue
                end, start = first[-1], second[0]
                if (re.fullmatch(r"[(]?[\d.,]*\d", end) and re.fullmatch(_UNIT, start)) or (
                    re.fullmatch(r"[(]?[<>≤≥=~]", end) and re.match(r"-?\d", start)
                ):
                    found.append((number, f"{end} | {start}"))
            found += [
                (number, f"^ {line[0]}")
                for line in lines
                if line and re.fullmatch(r"(%|‰|đ|₫)[*.,;:)]*", line[0])
            ]
    return found


def generate(services, kind: str, tmp_path: Path) -> Path:
    request = ReportRequest(kind, 2026, target=tmp_path / f"{kind}.pdf", **KINDS[kind])
    return services.reports.generate(request).path


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_value_is_split_from_its_unit(demo_services, tmp_path: Path, kind: str) -> None:
    pdf = generate(demo_services, kind, tmp_path)
    assert split_values(pdf) == []
    if kind == "dossier":  # the score sheet really holds such values
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert re.search(r"≥\s100\s%\*", text) and re.search(r"\d+,\d\s%", text)


def test_the_check_finds_a_split_value(tmp_path: Path) -> None:
    """The control: a rate column too narrow for "66,7 %" (the 2026 score sheet before the fix)."""
    rows = [["Tỷ lệ", "Mức"]] + [[para("66,7 %", "cell_center"), para("≥ 100 %*", "cell_center")]] * 3
    table = Table(rows, colWidths=[13 * mm, 12 * mm])
    table.setStyle(grid_style())
    pdf = build_pdf(str(tmp_path / "narrow.pdf"), [table], title="Thử")
    assert (1, "66,7 | %") in split_values(pdf)
    widths = fit_columns([13 * mm, 12 * mm, 60 * mm], {0: ["66,7 %"], 1: ["≥ 100 %*"]}, give=(2,))
    assert widths[0] > 13 * mm and widths[1] > 12 * mm and sum(widths) == pytest.approx(85 * mm)
    table = Table(rows, colWidths=widths[:2])
    table.setStyle(grid_style())
    assert split_values(build_pdf(str(tmp_path / "fitted.pdf"), [table], title="Thử")) == []


def test_unbreakable_width_measures_a_value_with_its_unit() -> None:
    assert unbreakable_width("đạt < 100 %") > unbreakable_width("100") > unbreakable_width("đạt") > 0


def test_the_fonts_draw_the_no_break_space(tmp_path: Path) -> None:
    """U+00A0 is in every Liberation face (no missing-glyph box); U+202F is not used: reportlab breaks
    lines at it."""
    from reportlab.pdfbase import pdfmetrics

    from pbgdpl_desktop.reports.fonts import (
        SERIF,
        SERIF_BOLD,
        SERIF_BOLD_ITALIC,
        SERIF_ITALIC,
        register_fonts,
    )

    register_fonts()
    for name in (SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC):
        face = pdfmetrics.getFont(name).face
        assert 0xA0 in face.charToGlyph and 0x2265 in face.charToGlyph, name
