"""Money typed in the expenditure form: format → parse returns the same integer (property test)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.money import MAX_AMOUNT, format_money, parse_money, parse_positive_amount


@given(st.integers(min_value=0, max_value=MAX_AMOUNT * 10))
def test_format_then_parse_round_trips(amount):
    assert parse_money(format_money(amount)) == amount
    assert parse_money(format_money(amount, unit=False)) == amount
    assert parse_money(f"{amount:,} đ") == amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500.000", 1_500_000),
        ("1,500,000 đ", 1_500_000),
        ("1500000", 1_500_000),
        ("1 500 000 VNĐ", 1_500_000),
    ],
)
def test_unambiguous_forms(text, value):
    assert parse_positive_amount(text) == value


@pytest.mark.parametrize("text", ["1.500,000", "1,5", "15.00", "abc", "", "0", "10.000.000.001", "-300.000"])
def test_refused(text):
    with pytest.raises(ValidationError):
        parse_positive_amount(text)
