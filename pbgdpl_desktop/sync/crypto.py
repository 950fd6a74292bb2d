"""Copies that travel on a USB stick, encrypted with a password (issue #15).

Format: ``PBGDPL-ENC1\\n`` + a 2-byte big-endian header length + the JSON header (``kdf`` scrypt with its ``n``,
``r``, ``p`` and ``salt``; what the file holds) + a 12-byte nonce + the AES-256-GCM ciphertext. The key comes
from the password through scrypt; the header is authenticated data, so changing a parameter, the nonce, or any
byte of the ciphertext makes the tag fail: the copy is refused and nothing is written.

A bundle can also be sealed *to the office's public key* (``seal_to_key``, no password to share): ``PBGDPL-BOX1\n``
+ a 2-byte header length + the JSON header (``kem`` ``x25519-hkdf-sha256``, the sender's one-time X25519
public key ``epk``, the fingerprint of the office key it is sealed to ``to``, what it holds) + a 12-byte nonce +
the AES-256-GCM ciphertext. The AES key is HKDF-SHA256 (salt = the one-time public key followed by the office's
public key, raw 32 bytes each; info ``pbgdpl-seal-v1``) of the X25519 shared secret; the header is
authenticated data. Only the holder of the office's private key can open it (docs/sync-format.md).

The only module of the app that encrypts; services call it (``cryptography`` is allowed only in ``sync``)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.sync import keys

MAGIC = b"PBGDPL-ENC1\n"
N, R, P = 2**15, 8, 1
MAXMEM = 128 * 1024 * 1024
WRONG = (
    "Không mở được bản sao mã hóa {name}: mật khẩu không đúng, hoặc tệp đã bị sửa hay hỏng khi chép. "
    "Không có gì bị thay đổi."
)


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAXMEM, dklen=32)


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


def is_encrypted(path: Path) -> bool:
    """Sealed with a password (a backup copy, or a bundle sealed with ``--encrypt``)."""
    return _starts_with(path, MAGIC)


def is_sealed_to_key(path: Path) -> bool:
    """Sealed to an office's public key (``--encrypt-to-office``)."""
    return _starts_with(path, BOX_MAGIC)


def encrypt_bytes(data: bytes, password: str, *, content: str) -> bytes:
    if not password:
        raise ValidationError("Hãy nhập mật khẩu để mã hóa bản sao.", field="password")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = json.dumps(
        {"kdf": "scrypt", "n": N, "r": R, "p": P, "salt": salt.hex(), "content": content}, sort_keys=True
    ).encode("utf-8")
    sealed = AESGCM(_key(password, salt, N, R, P)).encrypt(nonce, data, MAGIC + header)
    return MAGIC + len(header).to_bytes(2, "big") + header + nonce + sealed


def decrypt_bytes(blob: bytes, password: str, *, name: str = "") -> tuple[bytes, str]:
    """(plain bytes, what the header says it holds); a wrong password or any changed byte is refused."""
    refused = ValidationError(WRONG.format(name=name).replace("  ", " "), field="password")
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 2:
        raise refused
    size = int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 2], "big")
    start = len(MAGIC) + 2
    header_bytes = blob[start : start + size]
    nonce, sealed = blob[start + size : start + size + 12], blob[start + size + 12 :]
    try:
        header = json.loads(header_bytes)
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if header.get("kdf") != "scrypt" or n > 2**20 or r > 16 or p > 4 or len(nonce) != 12:
            raise refused
        key = _key(password, bytes.fromhex(header["salt"]), n, r, p)
        plain = AESGCM(key).decrypt(nonce, sealed, MAGIC + header_bytes)
    except (InvalidTag, ValueError, KeyError, TypeError, MemoryError) as exc:
        raise refused from exc
    return plain, str(header.get("content", ""))


def encrypt_file(src: Path, dest: Path, password: str, *, content: str) -> Path:
    """Encrypt ``src`` into ``dest`` (owner-only, atomic: temp file + rename)."""
    dest = Path(dest)
    write_private(dest, encrypt_bytes(_read(src), password, content=content), what="bản sao mã hóa")
    return dest


def decrypt_file(src: Path, dest: Path, password: str) -> tuple[Path, str]:
    """Decrypt ``src`` into ``dest`` (owner-only, atomic); on refusal ``dest`` is not created."""
    src, dest = Path(src), Path(dest)
    plain, content = decrypt_bytes(_read(src), password, name=src.name)
    write_private(dest, plain)
    return dest, content


