"""Benchmark of the two big outputs, each beside the floor of its library measured in the same run.

* Case book: ~1,000 landscape pages through ``reports.case_book`` (wrapping, pagination, cover, Part I and
  Part II, NĐ 30 layout) vs. the floor: reportlab platypus drawing the same already-wrapped rows, one table
  per page, with the same font, widths and grid (what reportlab alone needs to put those rows on paper).
* Statistics: a workbook with a 100,000-row detail sheet through ``reports.statistics`` (plus its summary
  sheets, money/date formats, frozen header, print setup) vs. the floor: openpyxl write-only writing the
  same 100,000 rows of cells.

Run: ``python bench/reports.py [--pages 1000] [--rows 100000] [--repeat 1]``. Prints seconds and the ratio
(target ≤ 1.5× the floor). Keeps the machine's two cores in mind: a few minutes at most."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.reports.case_book import (
    FONT_SIZE,
    LEADING,
    PAD,
    PAGE_BODY_H,
    PART1_HEAD,
    PART1_WIDTHS_MM,
    PART2_HEAD,
    PART2_WIDTHS_MM,
    paginate,
    part1_rows,
    part2_rows,
    render_case_book,
    wrap_cell,
)
from pbgdpl_desktop.reports.case_book import _header as header_row
from pbgdpl_desktop.reports.fonts import SERIF, register_fonts
from pbgdpl_desktop.reports.inputs import (
    CaseBookInput,
    CaseBookRow,
    DetailSheet,
    DocumentHeader,
    Period,
    StatisticsInput,
)
from pbgdpl_desktop.reports.layout import MARGINS, grid_style
from pbgdpl_desktop.reports.statistics import render_statistics

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: tests/helpers reads PDFs back
from tests.helpers.pdf import pdf_pages

SUBJECTS = [
    "Tranh chấp lối đi chung giữa hai hộ liền kề",
    "Mâu thuẫn sinh hoạt do tiếng ồn, vật nuôi",
    "Tranh chấp ranh giới đất vườn",
    "Mâu thuẫn vợ chồng về chăm sóc con",
    "Tranh chấp tiền vay mượn giữa hai gia đình",
]


def case_rows(count: int, seed: int = 7) -> list[CaseBookRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(1, count + 1):
        subject = rng.choice(SUBJECTS) + " kéo dài, gây mất đoàn kết trong khu dân cư" * rng.randint(0, 2)
        rows.append(
            CaseBookRow(
                i,
                date(2026, 1 + i % 12, 1 + i % 28),
                "Nguyễn Văn Bình; mời: Trưởng tổ dân phố Lê Văn Cường",
                f"Ông Trần Văn Dũng, {30 + i % 40} tuổi, số {i % 200} phố Hàng Bạc; bà Phạm Thị Én, 48 tuổi",
                subject,
                "Hai bên thống nhất giữ nguyên hiện trạng và cùng sửa chữa" * rng.randint(1, 2),
                rng.choice(["Hòa giải thành", "Hòa giải không thành"]),
                "",
                "Nguyễn Văn Bình",
                "Đất đai",
            )
        )
    return rows


def case_book_ours(rows: list[CaseBookRow], out: Path) -> int:
    header = DocumentHeader(
        unit_line="PHƯỜNG HOÀN KIẾM",
        place="Phường Hoàn Kiếm",
        commune_name="Phường Hoàn Kiếm",
        province_name="Thành phố Hà Nội",
        chairman="Nguyễn Văn Thành",
        missing=(),
    )
    render_case_book(
        CaseBookInput(header, "Tổ hòa giải số 1", 2026, rows, team_leader="Lê Văn Cường"), str(out)
    )
    return pdf_pages(out)


def case_book_floor_pages(rows: list[CaseBookRow]) -> list[tuple[list[float], list[list[str]]]]:
    """Prepared outside the timing: Part I and Part II rows, with the same header rows, already wrapped and
    split into pages — all that is left is reportlab drawing them."""
    pages = []
    for head, widths_mm, texts, numbered in (
        (PART1_HEAD, PART1_WIDTHS_MM, part1_rows(rows), True),
        (PART2_HEAD, PART2_WIDTHS_MM, part2_rows(rows), False),
    ):
        widths = [w * mm for w in widths_mm]
        head_row, head_h = header_row(head, widths)  # the same header rows as the book
        head_rows = [head_row] + ([[f"({i})" for i in range(1, len(head) + 1)]] if numbered else [])
        body_h = PAGE_BODY_H - head_h - (LEADING + PAD if numbered else 0)
        wrapped = [[wrap_cell(t, w - 6) for t, w in zip(r, widths, strict=True)] for r in texts]
        pages += [(widths, head_rows + page) for page in paginate(wrapped, body_h)]
    return pages


def case_book_floor(pages: list[tuple[list[float], list[list[str]]]], out: Path) -> int:
    register_fonts()
    story = []
    for index, (widths, page) in enumerate(pages):
        if index:
            story.append(PageBreak())
        table = Table(page, colWidths=widths)
        table.setStyle(grid_style(2 if page[1][0] == "(1)" else 1, font_size=FONT_SIZE))
        story.append(table)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=landscape(A4),
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
        initialFontName=SERIF,
    )
    doc.build(story)
    return len(pages)


def detail_rows(count: int) -> list[tuple]:
    return [
        (
            f"{i}/2026",
            f"Tổ hòa giải số {i % 12 + 1}",
            date(2026, 1 + i % 12, 1 + i % 28),
            SUBJECTS[i % 5],
            "Hòa giải thành" if i % 3 else "Hòa giải không thành",
            date(2026, 1 + i % 12, 28),
            300_000 + 100_000 * (i % 2),
            f"Ghi chú {i}",
        )
        for i in range(count)
    ]


HEADERS = [
    "Số",
    "Tổ hòa giải",
    "Ngày tiếp nhận",
    "Nội dung",
    "Kết quả",
    "Ngày kết thúc",
    "Thù lao",
    "Ghi chú",
]


def statistics_ours(rows: list[tuple], out: Path) -> None:
    header = DocumentHeader(unit_line="PHƯỜNG HOÀN KIẾM", province_name="Thành phố Hà Nội", missing=())
    detail = DetailSheet(
        "Danh sách vụ việc",
        HEADERS,
        iter(rows),
        [10, 24, 14, 40, 20, 14, 14, 14],
        money_columns=frozenset({6}),
        date_columns=frozenset({2, 5}),
    )
    data = StatisticsInput(
        header,
        Period("year", 2026),
        DisseminationFacts(2026, sessions_total=1),
        MediationFacts(2026),
        FinanceFacts(2026),
        details=[detail],
    )
    render_statistics(data, str(out))


def statistics_floor(rows: list[tuple], out: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách vụ việc")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(out)


def paired(
    ours: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, object, float, object]:
    """Medians of ``ours`` and ``floor`` run alternately (the machine's load drifts: compare like with like)."""
    times: tuple[list[float], list[float]] = ([], [])
    results: list[object] = [None, None]
    for _ in range(repeat):
        for index, fn in enumerate((ours, floor)):
            start = time.perf_counter()
            results[index] = fn()
            times[index].append(time.perf_counter() - start)
    return statistics.median(times[0]), results[0], statistics.median(times[1]), results[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="target page count of the case book")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the statistics detail sheet")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = case_rows(max(10, args.pages * 47 // 10))  # ≈ 4.7 rows a page (Part I + Part II)
        prepared = case_book_floor_pages(rows)
        ours_s, pages, floor_s, floor_pages = paired(
            lambda: case_book_ours(rows, folder / "so.pdf"),
            lambda: case_book_floor(prepared, folder / "floor.pdf"),
            args.repeat,
        )
        print(
            f"case book: {len(rows)} rows, {pages} pages — ours {ours_s:.2f} s ({pages / ours_s:.0f} pages/s); "
            f"floor (reportlab alone drawing the same rows pre-wrapped, {floor_pages} table pages) {floor_s:.2f} s "
            f"({floor_pages / floor_s:.0f} pages/s) = {ours_s / floor_s:.2f}× the floor"
        )
        data = detail_rows(args.rows)
        ours_x, _, floor_x, _ = paired(
            lambda: statistics_ours(data, folder / "tk.xlsx"),
            lambda: statistics_floor(data, folder / "floor.xlsx"),
            args.repeat,
        )
        print(
            f"statistics: {args.rows} rows × {len(HEADERS)} columns — ours {ours_x:.2f} s; floor (openpyxl "
            f"write-only, same cells) {floor_x:.2f} s = {ours_x / floor_x:.2f}× the floor"
        )


if __name__ == "__main__":
    main()
