"""Who may write, and the trace of every write, in the transaction of the write itself (issue #15).

Every session of ``Database.transaction()`` carries the acting user in ``session.info["actor"]`` (a
``domain.users.Actor``, or ``None`` while no account exists). Three session hooks:

* ``before_flush``: refuses the flush (nothing is written, the transaction rolls back) when the actor's role
  may not write one of the tables touched — a Vietnamese ``PermissionDenied``;
* ``after_flush``: one ``audit_log`` row per created, changed or deleted (tombstoned) row, with the fields
  before and after; the values of the model's ``__personal_columns__`` go to ``audit_personal``;
* ``do_orm_execute``: the same check and one summary row for Core writes run through the session (bulk
  inserts of an import).

The audit rows are inserted on the session's own connection, so a change and its trace commit together or
not at all. ``session.info["system"]`` (logins, the lockout counters) skips the role check; the trace is
still written."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from pbgdpl_desktop.domain.users import SYSTEM_NAME, Actor, action_for_setting
from pbgdpl_desktop.persistence.models.base import Base, sync_column_names
from pbgdpl_desktop.persistence.models.core import Setting
from pbgdpl_desktop.persistence.models.users import AuditEntry, AuditPersonal

NOT_AUDITED = frozenset({"audit_log", "audit_personal", "sync_state", "app_meta", "alembic_version"})
NOT_DIFFED = frozenset({*sync_column_names(), "search_folded"}) - {"deleted_at"}
SECRET_COLUMNS = frozenset({"password_hash"})
MODULE_PREFIXES = (
    ("mediat", "mediation"),
    ("dissemination", "dissemination"),
    ("speaker", "dissemination"),
    ("plan", "dissemination"),
    ("legal_document", "dissemination"),
    ("bookcase", "dissemination"),
    ("finance", "finance"),
    ("budget", "finance"),
    ("expenditure", "finance"),
    ("assessment", "assessment"),
    ("ward_legal", "assessment"),
    ("info_request", "assessment"),
    ("office", "office"),
    ("sync", "sync"),
    ("app_user", "users"),
)


def module_of(table: str) -> str:
    for prefix, module in MODULE_PREFIXES:
        if table.startswith(prefix):
            return module
    return "core"


def actor_of(session: Session) -> Actor | None:
    actor = session.info.get("actor")
    return actor if isinstance(actor, Actor) else None


def _check(session: Session, tables: Iterable[str], setting_keys: Iterable[str] = ()) -> None:
    actor = actor_of(session)
    if actor is None or session.info.get("system"):
        return
    for table in tables:
        if table not in NOT_AUDITED and not actor.may_write(table):
            raise actor.refusal(table)
    for key in setting_keys:  # the setting table holds settings of several owners: checked by key
        if not actor.may_set(key):
            raise actor.refusal_of(action_for_setting(key))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _diff(obj: Base, kind: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in NOT_DIFFED and kind != "create":
            continue
        hist = state.attrs[key].history
        if kind == "create":
            value = _plain(getattr(obj, key))
            if value not in (None, "") and key not in sync_column_names():
                out[key] = [None, value]
            continue
        if hist.added or hist.deleted:
            before = _plain(hist.deleted[0]) if hist.deleted else None
            after = _plain(hist.added[0]) if hist.added else None
            if before != after:
                out[key] = [before, after]
    for key in SECRET_COLUMNS & out.keys():
        out[key] = ["…", "…"]
    return out


def _action(kind: str, changes: dict[str, list[Any]]) -> str:
    if kind != "update" or "deleted_at" not in changes:
        return kind
    return "delete" if changes["deleted_at"][1] is not None else "restore"


def who(session: Session) -> tuple[str, str]:
    actor = actor_of(session)
    return (actor.name, actor.role.value) if actor else (SYSTEM_NAME, "")


def write_entry(
    session: Session,
    *,
    action: str,
    module: str,
    table: str = "",
    record_id: str = "",
    changes: dict[str, list[Any]] | None = None,
    personal: tuple[str, ...] = (),
    detail: str = "",
    actor: str | None = None,
    role: str | None = None,
    at: datetime | None = None,
) -> None:
    """One audit row on the session's connection (same transaction as the change it records)."""
    name, role_value = who(session)
    entry = _entry(action, module, table, record_id, changes or {}, personal, detail)
    entry.update(at=at or _now(session), actor=actor or name, role=role if role is not None else role_value)
    _insert(session, [entry])


