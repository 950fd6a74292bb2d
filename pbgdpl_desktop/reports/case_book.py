"""Sổ theo dõi hoạt động hòa giải ở cơ sở (the MOJ form) of one team and year: cover, Part I (the
mediators' entries, 9 numbered columns) and Part II (the team head's summary), landscape A4.

Rows are wrapped and paginated here (one table per page, header repeated), which keeps a 1,000-page book
linear in time; a row taller than a page continues on the next page, nothing is clipped."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.reports.fonts import SERIF, SERIF_BOLD
from pbgdpl_desktop.reports.inputs import MISSING, CaseBookInput, CaseBookRow
from pbgdpl_desktop.reports.layout import (
    MARGINS,
    DocumentStart,
    build_pdf,
    frame_width,
    grid_style,
    para,
    signature_block,
)
from pbgdpl_desktop.reports.tagging import Table

FONT_SIZE, LEADING, PAD = 10, 12, 5  # PAD = top + bottom cell padding
PART1_HEAD = [
    "STT",
    "Ngày, tháng, năm tiếp nhận",
    "Họ và tên hòa giải viên, người được mời tham gia hòa giải",
    "Họ và tên, tuổi, địa chỉ của các bên và người có liên quan",
    "Nội dung chủ yếu của vụ, việc",
    "Nội dung thỏa thuận của các bên (hoặc yêu cầu của các bên)",
    "Kết quả hòa giải (Thành/ Không thành)",
    "Chữ ký của các bên",
    "Ghi chú",
]
PART1_WIDTHS_MM = [10, 20, 32, 42, 42, 42, 21, 23, 20]
PART2_HEAD = ["STT", "Hòa giải viên", "Loại vụ, việc theo phạm vi hòa giải", "Kết quả hòa giải", "Ghi chú"]
PART2_WIDTHS_MM = [12, 60, 80, 50, 50]
PAGE_BODY_H = landscape(A4)[1] - MARGINS["top"] - MARGINS["bottom"] - 8 * mm  # room for the part caption


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _word_width(word: str, font: str, size: float) -> float:
    """Width of one word, cached: Vietnamese is written in syllables, so a book repeats few distinct words."""
    cache = _WIDTHS.setdefault((font, size), {})
    width = cache.get(word)
    if width is None:
        width = cache[word] = stringWidth(word, font, size)
    return width


def _split_long(word: str, width: float, font: str, size: float) -> list[str]:
    """A word wider than the column is cut between characters (never drawn over the border)."""
    pieces, current = [], ""
    for ch in word:
        if current and stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current]


def wrap_cell(text: str, width: float, font: str = SERIF, size: float = FONT_SIZE) -> list[str]:
    """Lines of ``text`` within ``width`` (greedy, word widths cached)."""
    space = _word_width(" ", font, size)
    lines: list[str] = []
    for part in nfc(text).split("\n"):
        line: list[str] = []
        used = 0.0
        for word in part.split():
            w = _word_width(word, font, size)
            if w > width:
                if line:
                    lines.append(" ".join(line))
                *full, last = _split_long(word, width, font, size)
                lines += full
                line, used = [last], stringWidth(last, font, size)
            elif line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [word], w
            else:
                used += (space if line else 0) + w
                line.append(word)
        lines.append(" ".join(line))
    return lines


def paginate(rows: Sequence[Sequence[list[str]]], body_height: float) -> list[list[list[str]]]:
    """Pack wrapped rows (cells = line lists) into pages; a row taller than a page is cut into pieces."""
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    max_lines = int((body_height - PAD) // LEADING)
    for cells in rows:
        pieces = _pieces(cells, max_lines)
        for piece in pieces:
            height = max(len(c) for c in piece) * LEADING + PAD
            if used + height > body_height and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(["\n".join(c) for c in piece])
            used += height
    return pages


def _pieces(cells: Sequence[list[str]], max_lines: int) -> list[list[list[str]]]:
    tallest = max(len(c) for c in cells)
    if tallest <= max_lines:
        return [list(cells)]
    return [[c[start : start + max_lines] for c in cells] for start in range(0, tallest, max_lines)]


def _header(texts: Sequence[str], widths: Sequence[float]) -> tuple[list[str], float]:
    lines = [wrap_cell(t, w - 6, SERIF_BOLD) for t, w in zip(texts, widths, strict=True)]
    return ["\n".join(c) for c in lines], max(len(c) for c in lines) * LEADING + PAD


def _tables(
    rows: Sequence[Sequence[str]], head: Sequence[str], widths_mm: Sequence[int], numbered: bool
) -> list[Flowable]:
    widths = [w * mm for w in widths_mm]
    head_row, head_h = _header(head, widths)
    heads = [head_row] + ([[f"({i})" for i in range(1, len(head) + 1)]] if numbered else [])
    body_h = PAGE_BODY_H - head_h - (LEADING + PAD if numbered else 0)
    wrapped = [[wrap_cell(text, w - 6) for text, w in zip(row, widths, strict=True)] for row in rows]
    out: list[Flowable] = []
    style = grid_style(len(heads), font_size=FONT_SIZE)
    style.add("ALIGN", (0, len(heads)), (0, -1), "CENTER")
    for index, page in enumerate(paginate(wrapped, body_h)):
        if index:
            out.append(PageBreak())
        table = Table(heads + page, colWidths=widths, repeatRows=len(heads))  # header rows: TH
        table.setStyle(style)
        out.append(table)
    return out


def part1_rows(rows: Sequence[CaseBookRow]) -> list[list[str]]:
    return [
        [
            str(r.serial),
            format_date(r.received),
            r.mediators,
            r.parties,
            r.substance,
            r.agreement,
            r.result,
            "",
            r.notes,
        ]
        for r in rows
    ]


def part2_rows(rows: Sequence[CaseBookRow]) -> list[list[str]]:
    return [[str(r.serial), r.mediator or r.mediators, r.category, r.result, r.notes] for r in rows]


def _cover(data: CaseBookInput) -> list[Flowable]:
    h = data.header
    fields = [
        ("Tỉnh/thành phố", h.province_name),
        (f"{h.commune_label}", h.commune_name.removeprefix(h.commune_label + " ")),
        ("Thôn/tổ dân phố", data.village or MISSING),
        ("Tổ hòa giải", data.team_name),
        ("Quyển số", data.book_number or MISSING),
        ("Mở sổ ngày", format_date(data.opened) or MISSING),
        ("Khóa sổ ngày", format_date(data.closed) or MISSING),
    ]
    items: list[Flowable] = [
        Spacer(1, 30 * mm),
        para("SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ", "title"),
        para(f"Năm {data.year}", "subtitle"),
        Spacer(1, 14 * mm),
    ]
    table = Table(
        [[para(f"{k}:", "plain"), para(v, "heading")] for k, v in fields], colWidths=[60 * mm, 120 * mm]
    )
    table.setStyle([("FONT", (0, 0), (-1, -1), SERIF, 13), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [*items, table, PageBreak()]


def render_case_book(data: CaseBookInput, target: str) -> str:
    return render_case_books([data], target)


def render_case_books(books: Sequence[CaseBookInput], target: str) -> str:
    """Several teams' books in one PDF, each starting on a new page with its own cover and numbering."""
    story: list[Flowable] = []
    for data in books:
        if story:
            story.append(PageBreak())
        story += [DocumentStart(), *case_book_story(data)]
    first = books[0]
    title = first.team_name if len(books) == 1 else f"{len(books)} tổ hòa giải"
    return build_pdf(
        target, story, title=f"Sổ theo dõi hoạt động hòa giải – {title} – {first.year}", is_landscape=True
    )


