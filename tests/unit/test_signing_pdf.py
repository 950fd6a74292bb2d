"""Signing a generated dossier with a .p12 file and with a SoftHSM2 token (PKCS#11), then checking it with
pyHanko against the test root: intact, signer, chain; a changed byte is caught; person + agency both
stay valid."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.reports.signature_stamp import render_signature_stamp
from pbgdpl_desktop.signing.check import check_pdf
from pbgdpl_desktop.signing.keys import P12Key, SigningKeyError, TokenKey, list_tokens
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf, signature_spots
from tests.helpers import pki
from tests.unit.test_reports_dossier import dossier_input

PASSWORD = "mat-khau"


@pytest.fixture(scope="module")
def root() -> pki.Issued:
    return pki.make_root()


@pytest.fixture(scope="module")
def chairman(root: pki.Issued) -> pki.Issued:
    return pki.issue(root, "Nguyễn Văn Thành", "UBND phường Hoàn Kiếm")


@pytest.fixture(scope="module")
def agency(root: pki.Issued) -> pki.Issued:
    return pki.issue(root, "Ủy ban nhân dân phường Hoàn Kiếm", "UBND phường Hoàn Kiếm")


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return Path(render_dossier(dossier_input(), str(tmp_path / "ho-so.pdf")))


@pytest.fixture
def token(tmp_path: Path, agency: pki.Issued, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not pki.softhsm_available():
        pytest.fail("SoftHSM2 is not installed (Debian package softhsm2, README command 2)")
    base = tmp_path / "hsm"
    base.mkdir()
    monkeypatch.setenv("SOFTHSM2_CONF", str(pki.token_conf(base)))
    return pki.make_token(base, agency)


def appearance(tmp_path: Path, agency: bool):
    def make(name: str, org: str, width: float, height: float) -> Path:
        target = tmp_path / f"stamp-{'agency' if agency else 'person'}.pdf"
        return Path(
            render_signature_stamp(
                str(target),
                width=width,
                height=height,
                image=None,
                signer=name,
                organisation=org,
                when=datetime.now(UTC),
                agency=agency,
            )
        )

    return make


def test_dossier_marks_its_signature_spots(dossier: Path) -> None:
    spots = signature_spots(dossier)
    assert len(spots) >= 3  # report, score sheet, comments, letter: each has the chairman's place
    assert all(s.box[2] > s.box[0] and s.box[3] > s.box[1] for s in spots)


def test_p12_signature_is_intact_signed_and_chains_to_the_root(
    tmp_path: Path, dossier: Path, root: pki.Issued, chairman: pki.Issued
) -> None:
    p12 = pki.write_p12(chairman, root, tmp_path / "ky.p12", PASSWORD)
    out = tmp_path / "ho-so-da-ky.pdf"
    sign_pdf(
        dossier, out, P12Key(p12, PASSWORD), role=SignRole.PERSON, appearance=appearance(tmp_path, False)
    )
    result = check_pdf(out, [root.pem])
    assert result.signed and result.good
    (sig,) = result.signatures
    assert sig.signer == "Nguyễn Văn Thành" and sig.organisation == "UBND phường Hoàn Kiếm"
    assert sig.intact and sig.trusted and not sig.modified_after and sig.signed_at is not None
    untrusted = check_pdf(out, [pki.make_root("CA khác").pem])
    assert untrusted.signed and not untrusted.good and not untrusted.signatures[0].trusted


def test_wrong_p12_password_is_a_clear_message(tmp_path: Path, dossier: Path, root, chairman) -> None:
    p12 = pki.write_p12(chairman, root, tmp_path / "ky.p12", PASSWORD)
    with pytest.raises(SigningKeyError, match="sai mật khẩu"):
        sign_pdf(dossier, tmp_path / "x.pdf", P12Key(p12, "sai"), role=SignRole.PERSON)
    assert not (tmp_path / "x.pdf").exists()


def test_token_signature_and_a_changed_byte(tmp_path: Path, dossier: Path, root, token: Path) -> None:
    (info,) = list_tokens(token)
    assert info.label == pki.TOKEN_LABEL
    assert [c.subject for c in info.certificates] == ["Ủy ban nhân dân phường Hoàn Kiếm"]
    out = tmp_path / "signed.pdf"
    key = TokenKey(token, pki.TOKEN_LABEL, pki.PIN)
    sign_pdf(dossier, out, key, role=SignRole.AGENCY, appearance=appearance(tmp_path, True))
    good = check_pdf(out, [root.pem])
    assert good.good and good.signatures[0].signer == "Ủy ban nhân dân phường Hoàn Kiếm"
    data = bytearray(out.read_bytes())
    middle = len(data) // 3  # inside the first revision's content streams, well before /Contents
    data[middle] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    bad = check_pdf(changed, [root.pem])
    assert not bad.good
    assert not bad.readable or not bad.signatures[0].intact


def test_wrong_pin_is_refused(tmp_path: Path, dossier: Path, token: Path) -> None:
    with pytest.raises(SigningKeyError, match="PIN"):
        sign_pdf(
            dossier, tmp_path / "x.pdf", TokenKey(token, pki.TOKEN_LABEL, "000000"), role=SignRole.AGENCY
        )


def test_person_then_agency_both_stay_valid(
    tmp_path: Path, dossier: Path, root: pki.Issued, chairman: pki.Issued, token: Path
) -> None:
    p12 = pki.write_p12(chairman, root, tmp_path / "ky.p12", PASSWORD)
    out = tmp_path / "signed.pdf"
    sign_pdf(
        dossier, out, P12Key(p12, PASSWORD), role=SignRole.PERSON, appearance=appearance(tmp_path, False)
    )
    sign_pdf(
        out,
        out,
        TokenKey(token, pki.TOKEN_LABEL, pki.PIN),
        role=SignRole.AGENCY,
        appearance=appearance(tmp_path, True),
    )
    result = check_pdf(out, [root.pem])
    assert [s.signer for s in result.signatures] == ["Nguyễn Văn Thành", "Ủy ban nhân dân phường Hoàn Kiếm"]
    assert all(s.intact and s.trusted and not s.modified_after for s in result.signatures), result
    # another reader (poppler's pdfsig) validates both signatures too
    seen = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert seen.count("Signature Validation: Signature is Valid.") == 2, seen
    assert "Signer Certificate Common Name: Nguyễn Văn Thành" in seen
