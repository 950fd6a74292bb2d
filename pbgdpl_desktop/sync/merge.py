"""The import rule (docs/sync-format.md, "How an office applies rows"), the row checks and the report counts.

Revisions decide: a row is written when its revision is higher than the one held (or none is held); an
older or equal revision changes nothing. A tombstone is a row like any other, so it wins over an older edit
and loses to a newer one. Timestamps are the ward's, kept as sent: they never decide.

This module checks the lines of a data member (``check_text``, ``check_lines``), decides for each valid row against the
revision held (``plan``), names the reasons a row is rejected and holds the counts of the report; the
service (``services.sync.imports``) fetches the held revisions and writes the plan in one transaction.

Checking is the cost of an import, so it has two paths with the same outcome. The exact one parses each
line with ``json.loads`` and checks every key. The fast one matches the line's envelope as our writer lays
it out (fixed key order, no spaces: ``{"id":…,"revision":…,…,"fields":{``) with one regular expression, a
strict subset of what the exact check accepts, and leaves the JSON validity of the whole line to SQLite's
``json_valid`` right after the insert (``sync_repo.write_rows``, in a savepoint); a line the fast path does
not match goes through the exact check, and a table where SQLite finds a line not valid is redone with the
exact check. (SQLite 3.42–3.44's ``json_valid`` also accepts JSON5; 3.45 and later, like 3.40, only JSON.)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

UNKNOWN_TABLE = "bảng không có trong phiên bản phần mềm này"

# Why a line of a data member is rejected, by the code ``check_line`` gives it.
REASONS = {
    "json": "dòng không phải đối tượng JSON hợp lệ",
    "id": "thiếu hoặc sai mã bản ghi (UUID)",
    "revision": "số phiên bản (revision) hoặc change_seq không hợp lệ",
    "time": "thời điểm tạo/sửa/xóa không hợp lệ",
    "deleted": "cờ xóa không khớp thời điểm xóa",
    "fields": "thiếu các trường dữ liệu",
    "duplicate": "mã bản ghi lặp lại trong gói",
}


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


class Row(NamedTuple):
    """A valid line of a data member: the values the office keeps beside the line itself."""

    row_id: str
    revision: int
    created_at: str
    updated_at: str
    deleted_at: str | None
    change_seq: int
    line: str


_MAX_INT = (1 << 63) - 1
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# SQLite GLOB '[0-9]x4-[0-9]x2-…T…:…:…*Z' and at most 27 characters, as the format says
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.*Z", re.DOTALL)
_FAST_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?Z"
_FAST = re.compile(
    r'\{"id":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})","revision":([1-9][0-9]{0,17}),'
    rf'"created_at":"({_FAST_TIME})","updated_at":"({_FAST_TIME})",'
    rf'(?:"deleted_at":null,"deleted":false|"deleted_at":"({_FAST_TIME})","deleted":true),'
    r'"change_seq":(0|[1-9][0-9]{0,17}),"fields":\{'
)


_FAST_LINE = re.compile("^" + _FAST.pattern + r"[^\n]*\}\}$", re.MULTILINE)


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


_loads = json.JSONDecoder(parse_constant=_no_constant).decode


def _time_ok(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 27 and _TIME.fullmatch(value) is not None


def _int(value: object, low: int) -> bool:
    return type(value) is int and low <= value <= _MAX_INT


def check_line(line: str) -> tuple[str | None, Row | None]:
    """The exact check of one line: (reason code, None) or (None, the row). The codes are ``REASONS``'."""
    try:
        row = _loads(line)
    except (ValueError, RecursionError):
        return "json", None
    if not isinstance(row, dict):
        return "json", None
    row_id = row.get("id")
    if not isinstance(row_id, str) or _UUID.fullmatch(row_id) is None:
        return "id", None
    revision, seq = row.get("revision"), row.get("change_seq")
    if not _int(revision, 1) or not _int(seq, 0):
        return "revision", None
    created, updated, deleted_at = row.get("created_at"), row.get("updated_at"), row.get("deleted_at")
    tombstone_ok = (deleted_at is None and "deleted_at" in row) or _time_ok(deleted_at)
    if not _time_ok(created) or not _time_ok(updated) or not tombstone_ok:
        return "time", None
    if row.get("deleted") is not (deleted_at is not None):
        return "deleted", None
    if not isinstance(row.get("fields"), dict):
        return "fields", None
    return None, Row(
        row_id, row["revision"], row["created_at"], row["updated_at"], deleted_at, row["change_seq"], line
    )


