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


def short_title(title: str) -> str:
    """ "QĐ 27/2025/QĐ-TTg + TT 15/2025/TT-BTP (đạt/không đạt, …)" → the legal texts only."""
    return title.split(" (")[0].strip() or title


def ruleset_name(ui_services: object, ruleset_id: str, version: int) -> str:
    """What a clerk reads for a rule set: its legal texts and version, never the file's code."""
    catalog = getattr(getattr(ui_services, "assessment", None), "rulesets", None)
    titles = {(i.id, i.version): i.title for i in catalog.catalog()} if catalog is not None else {}
    title = titles.get((ruleset_id, version)) or next(
        (t for (rid, _v), t in titles.items() if rid == ruleset_id), ruleset_id
    )
    return f"{short_title(title)}, phiên bản {version}"
