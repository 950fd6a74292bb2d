"""Checking signed PDFs that arrive as evidence: signed, unsigned, modified, expired-certificate and
untrusted-root files; the result is stored with the evidence file and read back from the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.signing.keys import P12Key
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
from tests.helpers import pki
from tests.unit.test_reports_dossier import dossier_input

PASSWORD = "mat-khau"
OWNER = ("assessment_indicator", "00000000-0000-0000-0000-000000000001")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One of each kind, made once: the trusted root's PEM, signed, unsigned, modified, expired, foreign."""
    base = tmp_path_factory.mktemp("evidence-pdfs")
    root, foreign_root = pki.make_root(), pki.make_root("CA lạ")
    now = datetime.now(UTC)
    signer = pki.issue(root, "Trần Thị Mai", "UBND phường Hoàn Kiếm")
    expired = pki.issue(
        root,
        "Lê Văn Cũ",
        "UBND phường Hoàn Kiếm",
        not_before=now - timedelta(days=400),
        not_after=now - timedelta(days=2),
    )
    foreign = pki.issue(foreign_root, "Người Lạ", "Công ty Lạ")
    unsigned = Path(
        render_dossier(dossier_input(comments=False, criteria_count=1), str(base / "unsigned.pdf"))
    )
    out = {"unsigned": unsigned}
    for name, who, issuer in (
        ("signed", signer, root),
        ("expired", expired, root),
        ("foreign", foreign, foreign_root),
    ):
        p12 = pki.write_p12(who, issuer, base / f"{name}.p12", PASSWORD)
        out[name] = base / f"{name}.pdf"
        sign_pdf(unsigned, out[name], P12Key(p12, PASSWORD), role=SignRole.PERSON)
    data = bytearray(out["signed"].read_bytes())
    data[len(data) // 3] ^= 0x01
    out["modified"] = base / "modified.pdf"
    out["modified"].write_bytes(bytes(data))
    out["root"] = base / "root.pem"
    out["root"].write_bytes(root.pem)
    out["leaf"] = base / "leaf.cer"
    out["leaf"].write_bytes(signer.der)
    return out


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("signed", "good"),
        ("unsigned", "unsigned"),
        ("modified", "modified"),
        ("expired", "expired"),
        ("foreign", "untrusted"),
    ],
)
def test_attached_pdf_is_checked_and_the_result_stored(services, pdfs, name: str, status: str) -> None:
    services.signing.files.import_root(pdfs["root"])
    dto, changes = services.evidence.attach(pdfs[name], *OWNER)
    assert "evidence" in changes
    assert dto.signature is not None and dto.signature.status == status
    (stored,) = services.evidence.list_for(*OWNER)
    assert stored.signature == dto.signature  # read back from the database
    if status in ("good", "expired"):
        assert stored.signature.signer in ("Trần Thị Mai", "Lê Văn Cũ")
        assert stored.signature.organisation == "UBND phường Hoàn Kiếm"
        assert stored.signature.signed_at is not None
    if status != "good":
        assert stored.signature.problem or status == "unsigned"


def test_no_root_imported_means_untrusted_then_recheck_after_import(services, pdfs) -> None:
    dto, _ = services.evidence.attach(pdfs["signed"], *OWNER)
    assert dto.signature.status == "untrusted"  # the app trusts nothing by itself
    services.signing.files.import_root(pdfs["root"])
    report, _ = services.signing.recheck_evidence(dto.sha256)
    assert report.status == "good"
    assert services.evidence.list_for(*OWNER)[0].signature.status == "good"


def test_deadline_is_compared_with_the_signing_time(services, pdfs) -> None:
    services.signing.files.import_root(pdfs["root"])
    far = services.signing.check(pdfs["signed"], deadline=date.today() + timedelta(days=30))
    past = services.signing.check(pdfs["signed"], deadline=date(2020, 1, 1))
    assert far.signatures[0].before_deadline is True
    assert past.signatures[0].before_deadline is False
    text = "\n".join(past.lines())
    assert "Trần Thị Mai" in text and "ký sau hạn" in text


def test_only_ca_certificates_are_trusted_roots(services, pdfs, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="không phải chứng thư gốc"):
        services.signing.files.import_root(pdfs["leaf"])
    junk = tmp_path / "junk.cer"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(ValidationError, match="không phải chứng thư số"):
        services.signing.files.import_root(junk)
    assert services.signing.files.roots() == []
    info = services.signing.files.import_root(pdfs["root"])
    assert (
        [r.subject for r in services.signing.files.roots()] == ["CA thử nghiệm Chính phủ"] == [info.subject]
    )
    services.signing.files.remove_root(info.fingerprint)
    assert services.signing.files.roots() == []


def test_a_damaged_pdf_is_reported_not_raised(services, tmp_path: Path) -> None:
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    report = services.signing.check(bad)
    assert report.status in ("unreadable", "unsigned")
