"""One number format everywhere (#12 §8): decimal comma, rounded, never rounded onto a threshold."""

from fractions import Fraction

import pytest

from pbgdpl_desktop.domain.numbers import percent_text, percent_value_text


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (2, 3, "66,7 %"),  # rounded, not truncated
        (1, 3, "33,3 %"),
        (9, 11, "81,8 %"),
        (3, 4, "75 %"),
        (1, 1, "100 %"),
        (0, 5, "0 %"),
        (9999, 10000, "99,9 %"),  # 99,99 % is not "100 %"
        (7999, 10000, "79,9 %"),  # nor 79,99 % "80 %"
        (1, 8, "12,5 %"),
        (1, 16, "6,3 %"),  # 6,25 → 6,3 (half up)
        (5, 0, "—"),
    ],
)
def test_percent_text(part, whole, text):
    assert percent_text(part, whole) == text


def test_percent_value_text_takes_floats_and_fractions():
    assert percent_value_text(73.25) == "73,3 %"
    assert percent_value_text(Fraction(200, 3)) == "66,7 %"
    assert percent_value_text(150) == "150 %"
