"""Reading facts and manual values for the engine: coercion to the declared type and validation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.scoring.catalogue import BOOL, CATALOGUE, DATE, INT, MONEY, SET
from pbgdpl_desktop.scoring.model import INPUT_PREFIX, Ruleset

_INPUT_KIND = {"bool": BOOL, "int": INT, "points": "points", "date": DATE, "choices": SET, "money": MONEY}
INVALID = object()  # a stored value that no longer fits its declared type


def kind_of(ruleset: Ruleset, ref: str) -> str:
    if ref.startswith(INPUT_PREFIX):
        spec = ruleset.input(ref)
        return _INPUT_KIND[spec.type] if spec else INT
    fact = CATALOGUE.get(ref)
    return fact.type if fact else INT


def coerce(kind: str, value: Any) -> Any:
    """Value in its engine type, ``None`` for "no value", ``INVALID`` when it cannot be read."""
    if value is None:
        return None
    try:
        if kind == BOOL:
            return value if isinstance(value, bool) else INVALID
        if kind in (INT, MONEY):
            return int(value) if isinstance(value, int) and not isinstance(value, bool) else INVALID
        if kind == "points":
            return Decimal(str(value)) if not isinstance(value, bool) else INVALID
        if kind == DATE:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if kind == SET:
            return frozenset(str(v) for v in value) if not isinstance(value, str) else INVALID
    except (ValueError, TypeError, InvalidOperation):
        return INVALID
    return INVALID


def to_json_value(value: Any) -> Any:
    """A manual value as stored (JSON): dates ISO, sets sorted lists, Decimals as strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set | tuple | list):
        return sorted(str(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def validate_manual(ruleset: Ruleset, ref: str, value: Any) -> Any:
    """Check a value typed by the clerk for ``ref`` (an input or an override of a computed fact); returns
    it in its engine type or raises ``ValidationError`` naming the value and the allowed range."""
    spec = ruleset.input(ref) if ref.startswith(INPUT_PREFIX) else None
    if ref.startswith(INPUT_PREFIX) and spec is None:
        raise ValidationError(f"Bộ luật {ruleset.id} không có giá trị nhập “{ref}”.", field=ref)
    if not ref.startswith(INPUT_PREFIX) and ref not in CATALOGUE:
        raise ValidationError(f"Không có dữ liệu “{ref}”.", field=ref)
    label = spec.label if spec else CATALOGUE[ref].label
    if value is None:
        return None
    kind = kind_of(ruleset, ref)
    result = coerce(kind, value)
    if result is INVALID:
        raise ValidationError(f"{label}: giá trị “{value}” không đúng kiểu.", field=ref)
    if kind in (INT, MONEY, "points"):
        lo = spec.minimum if spec and spec.minimum is not None else Decimal(0)
        hi = spec.maximum if spec else None
        if result < lo or (hi is not None and result > hi):
            bound = f"từ {lo} đến {hi}" if hi is not None else f"từ {lo} trở lên"
            raise ValidationError(f"{label}: {value} nằm ngoài khoảng cho phép ({bound}).", field=ref)
    if kind == SET and spec and spec.options:
        unknown = sorted(set(result) - set(spec.options))
        if unknown:
            raise ValidationError(f"{label}: lựa chọn “{unknown[0]}” không có trong danh sách.", field=ref)
    return result


class Lookup:
    """Facts (computed) overlaid by manual values; remembers which refs came from the clerk."""

    def __init__(self, ruleset: Ruleset, facts: Mapping[str, Any], manual: Mapping[str, Any]) -> None:
        self._ruleset = ruleset
        self._facts = facts
        self._manual = manual

    def get(self, ref: str) -> Any:
        raw = self._manual[ref] if ref in self._manual else self._facts.get(ref)
        return coerce(kind_of(self._ruleset, ref), raw)

    def is_manual(self, ref: str) -> bool:
        return ref.startswith(INPUT_PREFIX) or ref in self._manual

    def label(self, ref: str) -> str:
        if ref.startswith(INPUT_PREFIX):
            spec = self._ruleset.input(ref)
            return spec.label if spec else ref
        fact = CATALOGUE.get(ref)
        return fact.label if fact else ref
