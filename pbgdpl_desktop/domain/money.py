"""Money is an integer number of đồng. Shown as ``1.500.000 đ``; parsed from what clerks type.

``parse_money`` accepts what is unambiguous — "1500000", "1.500.000", "1,500,000 đ", "1 500 000 VNĐ",
"1.500.000đ" — and refuses the rest (decimals, mixed separators, bad grouping) with a Vietnamese message.
"""

from __future__ import annotations

import re

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import nfc

MAX_AMOUNT = 10_000_000_000  # 10 tỷ đồng: above this an entry is refused as a typing mistake

_CURRENCY = re.compile(r"(vnđ|vnd|đồng|dong|đ|d)\s*$", re.IGNORECASE)
_GROUPED = {
    ".": re.compile(r"^\d{1,3}(\.\d{3})+$"),
    ",": re.compile(r"^\d{1,3}(,\d{3})+$"),
    " ": re.compile(r"^\d{1,3}( \d{3})+$"),
}


def format_money(amount: int | None, *, unit: bool = True) -> str:
    """``1500000`` → ``"1.500.000 đ"``; ``None`` → ``""``."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    digits = f"{abs(int(amount)):,}".replace(",", ".")
    return f"{sign}{digits} đ" if unit else f"{sign}{digits}"


def parse_money(text: str | None, *, field: str = "amount", label: str = "Số tiền") -> int:
    """Parse a whole-đồng amount typed by a clerk; raise ``ValidationError`` with a clear message."""
    raw = nfc(text).replace("\u00a0", " ").replace("\u202f", " ")
    if not raw:
        raise ValidationError(f"{label}: chưa nhập.", field=field)
    body = _CURRENCY.sub("", raw).strip()
    negative = body.startswith("-")
    if negative:
        body = body[1:].strip()
    if body.isdigit():
        value = int(body)
    else:
        separators = {ch for ch in body if ch in ".,  "}
        pattern = _GROUPED.get(next(iter(separators))) if len(separators) == 1 else None
        if pattern is None or not pattern.match(body):
            raise ValidationError(
                f"{label}: “{raw}” không phải số tiền hợp lệ. Nhập số đồng nguyên, ví dụ 1.500.000.",
                field=field,
            )
        value = int(re.sub(r"\D", "", body))
    return -value if negative else value


def parse_positive_amount(text: str | None, *, field: str = "amount", label: str = "Số tiền") -> int:
    """Like ``parse_money`` but the amount must be > 0 and ≤ 10 tỷ đồng."""
    value = parse_money(text, field=field, label=label)
    check_amount(value, field=field, label=label)
    return value


def check_amount(value: int, *, field: str = "amount", label: str = "Số tiền") -> None:
    if value <= 0:
        raise ValidationError(f"{label} phải lớn hơn 0.", field=field)
    if value > MAX_AMOUNT:
        raise ValidationError(
            f"{label} {format_money(value)} vượt quá {format_money(MAX_AMOUNT)}: kiểm tra lại số đã nhập.",
            field=field,
        )
