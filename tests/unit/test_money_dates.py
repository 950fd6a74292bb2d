from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbgdpl_desktop.domain.dates import date_text_vi, format_date, parse_date
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.money import MAX_AMOUNT, check_amount, format_money, parse_money


def test_format_money():
    assert format_money(1_500_000) == "1.500.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(999) == "999 đ"
    assert format_money(-20_000) == "-20.000 đ"
    assert format_money(1_500_000, unit=False) == "1.500.000"


@pytest.mark.parametrize(
    "text",
    [
        "1500000",
        "1.500.000",
        "1,500,000 đ",
        "1.500.000đ",
        "1 500 000 VNĐ",
        "1.500.000 đồng",
        " 1.500.000 vnd ",
    ],
)
def test_parse_unambiguous_amounts(text):
    assert parse_money(text) == 1_500_000


@pytest.mark.parametrize(
    "text", ["", "abc", "1.5", "1,50", "1.500,000", "1.50.000", "1,5 triệu", "12.34.567"]
)
def test_parse_refuses_ambiguous_amounts(text):
    with pytest.raises(ValidationError) as info:
        parse_money(text, label="Số tiền chi")
    assert info.value.message.startswith("Số tiền chi")


def test_amount_bounds():
    check_amount(1)
    check_amount(MAX_AMOUNT)
    for bad in (0, -1, MAX_AMOUNT + 1):
        with pytest.raises(ValidationError):
            check_amount(bad)


@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT))
def test_money_round_trip(amount):
    assert parse_money(format_money(amount)) == amount
    assert parse_money(format_money(amount, unit=False)) == amount


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_date_round_trip(day):
    assert parse_date(format_date(day)) == day


def test_date_formats():
    assert format_date(date(2026, 3, 7)) == "07/03/2026"
    assert parse_date("7/3/2026") == date(2026, 3, 7)
    assert parse_date("07-03-2026") == date(2026, 3, 7)
    assert parse_date("07.03.2026") == date(2026, 3, 7)
    assert parse_date("2026-03-07") == date(2026, 3, 7)
    assert date_text_vi(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert date_text_vi(date(2026, 11, 30)) == "ngày 30 tháng 11 năm 2026"


@pytest.mark.parametrize(
    "text,needle",
    [("31/02/2026", "không tồn tại"), ("7/3/26", "dd/mm/yyyy"), ("", "chưa nhập"), ("hôm nay", "dd/mm/yyyy")],
)
def test_bad_dates(text, needle):
    with pytest.raises(ValidationError) as info:
        parse_date(text)
    assert needle in info.value.message
