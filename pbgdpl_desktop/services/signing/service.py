"""The signing façade: ``files`` (signature images, trusted roots), ``certificates`` (the register and the
QR seals); here: signing a document, checking a signed PDF (the "Kiểm tra chữ ký" tool and every PDF
attached as evidence)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceService, SignatureResult
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.services.signing.certificates import CertificateRegister
from pbgdpl_desktop.services.signing.files import SigningFiles
from pbgdpl_desktop.services.sync.service import SyncService
from pbgdpl_desktop.signing.roles import SignRole

if TYPE_CHECKING:  # pyHanko and pkcs11 load when something is signed or checked, not at start-up
    from pbgdpl_desktop.signing.check import PdfCheck, SignatureCheck
    from pbgdpl_desktop.signing.keys import P12Key, SigningKey, TokenInfo, TokenKey

STATUS_LABELS = {
    "good": "Đã ký, còn nguyên vẹn, chứng thư tin cậy",
    "unsigned": "Không có chữ ký số",
    "modified": "Đã bị sửa sau khi ký",
    "untrusted": "Chữ ký nguyên vẹn nhưng chứng thư không thuộc chứng thư gốc tin cậy",
    "expired": "Chứng thư số đã hết hạn",
    "invalid": "Chữ ký không hợp lệ",
    "unreadable": "Không đọc được tệp PDF",
}


@dataclass(frozen=True)
class SignatureLine:
    signer: str
    organisation: str
    signed_at: datetime | None
    intact: bool
    modified_after: bool
    trusted: bool
    expired: bool
    problem: str
    before_deadline: bool | None  # None: no deadline given (or no signing time)


@dataclass(frozen=True)
class SignatureReport:
    status: str  # a key of STATUS_LABELS
    signatures: tuple[SignatureLine, ...]
    problem: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def lines(self) -> list[str]:
        """What the "Kiểm tra chữ ký" tool and the CLI show, in Vietnamese."""
        out = [f"Kết quả: {self.label}."]
        if self.problem:
            out.append(self.problem)
        for i, s in enumerate(self.signatures, 1):
            when = s.signed_at.astimezone().strftime("%d/%m/%Y %H:%M") if s.signed_at else "không rõ"
            out.append(
                f"Chữ ký {i}: {s.signer or '(không rõ tên)'} — {s.organisation or '(không rõ cơ quan)'}"
            )
            out.append(f"  Thời gian ký: {when}")
            out.append(f"  Nguyên vẹn: {'có' if s.intact and not s.modified_after else 'KHÔNG'}")
            out.append(f"  Chứng thư tin cậy: {'có' if s.trusted else 'KHÔNG'}")
            if s.before_deadline is not None:
                out.append(f"  Ký trước hạn: {'có' if s.before_deadline else 'KHÔNG (ký sau hạn)'}")
            if s.problem:
                out.append(f"  {s.problem}")
        return out

    def as_result(self, checked_at: datetime) -> SignatureResult:
        first = self.signatures[0] if self.signatures else None
        problem = self.problem or next((s.problem for s in self.signatures if s.problem), "")
        return SignatureResult(
            self.status,
            first.signer if first else "",
            first.organisation if first else "",
            first.signed_at if first else None,
            problem,
            checked_at,
        )


@dataclass(frozen=True)
class SignedDocument:
    path: Path
    field: str
    role: SignRole


def _status(check: PdfCheck) -> str:
    if not check.readable:
        return "unreadable"
    if not check.signed:
        return "unsigned"
    sigs = check.signatures
    if any(not s.intact or s.modified_after for s in sigs):
        return "modified"
    if any(s.expired for s in sigs):
        return "expired"
    if any(not s.trusted for s in sigs):
        return "untrusted"
    return "good"


def _line(s: SignatureCheck, deadline: date | None) -> SignatureLine:
    before = None
    if deadline is not None and s.signed_at is not None:
        before = s.signed_at.astimezone().date() <= deadline
    return SignatureLine(
        s.signer,
        s.organisation,
        s.signed_at,
        s.intact,
        s.modified_after,
        s.trusted,
        s.expired,
        s.problem,
        before,
    )


class SigningService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        settings: SettingsService,
        evidence: EvidenceService,
        ward: WardService,
        sync: SyncService,
    ) -> None:
        self._ctx = ctx
        self._settings = settings
        self._evidence = evidence
        self.files = SigningFiles(ctx)
        self.certificates = CertificateRegister(ctx, ward=ward, key_pair=sync.key_pair)

    # ------------------------------------------------------------------ keys
    def library(self) -> Path | None:
        value = self._settings.get("signing.pkcs11_library")
        return Path(value) if value else None

    def tokens(self, library: Path | None = None) -> list[TokenInfo]:
        library = library or self.library()
        if library is None:
            raise ValidationError(
                "Chưa chọn thư viện PKCS#11 của token (Cài đặt › Chữ ký số).", field="signing.pkcs11_library"
            )
        from pbgdpl_desktop.signing.keys import list_tokens

        return list_tokens(library)

    @staticmethod
    def p12_key(path: Path, password: str) -> P12Key:
        from pbgdpl_desktop.signing.keys import P12Key

        return P12Key(Path(path), password)

    def token_key(
        self, token_label: str, pin: str, cert_label: str = "", library: Path | None = None
    ) -> TokenKey:
        lib = library or self.library()
        if lib is None:
            raise ValidationError("Chưa chọn thư viện PKCS#11 của token (Cài đặt › Chữ ký số).")
        from pbgdpl_desktop.signing.keys import TokenKey

        return TokenKey(lib, token_label, pin, cert_label)

    # ------------------------------------------------------------------ sign
    def sign(
        self, source: Path, key: SigningKey, role: SignRole, target: Path | None = None
    ) -> SignedDocument:
        """Sign ``source`` (into ``target``, default: beside it, ``….signed.pdf``; signing a signed file
        again adds the next signature to it)."""
        source = Path(source)
        if target is None:
            target = (
                source if source.stem.endswith(".signed") else source.with_name(source.stem + ".signed.pdf")
            )
        image = self.files.image(role)
        when = self._ctx.clock.now()
        stamps = self._ctx.data_dir / "signing" / "stamps"

        def appearance(name: str, org: str, width: float, height: float) -> Path:
            from pbgdpl_desktop.reports.signature_stamp import render_signature_stamp

            stamps.mkdir(parents=True, exist_ok=True)
            return Path(
                render_signature_stamp(
                    str(stamps / f"{role.value}.pdf"),
                    width=width,
                    height=height,
                    image=image,
                    signer=name,
                    organisation=org,
                    when=when.astimezone(),
                    agency=role is SignRole.AGENCY,
                )
            )

        from pbgdpl_desktop.signing.sign import sign_pdf

        field = sign_pdf(
            source,
            target,
            key,
            role=role,
            appearance=appearance,
            reason="Ký số văn bản hành chính" if role is SignRole.PERSON else "Ký số của cơ quan",
            tsa_url=self._settings.get("signing.tsa_url") or "",
        )
        return SignedDocument(target, field, role)

    # ------------------------------------------------------------------ check
    def check(
        self, path: Path, deadline: date | None = None, *, at: datetime | None = None
    ) -> SignatureReport:
        from pbgdpl_desktop.signing.check import check_pdf

        result = check_pdf(Path(path), self.files.root_bytes(), at=at)
        return SignatureReport(
            _status(result), tuple(_line(s, deadline) for s in result.signatures), result.problem
        )

    def evidence_result(self, path: Path) -> SignatureResult:
        """The check stored with an evidence file when it is attached."""
        return self.check(path).as_result(self._ctx.clock.now())

    def recheck_evidence(self, sha256: str) -> tuple[SignatureReport, Changes]:
        report = self.check(self._evidence.path_for_viewing(sha256))
        return report, self._evidence.record_signature(sha256, report.as_result(self._ctx.clock.now()))


__all__ = ["STATUS_LABELS", "SignatureReport", "SignedDocument", "SigningService"]
