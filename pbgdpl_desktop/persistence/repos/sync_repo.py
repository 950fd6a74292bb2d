"""Queries of the sync bundles: the synced tables and their rows in change order (ward), the export log, the
database mode, and on the office side the ward registry, applied bundles, import reports and the wards' rows.

Rows are read and written with plain SQL (``exec_driver_sql``, ``executemany``): bundles carry the values as
SQLite stores them, and an import writes thousands of rows per second. An office database on a PostgreSQL
server takes the same statements through psycopg (``_raw`` rewrites the ``?`` placeholders), inside the
session's own transaction; only ``write_rows`` has its own PostgreSQL statements (no ``rowid``, no
``json_valid``: the importer checks every line exactly before writing there)."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, sync_column_names
from pbgdpl_desktop.persistence.models.core import AppMeta
from pbgdpl_desktop.persistence.models.sync import SyncExportLog, SyncImport, SyncWard
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


def mode_of_file(path: Path) -> str | None:
    """``sync_mode`` of a database file, read-only and without migrating it (None when the file has no
    app_meta table or is not a database; ``ward`` when app_meta has no mode: the default)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            row = con.execute("SELECT value FROM app_meta WHERE key = ?", (MODE_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    return "ward" if row is None else str(row[0])


# ----------------------------------------------------------------------------------------- ward export
def last_change_seq(session: Session) -> int:
    return current_change_seq(session)


def _iso(column: str) -> str:
    """SQLite's ``YYYY-MM-DD HH:MM:SS.ffffff`` (naive UTC) as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, in SQL."""
    return f"(substr({column}, 1, 10) || 'T' || substr({column}, 12) || 'Z')"


def _line_sql(columns: Sequence[str]) -> str:
    fields = ", ".join(f"'{c}', {c}" for c in columns)
    return (
        "json_object('id', id, 'revision', revision, "
        f"'created_at', {_iso('created_at')}, 'updated_at', {_iso('updated_at')}, "
        f"'deleted_at', CASE WHEN deleted_at IS NULL THEN NULL ELSE {_iso('deleted_at')} END, "
        "'deleted', json(CASE WHEN deleted_at IS NULL THEN 'false' ELSE 'true' END), "
        f"'change_seq', change_seq, 'fields', json_object({fields}))"
    )


def changed_rows(
    session: Session, table: SyncedTable, columns: Sequence[str], since: int, to: int
) -> Iterator[tuple[str, str, bool, str]]:
    """(created_at, updated_at, deleted, JSON line) of the rows changed in (since, to], oldest change
    first. The line is the row as a bundle carries it (docs/sync-format.md, "Rows"), written by SQLite's
    json_object: sync columns, then ``fields`` with ``columns`` as stored. ``since=0`` includes the rows
    seeded by the migrations with change_seq 0."""
    cursor = _raw(session).execute(  # plain tuples: no Row objects for 100,000 rows
        f"SELECT created_at, updated_at, deleted_at IS NOT NULL, {_line_sql(columns)} FROM {table.name} "
        "WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq",
        (since if since > 0 else -1, to),
    )
    while batch := cursor.fetchmany(2000):
        yield from batch


def changed_lines(
    session: Session, table: SyncedTable, columns: Sequence[str], since: int, to: int
) -> Iterator[tuple[bytes, int]]:
    """The lines of ``changed_rows`` as (UTF-8 block of whole lines, each ending in \\n; number of lines):
    the export's way, without a Python step per row."""
    cursor = _raw(session).execute(
        f"SELECT {_line_sql(columns)} FROM {table.name} WHERE change_seq > ? AND change_seq <= ? "
        "ORDER BY change_seq",
        (since if since > 0 else -1, to),
    )
    while batch := cursor.fetchmany(2000):
        yield ("\n".join([r[0] for r in batch]) + "\n").encode("utf-8"), len(batch)


@dataclass(frozen=True)
class ChangeTally:
    rows: int
    deleted: int
    new: int  # live rows created after ``created_after`` (all live rows when it is None)
    first: str | None  # the oldest and newest updated_at, as stored
    last: str | None


def change_tally(
    session: Session, table: SyncedTable, since: int, to: int, created_after: str | None
) -> ChangeTally:
    """How many rows changed in (since, to], how many of them are tombstones and how many are new."""
    rows, deleted, new, first, last = (
        _raw(session)
        .execute(
            "SELECT count(*), total(deleted_at IS NOT NULL), "
            "total(deleted_at IS NULL AND (?3 IS NULL OR created_at > ?3)), min(updated_at), max(updated_at) "
            f"FROM {table.name} WHERE change_seq > ?1 AND change_seq <= ?2",
            (since if since > 0 else -1, to, created_after),
        )
        .fetchone()
    )
    return ChangeTally(int(rows), int(deleted), int(new), first, last)


def record_change_seq(session: Session, table: str, record_id: str) -> int | None:
    """The change number of a synced record's last change (None: no such record or table)."""
    if table not in {t.name for t in synced_tables()}:
        return None
    row = _raw(session).execute(f"SELECT change_seq FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else int(row[0])


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
    raw = _raw(session)
    for key, value in details.items():  # the keys are column names of sync_ward chosen by the caller
        if value and key in _WARD_DETAILS:
            raw.execute(f"UPDATE sync_ward SET {key} = ? WHERE ward_code = ? AND {key} = ''", (value, code))


_WARD_DETAILS = ("name", "commune_type", "province_code", "province_name")
# Applying a bundle asks and writes a handful of small things per bundle: plain SQL keeps that off the
# import's cost (docs/sync-format.md; bench/sync.py imports 100 bundles).


def _stamp(value: datetime) -> str:
    """A UTC time as ``UTCDateTime`` stores it (naive UTC text with microseconds)."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def lock_ward(session: Session, ward_code: str) -> None:
    """On a server: make two imports of the SAME ward at once take turns (a transaction-long advisory lock
    on the ward's code), so the second sees the first's bundle as applied instead of a duplicate key.
    Other wards are not held up. On SQLite nothing: the write transaction already holds the file."""
    if is_server(session):
        session.connection().exec_driver_sql(
            "SELECT pg_advisory_xact_lock(hashtext('pbgdpl-ward-import'), hashtext(%(code)s))",
            {"code": ward_code},
        )


def applied_bundle(session: Session, ward_code: str, seq: int) -> str | None:
    row = (
        _raw(session)
        .execute("SELECT bundle_id FROM sync_ward_bundle WHERE ward_code = ? AND seq = ?", (ward_code, seq))
        .fetchone()
    )
    return None if row is None else str(row[0])


def bundle_applied_as(session: Session, bundle_id: str) -> tuple[str, int] | None:
    row = (
        _raw(session)
        .execute("SELECT ward_code, seq FROM sync_ward_bundle WHERE bundle_id = ?", (bundle_id,))
        .fetchone()
    )
    return None if row is None else (str(row[0]), int(row[1]))


def applied_seqs(session: Session, ward_code: str) -> set[int]:
    cursor = _raw(session).execute("SELECT seq FROM sync_ward_bundle WHERE ward_code = ?", (ward_code,))
    return {int(r[0]) for r in cursor}


def add_applied(session: Session, values: dict[str, Any]) -> None:
    _raw(session).execute(
        "INSERT INTO sync_ward_bundle (ward_code, seq, bundle_id, imported_at) VALUES (?, ?, ?, ?)",
        (values["ward_code"], values["seq"], values["bundle_id"], _stamp(values["imported_at"])),
    )


_IMPORT_COLUMNS = (
    "bundle_id",
    "ward_code",
    "seq",
    "file_name",
    "sha256",
    "status",
    "message",
    "report_json",
    "imported_at",
)


def add_import(session: Session, values: dict[str, Any]) -> None:
    row = {**values, "imported_at": _stamp(values["imported_at"])}
    _raw(session).execute(
        f"INSERT INTO sync_import ({', '.join(_IMPORT_COLUMNS)}) VALUES ({', '.join('?' * len(_IMPORT_COLUMNS))})",
        tuple(row[c] for c in _IMPORT_COLUMNS),
    )


def imports(session: Session, limit: int = 200) -> list[SyncImport]:
    return list(session.scalars(select(SyncImport).order_by(SyncImport.id.desc()).limit(limit)))


def held_revisions(
    session: Session, ward_code: str, table: str, row_ids: Sequence[str]
) -> dict[str, tuple[int, bool]]:
    """(revision, is a tombstone) of the rows ``ward_code`` already has among ``row_ids``."""
    raw = _raw(session)
    held: dict[str, tuple[int, bool]] = {}
    if not row_ids or (
        raw.execute(
            "SELECT 1 FROM office_row WHERE ward_code = ? AND table_name = ? LIMIT 1", (ward_code, table)
        ).fetchone()
        is None
    ):
        return held  # the ward's first rows of this table: nothing to look up
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        cursor = raw.execute(
            "SELECT row_id, revision, deleted_at IS NOT NULL FROM office_row WHERE ward_code = ? AND "
            f"table_name = ? AND row_id IN ({', '.join('?' * len(chunk))})",
            (ward_code, table, *chunk),
        )
        for row_id, revision, deleted in cursor:
            held[row_id] = (revision, bool(deleted))
    return held


# A row is (row_id, revision, created_at, updated_at, deleted_at, change_seq, line).
_INSERT = "INSERT INTO office_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"  # the columns in table order
_UPDATE = (
    "UPDATE office_row SET revision = ?4, created_at = ?5, updated_at = ?6, deleted_at = ?7, "
    "sender_change_seq = ?8, data = ?9 WHERE ward_code = ?1 AND table_name = ?2 AND row_id = ?3 "
    "AND revision < ?4"
)


def write_rows(
    session: Session,
    ward_code: str,
    table: str,
    inserts: Sequence[Sequence[Any]],
    updates: Sequence[Sequence[Any]],
    *,
    json_checked: bool,
) -> bool:
    """Insert the new rows and replace the held ones of a lower revision (the caller decided which; the
    transaction is the caller's). Without ``json_checked`` SQLite's ``json_valid`` confirms every line
    written (one pass over the new rows after a plain insert, the cheapest way): False when one is not
    valid JSON — then nothing of this call is kept (savepoint) and the caller redoes the table with its
    exact check."""
    if is_server(session):
        _write_rows_server(session, ward_code, table, inserts, updates)
        return True
    raw = _raw(session)
    raw.execute("SAVEPOINT office_rows")
    try:
        ok = True
        if inserts:
            (top,) = raw.execute("SELECT coalesce(max(rowid), 0) FROM office_row").fetchone()
            raw.executemany(_INSERT, [(ward_code, table, *row) for row in inserts])
            if not json_checked:
                ok = (
                    raw.execute(
                        "SELECT 1 FROM office_row WHERE rowid > ? AND NOT json_valid(data) LIMIT 1", (top,)
                    ).fetchone()
                    is None
                )
        if updates and ok:
            where = "" if json_checked else " AND json_valid(?9)"
            written = raw.executemany(_UPDATE + where, [(ward_code, table, *row) for row in updates]).rowcount
            ok = written == len(updates)
    except BaseException:
        raw.execute("ROLLBACK TO office_rows")
        raw.execute("RELEASE office_rows")
        raise
    if not ok:
        raw.execute("ROLLBACK TO office_rows")
    raw.execute("RELEASE office_rows")
    return ok


_SERVER_INSERT = (
    "INSERT INTO office_row (ward_code, table_name, row_id, revision, created_at, updated_at, deleted_at, "
    "sender_change_seq, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_SERVER_UPDATE = (
    "UPDATE office_row SET revision = %(p4)s, created_at = %(p5)s, updated_at = %(p6)s, deleted_at = %(p7)s, "
    "sender_change_seq = %(p8)s, data = %(p9)s WHERE ward_code = %(p1)s AND table_name = %(p2)s "
    "AND row_id = %(p3)s AND revision < %(p4)s"
)


def _write_rows_server(
    session: Session,
    ward_code: str,
    table: str,
    inserts: Sequence[Sequence[Any]],
    updates: Sequence[Sequence[Any]],
) -> None:
    """``write_rows`` on PostgreSQL: psycopg's ``executemany`` (pipelined) in the session's transaction. Only
    the ward's own rows are touched (row locks, no table lock): imports of other wards go on meanwhile."""
    con: Any = session.connection().connection.driver_connection
    with con.cursor() as cursor:
        if inserts:
            cursor.executemany(_SERVER_INSERT, [(ward_code, table, *row) for row in inserts])
        if updates:
            cursor.executemany(
                _SERVER_UPDATE,
                [{f"p{i + 1}": v for i, v in enumerate((ward_code, table, *row))} for row in updates],
            )


def is_server(session: Session) -> bool:
    """True when the session's database is on a PostgreSQL server."""
    return session.get_bind().dialect.name == "postgresql"


_NUMBERED = re.compile(r"\?(\d+)")


class _ServerRaw:
    """The few ``sqlite3.Connection`` calls this module makes, on a psycopg connection: ``?`` → ``%s``,
    ``?N`` → ``%(pN)s`` (the statements here hold no ``%``). Runs in the session's transaction."""

    def __init__(self, connection: Any) -> None:
        self._con = connection

    @staticmethod
    def _statement(sql: str, params: Sequence[Any]) -> tuple[str, Any]:
        if _NUMBERED.search(sql):
            return _NUMBERED.sub(r"%(p\1)s", sql), {f"p{i + 1}": v for i, v in enumerate(params)}
        return sql.replace("?", "%s"), tuple(params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        statement, values = self._statement(sql, params)
        cursor = self._con.cursor()
        cursor.execute(statement, values)
        return cursor

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self._con.cursor()
        if rows:
            statement, _ = self._statement(sql, rows[0])
            numbered = bool(_NUMBERED.search(sql))
            cursor.executemany(
                statement,
                [{f"p{i + 1}": v for i, v in enumerate(r)} for r in rows]
                if numbered
                else [tuple(r) for r in rows],
            )
        return cursor


def _raw(session: Session) -> sqlite3.Connection:
    raw = session.connection().connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        return _ServerRaw(raw)  # type: ignore[return-value]  # the same calls, see _ServerRaw
    return raw


def office_rows(session: Session, ward_code: str, table: str) -> list[tuple[Any, ...]]:
    """(row_id, revision, created_at, updated_at, deleted_at, data) of one ward's table."""
    result = session.connection().exec_driver_sql(
        "SELECT row_id, revision, created_at, updated_at, deleted_at, data FROM office_row "
        "WHERE ward_code = ? AND table_name = ? ORDER BY row_id",
        (ward_code, table),
    )
    return [tuple(r) for r in result]
