"""The seal of a certificate or commendation: a compact text signed with the ward's Ed25519 key (the sync
key of ``keys.py``), printed as a QR code, so anyone holding the ward's public key (the ward itself, the
office that registered it) can check offline that the name, number, date and purpose are the ones issued.

Text: ``PBG1:<body>:<signature>``, both parts RFC 4648 base32 without padding (A–Z, 2–7), so the whole text
fits the QR code's alphanumeric mode. The body is the UTF-8 (NFC) of the fields joined by U+001F:
ward code, document number, name, date (yyyymmdd), purpose. The short code printed beside the QR code
(``ABCD-EFGH``) is the first 40 bits of SHA-256 over the signature: a reader compares it with the one on
paper."""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.sync import keys

PREFIX = "PBG1"
SEP = "\x1f"
PURPOSE_MAX = 120  # characters of the purpose kept in the seal (the QR code stays small)


class SealError(DomainError):
    pass


@dataclass(frozen=True)
class SealFields:
    ward_code: str
    number: str  # "05/GCN-UBND"
    name: str
    issued: date
    purpose: str

    def body(self) -> bytes:
        parts = [self.ward_code, self.number, self.name, f"{self.issued:%Y%m%d}", self.purpose[:PURPOSE_MAX]]
        if any(SEP in p for p in parts):
            raise SealError("Nội dung giấy chứng nhận chứa ký tự điều khiển không hợp lệ.")
        return unicodedata.normalize("NFC", SEP.join(p.strip() for p in parts)).encode("utf-8")


@dataclass(frozen=True)
class Seal:
    fields: SealFields
    text: str  # what the QR code holds
    short_code: str


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


def short_code(signature: bytes) -> str:
    code = _b32(hashlib.sha256(signature).digest())[:8]
    return f"{code[:4]}-{code[4:]}"


def make_seal(fields: SealFields, pair: keys.KeyPair) -> Seal:
    body = fields.body()
    signature = pair.sign(body)
    return Seal(fields, f"{PREFIX}:{_b32(body)}:{_b32(signature)}", short_code(signature))


def read_seal(text: str) -> tuple[SealFields, bytes, bytes]:
    """The fields, the signed body and the signature of a seal text (not yet verified)."""
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise SealError("Không phải mã xác thực giấy chứng nhận của phần mềm (cần dạng PBG1:…:…).")
    try:
        body, signature = _unb32(parts[1]), _unb32(parts[2])
        values = body.decode("utf-8").split(SEP)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SealError("Mã xác thực bị hỏng (không đọc được).") from exc
    if len(values) != 5 or len(values[3]) != 8 or not values[3].isdigit():
        raise SealError("Mã xác thực bị hỏng (thiếu trường).")
    try:
        issued = date(int(values[3][:4]), int(values[3][4:6]), int(values[3][6:]))
    except ValueError as exc:
        raise SealError("Mã xác thực bị hỏng (ngày không hợp lệ).") from exc
    return SealFields(values[0], values[1], values[2], issued, values[4]), body, signature


def verify_seal(text: str, public_pem: bytes) -> tuple[SealFields, str]:
    """The fields and short code of a seal signed by the key ``public_pem``; SealError otherwise."""
    fields, body, signature = read_seal(text)
    if not keys.verify(public_pem, signature, body):
        raise SealError(
            f"Chữ ký của mã xác thực không khớp khóa của xã/phường {fields.ward_code}: "
            "giấy chứng nhận bị sửa hoặc không do xã/phường này cấp."
        )
    return fields, short_code(signature)
