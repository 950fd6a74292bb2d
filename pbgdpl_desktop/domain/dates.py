"""Dates shown as ``dd/mm/yyyy``; parsed from what clerks type (d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, ISO).

Timestamps are stored in UTC and shown in local time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import nfc

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_datetime(value: datetime | None) -> str:
    """UTC (or naive UTC) timestamp → local ``dd/mm/yyyy HH:MM``."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone()
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def parse_date(text: str | None, *, field: str = "date", label: str = "Ngày") -> date:
    raw = nfc(text)
    if not raw:
        raise ValidationError(f"{label}: chưa nhập.", field=field)
    match = _DMY.match(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        iso = _ISO.match(raw)
        if not iso:
            raise ValidationError(
                f"{label}: “{raw}” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).", field=field
            )
        year, month, day = (int(g) for g in iso.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label}: ngày {raw} không tồn tại.", field=field) from None


def parse_optional_date(text: str | None, *, field: str = "date", label: str = "Ngày") -> date | None:
    return parse_date(text, field=field, label=label) if nfc(text) else None


def date_text_vi(value: date) -> str:
    """Long form for official documents: "ngày 05 tháng 3 năm 2026" (NĐ 30/2020: day < 10 with a leading 0,
    month < 3 with a leading 0)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def utcnow() -> datetime:
    return datetime.now(UTC)


def spell_date(value: date) -> str:
    """A date with its day and month spelled out, so a swapped day and month shows before an import:
    "05/03/2026 — ngày 5 tháng 3"."""
    return f"{format_date(value)} — ngày {value.day} tháng {value.month}"
