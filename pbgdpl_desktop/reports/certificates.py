"""Certificates (Giấy chứng nhận / Giấy khen): landscape A4 with a decorative border, one recipient per page,
each with its number, the place-date line and the signer. Long names shrink, then wrap; never clipped."""

from __future__ import annotations

import io

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.reports.fonts import SERIF, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, register_fonts
from pbgdpl_desktop.reports.inputs import MISSING, CertificateInput, CertificateSeal, Recipient
from pbgdpl_desktop.reports.layout import MOTTO_1, MOTTO_2, place_date
from pbgdpl_desktop.reports.output import write_atomic
from pbgdpl_desktop.reports.tagging import hint

PAGE_W, PAGE_H = landscape(A4)
RED = Color(0.62, 0.08, 0.08)
GOLD = Color(0.72, 0.55, 0.16)
TEXT_W = PAGE_W - 70 * mm  # writing width inside the border
NAME_MAX, NAME_MIN = 28, 16
FOOTER_TOP = 66 * mm  # the place-date line and the signer sit below this


def render_certificates(data: CertificateInput, target: str) -> str:
    register_fonts()

    def build(temp: str) -> None:
        canvas = Canvas(temp, pagesize=(PAGE_W, PAGE_H), initialFontName=SERIF, lang="vi-VN")
        canvas.setTitle(nfc(f"{data.title} – {data.header.commune_name}"))
        canvas.setAuthor("pbgdpl-desktop")
        canvas.setCreator("pbgdpl-desktop")
        if data.seals:  # verify-certificate FILE.pdf reads them here
            canvas.setKeywords(" ".join(seal.text for seal in data.seals))
        for index, recipient in enumerate(data.recipients):
            _page(canvas, data, recipient, data.first_number + index)
            if index < len(data.seals):
                draw_seal(canvas, data.seals[index])
            if index < len(data.copies) and data.copies[index]:
                _copy_mark(canvas)
            canvas.showPage()
        canvas.save()

    return str(write_atomic(target, build))


def _page(canvas: Canvas, data: CertificateInput, recipient: Recipient, number: int) -> None:
    """Body text shrinks (16 → 12 pt) until it ends above the footer (signature zone)."""
    size = _body_size(data, recipient)
    _border(canvas)
    _body(canvas, data, recipient, size)
    _footer(canvas, data, number)


def body_bottom(data: CertificateInput, recipient: Recipient) -> float:
    """Where the body text of a page ends (for tests): must stay above FOOTER_TOP."""
    return _body(_scratch(), data, recipient, _body_size(data, recipient))


def _scratch() -> Canvas:
    return Canvas(io.BytesIO(), pagesize=(PAGE_W, PAGE_H), initialFontName=SERIF)


def _body_size(data: CertificateInput, recipient: Recipient) -> int:
    size = 16
    while size > 12 and _body(_scratch(), data, recipient, size) < FOOTER_TOP:
        size -= 1
    return size


def _body(canvas: Canvas, data: CertificateInput, recipient: Recipient, size: int) -> float:
    y = PAGE_H - 30 * mm
    y = _centred(canvas, MOTTO_1, SERIF_BOLD, 13, y)
    baseline = y - 2 - 14
    y = _centred(canvas, MOTTO_2, SERIF_BOLD, 14, y - 2)
    motto_w = canvas.stringWidth(MOTTO_2, SERIF_BOLD, 14)
    canvas.setLineWidth(0.7)
    canvas.line((PAGE_W - motto_w) / 2, baseline - 4, (PAGE_W + motto_w) / 2, baseline - 4)
    y = _wrapped(canvas, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {data.header.unit_line}", SERIF_BOLD, 15, y - 14)
    if data.kind != "attendance":
        y = _centred(canvas, "TẶNG", SERIF_BOLD, 15, y - 4)
    canvas.setFillColor(RED)
    with hint(canvas, "H1"):  # the tagged PDF's heading (reports/tagging.py)
        y = _centred(canvas, data.title, SERIF_BOLD, 36, y - 14)
    canvas.setFillColor(Color(0, 0, 0))
    if data.kind == "attendance":
        y = _centred(canvas, "Chứng nhận:", SERIF_ITALIC, 16, y - 6)
    y = _name(canvas, recipient.name, y - 10)
    if recipient.unit:
        y = _wrapped(canvas, f"Đơn vị: {recipient.unit}", SERIF, size, y - 2)
    if recipient.prize:
        y = _wrapped(canvas, f"Đạt giải: {recipient.prize}", SERIF_BOLD, size + 1, y - 2)
    return _wrapped(canvas, data.reason, SERIF_ITALIC, size, y - 4)


def _border(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, PAGE_W - 30 * mm, PAGE_H - 30 * mm)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.5)
    canvas.rect(17.5 * mm, 17.5 * mm, PAGE_W - 35 * mm, PAGE_H - 35 * mm)
    canvas.setFillColor(GOLD)
    for x, y in ((17.5, 17.5), (17.5, None), (None, 17.5), (None, None)):
        cx = x * mm if x else PAGE_W - 17.5 * mm
        cy = y * mm if y else PAGE_H - 17.5 * mm
        _diamond(canvas, cx, cy, 5 * mm)
    canvas.restoreState()


