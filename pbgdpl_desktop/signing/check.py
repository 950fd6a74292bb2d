"""Check the signatures of a PDF (an evidence file that arrives signed, or a document the ward signed):
signed or not, intact or changed after signing, the signer's name and organisation, the signing time, and
whether the certificate chains to one of the roots the user imported (nothing else is trusted: the app
ships no roots). Nothing is fetched from the network (a ward may be offline): revocation is not checked."""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from pbgdpl_desktop.domain.errors import DomainError


class CertificateFileError(DomainError):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    intact: bool  # the signed bytes are unchanged
    modified_after: bool  # changes were added after this signature beyond form filling / later signatures
    signer: str
    organisation: str
    signed_at: datetime | None  # the time the signer's PC claims (or the TSA's, when timestamped)
    timestamped: bool
    trusted: bool  # chains to an imported root and the certificate was valid at validation time
    expired: bool
    problem: str  # "" when all is well; else a short Vietnamese reason

    @property
    def good(self) -> bool:
        return self.intact and not self.modified_after and self.trusted


@dataclass(frozen=True)
class PdfCheck:
    readable: bool
    signatures: tuple[SignatureCheck, ...]
    problem: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def good(self) -> bool:
        return self.signed and all(s.good for s in self.signatures)


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """A certificate from PEM or DER bytes (an authority's root certificate the user imports)."""
    try:
        if asn1_pem.detect(data):
            _kind, _headers, data = asn1_pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 (parse it fully now: a broken file fails here, not later)
    except (ValueError, TypeError, OSError) as exc:
        raise CertificateFileError(
            "Tệp không phải chứng thư số (cần tệp .cer/.crt/.pem của chứng thư gốc)."
        ) from exc
    return cert


@dataclass(frozen=True)
class CertificateFacts:
    der: bytes
    subject: str
    organisation: str
    not_before: datetime
    not_after: datetime
    is_ca: bool


def describe_certificate(data: bytes) -> CertificateFacts:
    """The facts of a certificate file (PEM or DER); CertificateFileError when it is not one."""
    cert = load_certificate(data)
    subject = cert.subject.native
    validity = cert["tbs_certificate"]["validity"]
    return CertificateFacts(
        cert.dump(),
        str(subject.get("common_name", "")),
        str(subject.get("organization_name", "")),
        validity["not_before"].native,
        validity["not_after"].native,
        bool(cert.ca),
    )


def check_pdf(path: Path, trusted_roots: list[bytes], *, at: datetime | None = None) -> PdfCheck:
    """Check every signature of the PDF at ``path``; ``at`` = the validation time (default now)."""
    roots = [load_certificate(data) for data in trusted_roots]
    try:
        with Path(path).open("rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            embedded = list(reader.embedded_signatures)
            return PdfCheck(True, tuple(_check_one(sig, roots, at) for sig in embedded))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        return PdfCheck(False, (), f"Không đọc được tệp PDF ({type(exc).__name__}).")


def _context(roots: list[asn1_x509.Certificate], at: datetime | None) -> ValidationContext:
    return ValidationContext(
        trust_roots=roots,
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=at,
        best_signature_time=at,
    )


def _check_one(sig, roots: list[asn1_x509.Certificate], at: datetime | None) -> SignatureCheck:  # noqa: ANN001 (pyHanko EmbeddedPdfSignature)
    name = str(sig.field_name)
    cert = sig.signer_cert
    subject = cert.subject.native if cert is not None else {}
    signer = str(subject.get("common_name", ""))
    org = str(subject.get("organization_name", ""))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pyHanko warns of things a ward cannot change (e.g. no CRL)
            status = asyncio.run(
                async_validate_pdf_signature(
                    sig,
                    signer_validation_context=_context(roots, at),
                    ts_validation_context=_context(roots, at),
                )
            )
    except (SignatureValidationError, ValueError, KeyError) as exc:
        return SignatureCheck(
            name,
            False,
            True,
            signer,
            org,
            sig.self_reported_timestamp,
            False,
            False,
            False,
            f"Chữ ký hỏng, không kiểm tra được ({type(exc).__name__}).",
        )
    level = status.modification_level
    modified = level is not None and level > ModificationLevel.FORM_FILLING
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
    signed_at = timestamp or status.signer_reported_dt
    expired = _expired(status)
    if not status.intact:
        problem = "Nội dung đã bị thay đổi sau khi ký."
    elif modified:
        problem = "Tệp có thay đổi được thêm vào sau khi ký."
    elif not status.valid:
        problem = "Chữ ký không hợp lệ về mật mã."
    elif expired:
        problem = "Chứng thư số đã hết hạn (hoặc chưa có hiệu lực) tại thời điểm kiểm tra."
    elif not status.trusted:
        problem = "Chứng thư số không thuộc chứng thư gốc nào đã nhập (Cài đặt › Chữ ký số › Chứng thư gốc tin cậy)."
    else:
        problem = ""
    return SignatureCheck(
        name,
        bool(status.intact),
        modified,
        signer,
        org,
        signed_at,
        timestamp is not None,
        bool(status.trusted) and not expired,
        expired,
        problem,
    )


def _expired(status) -> bool:  # noqa: ANN001 (pyHanko PdfSignatureStatus)
    indication = status.trust_problem_indic
    text = str(getattr(indication, "name", indication)).upper() if indication is not None else ""
    return "EXPIRED" in text or "OUT_OF_BOUNDS" in text
