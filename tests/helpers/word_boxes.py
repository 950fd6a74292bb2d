"""Word boxes of a PDF (``pdftotext -bbox``) and the check that no two words overprint on any page: a wrapped
cell whose row is too low, or a title that runs over the line below, puts one word's box over another's."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def overlaps(self, other: Word, tolerance: float) -> bool:
        """Boxes that share more than ``tolerance`` points across and more than a third of the lower box's
        height down. A word box spans the font's ascent to descent, a little more than the line pitch, so
        two lines of one paragraph touch by a point or two; an overprinted line covers most of the other."""
        across = min(self.x_max, other.x_max) - max(self.x_min, other.x_min)
        down = min(self.y_max, other.y_max) - max(self.y_min, other.y_min)
        height = min(self.y_max - self.y_min, other.y_max - other.y_min)
        return across > tolerance and down > max(tolerance, height / 3)


def word_boxes(pdf: str | Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(out)
    words: list[Word] = []
    for number, page in enumerate(root.iter(f"{_NS}page"), start=1):
        for w in page.iter(f"{_NS}word"):
            words.append(
                Word(
                    number,
                    w.text or "",
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                )
            )
    return words


def overlapping_words(pdf: str | Path, *, tolerance: float = 1.0) -> list[tuple[Word, Word]]:
    """Every pair of words on the same page whose boxes overlap (sweep over the words sorted by x)."""
    pairs: list[tuple[Word, Word]] = []
    by_page: dict[int, list[Word]] = {}
    for word in word_boxes(pdf):
        by_page.setdefault(word.page, []).append(word)
    for words in by_page.values():
        words.sort(key=lambda w: w.x_min)
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if b.x_min >= a.x_max - tolerance:
                    break
                if a.overlaps(b, tolerance):
                    pairs.append((a, b))
    return pairs
