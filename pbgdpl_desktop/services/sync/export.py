"""The ward's side: write a bundle of what changed since the last one (or everything), signed.

One read transaction gives a consistent snapshot: the change range is fixed at its start and every table is
read inside it, while the app may go on writing. The bundle is written under a temporary name and renamed;
then the export log gets its row (seq, bundle id, change range, hash, counts). Personal columns (each
model's ``__personal_columns__``) are left out unless ``privacy="full"`` is chosen explicitly."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

import pbgdpl_desktop
from pbgdpl_desktop.domain.errors import DomainError, StorageError
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.db import head_revision
from pbgdpl_desktop.persistence.models.sync import SyncExportLog
from pbgdpl_desktop.persistence.repos import sync_repo, ward_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.sync.audit_trail import add_to_bundle, audit_lines, mark_sent
from pbgdpl_desktop.services.sync.dto import OFFICE, ExportOutcome, ExportRecord
from pbgdpl_desktop.sync.bundle import (
    ATTACHMENT_NAME,
    FORMAT,
    FORMAT_VERSION,
    BundleWriter,
    attachment_member,
    bundle_file_name,
    data_member,
)
from pbgdpl_desktop.sync.keys import KeyPair

_head_revision = functools.cache(head_revision)  # the shipped migrations do not change while running
NOTHING_NEW = "Không có gì mới để gửi: chưa có thay đổi nào từ gói trước."
Progress = Callable[[int, int], None]


def iso(stamp: str | None) -> str | None:
    """SQLite's ``YYYY-MM-DD HH:MM:SS.ffffff`` (naive UTC) as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    if stamp is None:
        return None
    return f"{stamp[:10]}T{stamp[11:]}Z"


class _Tally:
    def __init__(self, previous_export: str | None, full: bool) -> None:
        self.previous = previous_export
        self.full = full
        self.new = self.updated = self.deleted = 0
        self.first = self.last = ""

    def add(self, table: sync_repo.ChangeTally) -> None:
        self.deleted += table.deleted
        self.new += table.new
        self.updated += table.rows - table.deleted - table.new
        if table.first is not None and (not self.first or table.first < self.first):
            self.first = table.first
        if table.last is not None and table.last > self.last:
            self.last = table.last

    @property
    def created_after(self) -> str | None:
        """Rows created after this stamp count as new (None: every live row is new)."""
        return None if self.full else self.previous


def record_of(row: SyncExportLog) -> ExportRecord:
    counts = json.loads(row.counts_json)
    return ExportRecord(
        seq=row.seq,
        bundle_id=row.bundle_id,
        path=Path(row.folder) / row.file_name,
        sha256=row.sha256,
        bytes=row.bytes,
        records=row.records,
        new=counts["new"],
        updated=counts["updated"],
        deleted=counts["deleted"],
        since_change_seq=row.since_change_seq,
        to_change_seq=row.to_change_seq,
        first_change=row.first_change,
        last_change=row.last_change,
        privacy=row.privacy,
        full=row.full,
        evidence=row.evidence,
        resend_of=row.resend_of,
        created_at=row.created_at,
    )


