"""Where a digital signature goes: the blank space of a signature block (NĐ 30/2020: the signer's title,
the space for the signature image and the seal, the name) is marked with a hidden annotation whose contents
are ``SPOT_MARK``. The signing engine (``pbgdpl_desktop.signing``) looks for that mark and places the
visible signature there; a reader shows and prints nothing of it (annotation flag Hidden)."""

from __future__ import annotations

from reportlab.platypus import Flowable

SPOT_MARK = "pbgdpl-signature-spot"
HIDDEN = 2  # annotation flag bit 2 (PDF 32000-1 §12.5.3)


class SignatureSpot(Flowable):
    """Blank space of ``height`` in a signature block, marked for the signing engine."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height
        self.width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        canvas = self.canv
        x0, y0 = canvas.absolutePosition(0, 0)
        x1, y1 = canvas.absolutePosition(self.width, self.height)
        canvas.textAnnotation(SPOT_MARK, Rect=(x0, y0, x1, y1), F=HIDDEN)
