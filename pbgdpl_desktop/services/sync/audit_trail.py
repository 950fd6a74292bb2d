"""The audit trail and bundles (issue #15): what a bundle import leaves in the trail, and the trail of the
synced tables carried in ``full``-privacy bundles (never in ``minimal`` ones) so that the office can answer
"who changed this number" per ward.

The entries travel as ``data/audit_log.jsonl``, rows of the usual shape whose ``fields`` are the entry (who,
when, what, which record, the fields before and after without personal values). A ward sends each entry once:
the highest entry id sent is kept in ``app_meta`` (``audit_sent_to``), set in the transaction that logs the
export; a bundle with every record (``full``) or a resend carries the whole trail again (the office keeps
one copy of each entry: the row id is derived from the entry id). At the office the rows are kept per ward
in ``office_row`` like every other table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.audit import entry_lines, write_entry
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.sync.bundle import BundleWriter, data_member

AUDIT_TABLE = "audit_log"
SENT_KEY = "audit_sent_to"
COUNT_LABELS = (
    ("inserted", "mới"),
    ("updated", "cập nhật"),
    ("deleted", "xóa"),
    ("unchanged", "không đổi"),
    ("older", "cũ hơn"),
    ("rejected", "từ chối"),
)


def carried_tables() -> set[str]:
    """The tables an office accepts from a bundle: the synced ones and the audit trail."""
    return {t.name for t in sync_repo.synced_tables()} | {AUDIT_TABLE}


def audit_lines(session: DbSession, *, privacy: str, from_start: bool) -> tuple[list[str], int]:
    """The trail lines a bundle carries (none unless ``privacy == "full"``) and the entry id reached."""
    if privacy != "full":
        return [], 0
    sent = 0 if from_start else int(sync_repo.get_meta(session, SENT_KEY) or 0)
    return entry_lines(session, (t.name for t in sync_repo.synced_tables()), sent)


def add_to_bundle(writer: BundleWriter, lines: Sequence[str]) -> None:
    """``data/audit_log.jsonl`` in the bundle being written (nothing when there are no lines)."""
    if lines:
        writer.add_blocks(
            data_member(AUDIT_TABLE), iter([(("\n".join(lines) + "\n").encode("utf-8"), len(lines))])
        )


def mark_sent(session: DbSession, top: int) -> None:
    """After a bundle that carried the trail up to entry ``top`` is logged (same transaction)."""
    if top > int(sync_repo.get_meta(session, SENT_KEY) or 0):
        sync_repo.set_meta(session, SENT_KEY, str(top))


def trace_import(
    session: DbSession,
    *,
    kind: str,
    ward_code: str,
    seq: int,
    bundle_id: str,
    file_name: str,
    tables: Mapping[str, Mapping[str, Any]] | None = None,
    detail: str = "",
) -> None:
    """One trail entry for an imported bundle (who — the signed-in user —, which bundle, the counts), in
    the transaction that applied it."""
    totals: dict[str, int] = {}
    for counts in (tables or {}).values():
        for key, value in counts.items():
            if isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
    summary = ", ".join(f"{label} {totals[key]}" for key, label in COUNT_LABELS if totals.get(key))
    text = f"gói số {seq} của {ward_code} ({file_name})" + (f": {summary}" if summary else "")
    write_entry(
        session,
        action=kind,
        module="sync",
        table="sync_import",
        record_id=bundle_id,
        changes={"tables": [None, {k: dict(v) for k, v in (tables or {}).items()}]} if tables else None,
        detail=(text + (f"; {detail}" if detail else ""))[:500],
    )
