"""Colours and labels shared by the assessment widgets."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QBrush, QColor

from pbgdpl_desktop.scoring import Verdict
from pbgdpl_desktop.scoring.fmt import points as fmt_points

UNCONFIRMED = "chưa xác nhận — cần đối chiếu văn bản"

COLOURS = {
    Verdict.PASS: ("#d9f2df", "#1b6e33"),
    Verdict.NA: ("#e3f1f4", "#1d5f6e"),
    Verdict.PARTIAL: ("#fff0c7", "#7a5500"),
    Verdict.FAIL: ("#fbdada", "#9b1c1c"),
    Verdict.PENDING: ("#ececec", "#505050"),
}


def background(verdict: Verdict) -> QBrush:
    return QBrush(QColor(COLOURS[verdict][0]))


def foreground(verdict: Verdict) -> QBrush:
    return QBrush(QColor(COLOURS[verdict][1]))


def verdict_style(verdict: Verdict) -> str:
    bg, fg = COLOURS[verdict]
    return f"background:{bg}; color:{fg}; padding:6px 10px; border-radius:4px; font-weight:bold;"


def score_text(points: Decimal | None, maximum: Decimal | None) -> str:
    if maximum is None:
        return ""
    return f"{fmt_points(points)}/{fmt_points(maximum)}"
