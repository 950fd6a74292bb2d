"""The audit trail as the clerk reads it (issue #15): filter by user, module, record and date, personal values
masked for a role that may not see them, exported to Excel or CSV, and the explicit entries for what is not
a row change (exports, restores, bundle imports). Nothing here edits or deletes an entry: the table refuses it
(SQLite triggers, migration 0010)."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import StorageError
from pbgdpl_desktop.domain.users import MASK
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.repos import users_repo
from pbgdpl_desktop.services.core.context import ServiceContext

ACTION_LABELS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "restore": "Khôi phục bản ghi",
    "purge": "Xóa hẳn",
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "export": "Xuất tệp",
    "restore_db": "Khôi phục dữ liệu",
    "backup": "Sao lưu",
    "import": "Nhập gói đồng bộ",
    "sync_import": "Nhập gói dữ liệu của xã/phường",
    "reply_import": "Nhận gói trả lời của cấp trên",
    "anonymise": "Ẩn danh",
    "person_export": "Xuất dữ liệu cá nhân",
}
MODULE_LABELS = {
    "core": "Chung",
    "users": "Người dùng",
    "dissemination": "Phổ biến, giáo dục pháp luật",
    "mediation": "Hòa giải ở cơ sở",
    "finance": "Kinh phí",
    "assessment": "Chuẩn tiếp cận pháp luật",
    "reports": "Báo cáo",
    "sync": "Đồng bộ",
    "office": "Văn phòng",
}
HEADER = (
    "Thời điểm",
    "Người dùng",
    "Vai trò",
    "Thao tác",
    "Phân hệ",
    "Bảng",
    "Bản ghi",
    "Thay đổi",
    "Ghi chú",
)


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None
    module: str | None = None
    record_id: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive


@dataclass(frozen=True)
class AuditItem:
    id: int
    at: datetime
    actor: str
    role: str
    action: str
    module: str
    table: str
    record_id: str
    changes: dict[str, list[Any]]
    personal_fields: tuple[str, ...]
    detail: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def module_label(self) -> str:
        return MODULE_LABELS.get(self.module, self.module)

    @property
    def at_text(self) -> str:
        local = self.at.astimezone()
        return f"{format_date(local.date())} {local:%H:%M:%S}"

    @property
    def changes_text(self) -> str:
        parts = []
        for key, (before, after) in sorted(self.changes.items()):
            if before is None:
                parts.append(f"{key}: {after}")
            else:
                parts.append(f"{key}: {before} → {after}")
        return "; ".join(parts)

    def row(self) -> tuple[str, ...]:
        return (
            self.at_text,
            self.actor,
            self.role,
            self.action_label,
            self.module_label,
            self.table,
            self.record_id,
            self.changes_text,
            self.detail,
        )


def trace_export(ctx: ServiceContext, module: str, detail: str) -> None:
    """The audit entry of a document or workbook made from the data (its own small transaction; nothing on
    a database opened read-only, which cannot hold it)."""
    if not ctx.db.read_only:
        with ctx.db.transaction(system=True) as session:
            write_entry(session, action="export", module=module, detail=detail[:500])


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone(UTC)


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def entries(
        self, flt: AuditFilter | None = None, *, limit: int = 5000, before_id: int | None = None
    ) -> list[AuditItem]:
        """Newest first. Personal values are shown only to a role that may see them. ``before_id``: the next
        page, after the last item (its ``id``) of the page before — by key, as fast at any depth."""
        flt = flt or AuditFilter()
        actor = self._ctx.actor
        reveal = actor is None or actor.sees_personal_data
        with self._ctx.db.read() as session:
            rows = users_repo.audit_rows(
                session,
                since=_day_start(flt.since) if flt.since else None,
                until=_day_start(flt.until + timedelta(days=1)) if flt.until else None,
                actor=flt.user,
                module=flt.module,
                record_id=flt.record_id,
                limit=limit,
                before_id=before_id,
            )
            return [self._item(entry, personal, reveal) for entry, personal in rows]

    @staticmethod
    def _item(entry: Any, personal_json: str | None, reveal: bool) -> AuditItem:
        changes: dict[str, list[Any]] = json.loads(entry.changes_json or "{}")
        fields = tuple(f for f in entry.personal_fields.split(",") if f)
        if fields:
            private = json.loads(personal_json) if personal_json else {}
            for key in fields:
                if reveal and key in private:
                    changes[key] = private[key]
                else:
                    changes[key] = [MASK, MASK] if not reveal else ["(đã xóa)", "(đã xóa)"]
        return AuditItem(
            entry.id,
            entry.at,
            entry.actor,
            entry.role,
            entry.action,
            entry.module,
            entry.table_name,
            entry.record_id,
            changes,
            fields,
            entry.detail,
        )

    def users(self) -> list[str]:
        """Everyone who appears in the trail (for the filter)."""
        return sorted({item.actor for item in self.entries(limit=100_000)})

    def record(
        self,
        action: str,
        module: str,
        detail: str,
        *,
        record_id: str = "",
        at: datetime | None = None,
        actor: str | None = None,
        role: str | None = None,
    ) -> None:
        """An explicit entry: an export, a restore, a bundle import (its own small transaction). ``at``,
        ``actor`` and ``role`` only for the demo's history; else the signed-in user, now."""
        with self._ctx.db.transaction(system=True) as session:
            write_entry(
                session,
                action=action,
                module=module,
                record_id=record_id,
                detail=detail,
                at=at,
                actor=actor,
                role=role,
            )

    def export(self, path: Path, flt: AuditFilter | None = None) -> Path:
        """The filtered trail as .xlsx, or .csv when the name ends so; recorded in the trail itself."""
        path = Path(path)
        items = self.entries(flt, limit=1_000_000)
        try:
            if path.suffix.lower() == ".csv":
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                writer.writerow(HEADER)
                writer.writerows(item.row() for item in items)
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
                os.replace(tmp, path)
            else:
                from pbgdpl_desktop.exports.table_excel import write_table  # openpyxl: only when exporting

                write_table(path, [("Nhật ký", HEADER, (item.row() for item in items))])
        except OSError as exc:
            raise StorageError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from exc
        self.record("export", "core", f"nhật ký hệ thống: {len(items)} dòng → {path.name}")
        return path
