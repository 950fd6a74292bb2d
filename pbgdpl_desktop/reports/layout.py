"""The NĐ 30/2020/NĐ-CP layout shared by every PDF: A4, margins (top/bottom 20 mm, left 30 mm, right 15 mm),
Times-compatible font, the header (issuing body with its short rule, number and symbol; national motto with
the rule under the whole motto; the place-date line), title, recipients and signature block, page numbers in
the top margin from page 2."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)

from pbgdpl_desktop.domain.dates import date_text_vi
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts, text_width
from pbgdpl_desktop.reports.inputs import MISSING, DocumentHeader
from pbgdpl_desktop.reports.output import write_atomic
from pbgdpl_desktop.reports.signature_spot import SignatureSpot
from pbgdpl_desktop.reports.tagging import Paragraph, Table, TaggingCanvas, finish, tagger_of

MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}
NBSP = "\u00a0"
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def _style(
    name: str, font: str = SERIF, size: float = 13, align: int = TA_LEFT, **kw: object
) -> ParagraphStyle:
    kw.setdefault("leading", size * 1.2)
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **kw)


def make_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "body": _style("body", align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6),
        "plain": _style("plain", spaceAfter=3),
        "heading": _style("heading", SERIF_BOLD, spaceBefore=6, spaceAfter=4),
        "center": _style("center", align=TA_CENTER),
        "center_bold": _style("center_bold", SERIF_BOLD, align=TA_CENTER),
        "motto": _style("motto", SERIF_BOLD, 12, TA_CENTER),
        "date": _style("date", SERIF_ITALIC, 13, TA_CENTER),
        "title": _style("title", SERIF_BOLD, 14, TA_CENTER, spaceBefore=12),
        "subtitle": _style("subtitle", SERIF_BOLD, 14, TA_CENTER),
        "recipients_head": _style("recipients_head", "LiberationSerif-BoldItalic", 12),
        "recipients": _style("recipients", SERIF, 11, leading=12.5),
        "cell": _style("cell", SERIF, 11, leading=13),
        "cell_center": _style("cell_center", SERIF, 11, TA_CENTER, leading=13),
        "cell_head": _style("cell_head", SERIF_BOLD, 11, TA_CENTER, leading=13),
        "note": _style("note", SERIF_ITALIC, 12, TA_JUSTIFY, spaceAfter=4),
    }


STYLES: dict[str, ParagraphStyle] = {}


def styles() -> dict[str, ParagraphStyle]:
    if not STYLES:
        STYLES.update(make_styles())
    return STYLES


NBSP = "\u00a0"
_UNIT_AFTER = re.compile(r"(?<=\d) (?=(?:%|‰|đ|₫|người|lượt|buổi|vụ|việc|hộ|tờ|cuốn|bản|tổ|điểm)(?![\w]))")
_SIGN_BEFORE = re.compile(r"(?<=[<>≤≥=~]) (?=[\d-])")


def bind_units(text: str) -> str:
    """Values kept with their units and signs on one line: the spaces of "< 100 %", "1.500.000 đ",
    "50 người" become no-break spaces (reportlab never breaks a line at U+00A0)."""
    return _UNIT_AFTER.sub(NBSP, _SIGN_BEFORE.sub(NBSP, text))


def para(text: str, style: str = "body", *, markup: bool = False) -> Paragraph:
    """A paragraph of NFC text; ``markup`` lets <b>/<i> through (the caller escaped the rest). A value and
    its unit never split across lines (``bind_units``)."""
    value = bind_units(nfc(text))
    return Paragraph(value if markup else escape(value), styles()[style])


def head_cells(texts: Sequence[str]) -> list[Paragraph]:
    """Header cells of a grid table: bold, centred and wrapped inside their column."""
    return [para(text, "cell_head") for text in texts]


def b(text: str) -> str:
    return f"<b>{escape(nfc(text))}</b>"


class Rule(Flowable):
    """A centred horizontal line (the rules under the issuing body, the motto and the title)."""

    def __init__(self, width: float, *, thickness: float = 0.6, space: float = 2) -> None:
        super().__init__()
        self.rule_width, self.thickness, self.space = width, thickness, space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.space * 2 + self.thickness

    def draw(self) -> None:
        x0 = (self._avail - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, self.space, x0 + self.rule_width, self.space)


def place_date(header: DocumentHeader, when: date | None) -> str:
    text = date_text_vi(when) if when else "ngày … tháng … năm …"
    return f"{header.place}, {text}"


def number_line(symbol: str, number: str = "") -> str:
    return f"Số: {number or NBSP * 8}/{symbol}" if symbol else ""


def header_block(
    header: DocumentHeader,
    *,
    symbol: str,
    issue_date: date | None,
    width: float,
    number: str = "",
    excerpt: str = "",
    unit_lines: Sequence[str] = (),
    draft: bool = False,
) -> Table:
    """The two-column top of the first page. ``unit_lines`` replace the ward's issuing body lines (a team).
    ``draft``: a document dated before its period ends, not yet finalised, carries "DỰ THẢO" above the
    motto."""
    left_w = width * 0.40
    lines = list(unit_lines) or [header.committee, header.unit_line]
    # NĐ 30: a parent body (given through unit_lines) is upright, the issuing body itself bold
    body = [
        para(line, "center" if unit_lines and i < len(lines) - 1 else "center_bold")
        for i, line in enumerate(lines)
    ]
    rule_w = min(left_w * 0.45, max(text_width(nfc(lines[-1]), SERIF_BOLD, 13) * 0.5, 20 * mm))
    left: list[Flowable] = [*body, Rule(rule_w)]
    if symbol:
        left.append(para(number_line(symbol, number), "center"))
    if excerpt:
        left.append(_excerpt(excerpt))
    right = [
        *([para("DỰ THẢO", "center_bold")] if draft else []),
        para(MOTTO_1, "motto"),
        para(MOTTO_2, "center_bold"),
        Rule(text_width(MOTTO_2, SERIF_BOLD, 13)),
        Spacer(1, 4),
        para(place_date(header, issue_date), "date"),
    ]
    table = Table([[left, right]], colWidths=[left_w, width - left_w])
    table.setStyle(plain_table_style())
    return table


def plain_table_style(*, top: float = 3) -> TableStyle:
    """Borderless layout table (every table sets the font: reportlab's default would add Helvetica)."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("FONT", (0, 0), (-1, -1), SERIF, 13),
        ]
    )


