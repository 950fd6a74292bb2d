"""Certificates anyone can verify, and the register of those issued (Sổ cấp giấy chứng nhận, giấy khen).

Every certificate or commendation the Reports page makes is recorded here (number, person, date, reason,
decision) and carries a QR seal signed with the ward's key (``sync/seal.py``). A number is given once per
year and symbol: made again for the same person, the page is a reprint and says "BẢN SAO"; for another
person, the clerk is told which number is free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.persistence.repos import certificate_repo, sync_repo
from pbgdpl_desktop.reports.inputs import CertificateInput, CertificateSeal
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.sync import keys, seal
from pbgdpl_desktop.sync.seal import SealError, SealFields


@dataclass(frozen=True)
class IssuedDTO:
    id: str
    year: int
    kind: str
    number_text: str  # "15/GK-UBND"
    person: str
    unit: str
    issue_date: date
    reason: str
    decision: str
    prints: int


@dataclass(frozen=True)
class CertificateVerdict:
    ok: bool
    message: str  # Vietnamese, one line
    ward_code: str = ""
    number: str = ""
    name: str = ""
    issued: date | None = None
    purpose: str = ""
    short_code: str = ""
    signed_by: str = ""  # "khóa của chính xã/phường này" or the registered ward's name


def symbol_for(kind: str) -> str:
    """The symbol the Reports page gives a kind (services/reports/service.py ``_certificates``)."""
    return "GCN-UBND" if kind == "attendance" else "GK-UBND"


def number_text(number: int, symbol: str) -> str:
    return f"{number:02d}/{symbol}"


class CertificateRegister:
    def __init__(
        self, ctx: ServiceContext, *, ward: WardService, key_pair: Callable[[], keys.KeyPair]
    ) -> None:
        self._ctx = ctx
        self._ward = ward
        self._key_pair = key_pair

    # ------------------------------------------------------------------ issuing
    def seal_and_register(self, data: CertificateInput) -> CertificateInput:
        """Record every page of ``data`` in the register (one transaction) and add its QR seal; pages whose
        number was already issued to the same person are reprints ("BẢN SAO")."""
        profile = self._ward.get()
        ward_code = profile.commune_code if profile is not None else ""  # no code: registered, not sealed
        year = data.issue_date.year
        from pbgdpl_desktop.reports.certificates import decision_line  # reportlab: when a certificate is made

        decision = decision_line(data) if data.kind != "attendance" else ""
        pair = self._key_pair() if ward_code else None
        seals: list[CertificateSeal] = []
        copies: list[bool] = []
        with self._ctx.db.transaction() as session:
            for index, recipient in enumerate(data.recipients):
                number = data.first_number + index
                person = clean(recipient.name)
                row = certificate_repo.find(session, year, data.symbol, number)
                if row is not None and clean(row.person) != person:
                    free = certificate_repo.next_number(session, year, data.symbol)
                    raise ValidationError(
                        f"Số {number_text(number, data.symbol)} năm {year} đã cấp cho {row.person}. "
                        f"Chọn số bắt đầu khác (số tiếp theo còn trống: {free}).",
                        field="first_number",
                    )
                issued = row.issue_date if row is not None else data.issue_date
                if row is None:
                    certificate_repo.add(
                        session,
                        year=year,
                        kind=data.kind,
                        symbol=data.symbol,
                        number=number,
                        person=person,
                        unit=clean(recipient.unit or "")[:200],
                        issue_date=data.issue_date,
                        reason=clean(data.reason)[:1000],
                        decision=decision[:200],
                        prints=1,
                    )
                else:
                    row.prints += 1
                if pair is not None:
                    made = seal.make_seal(
                        SealFields(ward_code, number_text(number, data.symbol), person, issued, data.reason),
                        pair,
                    )
                    seals.append(CertificateSeal(made.text, made.short_code))
                copies.append(row is not None)
        return replace(data, seals=tuple(seals), copies=tuple(copies))

    def next_number(self, kind: str) -> int:
        """The first free number of this year for the kind (what the Reports page suggests)."""
        with self._ctx.db.read() as session:
            return certificate_repo.next_number(session, self._ctx.clock.today().year, symbol_for(kind))

    def entries(self, year: int | None = None) -> list[IssuedDTO]:
        with self._ctx.db.read() as session:
            return [
                IssuedDTO(
                    r.id,
                    r.year,
                    r.kind,
                    number_text(r.number, r.symbol),
                    r.person,
                    r.unit,
                    r.issue_date,
                    r.reason,
                    r.decision,
                    r.prints,
                )
                for r in certificate_repo.listing(session, year)
            ]

    # ------------------------------------------------------------------ verifying
    def verify(self, text: str) -> CertificateVerdict:
        """Check a seal text against this ward's own key or a ward registered at this office."""
        try:
            fields, _body, _sig = seal.read_seal(text)
        except SealError as exc:
            return CertificateVerdict(False, exc.message)
        candidates: list[tuple[bytes, str]] = []
        profile = self._ward.get()
        if profile is not None and profile.commune_code == fields.ward_code:
            candidates.append((self._key_pair().public_pem, "khóa của chính xã/phường này"))
        with self._ctx.db.read() as session:
            for ward in sync_repo.wards(session):
                if ward.ward_code == fields.ward_code:
                    candidates.append(
                        (ward.public_key_pem.encode("ascii"), f"khóa đã đăng ký của {ward.name}")
                    )
        if not candidates:
            return CertificateVerdict(
                False,
                f"Không có khóa công khai của xã/phường mã {fields.ward_code} để kiểm tra "
                "(cơ quan cấp trên cần đăng ký khóa của xã/phường đó).",
                ward_code=fields.ward_code,
            )
        last_error = ""
        for pem, who in candidates:
            try:
                checked, code = seal.verify_seal(text, pem)
            except SealError as exc:
                last_error = exc.message
                continue
            return CertificateVerdict(
                True,
                f"Hợp lệ: giấy số {checked.number} cấp cho {checked.name} ngày {checked.issued:%d/%m/%Y}.",
                checked.ward_code,
                checked.number,
                checked.name,
                checked.issued,
                checked.purpose,
                code,
                who,
            )
        return CertificateVerdict(False, last_error, ward_code=fields.ward_code)

    def seals_in_pdf(self, path: Path) -> list[str]:
        """The seal texts a certificate PDF carries in its metadata (``Keywords``: one per page)."""
        from pbgdpl_desktop.signing.sign import pdf_keywords

        try:
            words = pdf_keywords(Path(path))
        except OSError as exc:
            raise StorageError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
        return [w for w in words.split() if w.startswith(seal.PREFIX + ":")]
