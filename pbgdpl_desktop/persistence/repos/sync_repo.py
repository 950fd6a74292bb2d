"""Queries of the sync bundles: the synced tables and their rows in change order (ward), the export log, the
database mode, and on the office side the ward registry, applied bundles, import reports and the wards' rows.

Rows are read and written with plain SQL (``exec_driver_sql``, ``executemany``): bundles carry the values as
SQLite stores them, and an import writes thousands of rows per second."""

from __future__ import annotations

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


def synced_tables() -> list[SyncedTable]:
    """Every table whose rows travel in a bundle, by name."""
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


def changed_rows(
    session: Session, table: SyncedTable, columns: Sequence[str], since: int, to: int
) -> Iterator[tuple[Any, ...]]:
    """(id, created_at, updated_at, deleted_at, revision, change_seq, *columns) of rows changed in
    (since, to], oldest change first, as SQLite stores them. ``since=0`` includes the rows seeded by the
    migrations with change_seq 0."""
    cols = ", ".join(["id", "created_at", "updated_at", "deleted_at", "revision", "change_seq", *columns])
    result = session.connection().exec_driver_sql(
        f"SELECT {cols} FROM {table.name} WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq",
        (since if since > 0 else -1, to),
    )
    yield from result


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


def office_revisions(
    session: Session, ward_code: str, table: str, row_ids: Sequence[str]
) -> dict[str, tuple[int, bool]]:
    """row_id -> (revision, deleted) of the rows of ``ward_code`` already held, among ``row_ids``."""
    con = session.connection()
    out: dict[str, tuple[int, bool]] = {}
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        result = con.exec_driver_sql(
            "SELECT row_id, revision, deleted_at IS NOT NULL FROM office_row "
            f"WHERE ward_code = ? AND table_name = ? AND row_id IN ({marks})",
            (ward_code, table, *chunk),
        )
        for row_id, revision, deleted in result:
            out[row_id] = (revision, bool(deleted))
    return out


def insert_office_rows(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """rows: (ward_code, table_name, row_id, revision, created_at, updated_at, deleted_at, seq, data)."""
    if rows:
        session.connection().exec_driver_sql(
            "INSERT INTO office_row (ward_code, table_name, row_id, revision, created_at, updated_at, "
            "deleted_at, sender_change_seq, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def update_office_rows(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """rows: (revision, created_at, updated_at, deleted_at, seq, data, ward_code, table_name, row_id); a row
    is only replaced by a higher revision (checked again here, in SQL)."""
    if rows:
        session.connection().exec_driver_sql(
            "UPDATE office_row SET revision = ?, created_at = ?, updated_at = ?, deleted_at = ?, "
            "sender_change_seq = ?, data = ? WHERE ward_code = ? AND table_name = ? AND row_id = ? "
            "AND revision < ?",
            [(*r, r[0]) for r in rows],
        )


def office_rows(session: Session, ward_code: str, table: str) -> list[tuple[Any, ...]]:
    """(row_id, revision, created_at, updated_at, deleted_at, data) of one ward's table."""
    result = session.connection().exec_driver_sql(
        "SELECT row_id, revision, created_at, updated_at, deleted_at, data FROM office_row "
        "WHERE ward_code = ? AND table_name = ? ORDER BY row_id",
        (ward_code, table),
    )
    return [tuple(r) for r in result]
