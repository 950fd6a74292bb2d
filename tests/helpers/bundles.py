"""Shared pieces of the sync tests: a small ward, an office database, re-signed (tampered) bundles, and the
comparison of the office's copy with the ward's rows."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.services.sync.dto import OFFICE, REFUSED
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import MANIFEST, PUBLIC_KEY, SIGNATURE
from tests.builders import case_input, staffed_team, ward_profile

SYNC_COLUMNS = ("id", "created_at", "updated_at", "deleted_at", "revision", "change_seq")


def small_ward(services) -> None:
    """Phường Hoàn Kiếm with one team of three mediators and one case (two parties)."""
    services.ward.save(ward_profile())
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids))


def open_office(folder: Path, template: Path, clock: FixedClock):
    """Services over an office database (upper-office mode) in ``folder``, from the migrated template."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = RuntimePaths(folder, folder / "office.db")
    if not paths.db_path.exists():
        shutil.copyfile(template, paths.db_path)
        svc = open_services(paths, clock=clock)
        with svc.ctx.db.transaction() as session:
            sync_repo.set_meta(session, sync_repo.MODE_KEY, OFFICE)
        return svc
    return open_services(paths, clock=clock)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def resign(
    source: Path,
    target: Path,
    key_file: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    files: Callable[[dict[str, bytes]], None] | None = None,
    refresh_hashes: bool = True,
) -> Path:
    """A copy of ``source`` changed by ``files`` (members) and ``manifest``, signed again with the key in
    ``key_file`` (so only the check under test can refuse it). ``refresh_hashes`` recomputes the listed
    sha256/bytes of members still present."""
    parts = members(source)
    data = {k: v for k, v in parts.items() if k not in (MANIFEST, SIGNATURE, PUBLIC_KEY)}
    man = json.loads(parts[MANIFEST])
    if files:
        files(data)
    if refresh_hashes:
        for entry in man["files"]:
            if entry["path"] in data:
                entry["sha256"] = hashlib.sha256(data[entry["path"]]).hexdigest()
                entry["bytes"] = len(data[entry["path"]])
    if manifest:
        manifest(man)
    pair, _ = keys.load_or_create(key_file)
    man_bytes = json.dumps(man, ensure_ascii=False, indent=1).encode() + b"\n"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in data.items():
            zf.writestr(name, content)
        zf.writestr(MANIFEST, man_bytes)
        zf.writestr(SIGNATURE, pair.sign(man_bytes))
        zf.writestr(PUBLIC_KEY, pair.public_pem)
    return target


def ward_rows(db: Path, table: str, drop: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """id -> the row as a bundle carries it (ISO timestamps, fields without ``drop``)."""
    with closing(sqlite3.connect(db)) as con:
        con.row_factory = sqlite3.Row
        out = {}
        for row in con.execute(f"SELECT * FROM {table}"):
            values = dict(row)
            iso = {
                k: (None if values[k] is None else values[k][:10] + "T" + values[k][11:] + "Z")
                for k in SYNC_COLUMNS[1:4]
            }
            fields = {k: v for k, v in values.items() if k not in SYNC_COLUMNS and k not in drop}
            out[values["id"]] = {"revision": values["revision"], **iso, "fields": fields}
    return out


def office_rows(office_services, ward_code: str, table: str) -> dict[str, dict[str, Any]]:
    with office_services.ctx.db.read() as session:
        rows = sync_repo.office_rows(session, ward_code, table)
    return {
        r[0]: {
            "revision": r[1],
            "created_at": r[2],
            "updated_at": r[3],
            "deleted_at": r[4],
            "fields": json.loads(r[5])["fields"],
        }
        for r in rows
    }


def dump(db: Path) -> list[str]:
    """The database's content, statement by statement (a logical comparison that ignores page layout)."""
    with closing(sqlite3.connect(db)) as con:
        return list(con.iterdump())


class Office:
    """The office's database, opened only for each import and closed after it (so its file can be hashed)."""

    def __init__(self, folder: Path, template: Path, clock: FixedClock) -> None:
        self.folder, self.template, self.clock = folder, template, clock
        open_office(folder, template, clock).ctx.db.close()
        self.db = folder / "office.db"

    def open(self):
        return open_office(self.folder, self.template, self.clock)

    def register(self, source: Path, **kw) -> None:
        svc = self.open()
        try:
            svc.sync.register(source, **kw)
        finally:
            svc.ctx.db.close()

    def run(self, *bundles: Path, dry_run: bool = False):
        svc = self.open()
        try:
            return svc.sync.importer.import_paths(list(bundles), dry_run=dry_run)
        finally:
            svc.ctx.db.close()

    def refuses(self, bundle: Path, code: str, status: str = REFUSED):
        """Import ``bundle``: refused (or held) for ``code``; the database file unchanged."""
        before = sha256_file(self.db)
        batch = self.run(bundle)
        (report,) = batch.reports
        assert (report.status, report.code) == (status, code), report.lines()
        assert not batch.ok and report.message
        assert sha256_file(self.db) == before
        return report
