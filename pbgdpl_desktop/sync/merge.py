"""The import rule (docs/sync-format.md, "How an office applies rows"), the row checks and the report counts.

Revisions decide: a row is written when its revision is higher than the one held (or none is held); an
older or equal revision changes nothing. A tombstone is a row like any other, so it wins over an older edit
and loses to a newer one. Timestamps are the ward's, kept as sent: they never decide.

The rule runs in SQL over a whole table of a bundle at once (``persistence.repos.sync_repo.apply_rows``);
this module names the reasons a row is rejected and holds the counts of the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

UNKNOWN_TABLE = "bảng không có trong phiên bản phần mềm này"

# Why a line of a data member is rejected, by the code the SQL check gives it.
REASONS = {
    "json": "dòng không phải đối tượng JSON hợp lệ",
    "id": "thiếu hoặc sai mã bản ghi (UUID)",
    "revision": "số phiên bản (revision) hoặc change_seq không hợp lệ",
    "time": "thời điểm tạo/sửa/xóa không hợp lệ",
    "deleted": "cờ xóa không khớp thời điểm xóa",
    "fields": "thiếu các trường dữ liệu",
    "duplicate": "mã bản ghi lặp lại trong gói",
}


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0
    older: int = 0  # of ``unchanged``: an older revision than the one held, ignored
    reasons: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "rejected": self.rejected,
            "older": self.older,
            "reasons": dict(self.reasons),
        }
