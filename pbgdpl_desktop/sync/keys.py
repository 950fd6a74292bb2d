"""Ed25519 keys of a database: made on first use, the private key in a file readable by the user only.

An office also has an X25519 key pair for *receiving* bundles sealed to it (``crypto.seal_to_key``): its
private key in ``<database name>.seal-key.pem`` (0600), its public key written after the signing key in the
office's public key file (two PEM blocks; a file with the signing key alone stays valid: nothing can then be
sealed to that office).

The private key never goes into a bundle, a backup or the log; only the public key leaves the PC (in each
bundle as ``sender.pub.pem``, and as a file the clerk sends to the office). The fingerprint is the first 16
bytes of SHA-256 over the raw 32-byte public key, in groups of four hex digits, to read out on the phone.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

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
    _write_private(path, private)
    return _pair(private), True


def _write_private(path: Path, private: Ed25519PrivateKey | X25519PrivateKey) -> None:
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
    """The signing key's PEM as this module writes it (so two spellings of one key compare equal); a key
    file with a receiving key after the signing key gives the signing key."""
    return split_key_file(pem)[0]


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


# ----------------------------------------------------------------------------------- receiving (X25519)
@dataclass(frozen=True)
class BoxKey:
    """The office's key pair for opening bundles sealed to it."""

    private: X25519PrivateKey
    public_pem: bytes

    @property
    def fingerprint(self) -> str:
        return box_fingerprint_of(self.public_pem)


def box_key_path_for(db_path: Path) -> Path:
    """The receiving key file of the database at ``db_path``: beside it, ``<name>.seal-key.pem``."""
    return db_path.with_name(db_path.stem + ".seal-key.pem")


def load_or_create_box(path: Path) -> tuple[BoxKey, bool]:
    """The X25519 key pair stored at ``path``; made (mode 0600) when there is none."""
    if path.exists():
        try:
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise SyncKeyError(
                f"Tệp khóa nhận {path} hỏng hoặc không đọc được: không mở được các gói mã hóa gửi cơ quan này."
            ) from exc
        if not isinstance(private, X25519PrivateKey):
            raise SyncKeyError(f"Tệp khóa nhận {path} không phải khóa X25519.")
        return _box(private), False
    private = X25519PrivateKey.generate()
    _write_private(path, private)
    return _box(private), True


def _box(private: X25519PrivateKey) -> BoxKey:
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return BoxKey(private, pem)


def load_box_public(pem: bytes) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise SyncKeyError(
            "Khóa mã hóa của cơ quan cấp trên không hợp lệ (cần PEM của khóa X25519)."
        ) from exc
    if not isinstance(key, X25519PublicKey):
        raise SyncKeyError("Khóa mã hóa của cơ quan cấp trên không phải X25519.")
    return key


def box_fingerprint_of(pem: bytes) -> str:
    raw = load_box_public(pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


_BEGIN, _END = b"-----BEGIN PUBLIC KEY-----", b"-----END PUBLIC KEY-----"


def pem_blocks(data: bytes) -> list[bytes]:
    """The ``PUBLIC KEY`` PEM blocks of a key file, in order."""
    out: list[bytes] = []
    start = data.find(_BEGIN)
    while start >= 0:
        end = data.find(_END, start)
        if end < 0:
            break
        out.append(data[start : end + len(_END)] + b"\n")
        start = data.find(_BEGIN, end)
    return out


_SIG_BEGIN, _SIG_END = (
    b"-----BEGIN PBGDPL SEAL KEY SIGNATURE-----",
    b"-----END PBGDPL SEAL KEY SIGNATURE-----",
)
_SEAL_CONTEXT = b"pbgdpl-seal-key-v1\n"


def _box_raw(pem: bytes) -> bytes:
    return load_box_public(pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal_key_blocks(pair: KeyPair, box_pem: bytes) -> bytes:
    """The receiving key's PEM followed by its signature with the signing key (Ed25519 over
    ``pbgdpl-seal-key-v1\n`` + the raw 32-byte X25519 key): the fingerprint read out on the phone for the
    signing key then vouches for the receiving key too."""
    signature = pair.sign(_SEAL_CONTEXT + _box_raw(box_pem))
    return box_pem + _SIG_BEGIN + b"\n" + base64.encodebytes(signature) + _SIG_END + b"\n"


def split_key_file(data: bytes) -> tuple[bytes, bytes | None]:
    """(the Ed25519 signing key, the X25519 receiving key or None) of a public key file, both as this module
    writes them. A file of the signing key alone (older releases, or a ward) has no receiving key; a receiving
    key without a valid signature by the signing key is refused (the file was changed)."""
    signing: bytes | None = None
    receiving: bytes | None = None
    for block in pem_blocks(data) or [data]:
        try:
            key = serialization.load_pem_public_key(block)
        except (ValueError, TypeError):
            continue
        pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        if isinstance(key, Ed25519PublicKey) and signing is None:
            signing = pem
        elif isinstance(key, X25519PublicKey) and receiving is None:
            receiving = pem
    if signing is None:
        raise SyncKeyError("Tệp khóa công khai không hợp lệ (cần tệp PEM của khóa Ed25519).")
    if receiving is not None:
        start, end = data.find(_SIG_BEGIN), data.find(_SIG_END)
        try:
            signature = base64.b64decode(data[start + len(_SIG_BEGIN) : end], validate=False)
        except ValueError:
            signature = b""
        if start < 0 or end < start or not verify(signing, signature, _SEAL_CONTEXT + _box_raw(receiving)):
            raise SyncKeyError(
                "Khóa mã hóa trong tệp khóa không có chữ ký hợp lệ của khóa ký của cơ quan: tệp đã bị sửa hoặc "
                "ghép từ tệp khác. Không đăng ký; hãy xin lại tệp khóa của Sở Tư pháp."
            )
    return signing, receiving