@dataclass
class CheckedLines:
    rows: list[Row] = field(default_factory=list)  # valid, first copy of each id, in the bundle's order
    rejected: Counter[str] = field(default_factory=Counter)  # reason code -> lines
    exact: bool = True  # every row went through the exact check (else SQLite's json_valid must confirm)


def check_lines(lines: Iterable[str], *, exact: bool = False) -> CheckedLines:
    """Check every line; a second copy of a valid row's id is rejected as ``duplicate`` (the first counts)."""
    out = CheckedLines()
    seen: set[str] = set()
    fast = None if exact else _FAST.match
    for line in lines:
        m = fast(line) if fast is not None else None
        quick = m is not None and line.endswith("}}")
        if quick:
            assert m is not None
            row_id, rev, created, updated, deleted_at, seq = m.groups()
            row: Row | None = Row(row_id, int(rev), created, updated, deleted_at, int(seq), line)
        else:
            reason, row = check_line(line)
            if reason is not None:
                out.rejected[reason] += 1
                continue
        assert row is not None
        if row.row_id in seen:  # a broken copy the fast path let through is "json", as exactly
            out.rejected[(check_line(line)[0] if quick else None) or "duplicate"] += 1
            continue
        seen.add(row.row_id)
        out.rows.append(row)
        out.exact = out.exact and not quick
    return out


def check_text(text: str, *, exact: bool = False) -> CheckedLines:
    """``check_lines`` over a whole data member (every line ends with \\n): the fast path scans the text
    with one pattern, line by line in order, and hands the lines between its matches to the exact check."""
    if exact:
        return check_lines(text.split("\n")[:-1], exact=True)
    out = CheckedLines()
    seen: set[str] = set()

    exact_rows = 0

    def keep(row: Row) -> None:
        nonlocal exact_rows
        if row.row_id in seen:
            out.rejected["duplicate"] += 1
        else:
            seen.add(row.row_id)
            out.rows.append(row)
            exact_rows += 1

    def exactly(chunk: str) -> None:
        for line in chunk.split("\n")[:-1]:
            reason, row = check_line(line)
            if reason is not None:
                out.rejected[reason] += 1
            else:
                assert row is not None
                keep(row)

    pos = 0
    rows = out.rows
    for m in _FAST_LINE.finditer(text):
        if m.start() != pos:
            exactly(text[pos : m.start()])
        row_id, rev, created, updated, deleted_at, seq = m.groups()
        if row_id in seen:  # inline ``keep``: this loop runs once per row
            out.rejected[check_line(m.group())[0] or "duplicate"] += 1  # a broken copy is "json", as exactly
        else:
            seen.add(row_id)
            rows.append(Row(row_id, int(rev), created, updated, deleted_at, int(seq), m.group()))
        pos = m.end() + 1
    if pos < len(text):
        exactly(text[pos:])
    out.exact = len(rows) == exact_rows
    return out


@dataclass
class Plan:
    counts: dict[str, int]  # inserted, updated, unchanged, deleted, older
    inserts: list[Row]
    updates: list[Row]


def plan(rows: Sequence[Row], held: Mapping[str, tuple[int, bool]]) -> Plan:
    """What the rule does with each valid row, given the (revision, is tombstone) held per row id."""
    counts = dict.fromkeys(("inserted", "updated", "unchanged", "deleted", "older"), 0)
    inserts: list[Row] = []
    updates: list[Row] = []
    for row in rows:
        had = held.get(row.row_id)
        if had is None:
            counts["inserted" if row.deleted_at is None else "deleted"] += 1
            inserts.append(row)
            continue
        held_rev, held_deleted = had
        if held_rev < row.revision:
            counts["deleted" if row.deleted_at is not None and not held_deleted else "updated"] += 1
            updates.append(row)
        else:
            counts["unchanged"] += 1
            if held_rev > row.revision:
                counts["older"] += 1
    return Plan(counts, inserts, updates)
