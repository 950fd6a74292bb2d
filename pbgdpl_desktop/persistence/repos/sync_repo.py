"""Queries of the sync bundles: the synced tables and their rows in change order (ward), the export log, the
database mode, and on the office side the ward registry, applied bundles, import reports and the wards' rows.

Rows are read and written with plain SQL (``exec_driver_sql``, ``executemany``): bundles carry the values as
SQLite stores them, and an import writes thousands of rows per second."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, sync_column_names
from pbgdpl_desktop.persistence.models.core import AppMeta
from pbgdpl_desktop.persistence.models.sync import SyncExportLog, SyncImport, SyncWard, SyncWardBundle
from pbgdpl_desktop.persistence.uow import current_change_seq

MODE_KEY = "sync_mode"
OFFICE_PROVINCE_KEY = "office_province_code"
_CHUNK = 500


@dataclass(frozen=True)
class SyncedTable:
    name: str
    fields: tuple[str, ...]  # every column but the six sync columns, in table order
    personal: tuple[str, ...]


@functools.cache
def synced_tables() -> list[SyncedTable]:
    """Every table whose rows travel in a bundle, by name (the models are all imported with this module)."""
    out = []
    sync_cols = set(sync_column_names())
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, SyncMixin) or not cls.__sync_bundle__:
            continue
        table = mapper.persist_selectable
        assert isinstance(table, Table)
        fields = tuple(c.name for c in table.columns if c.name not in sync_cols)
        out.append(SyncedTable(table.name, fields, tuple(cls.__personal_columns__)))
    return sorted(out, key=lambda t: t.name)


# ----------------------------------------------------------------------------------------- meta
def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(AppMeta.value).where(AppMeta.key == key))


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    elif row.value != value:
        row.value = value
    session.flush()


# ----------------------------------------------------------------------------------------- ward export
def last_change_seq(session: Session) -> int:
    return current_change_seq(session)


def _iso(column: str) -> str:
    """SQLite's ``YYYY-MM-DD HH:MM:SS.ffffff`` (naive UTC) as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, in SQL."""
    return f"(substr({column}, 1, 10) || 'T' || substr({column}, 12) || 'Z')"


def changed_rows(
    session: Session, table: SyncedTable, columns: Sequence[str], since: int, to: int
) -> Iterator[tuple[str, str, bool, str]]:
    """(created_at, updated_at, deleted, JSON line) of the rows changed in (since, to], oldest change
    first. The line is the row as a bundle carries it (docs/sync-format.md, "Rows"), written by SQLite's
    json_object: sync columns, then ``fields`` with ``columns`` as stored. ``since=0`` includes the rows
    seeded by the migrations with change_seq 0."""
    fields = ", ".join(f"'{c}', {c}" for c in columns)
    line = (
        "json_object('id', id, 'revision', revision, "
        f"'created_at', {_iso('created_at')}, 'updated_at', {_iso('updated_at')}, "
        f"'deleted_at', CASE WHEN deleted_at IS NULL THEN NULL ELSE {_iso('deleted_at')} END, "
        "'deleted', json(CASE WHEN deleted_at IS NULL THEN 'false' ELSE 'true' END), "
        f"'change_seq', change_seq, 'fields', json_object({fields}))"
    )
    raw = session.connection().connection.driver_connection  # plain tuples: no Row objects for 100,000 rows
    assert isinstance(raw, sqlite3.Connection)
    cursor = raw.execute(
        f"SELECT created_at, updated_at, deleted_at IS NOT NULL, {line} FROM {table.name} "
        "WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq",
        (since if since > 0 else -1, to),
    )
    while batch := cursor.fetchmany(2000):
        yield from batch


def exports(session: Session) -> list[SyncExportLog]:
    return list(session.scalars(select(SyncExportLog).order_by(SyncExportLog.seq.desc())))


def export_by_seq(session: Session, seq: int) -> SyncExportLog | None:
    return session.scalars(select(SyncExportLog).where(SyncExportLog.seq == seq)).first()


def add_export(session: Session, values: dict[str, Any]) -> None:
    session.add(SyncExportLog(**values))
    session.flush()


