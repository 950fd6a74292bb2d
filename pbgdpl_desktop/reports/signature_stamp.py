"""The visible appearance of a digital signature (a one-page PDF the signing engine draws in the signature
field): the signature image (the person's handwritten signature, or the agency's seal) with the signer,
organisation and time written small over its lower part, as readers of documents signed in Việt Nam expect
(NĐ 30/2020 Phụ lục I: "Ký bởi", "Cơ quan", "Thời gian ký")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.reports.fonts import SERIF, register_fonts
from pbgdpl_desktop.reports.output import write_atomic
from pbgdpl_desktop.reports.tagging import hint

SIGNATURE_BLUE = Color(0.05, 0.15, 0.55)
SEAL_RED = Color(0.75, 0.05, 0.05)


def render_signature_stamp(
    target: str,
    *,
    width: float,
    height: float,
    image: Path | None,
    signer: str,
    organisation: str,
    when: datetime,
    agency: bool,
) -> str:
    """Write the appearance of one signature, ``width`` × ``height`` points."""
    register_fonts()

    size = max(5.0, min(7.0, height / 9))
    # the agency's seal sits over the left of the person's signature: its text goes under the seal, the
    # person's text right of the part the seal covers
    text_x = 2.0 if agency else width * 0.34
    image_bottom = size * 2.6 if agency else 0.0

    def build(temp: str) -> None:
        canvas = Canvas(temp, pagesize=(width, height), initialFontName=SERIF, lang="vi-VN")
        if image is not None:
            reader = ImageReader(str(image))
            iw, ih = reader.getSize()
            room = height - image_bottom
            scale = min(width / iw, room / ih)
            w, h = iw * scale, ih * scale
            alt = f"Con dấu của {signer}" if agency else f"Chữ ký của {signer}"
            with hint(canvas, "Figure", alt=nfc(alt)):  # the stamp PDF is tagged too (reports/tagging.py)
                canvas.drawImage(reader, (width - w) / 2, image_bottom + (room - h) / 2, w, h, mask="auto")
        color = SEAL_RED if agency else SIGNATURE_BLUE
        canvas.setFillColor(color)
        lines = [
            f"Ký bởi: {signer}",
            f"Thời gian ký: {when:%d/%m/%Y %H:%M}",
        ]
        if not agency and organisation:
            lines.insert(1, f"Cơ quan: {organisation}")
        wrapped = [
            piece for line in lines for piece in simpleSplit(nfc(line), SERIF, size, width - text_x - 2)
        ]
        canvas.setFont(SERIF, size)
        y = 2 + size * 1.2 * (len(wrapped) - 1)
        for line in wrapped:
            canvas.drawString(text_x, y, line)
            y -= size * 1.2
        canvas.showPage()
        canvas.save()

    return str(write_atomic(target, build))
