"""Strict loader: rule file (JSON) → frozen ``Ruleset``. Anything odd is refused with the path in the file.

Refused: invalid JSON, duplicate keys, unknown keys, missing keys, duplicate codes, points that do not add
up (group = Σ children, criteria = max_total), thresholds outside 0–100 %, bands above the item's points,
n_of_m with n outside 1..m, references to facts not in the catalogue or inputs not declared, a fact of the
wrong type, and a tree deeper than ``MAX_DEPTH`` (the nested format cannot express a loop; the depth limit
guards a runaway file). See resources/rulesets/README.md for the format.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.scoring.catalogue import BOOL, CATALOGUE, DATE, INT, MONEY, SET
from pbgdpl_desktop.scoring.model import (
    GROUP,
    GROUP_RULES,
    INPUT_PREFIX,
    LEAF_KINDS,
    PASS_FAIL,
    POINTS,
    WHEN_ZERO,
    Band,
    Deadline,
    Disqualifier,
    InputSpec,
    Node,
    NotArisen,
    ProcedureStep,
    Ruleset,
)

FORMAT = 1
MAX_DEPTH = 6
_ID = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
_COMMON = {"code", "title", "kind", "points", "unconfirmed", "note", "source", "not_arisen", "local_choice"}
_KEYS = {
    GROUP: {"items", "rule", "n"},
    "ratio": {"numerator", "denominator", "threshold_percent", "when_zero", "bands", "unit", "verb"},
    "count": {"fact", "min", "max", "unit", "verb"},
    "boolean": {"fact"},
    "checkbox": {"fact", "options", "min"},
    "money": {"paid", "ceiling", "quantity", "when_zero"},
    "deadline": {"event", "start", "days", "day_unit"},
    "points_input": {"fact"},
}
_TOP = {
    "format",
    "id",
    "version",
    "title",
    "mode",
    "years",
    "legal_basis",
    "notes",
    "pass",
    "max_total",
    "counts",
    "inputs",
    "disqualifiers",
    "procedure",
    "criteria",
    "sources",
}
_INPUT_TYPES = {"bool": BOOL, "int": INT, "points": "points", "date": DATE, "choices": SET, "money": MONEY}


class RulesetError(DomainError):
    """A rule file is wrong; ``message`` names the file, the place in it and the problem (Vietnamese)."""


def _no_dup_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"khóa “{key}” bị lặp")
        out[key] = value
    return out


def parse_text(text: str, name: str = "tệp luật") -> dict[str, Any]:
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_dup_pairs)
    except json.JSONDecodeError as exc:
        raise RulesetError(
            f"{name}: không đọc được JSON ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}."
        ) from exc
    except ValueError as exc:
        raise RulesetError(f"{name}: {exc}.") from exc
    if not isinstance(data, dict):
        raise RulesetError(f"{name}: nội dung phải là một đối tượng JSON.")
    return data


def load_text(text: str, name: str = "tệp luật") -> Ruleset:
    return _Loader(name).ruleset(parse_text(text, name), text)


def load_path(path: Path) -> Ruleset:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesetError(f"Không đọc được tệp luật {path}: {exc}.") from exc
    return load_text(text, Path(path).name)


def dump_data(data: dict[str, Any]) -> str:
    """JSON text of a (parsed) rule file, Decimals kept exact."""

    def default(value: object) -> object:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        raise TypeError(type(value).__name__)

    return json.dumps(data, ensure_ascii=False, indent=1, default=default) + "\n"


class _Loader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.codes: dict[str, str] = {}
        self.inputs: dict[str, InputSpec] = {}
        self.mode = POINTS

    # ------------------------------------------------------------------ helpers
    def fail(self, path: str, problem: str) -> RulesetError:
        return RulesetError(f"Tệp luật {self.name}, {path}: {problem}.")

    def keys(self, obj: Any, path: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(path, "phải là một đối tượng JSON")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise self.fail(path, f"khóa không hợp lệ “{unknown[0]}” (có thể gõ sai)")
        missing = sorted(required - set(obj))
        if missing:
            raise self.fail(path, f"thiếu khóa “{missing[0]}”")
        return obj

    def text(self, obj: dict, key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key, "" if not required else None)
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(
                f"{path}.{key}", "phải là chuỗi chữ không rỗng" if required else "phải là chuỗi chữ"
            )
        return value

    def integer(self, obj: dict, key: str, path: str, lo: int, hi: int) -> int:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(f"{path}.{key}", f"phải là số nguyên từ {lo} đến {hi}")
        return value

    def number(self, obj: dict, key: str, path: str) -> Decimal:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or value < 0:
            raise self.fail(f"{path}.{key}", "phải là số không âm")
        return Decimal(value)

    def percent(self, obj: dict, key: str, path: str) -> Fraction:
        value = self.number(obj, key, path)
        if value > 100:
            raise self.fail(f"{path}.{key}", f"ngưỡng {value} % nằm ngoài khoảng 0–100 %")
        return Fraction(value)

    def flag(self, obj: dict, key: str, path: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{path}.{key}", "phải là true hoặc false")
        return value

    def ref(self, obj: dict, key: str, path: str, types: tuple[str, ...]) -> str:
        name = obj.get(key)
        where = f"{path}.{key}"
        if not isinstance(name, str) or not name:
            raise self.fail(where, "thiếu tên dữ liệu")
        if name.startswith(INPUT_PREFIX):
            spec = self.inputs.get(name)
            if spec is None:
                raise self.fail(where, f"giá trị nhập tay “{name}” chưa được khai báo trong “inputs”")
            kind = _INPUT_TYPES[spec.type]
        else:
            fact = CATALOGUE.get(name)
            if fact is None:
                raise self.fail(where, f"dữ liệu “{name}” không có trong danh mục dữ liệu của phần mềm")
            kind = fact.type
        if kind not in types and not (kind == MONEY and INT in types):
            raise self.fail(where, f"“{name}” có kiểu {kind}, ở đây cần kiểu {' hoặc '.join(types)}")
        return name

    def code(self, obj: dict, path: str) -> str:
        code = self.text(obj, "code", path)
        if code in self.codes:
            raise self.fail(f"{path}.code", f"mã “{code}” bị trùng với {self.codes[code]}")
        self.codes[code] = path
        return code

    # ------------------------------------------------------------------ top level
    def ruleset(self, data: dict[str, Any], source: str) -> Ruleset:
        top = self.keys(data, "gốc", _TOP, {"format", "id", "version", "title", "mode", "years", "criteria"})
        if top["format"] != FORMAT:
            raise self.fail(
                "format", f"phiên bản định dạng {top['format']!r} không được hỗ trợ (cần {FORMAT})"
            )
        rid = self.text(top, "id", "gốc")
        if not _ID.match(rid):
            raise self.fail("id", f"mã bộ luật “{rid}” chỉ được gồm chữ thường, số và dấu gạch dưới")
        self.mode = top["mode"]
        if self.mode not in (POINTS, PASS_FAIL):
            raise self.fail("mode", f"chế độ “{self.mode}” không hợp lệ (points hoặc pass_fail)")
        years = self.keys(top["years"], "years", {"from", "to"}, {"from"})
        year_to = None if years.get("to") is None else self.integer(years, "to", "years", 2000, 2100)
        year_from = self.integer(years, "from", "years", 2000, 2100)
        if year_to is not None and year_to < year_from:
            raise self.fail("years", "năm kết thúc trước năm bắt đầu")
        self.inputs = {spec.ref: spec for spec in self._inputs(top.get("inputs", []))}
        criteria = self._criteria(top["criteria"])
        total_min, min_ratio, max_total, unconfirmed = self._pass(top)
        self._check_totals(criteria, max_total)
        self._check_counts(top.get("counts"), criteria)
        deadlines, steps = self._procedure(top.get("procedure", {}))
        return Ruleset(
            id=rid,
            version=self.integer(top, "version", "gốc", 1, 1_000_000),
            title=self.text(top, "title", "gốc"),
            mode=self.mode,
            year_from=year_from,
            year_to=year_to,
            legal_basis=tuple(self._strings(top, "legal_basis")),
            criteria=criteria,
            inputs=tuple(self.inputs.values()),
            disqualifiers=self._disqualifiers(top.get("disqualifiers", [])),
            total_min=total_min,
            criterion_min_ratio=min_ratio,
            max_total=max_total,
            deadlines=deadlines,
            steps=steps,
            notes=tuple(self._strings(top, "notes")),
            unconfirmed_rules=unconfirmed,
            source_text=source,
        )

    def _strings(self, obj: dict, key: str) -> list[str]:
        values = obj.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(key, "phải là danh sách chuỗi chữ")
        return values

    def _list(self, value: Any, path: str, *, non_empty: bool = False) -> list:
        if not isinstance(value, list) or (non_empty and not value):
            raise self.fail(path, "phải là danh sách" + (" không rỗng" if non_empty else ""))
        return value

    def _pass(self, top: dict) -> tuple[Decimal | None, Fraction | None, Decimal | None, tuple[str, ...]]:
        if self.mode == PASS_FAIL:
            if "max_total" in top or "pass" in top:
                raise self.fail("gốc", "chế độ pass_fail không dùng “max_total”/“pass” (không chấm điểm)")
            return None, None, None, ()
        rules = self.keys(
            top.get("pass"),
            "pass",
            {"total_min", "criterion_min_percent", "unconfirmed", "source"},
            {"total_min", "criterion_min_percent"},
        )
        max_total = self.number(top, "max_total", "gốc")
        total_min = self.number(rules, "total_min", "pass")
        if total_min > max_total:
            raise self.fail("pass.total_min", f"ngưỡng tổng điểm {total_min} lớn hơn điểm tối đa {max_total}")
        ratio = self.percent(rules, "criterion_min_percent", "pass") / 100
        unconfirmed = (
            ("pass.total_min", "pass.criterion_min_percent")
            if self.flag(rules, "unconfirmed", "pass")
            else ()
        )
        return total_min, ratio, max_total, unconfirmed

    def _inputs(self, raw: Any) -> list[InputSpec]:
        specs, seen = [], set()
        for i, obj in enumerate(self._list(raw, "inputs")):
            path = f"inputs[{i}]"
            obj = self.keys(
                obj,
                path,
                {"code", "type", "label", "min", "max", "options", "unconfirmed", "help"},
                {"code", "type", "label"},
            )
            code = self.text(obj, "code", path)
            if code in seen:
                raise self.fail(f"{path}.code", f"giá trị nhập tay “{code}” khai báo hai lần")
            seen.add(code)
            if obj["type"] not in _INPUT_TYPES:
                raise self.fail(
                    f"{path}.type", f"kiểu “{obj['type']}” không hợp lệ ({', '.join(_INPUT_TYPES)})"
                )
            lo = self.number(obj, "min", path) if "min" in obj else None
            hi = self.number(obj, "max", path) if "max" in obj else None
            if obj["type"] == "points" and hi is None:
                raise self.fail(path, "giá trị kiểu points phải có “max”")
            if lo is not None and hi is not None and lo > hi:
                raise self.fail(path, "“min” lớn hơn “max”")
            specs.append(
                InputSpec(
                    code,
                    obj["type"],
                    self.text(obj, "label", path),
                    lo,
                    hi,
                    tuple(self._strings(obj, "options")),
                    self.flag(obj, "unconfirmed", path),
                    self.text(obj, "help", path, required=False),
                )
            )
        return specs

    def _disqualifiers(self, raw: Any) -> tuple[Disqualifier, ...]:
        out = []
        for i, obj in enumerate(self._list(raw, "disqualifiers")):
            path = f"disqualifiers[{i}]"
            obj = self.keys(
                obj,
                path,
                {"code", "title", "fact", "unconfirmed", "note", "source"},
                {"code", "title", "fact"},
            )
            out.append(
                Disqualifier(
                    self.code(obj, path),
                    self.text(obj, "title", path),
                    self.ref(obj, "fact", path, (BOOL,)),
                    self.flag(obj, "unconfirmed", path),
                    self.text(obj, "note", path, required=False),
                )
            )
        return tuple(out)

    def _procedure(self, raw: Any) -> tuple[tuple[Deadline, ...], tuple[ProcedureStep, ...]]:
        proc = self.keys(raw, "procedure", {"deadlines", "steps", "note"}, set())
        deadlines = []
        for i, obj in enumerate(self._list(proc.get("deadlines", []), "procedure.deadlines")):
            path = f"procedure.deadlines[{i}]"
            obj = self.keys(
                obj,
                path,
                {"code", "title", "month", "day", "year_offset", "unconfirmed", "source"},
                {"code", "title", "month", "day"},
            )
            deadlines.append(
                Deadline(
                    self.text(obj, "code", path),
                    self.text(obj, "title", path),
                    self.integer(obj, "month", path, 1, 12),
                    self.integer(obj, "day", path, 1, 31),
                    obj.get("year_offset", 1) if isinstance(obj.get("year_offset", 1), int) else 1,
                    self.flag(obj, "unconfirmed", path),
                )
            )
        known = {d.code for d in deadlines}
        steps = []
        for i, obj in enumerate(self._list(proc.get("steps", []), "procedure.steps")):
            path = f"procedure.steps[{i}]"
            obj = self.keys(
                obj,
                path,
                {"code", "title", "has_end", "min_days", "place", "deadline", "unconfirmed", "source"},
                {"code", "title"},
            )
            deadline = obj.get("deadline")
            if deadline is not None and deadline not in known:
                raise self.fail(f"{path}.deadline", f"không có hạn “{deadline}” trong procedure.deadlines")
            steps.append(
                ProcedureStep(
                    self.text(obj, "code", path),
                    self.text(obj, "title", path),
                    self.flag(obj, "has_end", path),
                    self.integer(obj, "min_days", path, 1, 365) if "min_days" in obj else None,
                    self.flag(obj, "place", path),
                    deadline,
                    self.flag(obj, "unconfirmed", path),
                )
            )
        return tuple(deadlines), tuple(steps)

    # ------------------------------------------------------------------ tree
    def _criteria(self, raw: Any) -> tuple[Node, ...]:
        items = self._list(raw, "criteria", non_empty=True)
        return tuple(self._node(obj, f"criteria[{i}]", depth=0) for i, obj in enumerate(items))

    def _node(self, obj: Any, path: str, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail(path, f"cây lồng quá {MAX_DEPTH} cấp")
        if not isinstance(obj, dict):
            raise self.fail(path, "phải là một đối tượng JSON")
        kind = obj.get("kind", GROUP if "items" in obj or depth == 0 else None)
        if kind not in _KEYS:
            raise self.fail(f"{path}.kind", f"loại “{kind}” không hợp lệ (group, {', '.join(LEAF_KINDS)})")
        obj = self.keys(
            obj, path, _COMMON | _KEYS[kind], {"code", "title"} | ({"items"} if kind == GROUP else set())
        )
        base = {
            "code": self.code(obj, path),
            "title": self.text(obj, "title", path),
            "kind": kind,
            "path": path,
            "points": self._points(obj, path),
            "unconfirmed": self.flag(obj, "unconfirmed", path),
            "local_choice": self.flag(obj, "local_choice", path),
            "note": self.text(obj, "note", path, required=False),
            "not_arisen": self._not_arisen(obj, path),
        }
        if kind == GROUP:
            return self._group(obj, path, depth, base)
        return Node(**base, **self._leaf(kind, obj, path, base["points"]))

    def _points(self, obj: dict, path: str) -> Decimal | None:
        if self.mode == PASS_FAIL:
            if obj.get("points") is not None:
                raise self.fail(f"{path}.points", "chế độ pass_fail không có điểm")
            return None
        if "points" not in obj:
            raise self.fail(path, "thiếu khóa “points” (chế độ chấm điểm)")
        return self.number(obj, "points", path)

    def _not_arisen(self, obj: dict, path: str) -> NotArisen | None:
        raw = obj.get("not_arisen")
        if raw is None:
            return None
        where = f"{path}.not_arisen"
        raw = self.keys(raw, where, {"fact", "when"}, {"fact", "when"})
        if raw["when"] not in ("zero", "true"):
            raise self.fail(f"{where}.when", "phải là “zero” hoặc “true”")
        return NotArisen(
            self.ref(raw, "fact", where, (INT,) if raw["when"] == "zero" else (BOOL,)), raw["when"]
        )

    def _group(self, obj: dict, path: str, depth: int, base: dict) -> Node:
        default = "sum" if self.mode == POINTS else "all"
        rule = obj.get("rule", default)
        if rule not in GROUP_RULES or (rule == "sum") != (self.mode == POINTS):
            allowed = "sum" if self.mode == POINTS else "all hoặc n_of_m"
            raise self.fail(
                f"{path}.rule", f"luật nhóm “{rule}” không hợp lệ ở chế độ {self.mode} (dùng {allowed})"
            )
        items = self._list(obj["items"], f"{path}.items", non_empty=True)
        children = tuple(self._node(c, f"{path}.items[{i}]", depth + 1) for i, c in enumerate(items))
        n = None
        if rule == "n_of_m":
            n = self.integer(obj, "n", path, 1, len(children))
        elif "n" in obj:
            raise self.fail(f"{path}.n", "“n” chỉ dùng với luật n_of_m")
        if self.mode == POINTS:
            total = sum((c.points or Decimal(0) for c in children), Decimal(0))
            if total != base["points"]:
                raise self.fail(
                    path,
                    f"điểm của “{base['code']}” là {base['points']} nhưng tổng điểm các mục con là {total}",
                )
        return Node(**base, children=children, rule=rule, n=n)

    def _leaf(self, kind: str, obj: dict, path: str, points: Decimal | None) -> dict[str, Any]:
        if kind == "ratio":
            return self._ratio(obj, path, points)
        if kind == "count":
            out = {
                "fact": self.ref(obj, "fact", path, (INT,)),
                "unit": obj.get("unit", ""),
                "verb": obj.get("verb", ""),
            }
            if "min" not in obj and "max" not in obj:
                raise self.fail(path, "kiểm tra số lượng cần “min” hoặc “max”")
            out["minimum"] = self.integer(obj, "min", path, 0, 10**9) if "min" in obj else None
            out["maximum"] = self.integer(obj, "max", path, 0, 10**9) if "max" in obj else None
            return out
        if kind == "boolean":
            return {"fact": self.ref(obj, "fact", path, (BOOL,))}
        if kind == "checkbox":
            options = self._strings(obj, "options")
            return {
                "fact": self.ref(obj, "fact", path, (SET,)),
                "options": tuple(options),
                "minimum": self.integer(obj, "min", path, 1, max(1, len(options))),
            }
        if kind == "money":
            return self._money(obj, path)
        if kind == "deadline":
            unit = obj.get("day_unit", "working")
            if unit not in ("working", "calendar"):
                raise self.fail(f"{path}.day_unit", "phải là “working” (ngày làm việc) hoặc “calendar”")
            return {
                "event": self.ref(obj, "event", path, (DATE,)),
                "start": self.ref(obj, "start", path, (DATE,)),
                "days": self.integer(obj, "days", path, 0, 366),
                "day_unit": unit,
            }
        fact = self.ref(obj, "fact", path, ("points",))  # points_input
        spec = self.inputs[fact]
        if spec.maximum != points:
            raise self.fail(path, f"điểm tối đa {points} khác “max” {spec.maximum} của giá trị nhập “{fact}”")
        return {"fact": fact}

    def _money(self, obj: dict, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "paid": self.ref(obj, "paid", path, (MONEY,)),
            "ceiling": self.ref(obj, "ceiling", path, (MONEY,)),
            "when_zero": obj.get("when_zero", "na"),
        }
        if "quantity" in obj:
            out["quantity"] = self.ref(obj, "quantity", path, (INT,))
        if out["when_zero"] not in ("na", "fail"):
            raise self.fail(f"{path}.when_zero", "phải là “na” hoặc “fail”")
        if "when_zero" in obj and "quantity" not in obj:
            raise self.fail(f"{path}.when_zero", "chỉ dùng khi có “quantity”")
        return out

    def _ratio(self, obj: dict, path: str, points: Decimal | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "numerator": self.ref(obj, "numerator", path, (INT,)),
            "denominator": self.ref(obj, "denominator", path, (INT,)),
            "threshold": self.percent(obj, "threshold_percent", path) if "threshold_percent" in obj else None,
            "when_zero": obj.get("when_zero", "na"),
            "unit": obj.get("unit", ""),
            "verb": obj.get("verb", ""),
        }
        if out["when_zero"] not in WHEN_ZERO:
            raise self.fail(f"{path}.when_zero", f"phải là một trong {', '.join(WHEN_ZERO)}")
        bands: list[Band] = []
        for i, raw in enumerate(self._list(obj.get("bands", []), f"{path}.bands")):
            where = f"{path}.bands[{i}]"
            raw = self.keys(raw, where, {"min_percent", "points"}, {"min_percent", "points"})
            band = Band(self.percent(raw, "min_percent", where), self.number(raw, "points", where))
            if points is None or band.points > points:
                raise self.fail(where, f"điểm của bậc ({band.points}) vượt điểm tối đa của mục ({points})")
            if bands and band.min_percent >= bands[-1].min_percent:
                raise self.fail(where, "các bậc phải xếp theo ngưỡng giảm dần")
            bands.append(band)
        if bands and out["threshold"] is not None:
            raise self.fail(path, "dùng “threshold_percent” hoặc “bands”, không dùng cả hai")
        if not bands and out["threshold"] is None:
            raise self.fail(path, "thiếu “threshold_percent” (ngưỡng đạt, %)")
        out["bands"] = tuple(bands)
        return out

    def _check_totals(self, criteria: tuple[Node, ...], max_total: Decimal | None) -> None:
        if self.mode != POINTS:
            return
        total = sum((c.points or Decimal(0) for c in criteria), Decimal(0))
        if total != max_total:
            raise self.fail("criteria", f"tổng điểm các tiêu chí là {total}, khác max_total {max_total}")

    def _check_counts(self, raw: Any, criteria: tuple[Node, ...]) -> None:
        if raw is None:
            return
        counts = self.keys(raw, "counts", {"criteria", "indicators"}, {"criteria", "indicators"})
        indicators = sum(len(c.children) for c in criteria)
        if counts["criteria"] != len(criteria):
            raise self.fail("criteria", f"có {len(criteria)} tiêu chí, tệp khai báo {counts['criteria']}")
        if counts["indicators"] != indicators:
            raise self.fail(
                "criteria",
                f"có {indicators} chỉ tiêu, tệp khai báo {counts['indicators']} (thiếu hoặc thừa chỉ tiêu)",
            )
