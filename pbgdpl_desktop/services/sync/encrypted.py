"""Encrypted copies of bundles (issue #15): a bundle that carries personal data (``privacy="full"``) can be
sealed with a password for the trip on a USB stick (AES-256-GCM, key from the password through scrypt:
``sync/crypto.py``). The sealed file is ``<bundle>.enc``; the plain bundle is removed once the sealed copy is
written. At the office the import asks for the password: each sealed file is opened into a private folder of
the data directory, verified and imported like any bundle, and the opened copy is removed afterwards. A wrong
password or a changed byte refuses that file with a clear message and the database is not touched."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pbgdpl_desktop.domain.errors import DomainError, StorageError, ValidationError
from pbgdpl_desktop.services.sync.dto import REFUSED, BundleReport
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.crypto import decrypt_file, encrypt_file, is_encrypted

ENC_SUFFIX = SUFFIX + ".enc"
CONTENT = "bundle"
NEEDS_PASSWORD = "Gói {name} được mã hóa: hãy nhập mật khẩu do xã/phường gửi riêng (không gửi kèm gói)."


def encrypt_bundle(path: Path, password: str) -> Path:
    """Seal ``path`` into ``<path>.enc`` (atomic) and remove the plain bundle; returns the sealed file."""
    path = Path(path)
    if not path.name.endswith(SUFFIX) or not path.is_file():
        raise DomainError(f"Không có gói {path.name} để mã hóa.")
    sealed = encrypt_file(path, path.with_name(path.name + ".enc"), password, content=CONTENT)
    try:
        path.unlink()
    except OSError as exc:
        raise StorageError(
            f"Đã mã hóa gói nhưng không xóa được bản chưa mã hóa {path}: {exc.strerror or exc}."
        ) from exc
    return sealed


def sealed_in(paths: Iterable[Path]) -> list[Path]:
    """The sealed bundles in the folders named (files named directly are listed by the importer itself)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.name.endswith(ENC_SUFFIX) and p.is_file()))
    return out


@contextmanager
def opened(
    paths: Iterable[Path], password: str | None, folder: Path, refused: list[BundleReport]
) -> Iterator[list[Path]]:
    """The paths with every sealed bundle replaced by its opened copy in ``folder``; a sealed file that cannot
    be opened (no password, wrong password, changed byte) is left out and reported in ``refused``. The opened
    copies are removed when the block ends."""
    plain: list[Path] = []
    made: list[Path] = []
    try:
        for path in paths:
            path = Path(path)
            if not is_encrypted(path):
                plain.append(path)
                continue
            if not password:
                refused.append(
                    BundleReport(path.name, REFUSED, NEEDS_PASSWORD.format(name=path.name), code="encrypted")
                )
                continue
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / path.name.removesuffix(".enc")
            try:
                decrypt_file(path, target, password)
            except (ValidationError, StorageError) as exc:
                refused.append(BundleReport(path.name, REFUSED, exc.message, code="encrypted"))
                continue
            made.append(target)
            plain.append(target)
        yield plain
    finally:
        for target in made:
            target.unlink(missing_ok=True)
