"""Bench: sync bundles — export of 100,000 records, import of 100 ward bundles of 1,000 records each.

Each beside its floor, measured in the same run, alternated, medians of ``--runs`` (≥ 5):
  * export: ``SyncService.exporter.export(full=True)`` of a ward database holding N dissemination sessions
    (filled as bench/dissemination_list.py does), against the floor of writing the same JSON Lines (already
    encoded, in memory) into a zip with the same compression;
  * import: ``SyncService.importer.import_paths`` of a folder of 100 signed bundles from 100 registered
    wards (verification included) into a fresh copy of the office database, against the floor of raw sqlite3
    ``executemany`` inserts of the same rows into ``office_row`` (one transaction).
Targets (issue 13): export ≤ 2× its floor; import ≥ 20,000 records/s.

    python bench/sync.py [--rows 100000] [--bundles 100] [--per-bundle 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bundles
from _bundles import CLOCK, floor_row, make_office, ward_code
from dissemination_list import fill

from pbgdpl_desktop.domain.ward import CommuneType, WardProfile
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.sync import keys


def _ward(code: str = "00070") -> WardProfile:
    return WardProfile(
        province_code="01",
        province_name="Thành phố Hà Nội",
        commune_code=code,
        commune_name=f"Phường {code}",
        commune_type=CommuneType.PHUONG,
        receiving_office="Sở Tư pháp thành phố Hà Nội",
    )


def make_ward(folder: Path, rows: int) -> RuntimePaths:
    paths = RuntimePaths(folder, folder / "ward.db")
    fill(paths.db_path, rows)
    svc = open_services(paths, clock=CLOCK)
    svc.ward.save(_ward())
    svc.ctx.db.close()
    return paths


def export_app(paths: RuntimePaths, out: Path) -> tuple[float, Path]:
    svc = open_services(paths, clock=CLOCK)
    try:
        t0 = time.perf_counter()
        record = svc.sync.exporter.export(out, full=True).record
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    assert record is not None
    return elapsed, record.path


def export_floor(members: dict[str, bytes], out: Path) -> float:
    """The same JSON Lines, already in memory, written into a zip (same compression), with what a valid
    bundle file cannot do without: each member's SHA-256 (the manifest lists it) and the file flushed to
    disk before it is renamed (the atomic write)."""
    lines = {name: data.splitlines(keepends=True) for name, data in members.items()}
    t0 = time.perf_counter()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, chunk in lines.items():
            data = b"".join(chunk)
            hashlib.sha256(data).hexdigest()
            with zf.open(name, "w", force_zip64=True) as fh:
                fh.write(data)
    with out.open("rb+") as fh:
        os.fsync(fh.fileno())
    return time.perf_counter() - t0


def data_members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("data/")}


def make_bundles(folder: Path, lines: list[bytes], count: int, per: int) -> list[tuple[str, keys.KeyPair]]:
    """``count`` wards, each with its own key, each sending one bundle of ``per`` session rows."""

    def members_of(i: int) -> dict[str, list[bytes]]:
        return {"dissemination_session": lines[(i * per) % len(lines) :][:per]}

    return _bundles.make_bundles(folder, count, members_of, to_change_seq=per)


def import_app(office_template: Path, folder: Path, bundles: Path) -> tuple[float, int]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    paths = RuntimePaths(folder, folder / "office.db")
    shutil.copyfile(office_template, paths.db_path)
    svc = open_services(paths, clock=CLOCK)
    try:
        t0 = time.perf_counter()
        batch = svc.sync.importer.import_paths([bundles])
        elapsed = time.perf_counter() - t0
    finally:
        svc.ctx.db.close()
    assert batch.ok, batch.text()
    return elapsed, sum(r.total("inserted") for r in batch.reports)


def import_floor(office_template: Path, folder: Path, rows: list[list[tuple]]) -> float:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    db = folder / "office.db"
    shutil.copyfile(office_template, db)
    with closing(sqlite3.connect(db)) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        t0 = time.perf_counter()
        for bundle in rows:
            with con:
                con.executemany("INSERT INTO office_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", bundle)
        return time.perf_counter() - t0


def floor_rows(lines: list[bytes], count: int, per: int) -> list[list[tuple]]:
    """Per bundle, the rows as the import stores them (the line itself as ``data``)."""
    return [
        [
            floor_row(ward_code(i), "dissemination_session", line)
            for line in lines[(i * per) % len(lines) :][:per]
        ]
        for i in range(count)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--per-bundle", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="pbgdpl-bench-sync-"))
    try:
        print(f"filling a ward with {args.rows:,} sessions …", flush=True)
        ward = make_ward(tmp / "ward", args.rows)
        _, first = export_app(ward, tmp / "warm")
        members = data_members(first)
        lines = members["data/dissemination_session.jsonl"].splitlines(keepends=True)
        records = sum(d.count(b"\n") for d in members.values())
        print(
            f"making {args.bundles} bundles of {args.per_bundle:,} records from {args.bundles} wards …",
            flush=True,
        )
        wards = make_bundles(tmp / "bundles", lines, args.bundles, args.per_bundle)
        office_template = make_office(tmp / "office-template", wards)
        with closing(sqlite3.connect(office_template)) as con:  # the template must hold no rows yet
            assert con.execute("SELECT count(*) FROM office_row").fetchone()[0] == 0
        rows = floor_rows(lines, args.bundles, args.per_bundle)
        times: dict[str, list[float]] = {"export": [], "export floor": [], "import": [], "import floor": []}
        for run in range(args.runs):
            out = tmp / f"out{run}"
            times["export"].append(export_app(ward, out)[0])
            times["export floor"].append(export_floor(members, tmp / f"floor{run}.zip"))
            elapsed, inserted = import_app(office_template, tmp / "office", tmp / "bundles")
            assert inserted == args.bundles * args.per_bundle, inserted
            times["import"].append(elapsed)
            times["import floor"].append(import_floor(office_template, tmp / "office-floor", rows))
            shutil.rmtree(out)
        med = {k: statistics.median(v) for k, v in times.items()}
        n_import = args.bundles * args.per_bundle
        print(
            f"medians of {args.runs} alternated runs (all runs: "
            + ", ".join(f"{k} {[round(x, 3) for x in v]}" for k, v in times.items())
            + ")"
        )
        print(
            f"export {records:,} records: {med['export']:.3f} s  floor (same JSON Lines into a zip) "
            f"{med['export floor']:.3f} s  ratio {med['export'] / med['export floor']:.2f}×  (target ≤ 2×)"
        )
        print(
            f"import {args.bundles} bundles × {args.per_bundle:,}: {med['import']:.3f} s = "
            f"{n_import / med['import']:,.0f} records/s  floor (raw sqlite3 executemany) {med['import floor']:.3f} s = "
            f"{n_import / med['import floor']:,.0f} records/s  ratio {med['import'] / med['import floor']:.2f}×  "
            "(target ≥ 20,000 records/s)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
