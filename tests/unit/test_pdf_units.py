"""PDFs for everyone: a value and its unit never split across lines ("< 100 %", "1.500.000 đ"), the
document says its language (vi-VN) and title. (The structure tree: test_pdf_tagging.py, docs/pdf.md.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

from pbgdpl_desktop.reports.layout import bind_units, build_pdf, para
from tests.helpers.pdf import pdf_text

WORDS = ["tỷ lệ", "đạt", "chỉ tiêu", "kinh phí", "số", "người dự"]


def test_bind_units() -> None:
    assert bind_units("đạt < 100 % kế hoạch") == "đạt <\u00a0100\u00a0% kế hoạch"
    assert bind_units("chi 1.500.000 đ cho 50 người") == "chi 1.500.000\u00a0đ cho 50\u00a0người"
    assert bind_units("năm 2026 đủ") == "năm 2026 đủ"  # a year is not a value with a unit
    assert bind_units("≥ 80 điểm") == "≥\u00a080\u00a0điểm"


def test_values_and_units_never_split_in_a_pdf(tmp_path: Path) -> None:
    # every line break position is tried: words of varying length before each value
    text = " ".join(
        f"{WORDS[i % len(WORDS)]} {'x' * (i % 7)} < {i * 7} % và {i}.500.000 đ" for i in range(60)
    )
    pdf = build_pdf(str(tmp_path / "u.pdf"), [para(text)], title="Thử đơn vị – Phường Hai Bà Trưng")
    lines = [line.replace("\u00a0", " ").strip() for line in pdf_text(pdf).splitlines() if line.strip()]
    assert len(lines) > 10  # the paragraph really wraps
    for line in lines:
        assert not re.search(r"(<|\d)$", line), line  # nothing ends a line before its unit
        assert not re.match(r"^(%|đ\b)", line), line  # … nor starts one with a lone unit
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    assert "Thử đơn vị – Phường Hai Bà Trưng" in info
    with pikepdf.open(pdf) as doc:  # the catalog may sit in an object stream: read it, do not grep
        assert str(doc.Root.Lang) == "vi-VN"
