"""The ward's side of replies (docs/office.md): register the office's public key, import its signed reply
bundles through the same verification as every bundle, keep the notes per indicator and the decision.

The assessment page and the dossier read the notes with ``notes(year)`` / ``note_for(year, code)``."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from pbgdpl_desktop.domain.errors import DomainError, StorageError
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.persistence.repos import office_repo, sync_repo, ward_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.office.dto import DecisionDTO, ReplyNoteDTO, ReviewStatus
from pbgdpl_desktop.services.sync.audit_trail import trace_import
from pbgdpl_desktop.services.sync.dto import OFFICE
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.reader import BundleRefusedError, verify_bundle
from pbgdpl_desktop.sync.reply import Reply, read_reply

OFFICE_KEY = "office_public_key_pem"


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
                    pem = verify_bundle(source).public_pem
                except BundleRefusedError as exc:
                    raise DomainError(f"Không đăng ký từ gói {source.name}: {exc.message}") from exc
            else:
                pem = source.read_bytes()
        except OSError as exc:
            raise StorageError(f"Không đọc được tệp {source}: {exc.strerror or exc}.") from exc
        pem = keys.canonical_pem(pem)
        with self._ctx.db.transaction() as session:
            if sync_repo.get_meta(session, sync_repo.MODE_KEY) == OFFICE:
                raise DomainError(
                    "Đây là cơ sở dữ liệu của cơ quan cấp trên: chỉ xã/phường mới nhận gói trả lời."
                )
            sync_repo.set_meta(session, OFFICE_KEY, pem.decode("ascii"))
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
        except (ValueError, TypeError, KeyError) as exc:  # signed, but from a newer or broken office version
            raise DomainError(
                f"Gói trả lời {Path(path).name} có nội dung phần mềm này chưa đọc được ({exc}); không nhập gì. "
                "Có thể cần cập nhật phần mềm."
            ) from exc

    def _apply(self, reply: Reply, now: datetime) -> str:
        with self._ctx.db.transaction() as session:
            if office_repo.inbox_has(session, reply.bundle_id):
                return "Gói trả lời này đã được nhập trước đây; không thay đổi gì."
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
                detail=f"{len(reply.notes)} ý kiến thẩm định, {len(reply.decisions)} trạng thái/quyết định",
            )
        return (
            f"Đã nhận gói trả lời số {reply.seq} của cơ quan cấp trên: {len(reply.notes)} ý kiến thẩm định, "
            f"{len(reply.decisions)} trạng thái/quyết định."
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
            return DecisionDTO(d.year, ReviewStatus(d.status), d.number, d.decided_on, d.note)