def case_book_story(data: CaseBookInput) -> list[Flowable]:
    width = frame_width(is_landscape=True)
    story = _cover(data)
    story.append(para("PHẦN I. THEO DÕI VỤ, VIỆC HÒA GIẢI (do hòa giải viên ghi)", "heading"))
    if data.rows:
        story += _tables(part1_rows(data.rows), PART1_HEAD, PART1_WIDTHS_MM, numbered=True)
    else:
        story.append(para(f"Năm {data.year} tổ hòa giải chưa tiếp nhận vụ, việc nào.", "plain"))
    story += [PageBreak(), para("PHẦN II. TỔNG HỢP (do tổ trưởng tổ hòa giải ghi)", "heading")]
    if data.rows:
        story += _tables(part2_rows(data.rows), PART2_HEAD, PART2_WIDTHS_MM, numbered=False)
        summary = _summary(data.rows)
    else:
        summary = "Không có vụ, việc để tổng hợp."
    story.append(
        signature_block(
            signer_lines=["TỔ TRƯỞNG TỔ HÒA GIẢI"],
            signer_name=data.team_leader,
            width=width,
            lead=[Spacer(1, 4), para(summary, "plain")],
        )
    )
    return story


def _summary(rows: Sequence[CaseBookRow]) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.result] = counts.get(row.result, 0) + 1
    parts = ", ".join(f"{label}: {count}" for label, count in sorted(counts.items()))
    return f"Tổng số vụ, việc: {len(rows)} ({parts})."
