"""The office's side: verify bundles, then apply each in one transaction (docs/sync-format.md).

Order of work for one bundle: ``sync.reader.verify_bundle`` checks the file alone (signature, hashes, sizes,
names, format version) without touching the database; then, in a read transaction, the sender's key against
the registry, the recipient, the schema revision and replay; only then one write transaction applies every
table and stores the report. A refused or held bundle writes nothing to the database (a held one is copied
to ``<data dir>/sync/held`` for the clerk to approve). Rows are kept per ward in ``office_row``."""

from __future__ import annotations

import functools
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError, StorageError
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.db import known_revisions, revisions_in_order
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.sync.audit_trail import carried_tables, trace_import
from pbgdpl_desktop.services.sync.dto import (
    ALREADY,
    DRY_RUN,
    HELD,
    IMPORTED,
    OFFICE,
    REFUSED,
    BundleReport,
    ImportBatch,
    ImportRecord,
)
from pbgdpl_desktop.services.sync.encrypted import copy_private, opened, private_folder, sealed_in
from pbgdpl_desktop.sync import keys, merge
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.reader import BundleRefusedError, VerifiedBundle, verify_bundle
from pbgdpl_desktop.sync.renames import RENAMED_COLUMNS, Rename, map_line, renames_for

log = logging.getLogger(__name__)
_known_revisions = functools.cache(known_revisions)  # the shipped migrations do not change while running
_revision_order = functools.cache(revisions_in_order)

UPDATE_SOFTWARE = "cần cập nhật phần mềm"
CLOCK_TOLERANCE_DAYS = 2


