"""A PostgreSQL server for the tests (issue #14): ``$PBGDPL_TEST_POSTGRES`` when set (a URL of a server where
that user may create databases); else a throw-away server started here from the PostgreSQL binaries found
under /usr/lib/postgresql/*/bin (initdb into a temp dir, run as ``postgres`` through runuser when the tests
run as root, a unix socket in the temp dir, no TCP port), stopped at the end of the run; else none (the
fixture skips — or fails under ``CI=true``).

Every test gets its own database, made from a migrated template database (``CREATE DATABASE … TEMPLATE``:
the revisions run once per run, as ``_template_db`` does for SQLite) and dropped after the test."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV_URL = "PBGDPL_TEST_POSTGRES"


def find_bin_dir() -> Path | None:
    """The newest PostgreSQL's bin folder with initdb and pg_ctl, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run ``cmd`` as the ``postgres`` account when we are root (initdb refuses root)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class ThrowAwayServer:
    """A PostgreSQL cluster in a temp dir, listening only on a unix socket in that dir."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.base = Path(tempfile.mkdtemp(prefix="pbgdpl-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@/postgres?host={self.base}"

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
        self.base.chmod(0o700)
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin_dir / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    self.user,
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            capture_output=True,
            cwd="/",
        )
        options = f"-k {self.base} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.log),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            cwd="/",
        )
        return self.url

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
            cwd="/",
        )
        shutil.rmtree(self.base, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    """``server_url`` naming the database ``name`` instead (its password kept: the tests' own server)."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _admin(server_url: str, *statements: str) -> None:
    engine = create_engine(
        make_url(database_url(server_url, make_url(server_url).database or "postgres")).set(
            drivername="postgresql+psycopg"
        ),
        isolation_level="AUTOCOMMIT",
    )
    try:
        with engine.connect() as con:
            for statement in statements:
                con.execute(text(statement))
    finally:
        engine.dispose()


def create_database(server_url: str, *, template: str | None = None) -> str:
    """A new empty (or ``template``-copied) database on the server; returns its URL."""
    name = f"pbgdpl_t_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return database_url(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated_template(server_url: str, folder: Path) -> str:
    """A database migrated to head (its name), to copy for each test."""
    from pbgdpl_desktop.persistence.db import open_server_database

    url = create_database(server_url)
    db = open_server_database(url, folder / "template.server")
    db.close()
    return str(make_url(url).database)


@contextmanager
def server_for_tests() -> Iterator[str | None]:
    """The URL of a server for this run (see the module docstring), or None when there is none."""
    given = os.environ.get(ENV_URL)
    if given:
        yield given
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        yield None
        return
    server = ThrowAwayServer(bin_dir)
    try:
        yield server.start()
    finally:
        server.stop()


def open_server_office(url: str, folder: Path, clock):
    """Services over the server database ``url`` in upper-office mode, with ``folder`` as the data dir."""
    from pbgdpl_desktop.persistence.repos import sync_repo
    from pbgdpl_desktop.services.core.runtime import RuntimePaths, server_file_name
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.services.sync.dto import OFFICE

    folder.mkdir(parents=True, exist_ok=True)
    svc = open_services(RuntimePaths(folder, folder / server_file_name(url), db_url=url), clock=clock)
    with svc.ctx.db.transaction() as session:
        if sync_repo.get_meta(session, sync_repo.MODE_KEY) is None:
            sync_repo.set_meta(session, sync_repo.MODE_KEY, OFFICE)
    return svc
