"""Vietnamese number formatting for reasons (decimal comma; percentages never rounded up to the threshold)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_value_text


def percent(value: Fraction) -> str:
    """A percentage (0..100) to one decimal, rounded but never onto a whole number it does not reach
    (``domain/numbers.py``): 2/3 is "66,7 %", 99,96 is "99,9 %"."""
    return percent_value_text(value)


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
