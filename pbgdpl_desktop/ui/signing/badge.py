"""One short line for a stored signature check, shown beside an evidence file."""

from __future__ import annotations

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


def badge(result: SignatureResult | None) -> str:
    if result is None or not MARKS.get(result.status):
        return ""
    who = f": {result.signer}" if result.signer else ""
    when = f", {result.signed_at.astimezone():%d/%m/%Y}" if result.signed_at else ""
    return f"{MARKS[result.status]}{who}{when}"
