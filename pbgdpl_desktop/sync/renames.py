"""Columns renamed by a release, mapped forward when an office imports a bundle written by an older one
(docs/sync-format.md, "Bundles from older releases").

A bundle says which schema revision wrote it (``schema_revision``). A ``Rename`` says that the migration
``since`` renamed ``table.old`` to ``table.new``: a bundle of a revision older than ``since`` carries the old
name, and the import renames that key of ``fields`` before checking and storing the line. The release whose
migration renames a column adds one line to ``RENAMED_COLUMNS``; nothing has been renamed yet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rename:
    table: str
    old: str
    new: str
    since: str  # the schema revision whose migration renamed the column


RENAMED_COLUMNS: tuple[Rename, ...] = ()

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def renames_for(
    renames: Iterable[Rename], table: str, schema_revision: str, order: Sequence[str]
) -> dict[str, str]:
    """old → new for the lines of ``table`` in a bundle of ``schema_revision`` (``order``: the revisions,
    oldest first). Renames made in sequence chain (a → b in one release, b → c later: a → c)."""
    if schema_revision not in order:
        return {}
    written = order.index(schema_revision)
    steps = sorted(
        (r for r in renames if r.table == table and r.since in order and order.index(r.since) > written),
        key=lambda r: order.index(r.since),
    )
    mapping: dict[str, str] = {}
    for step in steps:
        for old, new in mapping.items():
            if new == step.old:
                mapping[old] = step.new
        mapping.setdefault(step.old, step.new)
    return mapping


def map_line(line: str, mapping: dict[str, str]) -> str:
    """The line with the old keys of ``fields`` renamed (order kept); a line that is not a row is left as it
    is for the checks to reject. A new name already present wins over the old one."""
    try:
        row = json.loads(line)
    except ValueError:
        return line
    fields = row.get("fields") if isinstance(row, dict) else None
    if not isinstance(fields, dict) or not any(old in fields for old in mapping):
        return line
    renamed: dict[str, object] = {}
    for key, value in fields.items():
        new = mapping.get(key)
        if new is None:
            renamed[key] = value
        elif new not in fields:
            renamed[new] = value
    row["fields"] = renamed
    return _dumps(row)
