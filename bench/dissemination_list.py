"""Bench: the dissemination list over 1,000,000 sessions.

Fills a migrated database with N sessions (raw sqlite3 executemany, sync columns stamped like
``uow.stamp_rows``), then measures, each beside the floor of the same SQL run with raw sqlite3:
  * time to first rows shown: PagedTableModel over the real SessionListSource + a QTableView painted offscreen;
  * time of a diacritic-insensitive search ("nguyen" typed for "Nguyễn"): new query + count + first page painted;
  * peak memory (ru_maxrss) of the process.
Targets (issue 3): first rows ≤ 0.2 s, search ≤ 0.5 s, memory ≤ 300 MB.

    python bench/dissemination_list.py [--rows 1000000] [--db PATH] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup, encode_groups
from pbgdpl_desktop.domain.text import fold
from pbgdpl_desktop.persistence.db import open_database
from pbgdpl_desktop.persistence.repos.dissemination_session_repo import LIST_COLUMNS

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
GIVEN = [
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Thị Dung",
    "Quốc Huy",
    "Thị Lan",
    "Đức Long",
    "Thu Hà",
    "Văn Tùng",
]
TOPICS = [
    "Phổ biến Luật Đất đai",
    "Luật Hôn nhân và gia đình",
    "Phòng, chống bạo lực gia đình",
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Phòng, chống ma túy",
    "Luật Cư trú",
    "Xử lý vi phạm hành chính",
    "Phòng cháy, chữa cháy",
    "Bảo vệ quyền lợi người tiêu dùng",
    "Phòng, chống lừa đảo qua mạng",
]
PLACES = [
    "Nhà văn hóa tổ {n}",
    "Hội trường UBND phường",
    "Trường THCS số {n}",
    "Chợ khu {n}",
    "Nhóm Zalo tổ {n}",
]
LAWS = [
    "31/2024/QH15 Luật Đất đai",
    "52/2014/QH13 Luật Hôn nhân và gia đình",
    "36/2024/QH15 Luật TTATGT đường bộ",
    "73/2021/QH14 Luật Phòng, chống ma túy",
    "15/2012/QH13 Luật Xử lý vi phạm hành chính",
]
INSERT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "deleted_at",
    "revision",
    "change_seq",
    "held_on",
    "start_time",
    "title",
    "form",
    "online",
    "digital_activity",
    "place",
    "residential_group",
    "target_groups",
    "attendance_total",
    "attendance_women",
    "attendance_special",
    "materials_count",
    "law_day",
    "plan_task_id",
    "speakers_text",
    "speakers_extra",
    "laws_text",
    "laws_extra",
    "notes",
    "search_text",
    "import_key",
)


def _rows(n: int, first_seq: int, rng: random.Random):
    """Sessions over the last ~20 years, oldest first (insertion order ≈ date order, as in real use)."""
    stamp = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    start = date(2007, 1, 1)
    span = (date(2026, 11, 30) - start).days
    forms = [f.value for f in DisseminationForm]
    groups = [encode_groups((g,)) for g in TargetGroup]
    people = [f"{f} {g}" for f in FAMILY for g in GIVEN]
    folded_people = {p: fold(p) for p in people}
    folded = {t: fold(t) for t in TOPICS + LAWS}
    for i in range(n):
        held = start + timedelta(days=span * i // n)
        topic, law = rng.choice(TOPICS), rng.choice(LAWS)
        place = rng.choice(PLACES).format(n=i % 15 + 1)
        speaker = rng.choice(people)
        group_no = f"Tổ dân phố {i % 15 + 1}"
        total = rng.randint(0, 200)
        search = " | ".join((folded[topic], fold(place), fold(group_no), folded_people[speaker], folded[law]))
        yield (
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            stamp,
            stamp,
            None,
            1,
            first_seq + i,
            held.isoformat(),
            "08:00",
            topic,
            rng.choice(forms),
            0,
            "",
            place,
            group_no,
            rng.choice(groups),
            total,
            total // 2,
            0,
            0,
            0,
            None,
            speaker,
            "",
            law,
            "",
            "",
            search,
            None,
        )


def fill(path: Path, n: int) -> float:
    db = open_database(path)
    db.close()
    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    (seq,) = con.execute("SELECT last_change_seq FROM sync_state WHERE id=1").fetchone()
    placeholders = ",".join("?" * len(INSERT_COLUMNS))
    sql = f"INSERT INTO dissemination_session ({','.join(INSERT_COLUMNS)}) VALUES ({placeholders})"
    rng = random.Random(1)
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='dissemination_session' "
        "AND sql IS NOT NULL"
    ).fetchall()
    with con:  # bulk load without the secondary indexes, then build them once (sorted, much faster)
        for name, _ in indexes:
            con.execute(f"DROP INDEX {name}")
        con.executemany(sql, _rows(n, seq + 1, rng))
        con.execute("UPDATE sync_state SET last_change_seq=? WHERE id=1", (seq + n,))
        for _, create in indexes:
            con.execute(create)
    con.execute("ANALYZE")
    con.close()
    return time.perf_counter() - t0


LIST_SQL = (
    "SELECT {cols} FROM dissemination_session WHERE deleted_at IS NULL{extra} "
    "ORDER BY held_on DESC, id DESC LIMIT 200 OFFSET 0"
)
COUNT_SQL = "SELECT count(*) FROM dissemination_session WHERE deleted_at IS NULL{extra}"


MATCH_SQL = "SELECT held_on, id FROM dissemination_session WHERE deleted_at IS NULL{extra} LIMIT 10001"


def floor(con: sqlite3.Connection, extra: str, params: list, *, capped: bool) -> float:
    """Raw sqlite3: the SQL the list runs for one query (one run, warm cache). Plain: count + first page.
    Capped (search, target group): one pass collecting ≤ 10,001 matches; then the first page by date (over the
    cap) or the first 200 of the sorted matches fetched by id."""
    cols = ", ".join(c.name for c in LIST_COLUMNS)
    t = time.perf_counter()
    if not capped:
        con.execute(COUNT_SQL.format(extra=extra), params).fetchone()
        con.execute(LIST_SQL.format(cols=cols, extra=extra), params).fetchall()
        return time.perf_counter() - t
    keys = con.execute(MATCH_SQL.format(extra=extra), params).fetchall()
    if len(keys) > 10_000:
        con.execute(LIST_SQL.format(cols=cols, extra=extra), params).fetchall()
    elif keys:
        ids = [k[1] for k in sorted(keys, reverse=True)[:200]]
        marks = ",".join("?" * len(ids))
        con.execute(f"SELECT {cols} FROM dissemination_session WHERE id IN ({marks})", ids).fetchall()
    return time.perf_counter() - t


def _like(words: list[str]) -> tuple[str, list[str]]:
    return " AND search_text LIKE ? ESCAPE '\\'" * len(words), [f"%{w}%" for w in words]


ALL = " AND held_on >= '1900-01-01'"  # what the app adds to a query without dates or words (date index)
# (label, ListQuery arguments, floor SQL tail, floor params, capped)
SCENARIOS = [
    ("search 'nguyen'", {"search": "nguyen"}, *_like(["nguyen"]), True),
    ("search, no match 'quỳnh lưu'", {"search": "quỳnh lưu"}, *_like(["quynh", "luu"]), True),
    (
        "filter year 2025",
        {"filters": {"year": 2025}},
        " AND held_on >= ? AND held_on < ?",
        ["2025-01-01", "2026-01-01"],
        False,
    ),
    (
        "filter form = loa truyền thanh",
        {"filters": {"form": "loudspeaker"}},
        ALL + " AND form = ?",
        ["loudspeaker"],
        False,
    ),
    (
        "filter tổ dân phố 3",
        {"filters": {"residential_group": "Tổ dân phố 3"}},
        ALL + " AND residential_group = ?",
        ["Tổ dân phố 3"],
        False,
    ),
    (
        "filter target group: khuyết tật",
        {"filters": {"target_group": "disabled"}},
        " AND target_groups LIKE ? ESCAPE '\\'",
        ["%,disabled,%"],
        True,
    ),
]


class CountingSource:
    """Wraps the app's source to know whether a paint fetched rows (no double paint in the measurement)."""

    def __init__(self, source) -> None:
        self.source, self.pages = source, 0

    def count(self, query):
        return self.source.count(query)

    def page(self, query, offset, limit):
        self.pages += 1
        return self.source.page(query, offset, limit)


