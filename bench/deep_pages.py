#!/usr/bin/env python3
"""Pages deep in long lists (#17): the session list and the case list over N rows (1,000,000 by default) —
the first page beside a page in the middle and the last page, through the app's paged sources (pages by key,
``persistence.keyset``), alternated in the same process, ``--runs`` ≥ 5 repetitions, medians.

Each deep page is read three ways: a *first jump after a change* (the records changed, so the source forgot the
keys it knew: a fresh count, then the key of the row before the page's block found by a narrow OFFSET walk over
the order's columns — from the top, or from the nearest key known before it —, then the page), a *jump with the
records unchanged* (a count of the same data keeps the keys: straight to the page) and a *scroll* (the page
after one just read: its key is known).
The floor is the first page (target: any page ≤ 2× it); the OFFSET page the lists used before is shown too.

    python bench/deep_pages.py [--rows 1000000] [--runs 5] [--db-dir DIR (kept and reused)]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout, not an installed copy
sys.path.insert(0, str(ROOT / "bench"))

import dissemination_list  # noqa: E402 - the session bench's bulk fill
import mediation_list  # noqa: E402 - the case bench's bulk fill

from pbgdpl_desktop.services.core.listing import ListQuery  # noqa: E402
from pbgdpl_desktop.services.core.runtime import RuntimePaths  # noqa: E402
from pbgdpl_desktop.services.registry import open_services  # noqa: E402

PAGE = 200


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _cases(source, query: ListQuery, middle: int, last: int, by_offset) -> dict[str, Callable[[], object]]:
    def forget() -> None:
        source._keyed.clear()  # noqa: SLF001 - what a change of the records does (the data version moved)

    def first() -> None:
        source.page(query, 0, PAGE)

    def count() -> None:
        forget()
        source.count(query)

    def cold_jump(offset: int, via: int | None = None) -> Callable[[], None]:
        """The first jump after a change: a fresh count, the walk to the key of the row before the page (from
        the nearest known place: the top, the bottom, or the key of a page read just before at ``via``), then
        the page."""

        def run() -> None:
            forget()
            source.count(query)
            if via is not None:
                source.page(query, via, PAGE)
            source.page(query, offset, PAGE)

        return run

    def warm_jump(offset: int) -> Callable[[], None]:
        def run() -> None:
            source.count(query)  # the records did not change: the keys found before are kept
            source.page(query, offset, PAGE)

        return run

    def scroll(offset: int) -> Callable[[], None]:
        return lambda: source.page(query, offset, PAGE)  # its key is known from the page before (read first)

    return {
        "first page": first,
        "count (after a change)": count,
        f"first jump after a change to row {middle:,} (count + walk from the top + page)": cold_jump(middle),
        f"first jump after a change to the last page, row {last:,} (walk from the bottom)": cold_jump(last),
        f"first jumps after a change to row {middle:,}, then {middle + 10 * PAGE:,} (count + 2 walks)": cold_jump(
            middle + 10 * PAGE, via=middle
        ),
        f"jump to row {middle:,}, records unchanged (count + page)": warm_jump(middle),
        "jump to the last page, records unchanged": warm_jump(last),
        f"scroll: page at row {middle:,}": scroll(middle),
        f"scroll: last page (row {last:,})": scroll(last),
        f"OFFSET page at row {middle:,} (before #17)": lambda: by_offset(middle),
    }


def _prepare(source, query: ListQuery, name: str, middle: int, last: int) -> None:
    """Untimed, before each timed run."""
    if name.startswith("scroll"):
        source.count(query)
        before = (last if "last" in name else middle) - PAGE
        source.page(query, before, PAGE)  # the page before: its last key starts the timed one
    elif "unchanged" in name:
        source.count(query)
        source.page(query, middle, PAGE)  # the keys found once (that cost is timed in the first jumps)
        source.page(query, last, PAGE)


def figures(label: str, source, query: ListQuery, runs: int, by_offset: Callable[[int], object]) -> list:
    total = source.count(query)
    middle = (total // 2) // PAGE * PAGE
    last = (total - 1) // PAGE * PAGE
    cases = _cases(source, query, middle, last, by_offset)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for i in range(runs):
        order = list(cases.items())
        for name, fn in order if i % 2 == 0 else reversed(order):
            _prepare(source, query, name, middle, last)
            times[name].append(timed(fn))
    floor = statistics.median(times["first page"])
    return [(f"{label}: {name}", statistics.median(t), floor) for name, t in times.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-dir", type=Path, help="keep the filled databases here and reuse them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.db_dir or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        sessions_db, cases_db = where / f"sessions-{args.rows}.db", where / f"cases-{args.rows}.db"
        if not sessions_db.exists():
            print(
                f"(filling {args.rows:,} sessions: {dissemination_list.fill(sessions_db, args.rows):.0f} s)"
            )
        if not cases_db.exists():
            t0 = time.perf_counter()
            mediation_list.build(cases_db, args.rows)
            print(f"(filling {args.rows:,} cases: {time.perf_counter() - t0:.0f} s)")
        rows = []
        from pbgdpl_desktop.persistence.repos import dissemination_session_repo as s_repo
        from pbgdpl_desktop.persistence.repos import mediation_case_repo as c_repo
        from pbgdpl_desktop.services.dissemination.sessions import list_filter

        services = open_services(RuntimePaths(where, sessions_db))
        try:
            query = ListQuery()
            source = services.dissemination.sessions.list_source()

            def s_offset(offset: int) -> None:
                with services.ctx.db.read() as session:
                    s_repo.page(session, list_filter(query), offset, PAGE)

            rows += figures("sessions", source, query, args.runs, s_offset)
        finally:
            services.ctx.db.close()
        services = open_services(RuntimePaths(where, cases_db))
        try:
            query = ListQuery()
            source = services.mediation.cases.list_source()

            def c_offset(offset: int) -> None:
                with services.ctx.db.read() as session:
                    c_repo.page_cases(session, {}, [], "received_on", True, offset, PAGE)

            rows += figures("cases", source, query, args.runs, c_offset)
        finally:
            services.ctx.db.close()
    print(
        f"{'what (' + format(args.rows, ',') + ' rows, pages of 200)':90} {'app':>9} {'floor':>9} {'ratio':>7}"
    )
    for label, app, floor in rows:
        print(f"{label:90} {app * 1000:7.1f}ms {floor * 1000:7.1f}ms {app / floor:6.2f}×")
    print(f"floor: the first page; target: any page ≤ 2×; medians of {args.runs} alternated runs")


if __name__ == "__main__":
    main()
