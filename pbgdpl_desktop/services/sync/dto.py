"""What the sync service returns: plain dataclasses, Vietnamese text for the clerk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

WARD, OFFICE = "ward", "upper-office"
MODES = (WARD, OFFICE)

IMPORTED, ALREADY, DRY_RUN, REFUSED, HELD = "imported", "already", "dry_run", "refused", "held"
STATUS_LABELS = {
    IMPORTED: "đã nhập",
    ALREADY: "đã có (không thay đổi)",
    DRY_RUN: "chạy thử (không ghi)",
    REFUSED: "TỪ CHỐI",
    HELD: "TẠM GIỮ",
}
COUNT_LABELS = (
    ("inserted", "mới"),
    ("updated", "sửa"),
    ("unchanged", "không đổi"),
    ("deleted", "xóa"),
    ("rejected", "loại"),
)


def _day(stamp: str) -> str:
    """dd/mm of a UTC ISO stamp, in Việt Nam time (UTC+7, no daylight saving)."""
    if not stamp:
        return "—"
    from datetime import timedelta

    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(hours=7)
    return f"{moment:%d/%m}"


@dataclass(frozen=True)
class KeyInfo:
    fingerprint: str
    public_pem: str
    key_path: Path
    created: bool
    mode: str
    seal_fingerprint: str | None = None  # an office's receiving key (bundles sealed to it)


@dataclass(frozen=True)
class ExportRecord:
    seq: int
    bundle_id: str
    path: Path
    sha256: str
    bytes: int
    records: int
    new: int
    updated: int
    deleted: int
    since_change_seq: int
    to_change_seq: int
    first_change: str
    last_change: str
    privacy: str
    full: bool
    evidence: bool
    resend_of: int | None
    created_at: datetime

    @property
    def summary(self) -> str:
        what = "gói đầy đủ" if self.full else f"gửi lại gói số {self.resend_of}" if self.resend_of else ""
        extra = f" ({what})" if what else ""
        return (
            f"Gói số {self.seq}{extra}: {self.new} bản ghi mới, {self.updated} sửa, {self.deleted} xóa, "
            f"từ {_day(self.first_change)} đến {_day(self.last_change)}"
        )


@dataclass(frozen=True)
class ExportOutcome:
    """``record`` is None when there was nothing new to send (``message`` says so)."""

    record: ExportRecord | None
    message: str


@dataclass
class BundleReport:
    file: str
    status: str
    message: str = ""
    ward_code: str = ""
    seq: int = 0
    bundle_id: str = ""
    sha256: str = ""
    code: str = ""  # which check refused or held it
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    attachments: list[Path] = field(
        default_factory=list
    )  # files the bundle carried, as the office stored them

    @property
    def rejected(self) -> int:
        return sum(int(t["rejected"]) for t in self.tables.values())

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, ALREADY, DRY_RUN) and not self.rejected

    def total(self, key: str) -> int:
        return sum(int(t[key]) for t in self.tables.values())

    def lines(self) -> list[str]:
        who = f" — xã/phường {self.ward_code}, gói số {self.seq}" if self.ward_code else ""
        out = [
            f"{self.file}{who}: {STATUS_LABELS[self.status]}" + (f". {self.message}" if self.message else "")
        ]
        for table, counts in sorted(self.tables.items()):
            parts = ", ".join(f"{counts[k]} {label}" for k, label in COUNT_LABELS)
            out.append(f"    {table}: {parts}")
            for reason, n in sorted(counts.get("reasons", {}).items()):
                out.append(f"        loại {n} bản ghi: {reason}")
        if self.gaps:
            out.append(
                f"    Thiếu gói số: {', '.join(map(str, self.gaps))} (chưa nhận; hãy đề nghị xã gửi lại)."
            )
        out.extend(f"    {note}" for note in self.notes)
        out.extend(f"    Tệp kèm: {path.name} → {path}" for path in self.attachments)
        return out


@dataclass
class ImportBatch:
    reports: list[BundleReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    def text(self) -> str:
        lines = [line for r in self.reports for line in r.lines()]
        done = sum(r.status == IMPORTED for r in self.reports)
        lines.append(
            f"Tổng: {len(self.reports)} gói — {done} đã nhập, "
            f"{sum(r.status == ALREADY for r in self.reports)} đã có, "
            f"{sum(r.status == DRY_RUN for r in self.reports)} chạy thử, "
            f"{sum(r.status == REFUSED for r in self.reports)} từ chối, "
            f"{sum(r.status == HELD for r in self.reports)} tạm giữ."
        )
        return "\n".join(lines)


@dataclass(frozen=True)
class WardInfo:
    ward_code: str
    name: str
    commune_type: str
    province_code: str
    province_name: str
    fingerprint: str
    registered_at: datetime
    registered_by: str


@dataclass(frozen=True)
class ImportRecord:
    """One applied bundle as the office's database keeps it (its report)."""

    ward_code: str
    seq: int
    bundle_id: str
    file_name: str
    sha256: str
    status: str
    imported_at: datetime
    tables: dict[str, dict[str, Any]]
    notes: list[str]
    gaps: list[int]


@dataclass(frozen=True)
class SentStatus:
    """Which bundle last carried a record as it is now (the ward's side, from the export log)."""

    seq: int | None  # the newest bundle whose change range holds the record's last change
    sent_at: datetime | None
    pending: bool  # changed since the newest bundle: the change is not sent yet
    text: str
