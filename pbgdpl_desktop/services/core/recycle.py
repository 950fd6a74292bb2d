"""The "Đã xóa" list of each module: what the clerk deleted there, and bringing it back.

Deleting never removes a row (it gets a tombstone, ``persistence/live.py``), so a record deleted by mistake can
be restored with everything it had; the restore is recorded as a change of the row (new revision and sync
sequence), like any edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pbgdpl_desktop.domain.changes import DISSEMINATION, FINANCE, MEDIATION, Changes
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.persistence.repos import recycle_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext

MODULES = {DISSEMINATION: "Phổ biến GDPL", MEDIATION: "Hòa giải", FINANCE: "Kinh phí"}


@dataclass(frozen=True)
class DeletedRecord:
    kind: str
    kind_label: str
    id: str
    title: str
    record_date: date | None
    deleted_at: datetime  # UTC


class RecycleBin:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def deleted(self, module: str) -> list[DeletedRecord]:
        if module not in MODULES:
            raise ValidationError(f"Không có mục “{module}”.", field="module")
        with self._ctx.db.read() as session:
            return [
                DeletedRecord(
                    kind=d.kind.key,
                    kind_label=d.kind.label,
                    id=d.row.id,
                    title=d.kind.title(d.row),
                    record_date=d.kind.when(d.row),
                    deleted_at=d.row.deleted_at,
                )
                for d in repo.deleted_rows(session, module)
            ]

    def restore(self, kind: str, record_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            deleted = repo.deleted_row(session, kind, record_id)
            if deleted is None:
                raise NotFoundError("Không tìm thấy bản ghi đã xóa này (có thể đã được khôi phục).")
            row = deleted.row
            if kind == "case":
                if not repo.team_is_live(session, row.team_id):
                    raise ConflictError("Tổ hòa giải của vụ việc này đã bị xóa: hãy khôi phục tổ trước.")
                if repo.case_number_taken(session, row):
                    raise ConflictError(
                        f"Số vụ việc {row.case_number}/{row.case_year} đã được dùng cho một vụ việc khác "
                        "của tổ nên không khôi phục được vụ việc này."
                    )
            repo.bring_back(session, deleted)
        return Changes.of(deleted.kind.module)
