"""Bench: the office above — import of N ward bundles (about M records each: the demo ward's tables, padded
with copies of its year-2025 sessions, cases, fee requests and expenditures with their children) and the
province roll-up, each beside its floor, alternated in the same run; medians of ``--runs`` (≥ 5) for the
roll-up and of ``--import-runs`` for the import (default 1: at 150 wards × 5,000 records one import takes
minutes per engine; the output says how many runs each median has).

  * import: ``OfficeService.import_paths`` (the sync importer, verification included, then each ward's
    figures computed from its rows) into a fresh office database, against the floor of raw sqlite3
    ``executemany`` inserts of the same rows into ``office_row`` (one transaction, no checks, no figures);
  * roll-up: ``OfficeService.rollup(year)`` (figures up to date: a stamp check, then SUM … GROUP BY over the
    wards' figures, plus the registry) against the floor of the same aggregate query through raw sqlite3;
    also shown: the naive roll-up straight from the JSON rows (``json_extract`` over every ward's sessions,
    cases and expenditures through raw sqlite3), which is what materialising the figures at import avoids.
Target (issue 14): roll-up ≤ 1 s for 150 wards.

``--engine postgresql`` does the same on a PostgreSQL server (a fresh database per run, copied from a
template database with the wards registered): the floors are psycopg's ``executemany`` of the same inserts
and the same aggregate query through psycopg. The server: ``--postgres-url URL`` (a user that may create
databases) or ``$PBGDPL_TEST_POSTGRES``, else one started here like the tests' (tests/helpers/postgres.py).
``--engine both`` runs SQLite then PostgreSQL.

    python bench/office.py [--wards 150] [--records 5000] [--runs 5] [--import-runs 1] [--engine sqlite|postgresql|both]
    python bench/office.py --wards 10 --records 5000 --import-runs 3 --engine both     # quick
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bundles import CLOCK, Members, floor_row, make_bundles, make_office, register_wards, ward_code

from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.office.service import OfficeService
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.sync import keys

YEAR = 2025


def demo_members(folder: Path) -> Members:
    """The data members (table -> lines) of a full bundle of the demo ward (seed 2026)."""
    from pbgdpl_desktop.services.demo import build_demo

    paths = RuntimePaths(folder, folder / "demo.db")
    svc = open_services(paths, clock=CLOCK)
    try:
        build_demo(svc, seed=2026)
        record = svc.sync.exporter.export(folder / "out", full=True).record
    finally:
        svc.ctx.db.close()
    assert record is not None
    with zipfile.ZipFile(record.path) as zf:
        return {n[5:-6]: zf.read(n).splitlines(keepends=True) for n in zf.namelist() if n.startswith("data/")}


# the year-2025 records copied to pad a ward: each parent with its children (their link remapped to the copy)
FAMILIES = {
    "dissemination_session": (
        ("dissemination_session_speaker", "session_id"),
        ("dissemination_session_law", "session_id"),
    ),
    "mediation_case": (("mediation_case_party", "case_id"), ("mediation_case_mediator", "case_id")),
    "mediator_fee_request": (("mediator_fee_line", "request_id"),),
    "expenditure": (),
}
DAY_FIELD = {
    "dissemination_session": "held_on",
    "mediation_case": "received_on",
    "mediator_fee_request": "requested_on",
    "expenditure": "spent_on",
}


def _line(row: dict) -> bytes:
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def padded(members: Members, records: int) -> Members:
    """The demo ward's tables, with copies of its year-``YEAR`` sessions, cases, fee requests and
    expenditures — each with its children (speakers and laws of a session, parties and mediators of a case,
    lines of a fee request), under new ids, the children pointing at the copy — taken in turn until the ward
    holds ``records`` lines. A copy gets its own case number, voucher number and import key, so the padded
    ward is one a ward could hold."""
    out = {k: list(v) for k, v in members.items()}
    parsed = {t: [json.loads(x) for x in members.get(t, [])] for t in FAMILIES}
    children = {c: [json.loads(x) for x in members.get(c, [])] for kids in FAMILIES.values() for c, _ in kids}
    parents = {
        t: [r for r in rows if str(r["fields"].get(DAY_FIELD[t]) or "").startswith(f"{YEAR}-")]
        for t, rows in parsed.items()
    }
    tables = [t for t in FAMILIES if parents[t]]
    rounds = itertools.zip_longest(*(parents[t] for t in tables))  # one of each kind in turn
    order = [(t, r) for group in rounds for t, r in zip(tables, group, strict=True) if r is not None]
    total = sum(len(v) for v in out.values())
    copy = 0
    while total < records and order:
        copy += 1
        for table, parent in order:
            if total >= records:
                break
            new_id = str(uuid.uuid4())
            row = json.loads(json.dumps(parent))
            row["id"] = new_id
            fields = row["fields"]
            if table == "mediation_case":
                fields["case_number"] = int(fields["case_number"]) + 10000 * copy
            if table == "expenditure" and fields.get("voucher_number"):
                fields["voucher_number"] += f"-{copy}"
                fields["voucher_key"] = f"{fields.get('voucher_key') or ''}-{copy}"
            if table == "dissemination_session":
                fields["plan_task_id"] = None
                if fields.get("import_key"):
                    fields["import_key"] += f"-{copy}"
            out[table].append(_line(row))
            total += 1
            for child_table, link in FAMILIES[table]:
                for child in children[child_table]:
                    if child["fields"].get(link) == parent["id"]:
                        kid = json.loads(json.dumps(child))
                        kid["id"] = str(uuid.uuid4())
                        kid["fields"][link] = new_id
                        out[child_table].append(_line(kid))
                        total += 1
    return out


def fresh(template: Path, folder: Path) -> RuntimePaths:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    paths = RuntimePaths(folder, folder / "office.db")
    shutil.copyfile(template, paths.db_path)
    return paths


def import_app(template: Path, folder: Path, bundles: Path) -> tuple[float, Path]:
    paths = fresh(template, folder)
    svc = open_services(paths, clock=CLOCK)
    try:
        t0 = time.perf_counter()
        batch = OfficeService(svc.ctx, svc.sync).import_paths([bundles])
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    assert batch.ok, batch.text()[-2000:]
    return elapsed, paths.db_path


def import_floor(template: Path, folder: Path, rows: list[tuple]) -> float:
    paths = fresh(template, folder)
    with closing(sqlite3.connect(paths.db_path)) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        t0 = time.perf_counter()
        with con:
            con.executemany("INSERT INTO office_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return time.perf_counter() - t0


def floor_rows(members: Members, count: int) -> list[tuple]:
    line_rows = [floor_row("", table, line) for table, lines in members.items() for line in lines]
    return [(ward_code(i), *row[1:]) for i in range(count) for row in line_rows]


def rollup_app(db: Path) -> tuple[float, int]:
    svc = open_services(RuntimePaths(db.parent, db), clock=CLOCK)
    try:
        office = OfficeService(svc.ctx, svc.sync)
        t0 = time.perf_counter()
        rollup = office.rollup(YEAR)
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    return elapsed, rollup.total("sessions_by_form")


ROLLUP_SQL = "SELECT figure, key, sum(value) FROM office_ward_figure WHERE year = ? AND period = ? GROUP BY figure, key"
NAIVE_SQL = (
    "SELECT json_extract(data, '$.fields.form'), count(*), sum(json_extract(data, '$.fields.attendance_total')) "
    "FROM office_row WHERE table_name = 'dissemination_session' AND deleted_at IS NULL "
    "AND json_extract(data, '$.fields.held_on') BETWEEN ? AND ? GROUP BY 1"
)


def rollup_floor(db: Path) -> tuple[float, int]:
    with closing(sqlite3.connect(db)) as con:
        t0 = time.perf_counter()
        rows = con.execute(ROLLUP_SQL, (YEAR, "year")).fetchall()
        elapsed = time.perf_counter() - t0
    return elapsed, sum(v for f, _, v in rows if f == "sessions_by_form")


def naive(db: Path) -> tuple[float, int]:
    with closing(sqlite3.connect(db)) as con:
        t0 = time.perf_counter()
        rows = con.execute(NAIVE_SQL, (f"{YEAR}-01-01", f"{YEAR}-12-31")).fetchall()
        elapsed = time.perf_counter() - t0
    return elapsed, sum(r[1] for r in rows)


# ----------------------------------------------------------------------------------------- PostgreSQL
PG_ROLLUP_SQL = ROLLUP_SQL.replace("?", "%s")
PG_NAIVE_SQL = (
    "SELECT (data::jsonb) #>> '{fields,form}', count(*), sum(((data::jsonb) #>> '{fields,attendance_total}')::bigint) "
    "FROM office_row WHERE table_name = 'dissemination_session' AND deleted_at IS NULL "
    "AND (data::jsonb) #>> '{fields,held_on}' BETWEEN %s AND %s GROUP BY 1"
)
PG_INSERT = (
    "INSERT INTO office_row (ward_code, table_name, row_id, revision, created_at, updated_at, deleted_at, "
    "sender_change_seq, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def _tests_helpers() -> Any:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.helpers import postgres

    return postgres


def _conninfo(url: str) -> str:
    """A libpq URL psycopg takes (the SQLAlchemy driver suffix dropped)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def pg_office_template(server: str, folder: Path, wards: list[tuple[str, keys.KeyPair]]) -> str:
    """A server database in office mode with the wards registered (its name), to copy for each run."""
    helpers = _tests_helpers()
    url = helpers.create_database(server)
    folder.mkdir(parents=True)
    svc = open_services(RuntimePaths(folder, folder / "tpl.server", db_url=url), clock=CLOCK)
    try:
        register_wards(svc, folder, wards)
    finally:
        svc.ctx.db.close()
    return url


