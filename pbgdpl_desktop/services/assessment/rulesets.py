"""Rule files: the shipped ones (resources/rulesets) and local versions (edited in the app or imported),
kept under ``<data dir>/rulesets/<id>/v<version>.json``. Old versions are never removed: saved results
name the id and version they were computed with.

Which ruleset applies follows the evaluation year (2022–2024 QĐ 25/2021, 2026+ QĐ 27/2025); a year no
ruleset covers (2025) needs an explicit choice.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbgdpl_desktop.domain.assessment import RulesetInfo
from pbgdpl_desktop.domain.errors import DomainError, NotFoundError, StorageError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.scoring.loader import RulesetError, dump_data, load_text, parse_text
from pbgdpl_desktop.scoring.model import Ruleset

if TYPE_CHECKING:
    from pbgdpl_desktop.services.core.context import ServiceContext

EDITABLE_KEYS = ("points", "threshold_percent", "n", "days")


class RulesetStore:
    def __init__(self, data_dir: Path, ctx: ServiceContext | None = None) -> None:
        """With ``ctx`` (the app's store), writing a version is the administrator's (``Action.RULES``) and
        each version written leaves an audit entry."""
        self._ctx = ctx
        self._local_dir = Path(data_dir) / "rulesets"
        self._cache: dict[tuple[Path, float], Ruleset] = {}

    # ------------------------------------------------------------------ reading
    def _load(self, path: Path) -> Ruleset:
        key = (path, path.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = load_text(path.read_text(encoding="utf-8"), path.name)
        return self._cache[key]

    def _files(self) -> list[tuple[Path, bool]]:
        shipped = sorted(Path(resource("rulesets")).glob("*.json"))
        local = sorted(self._local_dir.glob("*/v*.json")) if self._local_dir.is_dir() else []
        return [(p, False) for p in shipped] + [(p, True) for p in local]

    def catalog(self) -> list[RulesetInfo]:
        infos = {}
        for path, local in self._files():
            try:
                rs = self._load(path)
            except RulesetError:
                continue  # a broken local file never hides the others; import refuses them anyway
            infos[(rs.id, rs.version)] = RulesetInfo(
                rs.id, rs.version, rs.title, local, rs.year_from, rs.year_to
            )
        return sorted(infos.values(), key=lambda i: (i.id, i.version))

    def get(self, ruleset_id: str, version: int | None = None) -> Ruleset:
        matches = [
            i for i in self.catalog() if i.id == ruleset_id and (version is None or i.version == version)
        ]
        if not matches:
            what = f"“{ruleset_id}”" + (f" phiên bản {version}" if version is not None else "")
            raise NotFoundError(f"Không có bộ tiêu chí {what}. Các bộ hiện có: {self._ids()}.")
        info = matches[-1]
        for path, _local in self._files():
            rs = self._safe_load(path)
            if rs is not None and rs.id == info.id and rs.version == info.version:
                return rs
        raise NotFoundError(
            f"Không đọc được bộ tiêu chí “{ruleset_id}”."
        )  # pragma: no cover - raced deletion

    def _safe_load(self, path: Path) -> Ruleset | None:
        try:
            return self._load(path)
        except RulesetError:
            return None

    def _ids(self) -> str:
        return ", ".join(sorted({i.id for i in self.catalog()}))

    def for_year(self, year: int) -> Ruleset:
        ids = sorted(
            {i.id for i in self.catalog() if i.year_from <= year and (i.year_to is None or year <= i.year_to)}
        )
        if not ids:
            raise DomainError(
                f"Năm {year} không có bộ tiêu chí áp dụng (QĐ 25/2021 áp dụng cho các năm 2022–2024, QĐ 27/2025 "
                f"từ năm 2026). Hãy chọn bộ tiêu chí cụ thể."
            )
        return self.get(ids[-1])

    # ------------------------------------------------------------------ writing
    def _require(self) -> None:
        if self._ctx is not None:
            require(self._ctx.actor, Action.RULES)

    def _write_traced(self, data: dict[str, Any], how: str) -> Ruleset:
        """Write a version with its audit entry: the entry first, the file last, in one transaction (a failed
        trail writes no file; a file that cannot be written leaves no entry)."""
        if self._ctx is None or self._ctx.db.read_only:
            return self._write(data)
        with self._ctx.db.transaction(system=True) as session:
            write_entry(
                session,
                action=how,
                module="assessment",
                detail=f"bộ tiêu chí {data.get('id')} phiên bản {data.get('version')}",
            )
            return self._write(data)

    def _write(self, data: dict[str, Any]) -> Ruleset:
        text = dump_data(data)
        rs = load_text(text, f"{data.get('id')} phiên bản {data.get('version')}")  # validate before writing
        target = self._local_dir / rs.id / f"v{rs.version}.json"
        tmp = target.with_name(target.name + ".tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                f"Không ghi được bộ tiêu chí vào {target.parent}: {exc.strerror or exc}."
            ) from exc
        return rs

    def _next_version(self, ruleset_id: str) -> int:
        return max((i.version for i in self.catalog() if i.id == ruleset_id), default=0) + 1

    def save_edits(self, ruleset_id: str, base_version: int, edits: dict[str, dict[str, Any]]) -> Ruleset:
        """A new local version with ``edits`` (code → {points|threshold_percent|n|days: value}) applied to
        ``base_version``; the loader validates the whole file first (totals, ranges)."""
        self._require()
        base = self.get(ruleset_id, base_version)
        data = copy.deepcopy(parse_text(base.source_text))
        found = _apply(data["criteria"], edits)
        missing = sorted(set(edits) - found)
        if missing:
            raise NotFoundError(f"Bộ tiêu chí {ruleset_id} không có mục “{missing[0]}”.")
        _follow_points_inputs(data, edits)
        if "max_total" in data:
            _resum(data["criteria"], edits)
            data["max_total"] = sum((Decimal(str(c.get("points", 0))) for c in data["criteria"]), Decimal(0))
        data["version"] = self._next_version(ruleset_id)
        return self._write_traced(data, "ruleset_edit")

    def import_file(self, path: Path) -> Ruleset:
        """Validate a rule file (e.g. sent by Sở Tư pháp) and keep it as a local version; a version number
        already used gets the next free one."""
        self._require()
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesetError(f"Không đọc được tệp {path}: {exc}.") from exc
        rs = load_text(text, Path(path).name)
        data = parse_text(text)
        if any(i.id == rs.id and i.version == rs.version for i in self.catalog()):
            data["version"] = self._next_version(rs.id)
        return self._write_traced(data, "ruleset_import")


def _apply(nodes: list[dict[str, Any]], edits: dict[str, dict[str, Any]]) -> set[str]:
    found = set()
    for node in nodes:
        change = edits.get(node.get("code", ""))
        if change:
            found.add(node["code"])
            for key, value in change.items():
                if key not in EDITABLE_KEYS:
                    raise DomainError(
                        f"Không sửa được “{key}” của {node['code']} (chỉ sửa điểm, ngưỡng, n, số ngày)."
                    )
                node[key] = Decimal(str(value)) if key in ("points", "threshold_percent") else value
        found |= _apply(node.get("items", []), edits)
    return found


def _resum(nodes: list[dict[str, Any]], edits: dict[str, dict[str, Any]]) -> None:
    """Points mode: a group not edited explicitly takes the sum of its children (edited or not)."""
    for node in nodes:
        items = node.get("items")
        if not items:
            continue
        _resum(items, edits)
        if "points" not in edits.get(node["code"], {}):
            node["points"] = sum((Decimal(str(c.get("points", 0))) for c in items), Decimal(0))


def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("items", []))


def _follow_points_inputs(data: dict[str, Any], edits: dict[str, dict[str, Any]]) -> None:
    """A self-scored item whose points change: its input's ``max`` follows."""
    inputs = {f"input.{i.get('code')}": i for i in data.get("inputs", [])}
    for node in _walk(data["criteria"]):
        if node.get("kind") == "points_input" and "points" in edits.get(node["code"], {}):
            spec = inputs.get(node.get("fact", ""))
            if spec is not None:
                spec["max"] = node["points"]