# ----------------------------------------------------------------------------------------- office
def get_ward(session: Session, code: str) -> SyncWard | None:
    return session.get(SyncWard, code)


def wards(session: Session) -> list[SyncWard]:
    return list(session.scalars(select(SyncWard).order_by(SyncWard.ward_code)))


def put_ward(session: Session, values: dict[str, Any]) -> None:
    row = session.get(SyncWard, values["ward_code"])
    if row is None:
        session.add(SyncWard(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()


def fill_ward_details(session: Session, code: str, details: dict[str, str]) -> None:
    """Fill the registry's empty name, type and province of a ward (registered from a bare key file) from
    what its verified bundle says."""
    row = session.get(SyncWard, code)
    if row is None:
        return
    for key, value in details.items():
        if value and not getattr(row, key):
            setattr(row, key, value)
    session.flush()


def applied_bundle(session: Session, ward_code: str, seq: int) -> str | None:
    row = session.get(SyncWardBundle, (ward_code, seq))
    return None if row is None else row.bundle_id


def bundle_applied_as(session: Session, bundle_id: str) -> tuple[str, int] | None:
    row = session.scalars(select(SyncWardBundle).where(SyncWardBundle.bundle_id == bundle_id)).first()
    return None if row is None else (row.ward_code, row.seq)


def applied_seqs(session: Session, ward_code: str) -> set[int]:
    return set(session.scalars(select(SyncWardBundle.seq).where(SyncWardBundle.ward_code == ward_code)))


def add_applied(session: Session, values: dict[str, Any]) -> None:
    session.add(SyncWardBundle(**values))
    session.flush()


def add_import(session: Session, values: dict[str, Any]) -> None:
    session.add(SyncImport(**values))
    session.flush()


def imports(session: Session, limit: int = 200) -> list[SyncImport]:
    return list(session.scalars(select(SyncImport).order_by(SyncImport.id.desc()).limit(limit)))


_HEX = "[0-9a-f]"
_UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
_TIME_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z"


def _time_bad(path: str) -> str:
    value = f"json_extract(line, '{path}')"
    return f"(json_type(line, '{path}') IS NOT 'text' OR NOT {value} GLOB '{_TIME_GLOB}' OR length({value}) > 27)"


# One row per line: the check's code (NULL when the line is a valid row) and the row's values.
_PARSE = f"""
INSERT INTO temp.sync_row (n, reason, row_id, revision, created_at, updated_at, deleted_at, seq, line)
SELECT n,
  CASE
    WHEN NOT json_valid(line) OR json_type(line) IS NOT 'object' THEN 'json'
    WHEN json_type(line, '$.id') IS NOT 'text' OR NOT json_extract(line, '$.id') GLOB '{_UUID_GLOB}' THEN 'id'
    WHEN json_type(line, '$.revision') IS NOT 'integer' OR json_extract(line, '$.revision') < 1
      OR json_type(line, '$.change_seq') IS NOT 'integer' OR json_extract(line, '$.change_seq') < 0 THEN 'revision'
    WHEN {_time_bad("$.created_at")} OR {_time_bad("$.updated_at")}
      OR (json_type(line, '$.deleted_at') IS NOT 'null' AND {_time_bad("$.deleted_at")}) THEN 'time'
    WHEN json_type(line, '$.deleted') IS NOT
      (CASE WHEN json_type(line, '$.deleted_at') = 'null' THEN 'false' ELSE 'true' END) THEN 'deleted'
    WHEN json_type(line, '$.fields') IS NOT 'object' THEN 'fields'
  END,
  json_extract(line, '$.id'), json_extract(line, '$.revision'), json_extract(line, '$.created_at'),
  json_extract(line, '$.updated_at'), json_extract(line, '$.deleted_at'), json_extract(line, '$.change_seq'), line
FROM temp.sync_in
"""


def _prepare_temp(con: sqlite3.Connection) -> None:
    con.execute("CREATE TEMP TABLE IF NOT EXISTS sync_in (n INTEGER PRIMARY KEY, line TEXT NOT NULL)")
    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS sync_row (n INTEGER PRIMARY KEY, reason TEXT, row_id TEXT, "
        "revision INTEGER, created_at TEXT, updated_at TEXT, deleted_at TEXT, seq INTEGER, line TEXT, "
        "held_rev INTEGER, held_deleted INTEGER)"
    )
    con.execute("CREATE INDEX IF NOT EXISTS temp.ix_sync_row_id ON sync_row (row_id)")
    con.execute("DELETE FROM temp.sync_in")
    con.execute("DELETE FROM temp.sync_row")


def apply_rows(
    session: Session, ward_code: str, table: str, lines: Sequence[str], *, write: bool
) -> tuple[dict[str, int], dict[str, int]]:
    """Check the JSON lines of one table of a bundle, compare them with the rows held for ``ward_code``
    and, with ``write``, insert or replace the rows a higher revision wins (sync.merge: the rule).
    Returns the counts (inserted, updated, unchanged, deleted, older) and the rejected lines by reason code.
    Everything runs in SQLite (temp tables of this connection; the transaction is the caller's)."""
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    _prepare_temp(raw)
    raw.executemany("INSERT INTO temp.sync_in (line) VALUES (?)", ((line,) for line in lines))
    raw.execute(_PARSE)
    raw.execute(  # a second copy of a row id in the same bundle: the first one counts
        "UPDATE temp.sync_row SET reason = 'duplicate' WHERE reason IS NULL AND n NOT IN "
        "(SELECT min(n) FROM temp.sync_row WHERE reason IS NULL GROUP BY row_id)"
    )
    raw.execute(
        "UPDATE temp.sync_row SET held_rev = o.revision, held_deleted = (o.deleted_at IS NOT NULL) "
        "FROM office_row AS o WHERE o.ward_code = ? AND o.table_name = ? AND o.row_id = sync_row.row_id "
        "AND sync_row.reason IS NULL",
        (ward_code, table),
    )
    row = raw.execute(
        "SELECT "
        "total(held_rev IS NULL AND deleted_at IS NULL), "
        "total(held_rev < revision AND NOT (deleted_at IS NOT NULL AND NOT held_deleted)), "
        "total(held_rev >= revision), "
        "total(held_rev IS NULL AND deleted_at IS NOT NULL) "
        "  + total(held_rev < revision AND deleted_at IS NOT NULL AND NOT held_deleted), "
        "total(held_rev > revision) "
        "FROM temp.sync_row WHERE reason IS NULL"
    ).fetchone()
    counts = dict(zip(("inserted", "updated", "unchanged", "deleted", "older"), map(int, row), strict=True))
    reasons = dict(
        raw.execute("SELECT reason, count(*) FROM temp.sync_row WHERE reason IS NOT NULL GROUP BY reason")
    )
    if write:
        raw.execute(
            "INSERT INTO office_row (ward_code, table_name, row_id, revision, created_at, updated_at, deleted_at, "
            "sender_change_seq, data) SELECT ?, ?, row_id, revision, created_at, updated_at, deleted_at, seq, line "
            "FROM temp.sync_row WHERE reason IS NULL AND held_rev IS NULL ORDER BY n",
            (ward_code, table),
        )
        raw.execute(
            "UPDATE office_row SET revision = s.revision, created_at = s.created_at, updated_at = s.updated_at, "
            "deleted_at = s.deleted_at, sender_change_seq = s.seq, data = s.line "
            "FROM temp.sync_row AS s WHERE office_row.ward_code = ? AND office_row.table_name = ? "
            "AND office_row.row_id = s.row_id AND s.reason IS NULL AND s.held_rev < s.revision "
            "AND office_row.revision < s.revision",
            (ward_code, table),
        )
    raw.execute("DELETE FROM temp.sync_in")
    raw.execute("DELETE FROM temp.sync_row")
    return counts, reasons


def office_rows(session: Session, ward_code: str, table: str) -> list[tuple[Any, ...]]:
    """(row_id, revision, created_at, updated_at, deleted_at, data) of one ward's table."""
    result = session.connection().exec_driver_sql(
        "SELECT row_id, revision, created_at, updated_at, deleted_at, data FROM office_row "
        "WHERE ward_code = ? AND table_name = ? ORDER BY row_id",
        (ward_code, table),
    )
    return [tuple(r) for r in result]