def _entry(
    action: str,
    module: str,
    table: str,
    record_id: str,
    changes: dict[str, list[Any]],
    personal: tuple[str, ...],
    detail: str,
) -> dict[str, Any]:
    kept = {k: v for k, v in changes.items() if k not in personal}
    private = {k: v for k, v in changes.items() if k in personal}
    return {
        "action": action,
        "module": module,
        "table_name": table,
        "record_id": record_id[:60],
        # ASCII JSON: "\n" or "\t" escaped before a combining mark would compose ("n" + U+0303 = "ñ") and leave
        # the stored text non-NFC; escaped, every text of the database stays NFC and loads back exactly
        "changes_json": json.dumps(kept, ensure_ascii=True, sort_keys=True),
        "personal_fields": ",".join(sorted(private)),
        "detail": detail[:500],
        "_private": json.dumps(private, ensure_ascii=True, sort_keys=True) if private else None,
    }


def _insert(session: Session, entries: list[dict[str, Any]]) -> None:
    """All the entries of one flush in two statements. The ids are given here (the write transaction holds
    SQLite's write lock from BEGIN IMMEDIATE, so max(id) cannot move under it) so that the personal values
    can point at their entry; on PostgreSQL they come from the column's sequence instead)."""
    if not entries:
        return
    con = session.connection()
    if con.dialect.name == "postgresql":  # a server has many writers at once: the column's own sequence
        ids = list(
            con.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, %(n)s)",
                {"n": len(entries)},
            ).scalars()
        )
    else:
        first = int(con.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one()) + 1
        ids = list(range(first, first + len(entries)))
    personal = []
    for entry, entry_id in zip(entries, ids, strict=True):
        entry["id"] = int(entry_id)
        private = entry.pop("_private")
        if private is not None:
            personal.append(
                {"audit_id": entry["id"], "record_id": entry["record_id"], "changes_json": private}
            )
    con.execute(insert(AuditEntry), entries)
    if personal:
        con.execute(insert(AuditPersonal), personal)


def _now(session: Session) -> datetime:
    clock = session.info.get("now")
    return clock() if callable(clock) else datetime.now(UTC)


def _touched(session: Session) -> list[tuple[Base, str]]:
    rows: list[tuple[Base, str]] = [(o, "create") for o in session.new]
    rows += [(o, "update") for o in session.dirty if session.is_modified(o, include_collections=False)]
    rows += [(o, "purge") for o in session.deleted]
    return [(o, k) for o, k in rows if isinstance(o, Base) and o.__tablename__ not in NOT_AUDITED]


