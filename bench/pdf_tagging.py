"""Benchmark of tagging a PDF (issue #20 §4): the case book of a team, ~N landscape pages, written by the app
(tagged: marked content while drawing + the pikepdf finish) beside the floor, the same document with tagging
off (reportlab alone, the same flowables). Alternated in the same run.

Run: ``python bench/pdf_tagging.py [--pages 200] [--repeat 5]``. Prints app, floor and the ratio."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reports import case_book_ours, case_rows
from pbgdpl_desktop.reports import layout, tagging
from pbgdpl_desktop.reports.fonts import register_fonts


def untagged(rows: list, out: Path) -> int:
    """The floor: tagging.finish is a no-op and the canvas carries no tagger (nothing marked)."""
    with (
        mock.patch.object(tagging, "finish", lambda *a, **k: None),
        mock.patch.object(layout, "finish", lambda *a, **k: None),
        mock.patch.object(layout, "TaggingCanvas", tagging.Canvas),
    ):
        return case_book_ours(rows, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    register_fonts()
    rows = case_rows(max(10, args.pages * 47 // 10))
    app: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(args.repeat):
            start = time.perf_counter()
            pages = case_book_ours(rows, folder / "tagged.pdf")
            app.append(time.perf_counter() - start)
            start = time.perf_counter()
            floor_pages = untagged(rows, folder / "plain.pdf")
            floor.append(time.perf_counter() - start)
        assert pages == floor_pages
        size_app = (folder / "tagged.pdf").stat().st_size
        size_floor = (folder / "plain.pdf").stat().st_size
    a, f = statistics.median(app), statistics.median(floor)
    print(
        f"case book, {pages} pages, median of {args.repeat}: app (tagged) {a:.2f} s, {size_app // 1024} KiB; "
        f"floor (untagged) {f:.2f} s, {size_floor // 1024} KiB; ratio {a / f:.2f}×"
    )


if __name__ == "__main__":
    main()
