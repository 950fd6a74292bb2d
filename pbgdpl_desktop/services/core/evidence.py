"""Evidence files (photos, attendance sheets, signed PDFs): copied into the data directory under their
SHA-256 (``evidence/ab/abcdef…``), recorded once, linked to any record."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pbgdpl_desktop.domain.changes import EVIDENCE, Changes
from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.domain.text import checked_text, clean, strip_surrogates
from pbgdpl_desktop.persistence.db import fsync_dir
from pbgdpl_desktop.persistence.repos import evidence_repo
from pbgdpl_desktop.services.core.context import ServiceContext

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class EvidenceDTO:
    id: str
    link_id: str | None
    sha256: str
    original_name: str
    size_bytes: int
    media_type: str
    note: str = ""
    signature: SignatureResult | None = None  # a PDF's digital-signature check; None = not checked


@dataclass(frozen=True)
class SignatureResult:
    """What checking a PDF's digital signatures found (services/signing), stored with the file.
    ``status``: unsigned, good, modified, untrusted, expired, invalid, unreadable."""

    status: str
    signer: str = ""
    organisation: str = ""
    signed_at: datetime | None = None
    problem: str = ""
    checked_at: datetime | None = None


def _signature_of(row: object) -> SignatureResult | None:
    status = getattr(row, "sig_status", None)
    if status is None:
        return None
    return SignatureResult(
        status,
        getattr(row, "sig_signer", ""),
        getattr(row, "sig_organisation", ""),
        getattr(row, "sig_signed_at", None),
        getattr(row, "sig_problem", ""),
        getattr(row, "sig_checked_at", None),
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class EvidenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        # set by the registry: checks a PDF's signatures when it is attached (services/signing)
        self.signature_checker: Callable[[Path], SignatureResult] | None = None

    def stored_path(self, sha256: str) -> Path:
        return self._ctx.evidence_dir / sha256[:2] / sha256

    def check_file(self, source: Path) -> None:
        source = Path(source)
        if not source.exists():
            raise ValidationError(f"Không tìm thấy tệp “{source.name}” ({source}).", field="evidence")
        if not source.is_file():
            raise ValidationError(f"“{source.name}” không phải là tệp.", field="evidence")
        size = source.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise ValidationError(
                f"Tệp “{source.name}” nặng {size / 1024 / 1024:.1f} MB, vượt giới hạn 50 MB. "
                "Hãy giảm dung lượng (ví dụ chụp ảnh độ phân giải thấp hơn) rồi đính kèm lại.",
                field="evidence",
            )
        if not os.access(source, os.R_OK):
            raise ValidationError(
                f"Không đọc được tệp “{source.name}”: không có quyền đọc.", field="evidence"
            )

    def _copy_in(self, source: Path) -> str:
        try:
            digest = sha256_of(source)
        except OSError as exc:
            raise ValidationError(
                f"Không đọc được tệp “{source.name}”: {exc.strerror or exc}.", field="evidence"
            ) from exc
        target = self.stored_path(digest)
        if target.exists() and sha256_of(target) == digest:
            return digest  # already stored, and intact
        tmp = target.with_name(target.name + ".tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as src, tmp.open("wb") as out:
                shutil.copyfileobj(src, out, 1024 * 1024)
                out.flush()
                os.fsync(out.fileno())
            if sha256_of(tmp) != digest:  # the file changed while it was copied (still being saved?)
                tmp.unlink(missing_ok=True)
                raise ValidationError(
                    f"Tệp “{source.name}” thay đổi trong lúc chép (có thể chương trình khác đang ghi vào tệp). "
                    "Hãy đợi tệp lưu xong rồi đính kèm lại.",
                    field="evidence",
                )
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                f"Không chép được tệp minh chứng vào {target.parent}: {exc.strerror or exc}."
            ) from exc
        return digest

    def attach(
        self, source: Path, owner_table: str, owner_id: str, note: str = ""
    ) -> tuple[EvidenceDTO, Changes]:
        """Copy ``source`` in (once per content) and link it to the record; one transaction."""
        source = Path(source)
        note = checked_text(note, "note")  # refused before any copy
        self.check_file(source)
        digest = self._copy_in(source)
        media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        signature = None
        if media_type == "application/pdf" and self.signature_checker is not None:
            signature = self.signature_checker(self.stored_path(digest))
        with self._ctx.db.transaction() as session:
            file_row = evidence_repo.get_or_create_file(
                session,
                sha256=digest,
                original_name=clean(strip_surrogates(source.name)),  # undecodable bytes of a name
                size_bytes=source.stat().st_size,
                media_type=media_type,
            )
            if signature is not None:
                evidence_repo.set_signature(session, file_row, _signature_values(signature))
            link = evidence_repo.link(session, file_row.id, owner_table, owner_id, note)
            dto = EvidenceDTO(
                file_row.id,
                link.id,
                digest,
                file_row.original_name,
                file_row.size_bytes,
                file_row.media_type,
                link.note,
                _signature_of(file_row),
            )
        return dto, Changes.of(EVIDENCE)

    def list_for(self, owner_table: str, owner_id: str) -> list[EvidenceDTO]:
        with self._ctx.db.read() as session:
            return [
                EvidenceDTO(
                    f.id,
                    link.id,
                    f.sha256,
                    f.original_name,
                    f.size_bytes,
                    f.media_type,
                    link.note,
                    _signature_of(f),
                )
                for link, f in evidence_repo.links_of(session, owner_table, owner_id)
            ]

    def record_signature(self, sha256: str, result: SignatureResult) -> Changes:
        """Store a (new) signature check of a stored file, e.g. after the user imported a trusted root."""
        with self._ctx.db.transaction() as session:
            row = evidence_repo.file_by_sha(session, sha256)
            if row is None:
                raise ValidationError(f"Không có tệp minh chứng {sha256[:12]}….", field="evidence")
            evidence_repo.set_signature(session, row, _signature_values(result))
        return Changes.of(EVIDENCE)

    def detach(self, link_id: str) -> Changes:
        """Tombstone the link; the stored file stays (other records or bundles may use it)."""
        with self._ctx.db.transaction() as session:
            evidence_repo.unlink(session, link_id, self._ctx.clock.now())
        return Changes.of(EVIDENCE)

    def path_for_viewing(self, sha256: str) -> Path:
        path = self.stored_path(sha256)
        if not path.exists():
            raise StorageError(
                f"Tệp minh chứng {sha256[:12]}… không còn trong thư mục dữ liệu {path.parent}."
            )
        return path


def _signature_values(result: SignatureResult) -> dict[str, object]:
    return {
        "sig_status": result.status,
        "sig_signer": clean(result.signer)[:200],
        "sig_organisation": clean(result.organisation)[:200],
        "sig_signed_at": result.signed_at,
        "sig_problem": clean(result.problem)[:500],
        "sig_checked_at": result.checked_at,
    }