def _shown(app, view, source: CountingSource) -> None:
    """Let Qt paint once (the paint fetches the rows in view); paint now if no paint was pending."""
    before = source.pages
    app.processEvents()
    if source.pages == before:
        view.viewport().repaint()


def ui_times(path: Path, runs: int = 5) -> list[tuple[str, float, float, int]]:
    """(label, app median, floor median, rows) — medians of ``runs``, after one warm-up paint (Qt's font database
    loads once per process); each app measurement is followed by its raw-sqlite3 floor, so that load from other
    processes hits both alike."""
    from PySide6.QtWidgets import QApplication, QTableView

    from pbgdpl_desktop.services.core.listing import ListQuery
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.ui.dissemination.session_list import session_columns
    from pbgdpl_desktop.ui.models.paged_table import PagedTableModel, configure_table_view

    app = QApplication.instance() or QApplication([])
    services = open_services(RuntimePaths(path.parent, path))
    source = CountingSource(services.dissemination.sessions.list_source())
    warm = QTableView()
    warm.show()
    app.processEvents()
    raw = sqlite3.connect(path)
    times: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for _ in range(runs):
        t0 = time.perf_counter()
        model = PagedTableModel(source, session_columns(), ListQuery())
        view = QTableView()
        view.resize(1100, 600)
        configure_table_view(view, model)
        view.show()
        _shown(app, view, source)
        times.setdefault("first rows shown", []).append(time.perf_counter() - t0)
        floors.setdefault("first rows shown", []).append(floor(raw, ALL, [], capped=False))
        counts["first rows shown"] = model.rowCount()
        for label, query, extra, params, capped in SCENARIOS:
            t = time.perf_counter()
            model.set_query(ListQuery(**query))
            _shown(app, view, source)
            times.setdefault(label, []).append(time.perf_counter() - t)
            floors.setdefault(label, []).append(floor(raw, extra, params, capped=capped))
            counts[label] = model.rowCount()
            if label == "search 'nguyen'":
                assert "Nguyễn" in str(model.row_at(0).speakers_text), "search did not find Nguyễn"
        view.close()
    services.ctx.db.close()
    raw.close()
    med = statistics.median
    return [(label, med(times[label]), med(floors[label]), counts[label]) for label in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this database instead of a temp one")
    parser.add_argument("--keep", action="store_true", help="keep the temp database")
    args = parser.parse_args(argv)
    tmp = None if args.db else Path(tempfile.mkdtemp(prefix="pbgdpl-bench-"))
    path = args.db or tmp / "bench.db"
    if not path.exists():
        print(f"filling {args.rows:,} sessions into {path} …", flush=True)
        print(f"fill: {fill(path, args.rows):.1f} s (raw sqlite3 executemany, one transaction)")
    size = path.stat().st_size / 1024 / 1024
    results = ui_times(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"database: {results[0][3]:,} sessions, {size:.0f} MiB; medians of 5; floor = the same SQL, raw sqlite3"
    )
    print(f"{'':32s} {'app':>8s} {'floor':>8s}  rows shown")
    for label, app_time, floor_time, rows in results:
        print(f"{label:32s} {app_time * 1000:6.0f} ms {floor_time * 1000:5.0f} ms  {rows:,}")
    print(
        "targets: first rows ≤ 200 ms, search ≤ 500 ms, memory ≤ 300 MB; a search or target-group filter shows "
        "at most the 10,000 newest matches"
    )
    print(f"peak memory: {peak:.0f} MiB (ru_maxrss of this process incl. Qt)")
    if tmp is not None and not args.keep:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
