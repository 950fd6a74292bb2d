"""Ed25519 keys of a database: made on first use, the private key in a file readable by the user only.

The private key never goes into a bundle, a backup or the log; only the public key leaves the PC (in each
bundle as ``sender.pub.pem``, and as a file the clerk sends to the office). The fingerprint is the first 16
bytes of SHA-256 over the raw 32-byte public key, in groups of four hex digits, to read out on the phone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from pbgdpl_desktop.domain.errors import DomainError, StorageError


class SyncKeyError(DomainError):
    pass


@dataclass(frozen=True)
class KeyPair:
    private: Ed25519PrivateKey
    public_pem: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_pem)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def key_path_for(db_path: Path) -> Path:
    """The private key file of the database at ``db_path``: beside it, ``<name>.sync-key.pem``."""
    return db_path.with_name(db_path.stem + ".sync-key.pem")


def load_or_create(path: Path) -> tuple[KeyPair, bool]:
    """The key pair stored at ``path``; made (mode 0600, created exclusively) when there is none.
    Returns the pair and whether it was just made."""
    if path.exists():
        return _load(path), False
    private = Ed25519PrivateKey.generate()
    data = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không tạo được tệp khóa {path}: {exc.strerror or exc}.") from exc
    return _pair(private), True


def _load(path: Path) -> KeyPair:
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SyncKeyError(
            f"Tệp khóa {path} hỏng hoặc không đọc được. Nếu đã mất khóa, hãy đổi tên tệp này để phần mềm tạo "
            "khóa mới, rồi gửi khóa công khai mới cho cơ quan cấp trên đăng ký lại."
        ) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise SyncKeyError(f"Tệp khóa {path} không phải khóa Ed25519.")
    return _pair(private)


def _pair(private: Ed25519PrivateKey) -> KeyPair:
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private, public_pem)


def load_public(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise SyncKeyError("Tệp khóa công khai không hợp lệ (cần tệp PEM của khóa Ed25519).") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SyncKeyError("Khóa công khai không phải Ed25519.")
    return key


def canonical_pem(pem: bytes) -> bytes:
    """The PEM as this module writes it (so two spellings of one key compare equal)."""
    return load_public(pem).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint_of(pem: bytes) -> str:
    raw = load_public(pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def verify(pem: bytes, signature: bytes, data: bytes) -> bool:
    try:
        load_public(pem).verify(signature, data)
    except (InvalidSignature, SyncKeyError):
        return False
    return True
