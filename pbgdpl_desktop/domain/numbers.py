"""One way to write a share as a clerk reads it: Vietnamese decimal comma, one decimal, rounded — "2/3" is
"66,7 %" — except that a share just under a whole number never shows that whole number (99,96 % is "99,9 %",
not "100 %"; 79,96 % is "79,9 %", not "80 %"), so a value that misses a threshold never reads as reaching it."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NO_SHARE = "—"


def percent_value_text(value: Fraction | float | int | Decimal) -> str:
    """``value`` is already a percentage (0..100, or beyond)."""
    exact = Fraction(value) if not isinstance(value, Decimal) else Fraction(str(value))
    tenths = Decimal(exact.numerator * 10) / Decimal(exact.denominator)
    rounded = int(tenths.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if rounded % 10 == 0 and Fraction(rounded, 10) > exact:  # rounding up onto a whole number: truncate
        rounded = math.floor(exact * 10)
    whole, tenth = divmod(abs(rounded), 10)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{whole} %" if tenth == 0 else f"{sign}{whole},{tenth} %"


def percent_text(part: int | float | Fraction, whole: int | float | Fraction) -> str:
    """``part`` of ``whole`` as a percentage; "—" when ``whole`` is 0."""
    if not whole:
        return NO_SHARE
    return percent_value_text(Fraction(part) * 100 / Fraction(whole))