def pg_fresh(server: str, template_url: str, previous: str | None) -> str:
    from sqlalchemy.engine import make_url

    helpers = _tests_helpers()
    if previous:
        helpers.drop_database(server, previous)
    return str(helpers.create_database(server, template=make_url(template_url).database))


def pg_import_app(
    server: str, template_url: str, folder: Path, bundles: Path, previous: str | None
) -> tuple[float, str]:
    url = pg_fresh(server, template_url, previous)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    svc = open_services(RuntimePaths(folder, folder / "office.server", db_url=url), clock=CLOCK)
    try:
        t0 = time.perf_counter()
        batch = OfficeService(svc.ctx, svc.sync).import_paths([bundles])
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    assert batch.ok, batch.text()[-2000:]
    return elapsed, url


def pg_import_floor(
    server: str, template_url: str, rows: list[tuple], previous: str | None
) -> tuple[float, str]:
    import psycopg

    url = pg_fresh(server, template_url, previous)
    with psycopg.connect(_conninfo(url)) as con:
        t0 = time.perf_counter()
        with con.transaction(), con.cursor() as cur:
            cur.executemany(PG_INSERT, rows)
        elapsed = time.perf_counter() - t0
    return elapsed, url


def pg_rollup_app(url: str, folder: Path) -> tuple[float, int]:
    svc = open_services(RuntimePaths(folder, folder / "office.server", db_url=url), clock=CLOCK)
    try:
        office = OfficeService(svc.ctx, svc.sync)
        t0 = time.perf_counter()
        rollup = office.rollup(YEAR)
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    return elapsed, rollup.total("sessions_by_form")


