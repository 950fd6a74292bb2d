"""A test certificate authority (made with ``cryptography``) and a SoftHSM2 token holding a signer's key:
real keys, real certificates, real PKCS#11 — nothing of our own is mocked."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_LIB = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "Token thu"
PIN = "123456"


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def make_root(cn: str = "CA thử nghiệm Chính phủ") -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    name = _name(cn, "Ban Cơ yếu thử nghiệm")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=365))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def issue(
    root: Issued, cn: str, org: str, *, not_before: datetime | None = None, not_after: datetime | None = None
) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=30))
        .not_valid_after(not_after or now + timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
        )
        .sign(root.key, hashes.SHA256())
    )
    return Issued(key, cert)


def write_p12(signer: Issued, root: Issued, path: Path, password: str) -> Path:
    data = pkcs12.serialize_key_and_certificates(
        b"signer",
        signer.key,
        signer.cert,
        [root.cert],
        serialization.BestAvailableEncryption(password.encode()),
    )
    path.write_bytes(data)
    return path


def softhsm_available() -> bool:
    return SOFTHSM_LIB.is_file() and shutil.which("softhsm2-util") is not None


def token_conf(base: Path) -> Path:
    return base / "softhsm2.conf"


def make_token(base: Path, signer: Issued, label: str = "chu-ky") -> Path:
    """A SoftHSM2 token in ``base`` (SOFTHSM2_CONF = ``token_conf(base)``, set by the caller) holding the signer's key and
    certificate under ``label``; returns the PKCS#11 library path."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    tokens = base / "tokens"
    tokens.mkdir(parents=True)
    conf = token_conf(base)
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    assert os.environ.get("SOFTHSM2_CONF") == str(conf), "set SOFTHSM2_CONF (monkeypatch) first"
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            TOKEN_LABEL,
            "--pin",
            PIN,
            "--so-pin",
            "999999",
        ],
        check=True,
        capture_output=True,
    )
    lib = pkcs11.lib(str(SOFTHSM_LIB))
    lib.reinitialize()
    token = lib.get_token(token_label=TOKEN_LABEL)
    der_key = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    with token.open(rw=True, user_pin=PIN) as session:
        attrs = decode_rsa_private_key(der_key)
        attrs.update(
            {
                Attribute.LABEL: label,
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
                Attribute.PRIVATE: True,
                Attribute.SENSITIVE: True,
                Attribute.SIGN: True,
            }
        )
        session.create_object(attrs)
        cert_attrs = decode_x509_certificate(signer.der)
        cert_attrs.update({Attribute.LABEL: label, Attribute.ID: b"\x01", Attribute.TOKEN: True})
        session.create_object(cert_attrs)
        assert session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label) is not None
    return SOFTHSM_LIB
