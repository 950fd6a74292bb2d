"""Set-up shared by the benches of the signed bundles (bench/sync.py, bench/office.py): signed ward bundles
written straight with ``BundleWriter`` (one key per ward), an office database with those wards registered,
and the rows a raw-driver floor inserts into ``office_row`` for a bundle line."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.persistence.db import head_revision
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.services.sync.dto import OFFICE
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import FORMAT, FORMAT_VERSION, BundleWriter, bundle_file_name

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
CLOCK = FixedClock(NOW)

Members = dict[str, list[bytes]]  # table -> its JSON Lines (each ending with a newline)


def ward_code(i: int) -> str:
    return f"{10000 + i:05d}"


def manifest(code: str, to_change_seq: int) -> dict:
    """The manifest of a first (seq 1) full ``ward_data`` bundle of ward ``code`` to the office of province 01."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": "bench",
        "schema_revision": head_revision(),
        "bundle_id": str(uuid.uuid4()),
        "kind": "ward_data",
        "sender": {
            "code": code,
            "name": f"Phường {code}",
            "type": "phuong",
            "province_code": "01",
            "province_name": "Hà Nội",
        },
        "recipient": {"role": OFFICE, "province_code": "01", "name": "Sở Tư pháp"},
        "seq": 1,
        "prev_bundle_id": None,
        "since_change_seq": 0,
        "to_change_seq": to_change_seq,
        "created_at": "2026-11-30T03:00:00Z",
        "privacy": "minimal",
        "omitted_columns": {},
    }


def make_bundles(
    folder: Path, count: int, members_of: Callable[[int], Members], to_change_seq: int = 1
) -> list[tuple[str, keys.KeyPair]]:
    """``count`` wards (codes 10000, 10001 …), each with its own key, each sending one signed bundle of the
    members ``members_of(i)``; the keys are kept in ``folder``'s sibling ``keys``."""
    folder.mkdir(parents=True, exist_ok=True)
    wards = []
    for i in range(count):
        code = ward_code(i)
        pair, _ = keys.load_or_create(folder.parent / "keys" / f"{code}.pem")
        with BundleWriter(folder, bundle_file_name(code, 1, NOW), pair) as writer:
            for table, lines in members_of(i).items():
                writer.add_lines(f"data/{table}.jsonl", lines)
            writer.finish(manifest(code, to_change_seq))
        wards.append((code, pair))
    return wards


def register_wards(svc, folder: Path, wards: list[tuple[str, keys.KeyPair]]) -> None:
    """Put ``svc``'s database in office mode and register every ward's public key."""
    with svc.ctx.db.transaction() as session:
        sync_repo.set_meta(session, sync_repo.MODE_KEY, OFFICE)
    pem_dir = folder / "pems"
    pem_dir.mkdir(parents=True, exist_ok=True)
    for code, pair in wards:
        pem = pem_dir / f"{code}.pem"
        pem.write_bytes(pair.public_pem)
        svc.sync.register(pem, ward_code=code, province_code="01")


def make_office(folder: Path, wards: list[tuple[str, keys.KeyPair]]) -> Path:
    """A new office database file (migrated from nothing) with every ward registered; its path."""
    paths = RuntimePaths(folder, folder / "office.db")
    svc = open_services(paths, clock=CLOCK)
    try:
        register_wards(svc, folder, wards)
    finally:
        svc.ctx.db.close()
    return paths.db_path


def floor_row(code: str, table: str, line: bytes) -> tuple:
    """The ``office_row`` values the importer stores for one bundle line (the line itself as ``data``)."""
    r = json.loads(line)
    return (
        code,
        table,
        r["id"],
        r["revision"],
        r["created_at"],
        r["updated_at"],
        r["deleted_at"],
        r["change_seq"],
        line.decode("utf-8").rstrip("\n"),
    )
