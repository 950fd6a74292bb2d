"""Rule files and norm tables the office offers in its replies (docs/office.md, "Rule files and norm tables
in replies"): reading an offered file, saying what it changes against what the ward has, installing it.

A rule file is the scoring rule file format (``resources/rulesets/README.md``). A norm table is a small JSON
file of provincial ceilings::

    {"format": 1, "kind": "norm_table", "id": "stp_01", "version": 2, "title": "…",
     "resolution_number": "12/2026/NQ-HĐND", "resolution_date": "2026-01-15",
     "norms": [{"category": "CODE", "variant": "", "amount": 150000, "unit": "người/buổi",
                "effective_from": "2026-01-01"}]}

Versions: an offered file is installed only when its version is newer than every version of the same id the
ward has (the shipped rule file included; a norm table never installed counts as version 0)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.money import MAX_AMOUNT, format_money
from pbgdpl_desktop.domain.norms import Norm, norm_in_force
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.scoring.loader import RulesetError, load_text, parse_text

RULES, NORMS = "rules", "norms"
KIND_LABELS = {RULES: "Bộ tiêu chí", NORMS: "Bảng định mức"}
STATUS_LABELS = {"pending": "Chờ quyết định", "accepted": "Đã nhận", "declined": "Đã từ chối"}
NORM_META = "norm_table_version:"
_ID = re.compile(r"^[a-z0-9_]{1,60}$")
_COMPARED = ("title", "points", "threshold_percent", "n", "days", "min", "max", "rule")


@dataclass(frozen=True)
class NormEntry:
    category: str
    variant: str
    amount: int
    unit: str
    effective_from: date


@dataclass(frozen=True)
class NormTable:
    id: str
    version: int
    title: str
    resolution_number: str
    resolution_date: date | None
    norms: tuple[NormEntry, ...]


@dataclass(frozen=True)
class OfferedFile:
    """What the office sends: kind, file name, id, version, title and the text."""

    kind: str
    name: str
    id: str
    version: int
    title: str
    content: str


def _date(value: object, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError(f"{where}: ngày “{value}” không đúng dạng yyyy-mm-dd.") from exc


def parse_norm_table(text: str, name: str = "bảng định mức") -> NormTable:
    """Strict: anything missing or odd is refused with where it is."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DomainError(f"Tệp {name} không phải JSON hợp lệ.") from exc
    if not isinstance(data, dict) or data.get("kind") != "norm_table" or data.get("format") != 1:
        raise DomainError(f'Tệp {name} không phải bảng định mức (cần "kind": "norm_table", "format": 1).')
    table_id, version = data.get("id"), data.get("version")
    if not isinstance(table_id, str) or not _ID.match(table_id):
        raise DomainError(f"Tệp {name}: mã bảng định mức (id) phải là chữ thường, số, “_”.")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DomainError(f"Tệp {name}: phiên bản (version) phải là số nguyên ≥ 1.")
    rows = data.get("norms")
    if not isinstance(rows, list) or not rows:
        raise DomainError(f"Tệp {name}: chưa có định mức nào (norms).")
    norms = []
    for i, row in enumerate(rows):
        where = f"Tệp {name}, norms[{i}]"
        if not isinstance(row, dict) or not isinstance(row.get("category"), str) or not row["category"]:
            raise DomainError(f"{where}: thiếu mã nội dung chi (category).")
        amount = row.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
            raise DomainError(f"{where}: mức chi (amount) phải là số đồng nguyên dương.")
        norms.append(
            NormEntry(
                nfc(row["category"]).strip(),
                nfc(str(row.get("variant", ""))).strip(),
                amount,
                nfc(str(row.get("unit", ""))).strip(),
                _date(row.get("effective_from"), where),
            )
        )
    resolution_date = data.get("resolution_date")
    return NormTable(
        table_id,
        version,
        nfc(str(data.get("title", ""))).strip() or table_id,
        nfc(str(data.get("resolution_number", ""))).strip(),
        _date(resolution_date, f"Tệp {name}") if resolution_date else None,
        tuple(norms),
    )


def read_offer_file(path: Path, kind: str) -> OfferedFile:
    """A rule file or norm table the office adds to a reply: read and validated before it is signed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(f"Không đọc được tệp {path}: {exc}.") from exc
    return offered_from_text(kind, path.name, text)


def offered_from_text(kind: str, name: str, text: str) -> OfferedFile:
    text = nfc(text)
    if kind == RULES:
        try:
            rs = load_text(text, name)
        except RulesetError as exc:
            raise DomainError(f"Tệp bộ tiêu chí {name} không hợp lệ: {exc}") from exc
        return OfferedFile(RULES, name, rs.id, rs.version, rs.title, text)
    if kind == NORMS:
        table = parse_norm_table(text, name)
        return OfferedFile(NORMS, name, table.id, table.version, table.title, text)
    raise DomainError(f"Loại tệp “{kind}” không gửi kèm được (chỉ bộ tiêu chí hoặc bảng định mức).")


# ---------------------------------------------------------------------------------------------- differences
def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("items", []))


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def rules_changes(current_text: str | None, offered_text: str) -> list[str]:
    """What the offered rule file changes against the ward's newest version of the same id, one line per
    indicator: points, thresholds, n, days, titles; indicators added or removed."""
    new = {n["code"]: n for n in _walk(parse_text(offered_text)["criteria"]) if "code" in n}
    if current_text is None:
        return [f"Bộ tiêu chí mới ở xã/phường: {len(new)} mục."]
    old = {n["code"]: n for n in _walk(parse_text(current_text)["criteria"]) if "code" in n}
    lines = []
    for code, node in new.items():
        before = old.get(code)
        if before is None:
            lines.append(f"{code}: mục mới")
            continue
        for key in _COMPARED:
            if before.get(key) != node.get(key):
                what = {"title": "tên", "points": "điểm", "threshold_percent": "ngưỡng %"}.get(key, key)
                lines.append(f"{code}: {what} {_show(before.get(key, '—'))} → {_show(node.get(key, '—'))}")
    lines.extend(f"{code}: bỏ mục này" for code in old if code not in new)
    return lines or ["Không khác phiên bản đang dùng (chỉ đổi số phiên bản hoặc ghi chú)."]


def norms_changes(current: list[Norm], table: NormTable, today: date) -> list[str]:
    """Each offered ceiling beside the one in force for the same item on its effective date."""
    lines = []
    for n in table.norms:
        now = norm_in_force(current, n.category, n.variant, n.effective_from) or norm_in_force(
            current, n.category, n.variant, today
        )
        label = n.category + (f" ({n.variant})" if n.variant else "")
        before = format_money(now.amount) if now is not None else "chưa có"
        lines.append(f"{label}: {before} → {format_money(n.amount)} từ {n.effective_from:%d/%m/%Y}")
    return lines