@event.listens_for(Session, "before_flush")
def _refuse_forbidden(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    touched = _touched(session)
    keys = [str(obj.key) for obj, _kind in touched if isinstance(obj, Setting)]
    _check(session, (obj.__tablename__ for obj, _kind in touched), keys)


@event.listens_for(Session, "after_flush")
def _trace(session: Session, flush_context: UOWTransaction) -> None:
    touched = _touched(session)
    if not touched:
        return
    name, role = who(session)
    now = _now(session)
    entries = []
    for obj, kind in touched:
        table = obj.__tablename__
        changes = _diff(obj, "create" if kind == "create" else "update")
        if kind == "update" and not changes:
            continue
        ident = inspect(obj).identity
        record_id = str(ident[0]) if ident else str(getattr(obj, "id", "") or "")
        personal = tuple(getattr(obj, "__personal_columns__", ()))
        entry = _entry(_action(kind, changes), module_of(table), table, record_id, changes, personal, "")
        entry.update(at=now, actor=name, role=role)
        entries.append(entry)
    _insert(session, entries)


@event.listens_for(Session, "do_orm_execute")
def _core_writes(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table_obj = getattr(state.statement, "table", None)
    table = str(getattr(table_obj, "name", ""))
    if not table or table in NOT_AUDITED:
        return
    _check(state.session, (table,))
    params = state.parameters
    count = len(params) if isinstance(params, list) else 1
    action = "create" if state.is_insert else "update" if state.is_update else "purge"
    write_entry(
        state.session,
        action=action,
        module=module_of(table),
        table=table,
        detail=f"{count} dòng (ghi hàng loạt)",
    )


def trace_created(session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """The trail of new rows written with Core (``persistence.bulk_insert``): the role check, then one
    "create" entry per row with exactly the fields an ORM flush of the same row records (``_diff``), in the
    session's transaction. ``rows`` are keyed by attribute, every column present, the sync columns stamped."""
    table = model.__tablename__
    _check(session, (table,))
    if table in NOT_AUDITED or not rows:
        return
    keys = [attr.key for attr in inspect(model).column_attrs if attr.key not in sync_column_names()]
    personal = tuple(getattr(model, "__personal_columns__", ()))
    name, role = who(session)
    now = _now(session)
    module = module_of(table)
    entries = []
    for row in rows:
        changes: dict[str, list[Any]] = {}
        for key in keys:
            value = _plain(row[key])
            if value not in (None, ""):
                changes[key] = [None, value]
        for key in SECRET_COLUMNS & changes.keys():
            changes[key] = ["…", "…"]
        entry = _entry("create", module, table, str(row["id"]), changes, personal, "")
        entry.update(at=now, actor=name, role=role)
        entries.append(entry)
    _insert(session, entries)


# the session events above, named for the bench that measures the trail's cost (bench/audit_overhead.py)
HOOKS = (
    ("before_flush", _refuse_forbidden),
    ("after_flush", _trace),
    ("do_orm_execute", _core_writes),
)


# ----------------------------------------------------------------------------------------- in bundles
AUDIT_ROW_NAMESPACE = uuid.UUID("6f1d3c1e-1b5a-4c55-9a59-15a0d1e0a015")


def entry_row_id(entry_id: int) -> str:
    """The UUID an audit entry travels under (the bundle format's rows have UUID ids); the same entry always
    gets the same id, so a second copy at the office changes nothing."""
    return str(uuid.uuid5(AUDIT_ROW_NAMESPACE, f"audit_log:{entry_id}"))


def entry_lines(session: Session, tables: Iterable[str], after_id: int) -> tuple[list[str], int]:
    """The audit entries of ``tables`` with an id above ``after_id``, as bundle rows (docs/sync-format.md,
    "Rows": id, revision 1, times, never deleted, ``fields``), and the highest entry id seen (``after_id``
    when none). The personal values kept apart (``audit_personal``) never travel: only their field names."""
    names = sorted(set(tables))
    query = (
        select(AuditEntry)
        .where(AuditEntry.id > after_id, AuditEntry.table_name.in_(names))
        .order_by(AuditEntry.id)
    )
    lines, top = [], after_id
    for entry in session.scalars(query):
        top = max(top, entry.id)
        stamp = entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        row = {
            "id": entry_row_id(entry.id),
            "revision": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "deleted_at": None,
            "deleted": False,
            "change_seq": entry.id,
            "fields": {
                "entry_id": entry.id,
                "at": stamp,
                "actor": entry.actor,
                "role": entry.role,
                "action": entry.action,
                "module": entry.module,
                "table_name": entry.table_name,
                "record_id": entry.record_id,
                "changes": json.loads(entry.changes_json or "{}"),
                "personal_fields": entry.personal_fields,
                "detail": entry.detail,
            },
        }
        lines.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    return lines, top
