"""A ward's database rebuilt at the office from the rows it sent (``office_row``), so that the ward's own
services and scoring engine can run on it unchanged (docs/office.md, "The assessment re-computed").

The target is a migrated, empty ward database (the caller makes it with the real migrations); each row goes
back into its table exactly as the ward stored it: the JSON line's ``fields`` are the stored column values
(SQLite's ``json_object`` of them), the sync columns come from the line. Columns a ``minimal`` bundle left
out (personal data) are filled with the column's empty value ("" or 0, NULL where allowed) and counted."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.sync import OfficeRow
from pbgdpl_desktop.persistence.repos.sync_repo import synced_tables

_SYNC = ("id", "revision", "created_at", "updated_at", "deleted_at", "change_seq")


def _stored_time(value: object) -> object:
    """``2026-11-30T03:00:00.000000Z`` (bundle) → ``2026-11-30 03:00:00.000000`` (as SQLite stores it)."""
    if isinstance(value, str) and "T" in value:
        return value.replace("T", " ").removesuffix("Z")
    return value


def _columns(con: sqlite3.Connection, table: str) -> dict[str, tuple[bool, str, bool]]:
    """column → (NOT NULL, declared type, has a default)."""
    return {
        r[1]: (bool(r[3]), str(r[2]).upper(), r[4] is not None)
        for r in con.execute(f'PRAGMA table_info("{table}")')
    }


def _blank(notnull: bool, kind: str) -> object:
    if not notnull:
        return None
    return 0 if any(t in kind for t in ("INT", "BOOL", "NUM", "REAL")) else ""


def copy_ward_rows(session: Session, ward_code: str, target: Path) -> dict[str, int]:
    """Write every row the office holds for ``ward_code`` (live and deleted) into the ward database at
    ``target`` (one transaction, foreign keys checked at the end). Returns table → number of values filled
    in because the bundle left the column out (personal data under ``minimal`` privacy)."""
    tables = {t.name for t in synced_tables()}
    source = session.execute(
        select(OfficeRow.table_name, OfficeRow.data)
        .where(OfficeRow.ward_code == ward_code)
        .order_by(OfficeRow.table_name, OfficeRow.row_id)
    )
    filled: Counter[str] = Counter()
    with closing(sqlite3.connect(target, isolation_level=None)) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("BEGIN IMMEDIATE")
        try:
            known: dict[str, dict[str, tuple[bool, str, bool]]] = {}
            for table, data in source:
                if table not in tables:
                    continue
                columns = known.get(table) or known.setdefault(table, _columns(con, table))
                line: dict[str, Any] = json.loads(data)
                values: dict[str, object] = {k: _stored_time(line.get(k)) for k in _SYNC if k in columns}
                fields = line.get("fields") or {}
                for name, (notnull, kind, _default) in columns.items():
                    if name in values:
                        continue
                    if name in fields:
                        values[name] = fields[name]
                    else:
                        values[name] = _blank(notnull, kind)
                        filled[table] += 1
                names = ", ".join(f'"{n}"' for n in values)
                marks = ", ".join("?" for _ in values)
                con.execute(
                    f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', list(values.values())
                )
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    if bad:
        filled["(liên kết thiếu)"] += len(bad)
    return dict(filled)