def pg_rollup_floor(url: str) -> tuple[float, int]:
    import psycopg

    with psycopg.connect(_conninfo(url)) as con:
        t0 = time.perf_counter()
        rows = con.execute(PG_ROLLUP_SQL, (YEAR, "year")).fetchall()
        elapsed = time.perf_counter() - t0
    return elapsed, int(sum(v for f, _, v in rows if f == "sessions_by_form"))


def pg_naive(url: str) -> tuple[float, int]:
    import psycopg

    with psycopg.connect(_conninfo(url)) as con:
        t0 = time.perf_counter()
        rows = con.execute(PG_NAIVE_SQL, (f"{YEAR}-01-01", f"{YEAR}-12-31")).fetchall()
        elapsed = time.perf_counter() - t0
    return elapsed, int(sum(r[1] for r in rows))


@contextlib.contextmanager
def pg_server(given: str | None):
    if given:
        yield given
        return
    with _tests_helpers().server_for_tests() as url:
        if url is None:
            raise SystemExit("no PostgreSQL server: give --postgres-url or install PostgreSQL")
        yield url


def run_postgres(args: argparse.Namespace, root: Path, wards: list, rows: list[tuple], per: int) -> None:
    with pg_server(args.postgres_url or os.environ.get("PBGDPL_TEST_POSTGRES")) as server:
        helpers = _tests_helpers()
        template = pg_office_template(server, root / "pg-template", wards)
        made: list[str] = []
        try:
            imp_app: list[float] = []
            imp_floor: list[float] = []
            app_url: str | None = None
            floor_url: str | None = None
            for _ in range(args.import_runs):
                elapsed, app_url = pg_import_app(server, template, root / "pg-app", root / "bundles", app_url)
                imp_app.append(elapsed)
                elapsed, floor_url = pg_import_floor(server, template, rows, floor_url)
                imp_floor.append(elapsed)
            made += [u for u in (app_url, floor_url) if u]
            line("PG import (+ figures) of every bundle", imp_app, imp_floor)
            assert app_url is not None
            r_app: list[float] = []
            r_floor: list[float] = []
            r_naive: list[float] = []
            for _ in range(args.runs):
                elapsed, n_app = pg_rollup_app(app_url, root / "pg-app")
                r_app.append(elapsed)
                elapsed, n_floor = pg_rollup_floor(app_url)
                r_floor.append(elapsed)
                elapsed, n_naive = pg_naive(app_url)
                r_naive.append(elapsed)
                assert n_app == n_floor == n_naive, (n_app, n_floor, n_naive)
            line(f"PG roll-up {YEAR} ({n_app} sessions)", r_app, r_floor)
            line("PG naive roll-up from JSON rows", r_naive, r_floor)
            rate = args.wards * per / statistics.median(imp_app)
            verdict = "OK" if statistics.median(r_app) <= 1.0 else "ABOVE TARGET"
            print(f"PostgreSQL: import {rate:,.0f} records/s; roll-up target ≤ 1 s: {verdict}")
        finally:
            for url in [*made, template]:
                with contextlib.suppress(Exception):
                    helpers.drop_database(server, url)


