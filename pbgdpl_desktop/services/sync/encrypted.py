"""Encrypted copies of bundles (issue #15): a bundle that carries personal data (``privacy="full"``) can be
sealed with a password for the trip on a USB stick (AES-256-GCM, key from the password through scrypt:
``sync/crypto.py``). The sealed file is ``<bundle>.enc``; the plain bundle is removed once the sealed copy is
written. At the office the import asks for the password: each sealed file is opened into a private folder of
the data directory, verified and imported like any bundle, and the opened copy is removed afterwards. A wrong
password or a changed byte refuses that file with a clear message and the database is not touched.

A bundle can instead be sealed to the office's public key (``seal_to_office``: X25519 + HKDF-SHA256 +
AES-256-GCM, ``sync/crypto.py``), the key the ward registered with the office's signing key: the office opens
it with its private key without asking anything; a bundle sealed for another office, or changed, is refused.
Both kinds keep the name ``<bundle>.enc``; the first bytes tell them apart."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pbgdpl_desktop.domain.errors import DomainError, StorageError, ValidationError
from pbgdpl_desktop.services.sync.dto import REFUSED, BundleReport
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.crypto import (
    decrypt_bytes,
    encrypt_file,
    is_encrypted,
    is_sealed_to_key,
    open_with_key,
    seal_file_to_key,
    write_private,
)

ENC_SUFFIX = SUFFIX + ".enc"
CONTENT = "bundle"
BROKEN = "Tệp {name} không mở được: không phải gói mã hóa của phần mềm, hoặc đã bị sửa hay hỏng khi chép."
NEEDS_PASSWORD = "Gói {name} được mã hóa: hãy nhập mật khẩu do xã/phường gửi riêng (không gửi kèm gói)."


def encrypt_bundle(path: Path, password: str) -> Path:
    """Seal ``path`` into ``<path>.enc`` (atomic) and remove the plain bundle; returns the sealed file."""
    path = Path(path)
    if not path.name.endswith(SUFFIX) or not path.is_file():
        raise DomainError(f"Không có gói {path.name} để mã hóa.")
    sealed = encrypt_file(path, path.with_name(path.name + ".enc"), password, content=CONTENT)
    _remove_plain(path)
    return sealed


def seal_to_office(path: Path, office_pem: bytes) -> Path:
    """Seal ``path`` to the office's receiving key ``office_pem`` into ``<path>.enc`` (atomic) and remove the
    plain bundle; returns the sealed file."""
    path = Path(path)
    if not path.name.endswith(SUFFIX) or not path.is_file():
        raise DomainError(f"Không có gói {path.name} để mã hóa.")
    sealed = seal_file_to_key(path, path.with_name(path.name + ".enc"), office_pem, content=CONTENT)
    _remove_plain(path)
    return sealed


def _remove_plain(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        raise StorageError(
            f"Đã mã hóa gói nhưng không xóa được bản chưa mã hóa {path}: {exc.strerror or exc}."
        ) from exc


def needs_password(paths: Iterable[Path]) -> list[Path]:
    """Of the files named or held in the folders named, the bundles sealed with a password (those sealed to
    the office's key open without one)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_file() and path.name.endswith(ENC_SUFFIX) and is_encrypted(path):
            out.append(path)
    out.extend(p for p in sealed_in(paths) if is_encrypted(p))
    return out


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
    paths: Iterable[Path],
    password: str | None,
    folder: Path,
    refused: list[BundleReport],
    *,
    box: Callable[[], keys.BoxKey] | None = None,
    origins: dict[Path, Path] | None = None,
) -> Iterator[list[Path]]:
    """The paths with every sealed bundle replaced by its opened copy in ``folder`` (made owner-only, the
    copies 0600); a sealed file that cannot be opened (no password, wrong password, sealed to another office,
    changed byte) is left out and reported in ``refused``. A bundle sealed to the office's key is opened with
    ``box()`` (the office's receiving key). ``origins`` receives opened copy → sealed file. The opened copies
    are removed when the block ends."""
    plain: list[Path] = []
    made: list[Path] = []
    try:
        for path in paths:
            path = Path(path)
            to_key = is_sealed_to_key(path)
            if not to_key and not is_encrypted(path):
                if path.name.endswith(".enc"):  # named sealed, but neither kind: its first bytes were changed
                    refused.append(
                        BundleReport(path.name, REFUSED, BROKEN.format(name=path.name), code="encrypted")
                    )
                else:
                    plain.append(path)
                continue
            if not to_key and not password:
                refused.append(
                    BundleReport(path.name, REFUSED, NEEDS_PASSWORD.format(name=path.name), code="encrypted")
                )
                continue
            target = folder / path.name.removesuffix(".enc")
            try:
                blob = path.read_bytes()
                if to_key:
                    if box is None:
                        raise DomainError(NO_BOX.format(name=path.name))
                    data, _content = open_with_key(blob, box(), name=path.name)
                else:
                    assert password is not None
                    data, _content = decrypt_bytes(blob, password, name=path.name)
                private_folder(folder)
                write_private(target, data)
            except OSError as exc:
                refused.append(
                    BundleReport(
                        path.name,
                        REFUSED,
                        f"Không đọc được tệp {path}: {exc.strerror or exc}.",
                        code="encrypted",
                    )
                )
                continue
            except (ValidationError, StorageError, DomainError) as exc:
                refused.append(BundleReport(path.name, REFUSED, exc.message, code="encrypted"))
                continue
            made.append(target)
            plain.append(target)
            if origins is not None:
                origins[target] = path
        yield plain
    finally:
        for target in made:
            target.unlink(missing_ok=True)


NO_BOX = "Gói {name} được mã hóa gửi cơ quan cấp trên: chỉ cơ sở dữ liệu của cơ quan cấp trên mới mở được."


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and its missing parents) readable by the owner only where the system allows it."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:  # a file system without modes (FAT on a USB stick): nothing more to do
        pass


def copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file created readable by the owner only (0600 where
    the system has modes), then renamed. Raises OSError."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
