"""Small table builders shared by the documents (numbered key figures, breakdowns by a code)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.domain.text import nfc, sort_key
from pbgdpl_desktop.reports.fonts import SERIF_BOLD, text_width
from pbgdpl_desktop.reports.layout import b, bind_units, grid_style, para
from pbgdpl_desktop.reports.tagging import Table

TOTAL = "Tổng cộng"


def number(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    return percent_text(part, whole)


def figures_table(
    rows: Sequence[tuple[str, str]],
    width: float,
    *,
    head: tuple[str, str] = ("Nội dung", "Số liệu"),
    caption: str = "",
) -> Flowable:
    """STT | label | value; a last row labelled "Tổng cộng" is bold and unnumbered."""
    data: list[list] = [["STT", head[0], head[1]]]
    for i, (label, value) in enumerate(rows, 1):
        if label == TOTAL and i == len(rows):
            data.append(["", para(b(label), "cell", markup=True), para(b(value), "cell_center", markup=True)])
        else:
            data.append([str(i), para(label, "cell"), para(value, "cell_center")])
    table = Table(data, colWidths=[12 * mm, width - 57 * mm, 45 * mm], repeatRows=1)
    table.setStyle(grid_style())
    table.setStyle([("ALIGN", (0, 1), (0, -1), "CENTER")])
    lead = [para(caption, "plain")] if caption else []
    return KeepTogether([*lead, Spacer(1, 3), table, Spacer(1, 6)]) if len(rows) <= 12 else table


def unbreakable_width(text: str, *, font: str = SERIF_BOLD, size: float = 11) -> float:
    """The width of the widest piece of ``text`` that may not be broken: after ``bind_units`` a value, its
    unit and its sign ("≥ 100 %*") are one piece. A cell narrower than that would have reportlab cut the
    piece letter by letter (``splitLongWords``), which is how "66,7 %" came out on two lines. Measured in
    the bold face (the widest) so a bold total fits too."""
    return max((text_width(piece, font, size) for piece in bind_units(nfc(text)).split(" ")), default=0.0)


def fit_columns(
    widths: Sequence[float],
    texts: Mapping[int, Sequence[str]],
    *,
    give: Sequence[int],
    padding: float = 6,
    size: float = 11,
) -> list[float]:
    """``widths`` with each column of ``texts`` (index → the texts of its cells) widened to hold its widest
    unbreakable piece plus ``padding``; the room is taken from the ``give`` columns in proportion to their
    width (they hold ordinary words, which wrap). The total width does not change."""
    out = list(widths)
    extra = 0.0
    for index, cells in texts.items():
        need = max((unbreakable_width(text, size=size) for text in cells), default=0.0) + padding + 0.5
        if need > out[index]:
            extra += need - out[index]
            out[index] = need
    pool = sum(out[i] for i in give)
    if extra and pool:
        for i in give:
            out[i] -= extra * out[i] / pool
    return out


def breakdown_rows(
    counts: Mapping[str, int], labels: Mapping[str, str], *, money: bool = False, total: bool = True
) -> list[tuple[str, str]]:
    """(label, value) rows sorted by label, then a total row (not for overlapping groups)."""
    named = sorted(
        ((labels.get(code) or humanize(code), value) for code, value in counts.items() if value),
        key=lambda item: sort_key(item[0]),
    )
    show = format_money if money else number
    rows = [(label, show(value)) for label, value in named]
    if rows and total:
        rows.append((TOTAL, show(sum(counts.values()))))
    return rows


def humanize(code: str) -> str:
    """A code without a known label ("CUOC_THI", "online_contest") shown readably rather than hidden."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:].lower() if text.isupper() else text[:1].upper() + text[1:]