def _diamond(canvas: Canvas, cx: float, cy: float, r: float) -> None:
    path = canvas.beginPath()
    path.moveTo(cx, cy + r)
    path.lineTo(cx + r, cy)
    path.lineTo(cx, cy - r)
    path.lineTo(cx - r, cy)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float) -> float:
    """Draw one line centred with its baseline ``size`` below ``y``; returns the new top."""
    canvas.setFont(font, size)
    canvas.drawCentredString(PAGE_W / 2, y - size, nfc(text))
    return y - size * 1.25


def _wrapped(canvas: Canvas, text: str, font: str, size: float, y: float) -> float:
    for line in simpleSplit(nfc(text), font, size, TEXT_W):
        y = _centred(canvas, line, font, size, y)
    return y


def fit_name(name: str, width: float = TEXT_W) -> tuple[float, list[str]]:
    """Largest size in [NAME_MIN, NAME_MAX] that fits on one line, else the lines at NAME_MIN."""
    text = nfc(name) or MISSING
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for size in range(NAME_MAX, NAME_MIN - 1, -2):
        if stringWidth(text, SERIF_BOLD_ITALIC, size) <= width:
            return size, [text]
    return NAME_MIN, simpleSplit(text, SERIF_BOLD_ITALIC, NAME_MIN, width)


def _name(canvas: Canvas, name: str, y: float) -> float:
    size, lines = fit_name(name)
    canvas.setFillColor(RED)
    for line in lines:
        y = _centred(canvas, line, SERIF_BOLD_ITALIC, size, y)
    canvas.setFillColor(Color(0, 0, 0))
    return y


def decision_line(data: CertificateInput) -> str:
    """A Giấy khen is issued under a commendation decision: its number and date are printed on it."""
    number = data.decision_number or "……"
    day = format_date(data.decision_date) if data.decision_date else "…/…/……"
    return f"Quyết định khen thưởng số {number} ngày {day}"


def _footer(canvas: Canvas, data: CertificateInput, number: int) -> None:
    right_x = PAGE_W * 0.70
    canvas.setFont(SERIF, 13)
    if data.kind == "attendance":
        canvas.drawCentredString(PAGE_W * 0.27, 46 * mm, nfc(f"Số: {number:02d}/{data.symbol}"))
    else:
        canvas.drawCentredString(PAGE_W * 0.27, 50 * mm, nfc(decision_line(data)))
        canvas.drawCentredString(PAGE_W * 0.27, 43 * mm, nfc(f"Số vào sổ: {number:02d}/{data.symbol}"))
    canvas.setFont(SERIF_ITALIC, 14)
    canvas.drawCentredString(right_x, 58 * mm, nfc(place_date(data.header, data.issue_date)))
    canvas.setFont(SERIF_BOLD, 14)
    canvas.drawCentredString(right_x, 51 * mm, nfc(data.signer_title))
    canvas.drawCentredString(right_x, 25 * mm, nfc(data.header.chairman))


QR_SIZE = 26 * mm


def draw_seal(canvas: Canvas, seal: CertificateSeal) -> None:
    """The QR code of the signed seal in the bottom-left corner inside the border, the short code beside it.
    Drawn module by module from reportlab's own encoder (renderPDF would pull in an unembedded font)."""
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(seal.text)
    qr.make()
    count = qr.getModuleCount()
    border = 2
    box = QR_SIZE / (count + 2 * border)
    x, y = 25 * mm, 21.5 * mm
    with hint(canvas, "Figure", alt=f"Mã QR xác thực giấy, mã ngắn {seal.short_code}"):
        canvas.saveState()
        canvas.setFillColor(Color(1, 1, 1))
        canvas.rect(x, y, QR_SIZE, QR_SIZE, stroke=0, fill=1)
        canvas.setFillColor(Color(0, 0, 0))
        for r, row in enumerate(qr.modules):
            for c, dark in enumerate(row):
                if dark:
                    canvas.rect(
                        x + (c + border) * box,
                        y + QR_SIZE - (r + border + 1) * box,
                        box,
                        box,
                        stroke=0,
                        fill=1,
                    )
        canvas.restoreState()
    canvas.setFont(SERIF, 9)
    canvas.drawString(x + QR_SIZE + 2 * mm, y + 9 * mm, nfc("Mã xác thực:"))
    canvas.setFont(SERIF_BOLD, 10)
    canvas.drawString(x + QR_SIZE + 2 * mm, y + 4.5 * mm, seal.short_code)
    canvas.setFont(SERIF_ITALIC, 7.5)
    canvas.drawString(x + QR_SIZE + 2 * mm, y + 1 * mm, nfc("Quét mã QR để kiểm tra"))


def _copy_mark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFont(SERIF_BOLD, 16)
    canvas.drawRightString(PAGE_W - 24 * mm, PAGE_H - 28 * mm, nfc("BẢN SAO"))
    canvas.restoreState()
