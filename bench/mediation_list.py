#!/usr/bin/env python3
"""The case list over 1,000,000 cases: first rows shown, a diacritic-insensitive search, a filter, the last
row, peak memory — each beside the raw sqlite3 floor of the SAME SQL (captured from the app's queries and
replayed with plain sqlite3 in a separate process).

    python bench/mediation_list.py [--cases 1000000] [--runs 5] [--db PATH (kept and reused)]

Targets: first rows ≤ 0.2 s, search ≤ 0.5 s, peak memory ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEARCH = "Đặng Văn Quý"  # typed with diacritics; the app folds it ("dang van quy")
TARGETS = {"first_rows": 0.2, "search": 0.5}
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = [
    "Hùng",
    "Lan",
    "Dũng",
    "Hoa",
    "Tuấn",
    "Hương",
    "Nam",
    "Mai",
    "Bình",
    "Quý",
    "Hằng",
    "Sơn",
    "Yến",
    "Long",
]
SUMMARIES = [
    "Tranh chấp ranh giới đất giữa hai hộ liền kề.",
    "Mâu thuẫn do tiếng ồn hát karaoke ban đêm.",
    "Mâu thuẫn vợ chồng về chăm sóc con.",
    "Tranh chấp tiền vay mượn giữa hai gia đình.",
    "Mâu thuẫn do nước thải chảy sang nhà bên.",
    "Lấn chiếm lối đi chung trong ngõ.",
]
OUTCOMES = (
    ["settled"] * 70
    + ["not_settled"] * 14
    + ["stopped"] * 6
    + ["referred"] * 5
    + ["refused"] * 4
    + ["in_progress"]
)
CATEGORIES = ["civil", "marriage_family", "land", "neighbourhood", "minor_breach", "other"]


# ------------------------------------------------------------------------------------------ building the file
def build(db_path: Path, n_cases: int) -> None:
    from pbgdpl_desktop.domain.mediation import TeamInput
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(RuntimePaths(db_path.parent, db_path))
    team_ids = [
        services.mediation.teams.save(TeamInput(name=f"Tổ hòa giải tổ dân phố số {i}"))[0].id
        for i in range(1, 21)
    ]
    services.ctx.db.close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA synchronous=OFF")
    indexes = [
        sql
        for (sql,) in con.execute(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='mediation_case' AND sql IS NOT NULL"
        )
    ]
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='mediation_case' AND sql IS NOT NULL"
    ).fetchall():
        con.execute(f"DROP INDEX {name}")
    con.executemany(_insert_sql(), _rows(n_cases, team_ids, random.Random(7)))
    for sql in indexes:
        con.execute(sql)
    con.execute("UPDATE sync_state SET last_change_seq = ?", (n_cases + 1000,))
    con.commit()  # no ANALYZE: a clerk's file has no statistics either
    con.close()


COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "deleted_at",
    "revision",
    "change_seq",
    "team_id",
    "case_year",
    "case_number",
    "received_on",
    "assigned_on",
    "origin",
    "category",
    "summary",
    "invited_persons",
    "started_on",
    "sessions_held",
    "outcome",
    "result_date",
    "outcome_note",
    "agreement_text",
    "follow_up",
    "parties_display",
    "search_folded",
)


def _insert_sql() -> str:
    return f"INSERT INTO mediation_case ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def _rows(n: int, team_ids: list[str], rng: random.Random):
    from datetime import date, timedelta

    from pbgdpl_desktop.domain.text import fold

    pool = []
    for _ in range(4000):
        a = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        b = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        summary = rng.choice(SUMMARIES)
        pool.append((summary, f"{a} – {b}", fold(f"{a} {b} {summary}")))
    start, days = date(2006, 1, 1), (date(2026, 11, 29) - date(2006, 1, 1)).days
    counters: dict[tuple[str, int], int] = {}
    stamp = "2026-11-30 03:00:00.000000"
    for i in range(n):
        received = start + timedelta(days=rng.randrange(days))
        team = team_ids[rng.randrange(len(team_ids))]
        number = counters[(team, received.year)] = counters.get((team, received.year), 0) + 1
        outcome = rng.choice(OUTCOMES)
        summary, parties, folded = pool[rng.randrange(len(pool))]
        result = None if outcome == "in_progress" else (received + timedelta(days=9)).isoformat()
        yield (
            str(uuid.uuid4()),
            stamp,
            stamp,
            None,
            1,
            i + 1000,
            team,
            received.year,
            number,
            received.isoformat(),
            received.isoformat(),
            "party_request",
            rng.choice(CATEGORIES),
            summary,
            "",
            received.isoformat(),
            1,
            outcome,
            result,
            "",
            "",
            "",
            parties,
            f"{number}/{received.year} {folded}",
        )


# ------------------------------------------------------------------------------------------ the app side (child)
def app_child(db: str, runs: int, out: str) -> None:
    """Time the real path (service source + PagedTableModel + QTableView painted offscreen), capture its SQL."""
    from PySide6.QtWidgets import QApplication, QTableView
    from sqlalchemy import event

    from pbgdpl_desktop.services.core.listing import ListQuery
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.ui.models.paged_table import Column, PagedTableModel, configure_table_view

    app = QApplication.instance() or QApplication([])
    services = open_services(RuntimePaths(Path(db).parent, Path(db)))
    captured: list[tuple[str, list]] = []
    event.listen(
        services.ctx.db.engine,
        "before_cursor_execute",
        lambda conn, cur, stmt, params, ctx, many: captured.append((stmt, list(params))),
    )
    columns = [
        Column("number_text", "Số"),
        Column("team_name", "Tổ"),
        Column("received_on", "Ngày nhận", "date"),
        Column("category_label", "Loại"),
        Column("parties", "Các bên"),
        Column("outcome_label", "Kết quả"),
        Column("result_date", "Ngày kết thúc", "date"),
    ]
    source = services.mediation.cases.list_source()
    view = QTableView()
    view.resize(1000, 700)
    view.show()
    team_id = services.mediation.teams.all()[0].id
    queries = {
        "first_rows": ListQuery(),
        "search": ListQuery(search=SEARCH),
        "year_team_filter": ListQuery(filters={"year": 2020, "team_id": team_id}),
        "outcome_filter": ListQuery(filters={"outcome": "settled"}),
        "search_in_year": ListQuery(search="quy", filters={"year": 2024}),
        "sort_by_outcome": ListQuery(sort_key="outcome_label", descending=False),
        "search_deep": ListQuery(search=SEARCH),
        "last_row": ListQuery(),
    }
    times: dict[str, list[float]] = {}
    sql: dict[str, list] = {}
    for name, query in queries.items():
        for _ in range(runs):
            captured.clear()
            t0 = time.perf_counter()
            model = PagedTableModel(source, columns, query)
            configure_table_view(view, model)
            if name == "last_row":
                view.scrollToBottom()
            if name == "search_deep":
                view.scrollTo(model.index(min(3000, model.rowCount() - 1), 0))
            app.processEvents()  # paints the visible rows: the count and one block fetched
            last = {"last_row": model.rowCount() - 1, "search_deep": min(3000, model.rowCount() - 1)}.get(
                name, 0
            )
            shown = model.data(model.index(last, 0))
            times.setdefault(name, []).append(time.perf_counter() - t0)
            assert shown not in (None, "…"), (name, shown)
            sql[name] = [(s, p) for s, p in captured if s.lstrip().upper().startswith("SELECT")]
        print(f"  {name}: {model.rowCount():,} rows", file=sys.stderr)
    import resource

    Path(out).write_text(
        json.dumps(
            {
                "times": {k: statistics.median(v) for k, v in times.items()},
                "sql": sql,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def raw_child(db: str, runs: int, sql_file: str, out: str) -> None:
    """The same statements with plain sqlite3 (no ORM, no Qt): the floor."""
    import resource

    sql = json.loads(Path(sql_file).read_text())["sql"]
    con = sqlite3.connect(db)
    times = {}
    for name, statements in sql.items():
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            for stmt, params in statements:
                con.execute(stmt, params).fetchall()
            samples.append(time.perf_counter() - t0)
        times[name] = statistics.median(samples)
    Path(out).write_text(
        json.dumps({"times": times, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    )


# ------------------------------------------------------------------------------------------ driver
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--child", choices=["app", "raw"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--sql", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "app":
        return app_child(str(args.db), args.runs, args.out)
    if args.child == "raw":
        return raw_child(str(args.db), args.runs, args.sql, args.out)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, args.cases)
            print(
                f"built {args.cases:,} cases in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 2**20:.0f} MiB)"
            )
        app_out, raw_out = Path(tmp) / "app.json", Path(tmp) / "raw.json"
        base = [sys.executable, __file__, "--db", str(db), "--runs", str(args.runs)]
        subprocess.run([*base, "--child", "app", "--out", str(app_out)], check=True)
        subprocess.run([*base, "--child", "raw", "--sql", str(app_out), "--out", str(raw_out)], check=True)
        report(json.loads(app_out.read_text()), json.loads(raw_out.read_text()), args.runs)


def report(app: dict, raw: dict, runs: int) -> None:
    print(f"\nCase list over the bench file — medians of {runs} runs (seconds)")
    print(f"{'measure':<18}{'app':>10}{'raw sqlite3':>14}{'ratio':>8}{'target':>9}")
    for name, value in app["times"].items():
        floor = raw["times"].get(name, 0.0)
        target = TARGETS.get(name)
        ratio = f"{value / floor:.1f}×" if floor else "—"
        flag = "" if target is None else (f"≤ {target}" + (" ✓" if value <= target else " ✗"))
        print(f"{name:<18}{value:>10.3f}{floor:>14.3f}{ratio:>8}{flag:>9}")
    print(
        f"{'peak memory (MB)':<18}{app['rss_mb']:>10.0f}{raw['rss_mb']:>14.0f}{'':>8}{'≤ 300':>9}"
        f"{' ✓' if app['rss_mb'] <= 300 else ' ✗'}"
    )
    print("\nSQL of each measure (replayed for the floor):")
    for name, statements in app["sql"].items():
        for stmt, _ in statements:
            print(f"  [{name}] {' '.join(stmt.split())[:160]}")


if __name__ == "__main__":
    main()
