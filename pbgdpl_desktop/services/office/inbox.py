"""The ward's side of replies (docs/office.md): register the office's public key, import its signed reply
bundles through the same verification as every bundle, keep the notes per indicator and the decision.

The assessment page and the dossier read the notes with ``notes(year)`` / ``note_for(year, code)``. Rule
files and norm tables offered in a reply are kept as "pending" (``offers()``) until the clerk accepts
(``accept_offer``: installed into the rule or norm store when its version is newer) or declines them."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from pbgdpl_desktop.domain.changes import ASSESSMENT, FINANCE, Changes
from pbgdpl_desktop.domain.errors import DomainError, NotFoundError, StorageError
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.models.office_offers import ReplyOffer
from pbgdpl_desktop.persistence.repos import (
    finance_catalog_repo,
    office_repo,
    reply_offer_repo,
    sync_repo,
    ward_repo,
)
from pbgdpl_desktop.scoring.loader import RulesetError
from pbgdpl_desktop.services.assessment.rulesets import RulesetStore
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.finance.catalogue import norm_dto
from pbgdpl_desktop.services.office import offers as offer_files
from pbgdpl_desktop.services.office.dto import (
    DecisionDTO,
    DecisionFileDTO,
    OfferDTO,
    ReplyNoteDTO,
    ReviewStatus,
)
from pbgdpl_desktop.services.office.ward_file import write_atomic_bytes
from pbgdpl_desktop.services.sync.audit_trail import trace_import
from pbgdpl_desktop.services.sync.dto import OFFICE
from pbgdpl_desktop.services.sync.office_key import remember_office_keys
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.reader import BundleRefusedError, verify_bundle
from pbgdpl_desktop.sync.reply import Reply, read_reply

OFFICE_KEY = "office_public_key_pem"
DECISION_PDF_META = "reply_decision_pdf:"  # + year → JSON: sha256, name, bundle_id, at


class ReplyInbox:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def office_fingerprint(self) -> str | None:
        with self._ctx.db.read() as session:
            pem = sync_repo.get_meta(session, OFFICE_KEY)
        return keys.fingerprint_of(pem.encode("ascii")) if pem else None

    def register_office_key(self, source: Path) -> str:
        """The office's public key from its key file (.pem) or from one of its reply bundles. The clerk
        confirms the fingerprint by phone first. Returns the fingerprint."""
        source = Path(source)
        try:
            if source.name.endswith(SUFFIX) or zipfile.is_zipfile(source):
                try:
                    bundle = verify_bundle(source)
                except BundleRefusedError as exc:
                    raise DomainError(f"Không đăng ký từ gói {source.name}: {exc.message}") from exc
                pem = bundle.public_pem + str(bundle.manifest.get("seal_key") or "").encode(
                    "ascii", "replace"
                )
            else:
                pem = source.read_bytes()
        except OSError as exc:
            raise StorageError(f"Không đọc được tệp {source}: {exc.strerror or exc}.") from exc
        keys.canonical_pem(pem)  # not a key file: refused before the transaction
        with self._ctx.db.transaction() as session:
            if sync_repo.get_meta(session, sync_repo.MODE_KEY) == OFFICE:
                raise DomainError(
                    "Đây là cơ sở dữ liệu của cơ quan cấp trên: chỉ xã/phường mới nhận gói trả lời."
                )
            pem = remember_office_keys(session, pem)  # with the receiving key when the file has it
        return keys.fingerprint_of(pem)

    def import_reply(self, path: Path) -> str:
        """Verify and apply one reply bundle in one transaction; a second import changes nothing."""
        with self._ctx.db.read() as session:
            ward = ward_repo.get(session)
            ward_code = None if ward is None else ward.commune_code
        if ward_code is None:
            raise DomainError("Chưa khai báo thông tin xã/phường: chưa nhận gói trả lời được.")
        try:
            reply = read_reply(Path(path), office_fingerprint=self.office_fingerprint(), ward_code=ward_code)
        except BundleRefusedError as exc:
            raise DomainError(f"Gói trả lời {Path(path).name} bị từ chối: {exc.message}") from exc
        now = self._ctx.clock.now().astimezone(UTC)
        try:
            return self._apply(reply, now)
        except DomainError as exc:  # an offered file this version cannot read: nothing applied
            raise DomainError(f"Gói trả lời {Path(path).name} bị từ chối: {exc}") from exc
        except (ValueError, TypeError, KeyError) as exc:  # signed, but from a newer or broken office version
            raise DomainError(
                f"Gói trả lời {Path(path).name} có nội dung phần mềm này chưa đọc được ({exc}); không nhập gì. "
                "Có thể cần cập nhật phần mềm."
            ) from exc

    @property
    def decisions_folder(self) -> Path:
        """Where the decisions' PDFs received in replies are kept: ``<data>/sync/decisions/<sha256>.pdf``."""
        return self._ctx.data_dir / "sync" / "decisions"

    def _keep_pdfs(self, reply: Reply) -> None:
        """Copy each decision's PDF out of the verified bundle (checked against its hash once more), temp +
        rename; content-addressed, so a second import or a failed transaction leaves nothing wrong."""
        if not reply.pdfs:
            return
        try:
            with zipfile.ZipFile(reply.path) as zf:
                for sha, _name in reply.pdfs.values():
                    target = self.decisions_folder / f"{sha}.pdf"
                    if target.is_file():
                        continue
                    data = zf.read(f"evidence/{sha}")
                    if hashlib.sha256(data).hexdigest() != sha:
                        raise DomainError("tệp quyết định trong gói đã bị sửa (mã băm không khớp)")
                    write_atomic_bytes(target, data)
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise StorageError(f"Không lưu được tệp quyết định từ gói {reply.path.name}: {exc}.") from exc

    def _apply(self, reply: Reply, now: datetime) -> str:
        self._keep_pdfs(reply)
        with self._ctx.db.transaction() as session:
            if office_repo.inbox_has(session, reply.bundle_id):
                return "Gói trả lời này đã được nhập trước đây; không thay đổi gì."
            for year, (sha, name) in reply.pdfs.items():
                sync_repo.set_meta(
                    session,
                    DECISION_PDF_META + str(year),
                    json.dumps(
                        {
                            "sha256": sha,
                            "name": nfc(name)[:200],
                            "bundle_id": reply.bundle_id,
                            "at": now.isoformat(),
                        }
                    ),
                )
            for n in reply.notes:
                office_repo.put_note(
                    session,
                    {
                        "year": int(n["year"]),
                        "code": nfc(str(n.get("code", ""))),
                        "request": str(n.get("request", "")),
                        "value": nfc(str(n.get("value", ""))),
                        "note": nfc(str(n.get("note", ""))),
                        "bundle_id": reply.bundle_id,
                        "received_at": now,
                    },
                )
            for d in reply.decisions:
                decided = d.get("decided_on")
                office_repo.put_decision(
                    session,
                    {
                        "year": int(d["year"]),
                        "status": ReviewStatus(str(d.get("status", ""))).value,
                        "number": nfc(str(d.get("number", ""))),
                        "decided_on": date.fromisoformat(decided) if decided else None,
                        "note": nfc(str(d.get("note", ""))),
                        "bundle_id": reply.bundle_id,
                        "received_at": now,
                    },
                )
            for o in reply.offers:
                offered = offer_files.offered_from_text(str(o["kind"]), str(o["name"]), str(o["content"]))
                if (offered.id, offered.version) != (o["id"], o["version"]):
                    raise ValueError(f"tệp {offered.name}: mã/phiên bản khác dòng kê khai")
                reply_offer_repo.add(
                    session,
                    {
                        "id": str(uuid.uuid4()),
                        "bundle_id": reply.bundle_id,
                        "reply_seq": reply.seq,
                        "kind": offered.kind,
                        "name": offered.name,
                        "offer_key": offered.id,
                        "version": offered.version,
                        "title": offered.title,
                        "sha256": str(o["sha256"]),
                        "content": offered.content,
                        "status": "pending",
                        "received_at": now,
                        "decided_at": None,
                        "decided_by": "",
                    },
                )
            office_repo.add_inbox(
                session,
                {
                    "bundle_id": reply.bundle_id,
                    "seq": reply.seq,
                    "fingerprint": reply.fingerprint,
                    "file_name": reply.path.name,
                    "imported_at": now,
                },
            )
            trace_import(
                session,
                kind="reply_import",
                ward_code="cơ quan cấp trên",
                seq=reply.seq,
                bundle_id=reply.bundle_id,
                file_name=reply.path.name,
                detail=f"{len(reply.notes)} ý kiến thẩm định, {len(reply.decisions)} trạng thái/quyết định"
                + (f", {len(reply.pdfs)} tệp quyết định" if reply.pdfs else ""),
            )
        return (
            f"Đã nhận gói trả lời số {reply.seq} của cơ quan cấp trên: {len(reply.notes)} ý kiến thẩm định, "
            f"{len(reply.decisions)} trạng thái/quyết định"
            + (f", {len(reply.pdfs)} tệp quyết định (PDF)" if reply.pdfs else "")
            + (f", {len(reply.offers)} tệp đề nghị cài đặt (xem mục “Tệp Sở gửi”)." if reply.offers else ".")
        )

    def notes(self, year: int) -> list[ReplyNoteDTO]:
        with self._ctx.db.read() as session:
            return [
                ReplyNoteDTO(n.year, n.code, n.request, n.value, n.note)
                for n in office_repo.notes(session, year)
            ]

    def note_for(self, year: int, code: str) -> ReplyNoteDTO | None:
        return next((n for n in self.notes(year) if n.code == code), None)

    def decision(self, year: int) -> DecisionDTO | None:
        with self._ctx.db.read() as session:
            d = office_repo.decision(session, year)
            if d is None:
                return None
            raw = sync_repo.get_meta(session, DECISION_PDF_META + str(year))
            return DecisionDTO(
                d.year, ReviewStatus(d.status), d.number, d.decided_on, d.note, self._pdf(year, raw)
            )

    def _pdf(self, year: int, raw: str | None) -> DecisionFileDTO | None:
        if not raw:
            return None
        entry = json.loads(raw)
        path = self.decisions_folder / f"{entry['sha256']}.pdf"
        size = path.stat().st_size if path.is_file() else 0
        at = entry.get("at")
        return DecisionFileDTO(
            year,
            str(entry["name"]),
            str(entry["sha256"]),
            size,
            path,
            datetime.fromisoformat(at) if at else None,
        )

    # ------------------------------------------------------------------ offered rule files / norm tables
    def _rules(self) -> RulesetStore:
        return RulesetStore(self._ctx.data_dir)

    def _installed_version(self, kind: str, key: str) -> int:
        if kind == offer_files.RULES:
            return max((i.version for i in self._rules().catalog() if i.id == key), default=0)
        with self._ctx.db.read() as session:
            return int(sync_repo.get_meta(session, offer_files.NORM_META + key) or 0)

    def _changes_of(self, row: ReplyOffer) -> tuple[str, ...]:
        try:
            if row.kind == offer_files.RULES:
                current = [i for i in self._rules().catalog() if i.id == row.offer_key]
                text = self._rules().get(row.offer_key).source_text if current else None
                return tuple(offer_files.rules_changes(text, row.content))
            with self._ctx.db.read() as session:
                norms = [norm_dto(n) for n in finance_catalog_repo.list_norms(session)]
            table = offer_files.parse_norm_table(row.content, row.name)
            return tuple(offer_files.norms_changes(norms, table, self._ctx.clock.today()))
        except (DomainError, RulesetError) as exc:
            return (f"Không so sánh được: {exc}",)

    def _dto(self, row: ReplyOffer, with_changes: bool) -> OfferDTO:
        return OfferDTO(
            row.id,
            row.kind,
            offer_files.KIND_LABELS.get(row.kind, row.kind),
            row.name,
            row.offer_key,
            row.version,
            row.title,
            row.reply_seq,
            row.status,
            offer_files.STATUS_LABELS.get(row.status, row.status),
            row.received_at,
            row.decided_at,
            row.decided_by,
            self._changes_of(row) if with_changes and row.status == "pending" else (),
        )

    def offers(self, *, with_changes: bool = True) -> list[OfferDTO]:
        """Every offered file, newest reply first; pending ones say what they would change."""
        with self._ctx.db.read() as session:
            rows = reply_offer_repo.all_offers(session)
            for row in rows:
                session.expunge(row)
        return [self._dto(row, with_changes) for row in rows]

    def _pending(self, offer_id: str) -> ReplyOffer:
        with self._ctx.db.read() as session:
            row = reply_offer_repo.get(session, offer_id)
            if row is not None:
                session.expunge(row)
        if row is None:
            raise NotFoundError("Không tìm thấy tệp Sở gửi (có thể đã bị xóa).")
        if row.status != "pending":
            raise DomainError(
                f"{offer_files.KIND_LABELS[row.kind]} {row.name} đã được xử lý "
                f"({offer_files.STATUS_LABELS[row.status].lower()})."
            )
        return row

    def _decide(self, session: DbSession, offer_id: str, status: str, by: str) -> None:
        row = reply_offer_repo.get(session, offer_id)
        if row is None or row.status != "pending":
            raise DomainError("Tệp Sở gửi vừa được xử lý ở nơi khác; hãy tải lại.")
        row.status = status
        row.decided_at = self._ctx.clock.now().astimezone(UTC)
        actor = self._ctx.actor
        row.decided_by = nfc(by).strip() or (actor.display_name if actor is not None else "")

    def accept_offer(self, offer_id: str, *, by: str = "") -> tuple[str, Changes]:
        """Install an offered rule file or norm table. Its version must be newer than every version of the
        same id the ward has; otherwise it is refused and stays pending (the clerk may decline it)."""
        row = self._pending(offer_id)
        # rule files and norm tables are the administrator's (issue #15), also in "một người dùng" mode
        require(self._ctx.actor, Action.RULES if row.kind == offer_files.RULES else Action.NORMS)
        label = offer_files.KIND_LABELS[row.kind]
        installed = self._installed_version(row.kind, row.offer_key)
        if row.version <= installed:
            raise DomainError(
                f"Không cài {label.lower()} {row.offer_key} phiên bản {row.version}: xã/phường đang có phiên "
                f"bản {installed} (mới bằng hoặc hơn). Có thể từ chối tệp này."
            )
        detail = (
            f"Nhận {label.lower()} {row.offer_key} phiên bản {row.version} ({row.name}) từ gói trả lời số "
            f"{row.reply_seq} của cơ quan cấp trên"
        )
        if row.kind == offer_files.RULES:
            return self._install_rules(row, by, detail), Changes.of(ASSESSMENT)
        return self._install_norms(row, by, detail), Changes.of(FINANCE, ASSESSMENT)

    def _install_rules(self, row: ReplyOffer, by: str, detail: str) -> str:
        store = self._rules()
        folder = self._ctx.data_dir
        # the decision and its trail first, the file last in the same transaction: a failed trail (or a
        # crash before the commit) installs no rule file; a file that cannot be written rolls both back
        with self._ctx.db.transaction() as session:
            self._decide(session, row.id, "accepted", by)
            write_entry(session, action="update", module="assessment", record_id=row.id, detail=detail)
            fd, tmp_name = tempfile.mkstemp(prefix=".offer-", suffix=".json", dir=folder)
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(row.content)
                rs = store.import_file(
                    tmp
                )  # validates again, writes rulesets/<id>/v<version>.json atomically
            except RulesetError as exc:
                raise DomainError(f"Bộ tiêu chí {row.name} không hợp lệ: {exc}") from exc
            except OSError as exc:
                raise StorageError(f"Không ghi được bộ tiêu chí: {exc.strerror or exc}.") from exc
            finally:
                tmp.unlink(missing_ok=True)
        return f"Đã cài bộ tiêu chí {rs.id} phiên bản {rs.version}: các lần chấm điểm sau dùng phiên bản này."

    def _install_norms(self, row: ReplyOffer, by: str, detail: str) -> str:
        table = offer_files.parse_norm_table(row.content, row.name)
        source = f"{table.title} (Sở Tư pháp gửi, {table.id} phiên bản {table.version})"[:300]
        with self._ctx.db.transaction() as session:
            current = int(sync_repo.get_meta(session, offer_files.NORM_META + table.id) or 0)
            if table.version <= current:
                raise DomainError(
                    f"Không cài bảng định mức {table.id} phiên bản {table.version}: đã có phiên bản {current}."
                )
            for n in table.norms:
                if finance_catalog_repo.category_by_code(session, n.category) is None:
                    raise DomainError(
                        f"Bảng định mức {row.name} có nội dung chi mã “{n.category}” mà xã/phường chưa có; "
                        "không cài gì."
                    )
                finance_catalog_repo.add_norm(
                    session,
                    {
                        "category_code": n.category,
                        "variant": n.variant,
                        "amount": n.amount,
                        "unit": n.unit,
                        "effective_from": n.effective_from,
                        "source": source,
                        "provincial": True,
                        "resolution_number": table.resolution_number[:80],
                        "resolution_date": table.resolution_date,
                    },
                )
            sync_repo.set_meta(session, offer_files.NORM_META + table.id, str(table.version))
            self._decide(session, row.id, "accepted", by)
            write_entry(session, action="update", module="finance", record_id=row.id, detail=detail)
        return f"Đã cài bảng định mức {table.id} phiên bản {table.version}: {len(table.norms)} mức chi."

    def decline_offer(self, offer_id: str, *, by: str = "") -> str:
        """Keep an offered file out; it stays listed as declined."""
        row = self._pending(offer_id)
        label = offer_files.KIND_LABELS[row.kind]
        with self._ctx.db.transaction() as session:
            self._decide(session, row.id, "declined", by)
            write_entry(
                session,
                action="update",
                module="assessment" if row.kind == offer_files.RULES else "finance",
                record_id=row.id,
                detail=f"Không nhận {label.lower()} {row.offer_key} phiên bản {row.version} ({row.name}) "
                f"của gói trả lời số {row.reply_seq}",
            )
        return f"Đã từ chối {label.lower()} {row.name}; không cài gì."
