"""What Settings › Chữ ký số keeps in the data directory (``<data dir>/signing``): the two signature images
(the person's handwritten signature and the agency's seal, PNG/JPEG) and the trusted root certificates the
user imported (the app ships none). Files only: nothing secret is kept (no PIN, no password)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.signing.roles import SignRole

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_IMAGE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class RootInfo:
    fingerprint: str  # SHA-256 of the DER, first 16 hex digits
    subject: str
    organisation: str
    not_before: datetime
    not_after: datetime
    path: Path


class SigningFiles:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / "signing"

    @property
    def roots_folder(self) -> Path:
        return self.folder / "roots"

    # ------------------------------------------------------------------ signature images
    def image(self, role: SignRole) -> Path | None:
        for suffix in IMAGE_SUFFIXES:
            path = self.folder / f"{role.value}{suffix}"
            if path.is_file():
                return path
        return None

    def set_image(self, role: SignRole, source: Path) -> Path:
        source = Path(source)
        suffix = source.suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            raise ValidationError("Ảnh chữ ký/con dấu phải là tệp .png hoặc .jpg.", field="image")
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Không đọc được tệp “{source.name}”: {exc.strerror or exc}.") from exc
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationError("Ảnh chữ ký/con dấu quá lớn (tối đa 2 MB).", field="image")
        if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            raise ValidationError(f"Tệp “{source.name}” không phải ảnh PNG/JPEG.", field="image")
        self.clear_image(role)
        return _write_atomic(self.folder / f"{role.value}{suffix}", data)

    def clear_image(self, role: SignRole) -> None:
        for suffix in IMAGE_SUFFIXES:
            (self.folder / f"{role.value}{suffix}").unlink(missing_ok=True)

    # ------------------------------------------------------------------ trusted roots
    def import_root(self, source: Path) -> RootInfo:
        from pbgdpl_desktop.signing.check import CertificateFileError, describe_certificate  # pyHanko: on use

        source = Path(source)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Không đọc được tệp “{source.name}”: {exc.strerror or exc}.") from exc
        try:
            cert = describe_certificate(data)
        except CertificateFileError as exc:
            raise ValidationError(f"“{source.name}”: {exc.message}", field="root") from exc
        if not cert.is_ca:
            raise ValidationError(
                f"“{source.name}” là chứng thư của người ký, không phải chứng thư gốc (CA) của tổ chức cung cấp "
                "dịch vụ chứng thực.",
                field="root",
            )
        der = cert.der
        fingerprint = hashlib.sha256(der).hexdigest()[:16]
        _write_atomic(self.roots_folder / f"{fingerprint}.cer", der)
        return next(r for r in self.roots() if r.fingerprint == fingerprint)

    def roots(self) -> list[RootInfo]:
        from pbgdpl_desktop.signing.check import CertificateFileError, describe_certificate  # pyHanko: on use

        out = []
        for path in sorted(self.roots_folder.glob("*.cer")):
            try:
                c = describe_certificate(path.read_bytes())
            except (OSError, CertificateFileError):
                continue  # a damaged file is skipped, never trusted
            out.append(RootInfo(path.stem, c.subject, c.organisation, c.not_before, c.not_after, path))
        return out

    def root_bytes(self) -> list[bytes]:
        return [r.path.read_bytes() for r in self.roots()]

    def remove_root(self, fingerprint: str) -> None:
        (self.roots_folder / f"{fingerprint}.cer").unlink(missing_ok=True)


def _write_atomic(target: Path, data: bytes) -> Path:
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp {target}: {exc.strerror or exc}.") from exc
    return target


__all__ = ["RootInfo", "SigningFiles"]
