"""Amounts in Vietnamese words for payment documents: 1_100_000 → "Một triệu một trăm nghìn đồng"."""

from __future__ import annotations

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_UNITS = ["", " nghìn", " triệu", " tỷ"]


def _three(n: int, full: bool) -> str:
    """0 < n < 1000; ``full`` when a higher group precedes (then "không trăm", "lẻ" are written)."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    parts: list[str] = []
    if hundreds or full:
        parts.append(f"{_DIGITS[hundreds]} trăm")
    if tens == 0:
        if ones and parts:
            parts.append("lẻ")
    elif tens == 1:
        parts.append("mười")
    else:
        parts.append(f"{_DIGITS[tens]} mươi")
    if ones:
        if ones == 1 and tens > 1:
            parts.append("mốt")
        elif ones == 5 and tens > 0:
            parts.append("lăm")
        elif ones == 4 and tens > 1:
            parts.append("tư")
        else:
            parts.append(_DIGITS[ones])
    return " ".join(parts)


def number_words(n: int) -> str:
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_words(-n)
    if n >= 1000**4:
        billions, rest = divmod(n, 1000**3)
        head = number_words(billions) + " tỷ"
        return head + (" " + _groups(rest, True) if rest else "")
    return _groups(n, False)


def _groups(n: int, full: bool) -> str:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group:
            words.append(_three(group, full or index < len(groups) - 1) + _UNITS[index])
    return " ".join(words)


def money_words(amount: int) -> str:
    text = number_words(amount)
    return text[:1].upper() + text[1:] + " đồng"