class BundleExporter:
    def __init__(self, ctx: ServiceContext, keys: Callable[[], KeyPair], mode: Callable[[], str]) -> None:
        self._ctx = ctx
        self._keys = keys
        self._mode = mode

    def history(self) -> list[ExportRecord]:
        with self._ctx.db.read() as session:
            return [record_of(r) for r in sync_repo.exports(session)]

    def pending_changes(self) -> int:
        """How many change numbers were handed out since the last bundle (0: nothing new to send)."""
        with self._ctx.db.read() as session:
            done = max((r.to_change_seq for r in sync_repo.exports(session)), default=0)
            return max(0, sync_repo.last_change_seq(session) - done)

    def export(
        self,
        out_dir: Path,
        *,
        full: bool = False,
        privacy: str = "minimal",
        evidence: bool = False,
        resend: int | None = None,
        progress: Progress | None = None,
        attachments: Sequence[Path] = (),
    ) -> ExportOutcome:
        """``attachments``: files named ``assessment-YYYY.json`` (the year's assessment result) or
        ``dossier-YYYY.pdf`` (its dossier), carried as ``attachments/<name>``, hashed and signed like the rest."""
        require(self._ctx.actor, Action.SYNC)  # before any file is written (issue #15)
        for attachment in attachments:
            if not ATTACHMENT_NAME.match(Path(attachment).name) or not Path(attachment).is_file():
                raise DomainError(
                    f"Tệp kèm “{Path(attachment).name}” không dùng được: chỉ kèm kết quả đánh giá "
                    "(assessment-NĂM.json) và hồ sơ (dossier-NĂM.pdf) đã có."
                )
        if privacy not in ("minimal", "full"):
            raise DomainError(f"Chế độ riêng tư “{privacy}” không có (chỉ minimal hoặc full).")
        if self._mode() == OFFICE:
            raise DomainError("Tệp dữ liệu này của cơ quan cấp trên: chỉ xã/phường mới xuất gói dữ liệu.")
        keys = self._keys()
        out_dir = Path(out_dir).expanduser().absolute()
        with self._ctx.db.read() as session:
            ward = ward_repo.get(session)
            if ward is None:
                raise DomainError(
                    "Chưa khai báo thông tin xã/phường (Cài đặt → Thông tin đơn vị): chưa xuất gói được."
                )
            logs = sync_repo.exports(session)
            top = sync_repo.last_change_seq(session)
            since = 0 if full else max((r.to_change_seq for r in logs), default=0)
            to = top
            if resend is not None:
                original = sync_repo.export_by_seq(session, resend)
                if original is None:
                    raise DomainError(f"Không có gói số {resend} trong nhật ký xuất gói.")
                since, to = original.since_change_seq, original.to_change_seq
            elif not full and to <= since:
                return ExportOutcome(None, NOTHING_NEW)
            seq = max((r.seq for r in logs), default=0) + 1
            now = self._ctx.clock.now().astimezone(UTC)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": pbgdpl_desktop.__version__,
                "schema_revision": _head_revision(),
                "bundle_id": str(uuid.uuid4()),
                "kind": "ward_data",
                "sender": {
                    "code": ward.commune_code,
                    "name": ward.commune_name,
                    "type": ward.commune_type,
                    "province_code": ward.province_code,
                    "province_name": ward.province_name,
                },
                "recipient": {
                    "role": OFFICE,
                    "province_code": ward.province_code,
                    "name": ward.receiving_office,
                },
                "seq": seq,
                "prev_bundle_id": logs[0].bundle_id if logs else None,
                "since_change_seq": since,
                "to_change_seq": to,
                "created_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
                "privacy": privacy,
                "omitted_columns": {},
            }
            # "new" = created after the newest change any earlier bundle carried (both stamps of this PC)
            latest = max((r.last_change for r in logs if r.last_change), default="")
            previous = f"{latest[:10]} {latest[11:-1]}" if latest else None
            tally = _Tally(previous, full)
            name = bundle_file_name(ward.commune_code, seq, now.astimezone())
            # the audit trail of the synced tables, in full-privacy bundles only (services/sync/audit_trail.py)
            trail, trail_to = audit_lines(
                session, privacy=privacy, from_start=since == 0 or resend is not None
            )
            try:
                written = self._write(
                    session,
                    out_dir,
                    name,
                    keys,
                    manifest,
                    tally,
                    since,
                    to,
                    evidence,
                    progress,
                    attachments,
                    trail,
                )
            except OSError as exc:
                raise StorageError(f"Không ghi được gói vào {out_dir}: {exc.strerror or exc}.") from exc
        records = sum(f["records"] for f in written.manifest["files"])
        values = {
            "seq": seq,
            "bundle_id": manifest["bundle_id"],
            "full": full,
            "privacy": privacy,
            "evidence": evidence,
            "since_change_seq": since,
            "to_change_seq": to,
            "resend_of": resend,
            "file_name": written.path.name,
            "folder": str(written.path.parent),
            "sha256": written.sha256,
            "bytes": written.bytes,
            "records": records,
            "counts_json": json.dumps({"new": tally.new, "updated": tally.updated, "deleted": tally.deleted}),
            "first_change": iso(tally.first) or "",
            "last_change": iso(tally.last) or "",
            "created_at": now,
        }
        try:
            with self._ctx.db.transaction() as session:
                sync_repo.add_export(session, values)
                mark_sent(session, trail_to)
                row = sync_repo.export_by_seq(session, seq)
                assert row is not None
                record = record_of(row)
        except BaseException:
            written.path.unlink(missing_ok=True)
            raise
        return ExportOutcome(record, record.summary)

    def _write(
        self,
        session: DbSession,
        out_dir: Path,
        name: str,
        keys: KeyPair,
        manifest: dict[str, Any],
        tally: _Tally,
        since: int,
        to: int,
        evidence: bool,
        progress: Progress | None,
        attachments: Sequence[Path] = (),
        trail: Sequence[str] = (),
    ) -> Any:
        done = 0
        total = max(1, to - since)

        def counted(blocks: Iterator[tuple[bytes, int]]) -> Iterator[tuple[bytes, int]]:
            nonlocal done
            for block, lines in blocks:
                yield block, lines
                done += lines
                if progress is not None:
                    progress(min(done, total), total)

        shas: list[str] = []
        with BundleWriter(out_dir, name, keys) as writer:
            for table in sync_repo.synced_tables():
                omitted = table.personal if manifest["privacy"] == "minimal" else ()
                fields = tuple(c for c in table.fields if c not in omitted)
                if omitted:
                    manifest["omitted_columns"][table.name] = list(omitted)
                changed = sync_repo.change_tally(session, table, since, to, tally.created_after)
                if not changed.rows:
                    continue
                tally.add(changed)
                blocks = counted(sync_repo.changed_lines(session, table, fields, since, to))
                if table.name == "evidence_file" and evidence:
                    kept = list(blocks)
                    shas.extend(_live_shas(line for block, _ in kept for line in block.splitlines()))
                    blocks = iter(kept)
                writer.add_blocks(data_member(table.name), blocks)
            add_to_bundle(writer, trail)
            for sha in sorted(set(shas)):
                source = self._ctx.evidence_dir / sha[:2] / sha
                if source.is_file():
                    writer.add_file(f"evidence/{sha}", source)
            for attachment in attachments:
                writer.add_file(attachment_member(Path(attachment).name), Path(attachment))
            written = writer.finish(manifest)
        if progress is not None:
            progress(total, total)
        return written


def _live_shas(lines: Iterable[bytes]) -> Iterator[str]:
    for line in lines:
        row = json.loads(line)
        if not row["deleted"]:
            yield row["fields"]["sha256"]
