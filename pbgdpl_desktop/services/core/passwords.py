"""Password hashing with the standard library's memory-hard scrypt (issue #15).

Stored form: ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` — the parameters travel with the hash, so raising
them later still verifies the old hashes. Comparison is constant-time (``hmac.compare_digest``)."""

from __future__ import annotations

import hashlib
import hmac
import os

N, R, P = 2**15, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MAXMEM = 128 * 1024 * 1024


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAXMEM, dklen=HASH_BYTES
    )
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def parameters(stored: str) -> tuple[int, int, int]:
    _scheme, n, r, p, _salt, _hash = stored.split("$")
    return int(n), int(r), int(p)


def full_strength(stored: str) -> bool:
    """True for a well-formed scrypt hash made with at least the parameters ``hash_password`` uses."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
        ok = scheme == "scrypt" and len(bytes.fromhex(salt_hex)) >= SALT_BYTES
        ok = ok and len(bytes.fromhex(hash_hex)) >= HASH_BYTES
        return ok and int(n) >= N and int(r) >= R and int(p) >= P
    except ValueError:
        return False


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; False for a wrong password or a malformed hash."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(hash_hex)
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)
