"""Read a produced PDF back with poppler (pdftotext, pdffonts, pdfinfo): used by the tests (and
bench/reports.py) to check what a reader sees — the text (NFC), embedded fonts and the page count."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfFont:
    name: str
    embedded: bool


def pdf_text(path: str | Path, *, layout: bool = False) -> str:
    """The text of the PDF, NFC-normalised is NOT applied: the caller checks the raw extraction."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8").stdout


def pdf_fonts(path: str | Path) -> list[PdfFont]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type… encoding emb sub uni object ID: "emb" is the 5th field from the end
        fonts.append(PdfFont(parts[0], parts[-5] == "yes"))
    return fonts


def pdf_pages(path: str | Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise ValueError(f"no page count in pdfinfo output for {path}")


def pdf_page_size(path: str | Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Page size:"):
            parts = line.split()
            return float(parts[2]), float(parts[4])
    raise ValueError(f"no page size in pdfinfo output for {path}")


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