class _Held(Exception):  # noqa: N818 - a decision, not an error
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class BundleImporter:
    def __init__(
        self, ctx: ServiceContext, mode: Callable[[], str], box: Callable[[], keys.BoxKey] | None = None
    ) -> None:
        self._ctx = ctx
        self._mode = mode
        self._box = box
        self._origins: dict[Path, Path] = {}  # opened copy → the sealed file it came from
        self.renames: tuple[Rename, ...] = RENAMED_COLUMNS  # columns renamed by releases (sync.renames)

    @property
    def held_dir(self) -> Path:
        return self._ctx.data_dir / "sync" / "held"

    def history(self, limit: int = 200) -> list[ImportRecord]:
        """The reports kept in the database, newest first."""
        with self._ctx.db.read() as session:
            out = []
            for row in sync_repo.imports(session, limit):
                report = json.loads(row.report_json)
                out.append(
                    ImportRecord(
                        row.ward_code,
                        row.seq,
                        row.bundle_id,
                        row.file_name,
                        row.sha256,
                        row.status,
                        row.imported_at,
                        report["tables"],
                        report["notes"],
                        report["gaps"],
                    )
                )
            return out

    def import_paths(
        self, paths: Iterable[Path], *, dry_run: bool = False, password: str | None = None
    ) -> ImportBatch:
        """Every bundle named or found in the folders named: each verified, then in ``seq`` order per ward,
        each in its own transaction; one bad bundle never stops the others. Sealed bundles (``.enc``) are
        opened with ``password`` first (services/sync/encrypted.py)."""
        if self._mode() != OFFICE:
            raise DomainError(
                "Tệp dữ liệu này là của xã/phường: chỉ cơ sở dữ liệu của cơ quan cấp trên (chế độ upper-office) "
                "mới nhập gói."
            )
        batch = ImportBatch()
        verified: list[VerifiedBundle] = []
        paths = list(paths)
        candidates = [*_expand(paths), *sealed_in(paths)]
        self._origins = {}
        with opened(
            candidates,
            password,
            self._ctx.data_dir / "sync" / "opened",
            batch.reports,
            box=self._box,
            origins=self._origins,
        ) as plain:
            for path in plain:
                try:
                    verified.append(verify_bundle(path))
                except BundleRefusedError as exc:
                    log.warning("bundle %s refused: %s", path.name, exc.code)
                    batch.reports.append(BundleReport(path.name, REFUSED, exc.message, code=exc.code))
            verified.sort(key=lambda b: (b.ward_code, b.seq, b.path.name))
            for bundle in verified:
                batch.reports.append(self._import_one(bundle, dry_run))
        return batch

    def _import_one(self, bundle: VerifiedBundle, dry_run: bool) -> BundleReport:
        report = BundleReport(
            bundle.path.name,
            IMPORTED,
            ward_code=bundle.ward_code,
            seq=bundle.seq,
            bundle_id=bundle.bundle_id,
            sha256=bundle.sha256,
        )
        try:
            if dry_run:
                with self._ctx.db.read() as session:
                    if self._check(session, bundle, report):
                        return report
                    self._apply(session, bundle, report, write=False)
                report.status = DRY_RUN
                return report
            # checked under the write lock; a refusal rolls back a transaction that wrote nothing
            with self._ctx.db.transaction() as session:
                sync_repo.lock_ward(session, bundle.ward_code)  # a server: one import of a ward at a time
                if self._check(session, bundle, report):
                    return report
                self._apply(session, bundle, report, write=True)
                self._store_attachments(bundle, report)  # a failure here rolls the bundle back
                self._record(session, bundle, report)
                trace_import(
                    session,
                    kind="sync_import",
                    ward_code=bundle.ward_code,
                    seq=bundle.seq,
                    bundle_id=bundle.bundle_id,
                    file_name=bundle.path.name,
                    tables=report.tables,
                )
        except BundleRefusedError as exc:
            report.status, report.code, report.message = REFUSED, exc.code, exc.message
        except StorageError as exc:  # an attachment could not be stored: the bundle is rolled back
            report.status, report.code, report.message = REFUSED, "storage", exc.message
            report.attachments.clear()
        except _Held as held:
            report.status, report.code, report.message = HELD, held.code, held.message
            if not dry_run:
                self._keep_held(bundle, report)
        log.info("bundle %s: %s", bundle.path.name, report.status)
        return report

    # ------------------------------------------------------------------------------- checks
    def _check(self, session: DbSession, bundle: VerifiedBundle, report: BundleReport) -> bool:
        """Raise for a bundle that must not be applied; True when it is already applied (nothing to do)."""
        manifest = bundle.manifest
        if manifest["kind"] != "ward_data":
            raise BundleRefusedError(
                "kind", f"Loại gói “{manifest['kind']}” chưa được hỗ trợ khi nhập ở cấp trên."
            )
        if manifest["schema_revision"] not in _known_revisions():
            raise _Held(
                "newer_schema",
                f"Gói được tạo bởi phiên bản phần mềm mới hơn (lược đồ “{manifest['schema_revision']}”, phần mềm "
                f"{manifest['app_version']}): {UPDATE_SOFTWARE} của cơ quan cấp trên trước, rồi nhập lại gói này.",
            )
        ward = sync_repo.get_ward(session, bundle.ward_code)
        if ward is None:
            raise _Held(
                "unregistered",
                f"Xã/phường {bundle.ward_code} chưa được đăng ký. Mã khóa của gói: {bundle.fingerprint}. Hãy gọi "
                "điện đối chiếu mã khóa với xã rồi đăng ký (pbgdpl-desktop keys register <tệp gói>), sau đó nhập lại.",
            )
        if ward.fingerprint != bundle.fingerprint:
            raise _Held(
                "wrong_key",
                f"Gói ký bằng khóa khác với khóa đã đăng ký của xã/phường {bundle.ward_code} (khóa của gói: "
                f"{bundle.fingerprint}; đã đăng ký: {ward.fingerprint}). Hãy gọi điện hỏi xã: nếu xã đã cài lại "
                "phần mềm, đăng ký lại khóa mới; nếu không, đừng nhập gói này.",
            )
        recipient = manifest["recipient"]
        office_province = sync_repo.get_meta(session, sync_repo.OFFICE_PROVINCE_KEY)
        if recipient.get("role") != OFFICE or (
            office_province and recipient.get("province_code") != office_province
        ):
            raise BundleRefusedError(
                "recipient",
                f"Gói gửi cho nơi khác (“{recipient.get('name', '')}”, tỉnh mã {recipient.get('province_code')}), "
                f"không phải cơ quan này (tỉnh mã {office_province}).",
            )
        applied = sync_repo.applied_bundle(session, bundle.ward_code, bundle.seq)
        if applied == bundle.bundle_id:
            report.status = ALREADY
            report.message = "Gói này đã được nhập trước đây; không thay đổi gì."
            return True
        if applied is not None:
            raise BundleRefusedError(
                "replay",
                f"Số gói {bundle.seq} của xã/phường {bundle.ward_code} đã được dùng cho một gói khác đã nhập "
                "(phát lại hoặc xã xuất trùng số). Hãy hỏi xã.",
            )
        if sync_repo.bundle_applied_as(session, bundle.bundle_id) is not None:
            raise BundleRefusedError("replay", "Mã gói này đã được nhập với số gói khác: không nhập lại.")
        seen = sync_repo.applied_seqs(session, bundle.ward_code)
        report.gaps = [n for n in range(1, bundle.seq) if n not in seen]
        if report.gaps and manifest["since_change_seq"] == 0:
            report.notes.append("Gói đầy đủ: chứa toàn bộ dữ liệu nên bù được các gói thiếu.")
        self._clock_note(manifest, report)
        return False

    def _clock_note(self, manifest: dict[str, Any], report: BundleReport) -> None:
        try:
            sent = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
            days = abs((self._ctx.clock.now().astimezone(UTC) - sent.astimezone(UTC)).days)
        except (ValueError, TypeError):
            report.notes.append("Thời điểm tạo gói không đọc được (chỉ để tham khảo).")
            return
        if days > CLOCK_TOLERANCE_DAYS:
            report.notes.append(
                f"Đồng hồ máy của xã lệch khoảng {days} ngày so với máy này: thời điểm ghi trên bản ghi giữ nguyên "
                "như xã gửi; thứ tự thay đổi theo số phiên bản, không theo giờ."
            )

    # ------------------------------------------------------------------------------- apply
    def _apply(
        self, session: DbSession, bundle: VerifiedBundle, report: BundleReport, *, write: bool
    ) -> None:
        known = carried_tables()  # the synced tables and the audit trail (issue #15)
        code = bundle.ward_code
        for table, data in bundle.data.items():
            counts = merge.TableCounts()
            if table not in known:
                counts.rejected = data.count(b"\n")
                counts.reasons[merge.UNKNOWN_TABLE] = counts.rejected
                report.tables[table] = counts.as_dict()
                continue
            text = data.decode("utf-8", errors="replace")
            mapping = renames_for(self.renames, table, bundle.manifest["schema_revision"], _revision_order())
            if mapping:
                lines = text.split("\n")[:-1]  # every line ends with \n (checked); no other line breaks count
                text = "".join(map_line(line, mapping) + "\n" for line in lines)
                report.notes.append(
                    f"Bảng {table}: đổi tên cột theo phiên bản mới ("
                    + ", ".join(f"{old} → {new}" for old, new in mapping.items())
                    + ")."
                )
            numbers, rejected = self._apply_table(session, code, table, text, write=write)
            for key, value in numbers.items():
                setattr(counts, key, value)
            for reason, n in rejected.items():
                counts.rejected += n
                counts.reasons[merge.REASONS[reason]] += n
            report.tables[table] = counts.as_dict()
        if bundle.evidence:
            report.notes.append(f"Gói có {len(bundle.evidence)} tệp minh chứng.")
        if bundle.attachments and not write:
            report.notes.append(f"Gói có tệp kèm: {', '.join(sorted(bundle.attachments))}.")

    @staticmethod
    def _apply_table(
        session: DbSession, code: str, table: str, text: str, *, write: bool
    ) -> tuple[dict[str, int], Counter[str]]:
        """Check the lines (fast path first), decide against the revisions held, write the plan. A dry run
        checks exactly (it writes nothing, so SQLite cannot confirm the fast path's lines), and so does an
        import into a PostgreSQL server database (no ``json_valid`` to confirm them after the insert)."""
        checked = merge.check_text(text, exact=not write or sync_repo.is_server(session))
        held = sync_repo.held_revisions(session, code, table, [r.row_id for r in checked.rows])
        decided = merge.plan(checked.rows, held)
        if write and not sync_repo.write_rows(
            session, code, table, decided.inserts, decided.updates, json_checked=checked.exact
        ):
            checked = merge.check_text(text, exact=True)  # a line SQLite finds not valid JSON: exactly
            decided = merge.plan(checked.rows, held)
            sync_repo.write_rows(session, code, table, decided.inserts, decided.updates, json_checked=True)
        return decided.counts, checked.rejected

    def _record(self, session: DbSession, bundle: VerifiedBundle, report: BundleReport) -> None:
        now = self._ctx.clock.now().astimezone(UTC)
        sender = bundle.manifest["sender"]
        sync_repo.fill_ward_details(
            session,
            bundle.ward_code,
            {
                "name": str(sender.get("name", "")),
                "commune_type": str(sender.get("type", "")),
                "province_code": str(sender.get("province_code", ""))[:2],
                "province_name": str(sender.get("province_name", "")),
            },
        )
        sync_repo.add_applied(
            session,
            {
                "ward_code": bundle.ward_code,
                "seq": bundle.seq,
                "bundle_id": bundle.bundle_id,
                "imported_at": now,
            },
        )
        sync_repo.add_import(
            session,
            {
                "bundle_id": bundle.bundle_id,
                "ward_code": bundle.ward_code,
                "seq": bundle.seq,
                "file_name": bundle.path.name,
                "sha256": bundle.sha256,
                "status": IMPORTED,
                "message": report.message,
                "report_json": json.dumps(
                    {
                        "tables": report.tables,
                        "notes": report.notes,
                        "gaps": report.gaps,
                        "attachments": [str(p) for p in report.attachments],
                    },
                    ensure_ascii=False,
                ),
                "imported_at": now,
            },
        )

    @property
    def attachments_dir(self) -> Path:
        return self._ctx.data_dir / "sync" / "attachments"

    def _store_attachments(self, bundle: VerifiedBundle, report: BundleReport) -> None:
        """The bundle's attachments as files ``<data dir>/sync/attachments/<ward>/<seq>/<name>`` (temp +
        rename), listed in the report."""
        folder = self.attachments_dir / bundle.ward_code / str(bundle.seq)
        for name, data in sorted(bundle.attachments.items()):
            target = folder / name
            tmp = folder / (name + ".tmp")
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with tmp.open("wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise StorageError(
                    f"Không ghi được tệp kèm {name} vào {folder}: {exc.strerror or exc}."
                ) from exc
            report.attachments.append(target)

    def _keep_held(self, bundle: VerifiedBundle, report: BundleReport) -> None:
        """Keep a held bundle in ``sync/held`` (owner-only folder, 0600 copy). A bundle that arrived sealed is
        kept sealed, as it came: no clear copy of personal data is left behind."""
        source = self._origins.get(bundle.path, bundle.path)
        target = self.held_dir / source.name
        try:
            private_folder(self.held_dir)
            if source.resolve() != target.resolve():
                copy_private(source, target)
            report.notes.append(f"Gói được giữ lại tại {target}.")
        except OSError as exc:
            report.notes.append(f"Không chép được gói vào {self.held_dir}: {exc.strerror or exc}.")


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.name.endswith(SUFFIX) and p.is_file()))
        else:
            out.append(path)
    return out