# ----------------------------------------------------------------------------------- sealed to a public key
BOX_MAGIC = b"PBGDPL-BOX1\n"
KEM = "x25519-hkdf-sha256"
INFO = b"pbgdpl-seal-v1"
BOX_BROKEN = (
    "Không mở được gói mã hóa {name}: tệp đã bị sửa hay hỏng khi chép (hoặc không phải gói gửi cơ quan này). "
    "Không có gì bị thay đổi."
)
BOX_OTHER = (
    "Gói {name} được mã hóa cho một cơ quan khác (khóa mã {to}), không phải cơ quan này (khóa mã {mine}): "
    "không mở được, không có gì bị thay đổi. Hãy hỏi xã/phường đã đăng ký đúng khóa của cơ quan chưa."
)


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _box_key(shared: bytes, epk: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + recipient, info=INFO).derive(shared)


def seal_to_key(data: bytes, recipient_pem: bytes, *, content: str) -> bytes:
    """``data`` sealed to the X25519 public key ``recipient_pem``: a one-time key pair, HKDF-SHA256 of the
    shared secret, AES-256-GCM with the header as authenticated data."""
    recipient = keys.load_box_public(recipient_pem)
    ephemeral = X25519PrivateKey.generate()
    epk = _raw(ephemeral.public_key())
    key = _box_key(ephemeral.exchange(recipient), epk, _raw(recipient))
    header = json.dumps(
        {
            "kem": KEM,
            "aead": "aes-256-gcm",
            "epk": epk.hex(),
            "to": keys.box_fingerprint_of(recipient_pem),
            "content": content,
        },
        sort_keys=True,
    ).encode("utf-8")
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, data, BOX_MAGIC + header)
    return BOX_MAGIC + len(header).to_bytes(2, "big") + header + nonce + sealed


def open_with_key(blob: bytes, box: keys.BoxKey, *, name: str = "") -> tuple[bytes, str]:
    """(plain bytes, what it holds) of a file sealed to ``box``'s public key; a file sealed to another key,
    or with any byte changed, is refused (``ValidationError``) and nothing is returned."""
    broken = ValidationError(BOX_BROKEN.format(name=name).replace("  ", " "), field="sealed")
    if not blob.startswith(BOX_MAGIC) or len(blob) < len(BOX_MAGIC) + 2:
        raise broken
    size = int.from_bytes(blob[len(BOX_MAGIC) : len(BOX_MAGIC) + 2], "big")
    start = len(BOX_MAGIC) + 2
    header_bytes = blob[start : start + size]
    nonce, sealed = blob[start + size : start + size + 12], blob[start + size + 12 :]
    try:
        header = json.loads(header_bytes)
        if not isinstance(header, dict) or header.get("kem") != KEM or len(nonce) != 12:
            raise broken
        mine = box.fingerprint
        if header.get("to") != mine:
            raise ValidationError(
                BOX_OTHER.format(name=name, to=header.get("to"), mine=mine).replace("  ", " "), field="sealed"
            )
        epk = bytes.fromhex(header["epk"])
        peer = X25519PublicKey.from_public_bytes(epk)
        key = _box_key(box.private.exchange(peer), epk, _raw(box.private.public_key()))
        plain = AESGCM(key).decrypt(nonce, sealed, BOX_MAGIC + header_bytes)
    except (InvalidTag, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise broken from exc
    return plain, str(header.get("content", ""))


def seal_file_to_key(src: Path, dest: Path, recipient_pem: bytes, *, content: str) -> Path:
    """Seal ``src`` to ``recipient_pem`` into ``dest`` (owner-only, atomic: temp file + rename)."""
    dest = Path(dest)
    write_private(dest, seal_to_key(_read(src), recipient_pem, content=content), what="gói mã hóa")
    return dest


def open_file_with_key(src: Path, dest: Path, box: keys.BoxKey) -> Path:
    """Open ``src`` (sealed to ``box``) into ``dest`` (owner-only, atomic); on refusal ``dest`` is not made."""
    src, dest = Path(src), Path(dest)
    plain, _content = open_with_key(_read(src), box, name=src.name)
    write_private(dest, plain)
    return dest


def _read(src: Path) -> bytes:
    try:
        return Path(src).read_bytes()
    except OSError as exc:
        raise StorageError(f"Không đọc được tệp {src}: {exc.strerror or exc}.") from exc


def write_private(dest: Path, data: bytes, *, what: str = "tệp") -> None:
    """``data`` into ``dest`` through a temporary file created readable by the owner only (0600 where the
    system has such modes), then renamed; ``what`` names the file in the refusal."""
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được {what} {dest}: {exc.strerror or exc}.") from exc
