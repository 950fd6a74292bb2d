"""A look into the ward file through the standard library, before SQLAlchemy is imported (#17 §1).

The launch paints the window, then asks ``peek_overview``: if the file is a SQLite ward file at the current
schema whose start needs no password, it answers with the overview's figures of the year — the same SQL text
as ``repos.overview_sql``, run through ``sqlite3`` on a read-only connection — and the window shows them while
the normal open (SQLAlchemy, the lock, the migrations check, sign-in) goes on. Anything else — no file, not a
database, another schema revision, an office workspace, accounts that sign in with a password, any error —
answers ``None`` and the start goes on exactly as without the peek.

This module imports only the standard library and ``overview_sql`` (itself SQLAlchemy-free at import);
``tests/unit/test_startup_imports.py`` keeps it so. ``tests/unit/test_peek.py`` keeps ``HEAD_REVISION`` equal to
the migrations' head and ``needs_password`` equal to what ``UserService`` decides."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pbgdpl_desktop.persistence.repos.overview_sql import DATA_VERSION, OverviewCounts, counts_of

HEAD_REVISION = "0019_facts_indexes"  # the migrations' head: a test keeps them equal
MODE_KEY = "sync_mode"  # app_meta: "ward" or "upper-office" (``repos.sync_repo.MODE_KEY``)
WARD_MODE = "ward"
SINGLE_USER_KEY = "users.single_user"  # ``services.core.users.SINGLE_USER_KEY``


@dataclass(frozen=True)
class Peek:
    counts: OverviewCounts
    year: int
    data_version: tuple[int, int]  # ``overview_sql.DATA_VERSION``: (last change_seq, last audit entry)


def needs_password(con: sqlite3.Connection) -> bool:
    """Would the start ask for a password? As the launcher's sign-in decides with ``UserService``: it asks
    when accounts exist and no "một người dùng" account is set (``login_single_user`` / ``needs_login``)."""
    accounts = con.execute("SELECT count(*) FROM app_user").fetchone()[0]
    if not accounts:
        return False
    row = con.execute(
        "SELECT value_json FROM setting WHERE key = ? AND deleted_at IS NULL", (SINGLE_USER_KEY,)
    ).fetchone()
    single_user = None if row is None else json.loads(row[0])
    return not single_user


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1.0)
    con.execute("PRAGMA query_only = ON")
    return con


def peek_overview(path: Path, year: int, today: date) -> Peek | None:
    """The overview's figures of ``year`` read straight from the ward file at ``path``, or None when the start
    must go the normal way first (see the module's text)."""
    try:
        if not path.is_file():
            return None
        with closing(_connect(path)) as con:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "app_meta", "app_user", "setting"} <= tables:
                return None
            revisions = [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]
            if revisions != [HEAD_REVISION]:
                return None
            mode = con.execute("SELECT value FROM app_meta WHERE key = ?", (MODE_KEY,)).fetchone()
            if mode is not None and mode[0] != WARD_MODE:
                return None
            if needs_password(con):
                return None
            con.execute("BEGIN")  # one snapshot: the figures and the data version they were read at

            def execute(sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
                return con.execute(sql, dict(params)).fetchall()

            counts = counts_of(execute, year, today)
            seq, audit = con.execute(DATA_VERSION).fetchone()
            con.rollback()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return Peek(counts, year, (int(seq), int(audit)))