def _excerpt(text: str) -> Paragraph:
    style = ParagraphStyle("excerpt", parent=styles()["center"], fontSize=12, leading=14)
    return Paragraph(escape(bind_units(nfc(text))), style)


def title_block(title: str, subtitle: str = "", *, width: float) -> list[Flowable]:
    items: list[Flowable] = [para(title.upper(), "title")]
    if subtitle:
        items.append(para(subtitle, "subtitle"))
    widest = text_width(nfc(subtitle or title), SERIF_BOLD, 14)
    items += [Rule(min(max(widest / 3, 30 * mm), width / 2)), Spacer(1, 8)]
    return items


def signature_block(
    *,
    signer_lines: Sequence[str],
    signer_name: str,
    width: float,
    recipients: Sequence[str] = (),
    left_signer: tuple[Sequence[str], str] | None = None,
    lead: Sequence[Flowable] = (),
) -> KeepTogether:
    """Recipients (Nơi nhận) bottom left, the signer bottom right; or two signers side by side."""
    rows = max(len(signer_lines), len(left_signer[0]) if left_signer else 0)

    def signer(lines: Sequence[str], name: str, place: Flowable) -> list[Flowable]:
        pad = Spacer(1, styles()["center_bold"].leading * (rows - len(lines)))  # both names on one line
        return [para(line, "center_bold") for line in lines] + [
            pad,
            place,
            para(name or MISSING, "center_bold"),
        ]

    # the (right) signer's place is where a digital signature goes (pbgdpl_desktop.signing finds it)
    right = signer(signer_lines, signer_name, SignatureSpot(22 * mm))
    if left_signer is not None:
        left = signer(*left_signer, Spacer(1, 22 * mm))
    elif recipients:
        left = [para("Nơi nhận:", "recipients_head")]
        left += [para(f"- {r}", "recipients") for r in recipients]
    else:
        left = [Spacer(1, 1)]
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(plain_table_style(top=8))
    return KeepTogether([*lead, Spacer(1, 6), table])


def ubnd_signature(
    header: DocumentHeader, *, width: float, recipients: Sequence[str], lead: Sequence[Flowable] = ()
) -> KeepTogether:
    """Signed on behalf of the committee by the chairman; ``lead`` = the last paragraphs kept with it."""
    return signature_block(
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name=header.chairman,
        width=width,
        recipients=recipients,
        lead=lead,
    )


def grid_style(header_rows: int = 1, *, font_size: float = 11) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONT", (0, 0), (-1, -1), SERIF, font_size, font_size + 2),
            ("FONT", (0, 0), (-1, header_rows - 1), SERIF_BOLD, font_size, font_size + 2),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def frame_width(*, is_landscape: bool = False) -> float:
    page_w = landscape(A4)[0] if is_landscape else A4[0]
    return page_w - MARGINS["left"] - MARGINS["right"]


class DocumentStart(Flowable):
    """Marks the first page of a document inside a bundle (the dossier): numbering restarts there."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._pbgdpl_start = self.canv.getPageNumber()  # noqa: SLF001 - our own marker on the canvas


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """NĐ 30: numbers in the top margin, centred, from the second page of each document."""
    number = canvas.getPageNumber() - getattr(canvas, "_pbgdpl_start", 1) + 1
    if number < 2:
        return
    canvas.saveState()
    canvas.setFont(SERIF, 13)
    canvas.drawCentredString(
        doc.pagesize[0] / 2 + (MARGINS["left"] - MARGINS["right"]) / 2, doc.pagesize[1] - 12 * mm, str(number)
    )
    canvas.restoreState()


def build_pdf(
    target: str,
    flowables: list[Flowable],
    *,
    title: str,
    is_landscape: bool = False,
    page_numbers: bool = True,
) -> str:
    """Write ``flowables`` to ``target`` atomically; returns the final path as a string."""
    styles()
    pagesize = landscape(A4) if is_landscape else A4

    def build(temp: str) -> None:
        doc = BaseDocTemplate(
            temp,
            pagesize=pagesize,
            leftMargin=MARGINS["left"],
            rightMargin=MARGINS["right"],
            topMargin=MARGINS["top"],
            bottomMargin=MARGINS["bottom"],
            title=nfc(title),
            author="pbgdpl-desktop",
            creator="pbgdpl-desktop",
            lang="vi-VN",
            initialFontName=SERIF,
            initialFontSize=13,
            initialLeading=15.6,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    "page", [frame], pagesize=pagesize, onPageEnd=_page_number if page_numbers else None
                )
            ]
        )
        doc.build(flowables, canvasmaker=TaggingCanvas)
        # the structure recorded while drawing goes into the file before it is moved in place (and signed)
        finish(temp, tagger_of(doc.canv), title=nfc(title))

    return str(write_atomic(target, build))
