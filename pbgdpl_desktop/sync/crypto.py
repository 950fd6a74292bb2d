"""Copies that travel on a USB stick, encrypted with a password (issue #15).

Format: ``PBGDPL-ENC1\\n`` + a 2-byte big-endian header length + the JSON header (``kdf`` scrypt with its ``n``,
``r``, ``p`` and ``salt``; what the file holds) + a 12-byte nonce + the AES-256-GCM ciphertext. The key comes
from the password through scrypt; the header is authenticated data, so changing a parameter, the nonce, or any
byte of the ciphertext makes the tag fail: the copy is refused and nothing is written.

The only module of the app that encrypts; services call it (``cryptography`` is allowed only in ``sync``)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pbgdpl_desktop.domain.errors import StorageError, ValidationError

MAGIC = b"PBGDPL-ENC1\n"
N, R, P = 2**15, 8, 1
MAXMEM = 128 * 1024 * 1024
WRONG = (
    "Không mở được bản sao mã hóa {name}: mật khẩu không đúng, hoặc tệp đã bị sửa hay hỏng khi chép. "
    "Không có gì bị thay đổi."
)


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAXMEM, dklen=32)


def is_encrypted(path: Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


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
    """Encrypt ``src`` into ``dest`` atomically (temp file + rename)."""
    src, dest = Path(src), Path(dest)
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        blob = encrypt_bytes(src.read_bytes(), password, content=content)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được bản sao mã hóa {dest}: {exc.strerror or exc}.") from exc
    return dest


def decrypt_file(src: Path, dest: Path, password: str) -> tuple[Path, str]:
    """Decrypt ``src`` into ``dest`` (atomic); on refusal ``dest`` is not created."""
    src, dest = Path(src), Path(dest)
    try:
        blob = src.read_bytes()
    except OSError as exc:
        raise StorageError(f"Không đọc được tệp {src}: {exc.strerror or exc}.") from exc
    plain, content = decrypt_bytes(blob, password, name=src.name)
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        tmp.write_bytes(plain)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp {dest}: {exc.strerror or exc}.") from exc
    return dest, content
