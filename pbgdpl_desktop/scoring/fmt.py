"""Vietnamese number formatting for reasons (decimal comma; percentages never rounded up to the threshold)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money


def percent(value: Fraction) -> str:
    """A percentage (0..100) truncated to one decimal: 99,96 shows "99,9 %", never "100 %" below 100 %."""
    tenths = math.floor(value * 10) if value >= 0 else math.ceil(value * 10)
    text = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}".replace(".", ",")
    return f"{text} %"


def threshold(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator} %"
    return f"{float(value):g}".replace(".", ",") + " %"


def points(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def money(value: int) -> str:
    return format_money(value)


def day(value: date) -> str:
    return format_date(value)