def line(name: str, app: list[float], floor: list[float], unit: str = "s") -> None:
    a, f = statistics.median(app), statistics.median(floor)
    print(
        f"{name:<40} app {a:8.3f} {unit}   floor {f:8.3f} {unit}   ratio {a / f:6.2f}×   (n={len(app)})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=150)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="repetitions of the roll-up (at least 5)")
    parser.add_argument(
        "--import-runs",
        type=int,
        default=1,
        help="repetitions of the import (default 1: 150 wards take minutes per engine and run)",
    )
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "postgres", "both"), default="sqlite")
    parser.add_argument("--postgres-url", default=None, help="a server where this user may create databases")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    if args.engine == "postgres":
        args.engine = "postgresql"
    root = Path(tempfile.mkdtemp(prefix="bench-office-"))
    try:
        t0 = time.perf_counter()
        members = padded(demo_members(root / "demo"), args.records)
        per = sum(len(v) for v in members.values())
        wards = make_bundles(root / "bundles", args.wards, lambda _: members)
        template = make_office(root / "template", wards)
        rows = floor_rows(members, args.wards)
        mix = ", ".join(f"{t} {len(v)}" for t, v in sorted(members.items(), key=lambda kv: -len(kv[1]))[:8])
        print(
            f"{args.wards} wards × {per} records = {args.wards * per} records "
            f"(a ward: {mix} …); set-up {time.perf_counter() - t0:.0f} s"
        )
        print(
            f"import: {args.import_runs} run(s) of each (--import-runs; each takes minutes at 150 wards), "
            f"roll-up: {args.runs} runs; app and floor alternated; medians",
            flush=True,
        )
        if args.engine in ("postgresql", "both"):
            run_postgres(args, root, wards, rows, per)
        if args.engine == "postgresql":
            return 0
        imp_app: list[float] = []
        imp_floor: list[float] = []
        db = None
        for _ in range(args.import_runs):
            elapsed, db = import_app(template, root / "app", root / "bundles")
            imp_app.append(elapsed)
            imp_floor.append(import_floor(template, root / "floor", rows))
        line("import (+ figures) of every bundle", imp_app, imp_floor)
        assert db is not None
        r_app: list[float] = []
        r_floor: list[float] = []
        r_naive: list[float] = []
        for _ in range(args.runs):
            elapsed, n_app = rollup_app(db)
            r_app.append(elapsed)
            elapsed, n_floor = rollup_floor(db)
            r_floor.append(elapsed)
            elapsed, n_naive = naive(db)
            r_naive.append(elapsed)
            assert n_app == n_floor == n_naive, (n_app, n_floor, n_naive)
        line(f"roll-up {YEAR} ({n_app} sessions)", r_app, r_floor)
        line("naive roll-up from JSON rows (1 query)", r_naive, r_floor)
        rate = args.wards * per / statistics.median(imp_app)
        verdict = "OK" if statistics.median(r_app) <= 1.0 else "ABOVE TARGET"
        print(f"import {rate:,.0f} records/s; roll-up target ≤ 1 s: {verdict}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
