"""Where a signature key comes from: a .p12 / .pfx file with its password, or a certificate on a PKCS#11
token (the USB token a ward chairman receives) opened with its PIN. The PIN and the password are used for
one signature and never stored."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pyhanko.sign import signers

from pbgdpl_desktop.domain.errors import DomainError


class SigningKeyError(DomainError):
    """The key cannot be opened (wrong password or PIN, no token, no certificate): a Vietnamese message."""


@dataclass(frozen=True)
class P12Key:
    path: Path
    password: str


@dataclass(frozen=True)
class TokenKey:
    library: Path  # the PKCS#11 module of the token (its driver: .dll on Windows, .so on Linux)
    token_label: str
    pin: str
    cert_label: str = ""  # "" = the first certificate that has a private key


SigningKey = P12Key | TokenKey


@dataclass(frozen=True)
class TokenCertificate:
    label: str
    subject: str
    organisation: str


@dataclass(frozen=True)
class TokenInfo:
    label: str
    certificates: tuple[TokenCertificate, ...]


def _names(cert: asn1_x509.Certificate) -> tuple[str, str]:
    subject = cert.subject.native
    return str(subject.get("common_name", "")), str(subject.get("organization_name", ""))


def list_tokens(library: Path) -> list[TokenInfo]:
    """The tokens the module sees and their certificates (public objects: no PIN needed)."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    out = []
    for token in _tokens(library):
        certs = []
        try:
            with token.open() as session:
                for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                    cert = asn1_x509.Certificate.load(obj[Attribute.VALUE])
                    name, org = _names(cert)
                    certs.append(TokenCertificate(str(obj[Attribute.LABEL]), name, org))
        except pkcs11.PKCS11Error as exc:
            raise SigningKeyError(f"Không đọc được token “{token.label}”: {type(exc).__name__}.") from exc
        out.append(TokenInfo(str(token.label).strip(), tuple(certs)))
    return out


def _tokens(library: Path) -> list:
    """The initialised tokens of the module (SoftHSM and some drivers also show an empty slot)."""
    from pkcs11 import TokenFlag

    lib = _load_library(library)
    tokens = [slot.get_token() for slot in lib.get_slots(token_present=True)]
    return [t for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]


def _load_library(library: Path):  # noqa: ANN202 (pkcs11.lib has no type information)
    import pkcs11

    if not Path(library).is_file():
        raise SigningKeyError(
            f"Không tìm thấy thư viện PKCS#11 của token ({library}). Cài trình điều khiển token của nhà cung "
            "cấp chữ ký số, rồi chọn tệp thư viện (.dll) trong phần Cài đặt › Chữ ký số."
        )
    try:
        return pkcs11.lib(str(library))
    except (pkcs11.PKCS11Error, OSError) as exc:
        raise SigningKeyError(f"Không nạp được thư viện PKCS#11 {library}: {exc}.") from exc


@contextlib.contextmanager
def open_signer(key: SigningKey) -> Iterator[signers.Signer]:
    """A pyHanko signer for ``key``, open for the duration of the block (the token session is closed
    after)."""
    if isinstance(key, P12Key):
        yield _p12_signer(key)
        return
    yield from _token_signer(key)


def _p12_signer(key: P12Key) -> signers.Signer:
    try:
        data = Path(key.path).read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"Không đọc được tệp chữ ký số {key.path}: {exc.strerror or exc}.") from exc
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=key.password.encode())
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(
            f"Không mở được tệp chữ ký số “{Path(key.path).name}”: sai mật khẩu hoặc tệp không phải .p12/.pfx."
        ) from exc


def _token_signer(key: TokenKey) -> Iterator[signers.Signer]:
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.sign.pkcs11 import PKCS11Signer

    tokens = _tokens(key.library)
    token = next((t for t in tokens if str(t.label).strip() == key.token_label.strip()), None)
    if token is None:
        raise SigningKeyError(
            f"Không thấy token “{key.token_label}”. Hãy cắm token vào máy rồi thử lại."
            if key.token_label
            else "Không thấy token nào. Hãy cắm token vào máy rồi thử lại."
        )
    try:
        session = token.open(user_pin=key.pin)
    except pkcs11.PinIncorrect as exc:
        raise SigningKeyError("Mã PIN không đúng. Lưu ý: nhập sai nhiều lần token sẽ bị khóa.") from exc
    except pkcs11.PinLocked as exc:
        raise SigningKeyError("Token đã bị khóa do nhập sai PIN nhiều lần; liên hệ nhà cung cấp.") from exc
    except pkcs11.PKCS11Error as exc:
        raise SigningKeyError(f"Không mở được token “{key.token_label}”: {type(exc).__name__}.") from exc
    try:
        label = key.cert_label
        if not label:
            labels = [
                str(o[Attribute.LABEL])
                for o in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
            ]
            if not labels:
                raise SigningKeyError(f"Token “{key.token_label}” không có khóa ký.")
            label = labels[0]
        yield PKCS11Signer(session, cert_label=label, key_label=label)
    finally:
        session.close()
