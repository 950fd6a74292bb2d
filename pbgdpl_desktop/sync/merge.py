"""The import rule, row by row (docs/sync-format.md, "How an office applies rows"): pure, no database.

Revisions decide: a row is written when its revision is higher than the one held (or none is held); an
older or equal revision changes nothing. A tombstone is a row like any other, so it wins over an older edit
and loses to a newer one. Timestamps are the ward's, kept as sent: they never decide.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")

UNKNOWN_TABLE = "bảng không có trong phiên bản phần mềm này"


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0
    older: int = 0  # of ``unchanged``: an older revision than the one held, ignored
    reasons: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "rejected": self.rejected,
            "older": self.older,
            "reasons": dict(self.reasons),
        }


@dataclass(frozen=True)
class IncomingRow:
    row_id: str
    revision: int
    created_at: str
    updated_at: str
    deleted_at: str | None
    change_seq: int
    data: str  # the fields, JSON


def parse_row(line: bytes) -> IncomingRow | str:
    """The row of one JSON Lines line, or the reason it is rejected."""
    try:
        obj = json.loads(line)
    except ValueError:
        return "dòng không phải JSON hợp lệ"
    if not isinstance(obj, dict):
        return "dòng không phải đối tượng JSON"
    row_id, revision, seq, fields = (
        obj.get("id"),
        obj.get("revision"),
        obj.get("change_seq"),
        obj.get("fields"),
    )
    if not isinstance(row_id, str) or not _UUID.match(row_id):
        return "thiếu hoặc sai mã bản ghi (UUID)"
    if type(revision) is not int or revision < 1 or type(seq) is not int or seq < 0:
        return "số phiên bản (revision) hoặc change_seq không hợp lệ"
    created, updated, deleted_at = obj.get("created_at"), obj.get("updated_at"), obj.get("deleted_at")
    if not all(isinstance(t, str) and _TIME.match(t) for t in (created, updated)):
        return "thời điểm tạo/sửa không hợp lệ"
    if deleted_at is not None and not (isinstance(deleted_at, str) and _TIME.match(deleted_at)):
        return "thời điểm xóa không hợp lệ"
    if obj.get("deleted") is not (deleted_at is not None):
        return "cờ xóa không khớp thời điểm xóa"
    if not isinstance(fields, dict):
        return "thiếu các trường dữ liệu"
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return IncomingRow(row_id, revision, created, updated, deleted_at, seq, data)  # type: ignore[arg-type]


def classify(
    rows: Iterable[IncomingRow], held: dict[str, tuple[int, bool]], counts: TableCounts
) -> tuple[list[IncomingRow], list[IncomingRow]]:
    """Split ``rows`` into (to insert, to update) against ``held`` (row_id -> (revision, deleted)),
    counting each row once in ``counts``. A second copy of a row id in one bundle is rejected."""
    inserts: list[IncomingRow] = []
    updates: list[IncomingRow] = []
    seen: set[str] = set()
    for row in rows:
        if row.row_id in seen:
            counts.rejected += 1
            counts.reasons["mã bản ghi lặp lại trong gói"] += 1
            continue
        seen.add(row.row_id)
        current = held.get(row.row_id)
        deleted = row.deleted_at is not None
        if current is None:
            inserts.append(row)
            if deleted:
                counts.deleted += 1
            else:
                counts.inserted += 1
        elif row.revision > current[0]:
            updates.append(row)
            if deleted and not current[1]:
                counts.deleted += 1
            else:
                counts.updated += 1
        else:
            counts.unchanged += 1
            if row.revision < current[0]:
                counts.older += 1
    return inserts, updates
