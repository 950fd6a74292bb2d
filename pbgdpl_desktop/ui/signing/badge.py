"""One short line for a stored signature check, shown beside an evidence file."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.services.core.evidence import SignatureResult

MARKS = {
    "good": "✔ đã ký số",
    "unsigned": "",
    "modified": "✖ bị sửa sau khi ký",
    "untrusted": "⚠ chữ ký chưa tin cậy",
    "expired": "⚠ chứng thư hết hạn",
    "invalid": "✖ chữ ký không hợp lệ",
    "unreadable": "⚠ không đọc được PDF",
}


def badge(result: SignatureResult | None, deadline: date | None = None) -> str:
    """ "✔ đã ký số: Tên, dd/mm/yyyy" (+ whether that day is on or before ``deadline``); "" for no signature."""
    if result is None or not MARKS.get(result.status):
        return ""
    who = f": {result.signer}" if result.signer else ""
    when = ""
    if result.signed_at is not None:
        day = result.signed_at.astimezone().date()
        when = f", {day:%d/%m/%Y}"
        if deadline is not None:
            when += (
                f" (trước hạn {deadline:%d/%m/%Y})"
                if day <= deadline
                else f" (⚠ sau hạn {deadline:%d/%m/%Y})"
            )
    return f"{MARKS[result.status]}{who}{when}"
