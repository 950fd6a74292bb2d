"""Certificates anyone can verify: generate → render the page (pdftoppm) → decode the QR code (zbarimg) →
verify against the ward's key; a changed name or number fails. The register gives each number once a year;
a reprint says "BẢN SAO"."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.services.reports.service import ReportRequest
from pbgdpl_desktop.sync.seal import SEP
from tests.builders import ward_profile
from tests.helpers.pdf import pdf_text

PEOPLE = (("Trần Văn An", "Tổ dân phố số 5"), ("Lê Thị Hà", "Tổ dân phố số 7"))


def qr_texts(pdf: Path, tmp_path: Path) -> list[str]:
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is not installed (Debian package zbar-tools, README command 2)")
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "page")], check=True)
    texts = []
    for page in sorted(tmp_path.glob("page-*.png")):
        out = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(page)],
            capture_output=True,
            text=True,
            check=True,
        )
        texts += [line for line in out.stdout.splitlines() if line]
    return texts


def make(services, tmp_path: Path, people=PEOPLE, name: str = "gk.pdf", first: int = 1) -> Path:
    request = ReportRequest(
        "certificates",
        2026,
        target=tmp_path / name,
        people=people,
        certificate_kind="prize",
        first_number=first,
    )
    return services.reports.generate(request).path


def _tamper(text: str, old: str, new: str) -> str:
    prefix, body, sig = text.split(":")
    raw = base64.b32decode(body + "=" * (-len(body) % 8)).decode("utf-8")
    assert old in raw
    changed = base64.b32encode(raw.replace(old, new).encode("utf-8")).decode("ascii").rstrip("=")
    return f"{prefix}:{changed}:{sig}"


def test_qr_round_trip_and_tampering(services, tmp_path: Path) -> None:
    services.ward.save(ward_profile())
    pdf = make(services, tmp_path)
    texts = qr_texts(pdf, tmp_path)
    assert len(texts) == 2
    verdicts = [services.signing.certificates.verify(t) for t in texts]
    assert all(v.ok for v in verdicts), verdicts
    assert [v.name for v in verdicts] == ["Trần Văn An", "Lê Thị Hà"]
    assert [v.number for v in verdicts] == ["01/GK-UBND", "02/GK-UBND"]
    printed = " ".join(pdf_text(pdf).split())
    assert all(v.short_code in printed for v in verdicts)  # the short code beside the QR code
    assert texts == services.signing.certificates.seals_in_pdf(pdf)  # the file carries the same seals
    for old, new in (("Trần Văn An", "Trần Văn Ân"), ("01/GK-UBND", "07/GK-UBND")):
        forged = services.signing.certificates.verify(_tamper(texts[0], old, new))
        assert not forged.ok and "không khớp" in forged.message
    broken = services.signing.certificates.verify(texts[0][:-3])
    assert not broken.ok
    assert not services.signing.certificates.verify("xin chào").ok
    assert SEP not in verdicts[0].purpose


def test_another_ward_cannot_verify_without_the_key(services, tmp_path: Path) -> None:
    services.ward.save(ward_profile())
    text = services.signing.certificates.seals_in_pdf(make(services, tmp_path))[0]
    services.ward.save(ward_profile(commune_code="99999"))  # now this database is another ward
    verdict = services.signing.certificates.verify(text)
    assert not verdict.ok and "Không có khóa công khai" in verdict.message


def test_register_numbers_never_repeat_and_reprints_say_copy(services, tmp_path: Path) -> None:
    services.ward.save(ward_profile())
    make(services, tmp_path)
    entries = services.signing.certificates.entries(2026)
    assert [(e.number_text, e.person, e.prints) for e in entries] == [
        ("01/GK-UBND", "Trần Văn An", 1),
        ("02/GK-UBND", "Lê Thị Hà", 1),
    ]
    assert "BẢN SAO" not in pdf_text(tmp_path / "gk.pdf")
    again = make(services, tmp_path, name="gk-lai.pdf")
    assert pdf_text(again).count("BẢN SAO") == 2
    assert [e.prints for e in services.signing.certificates.entries(2026)] == [2, 2]
    with pytest.raises(
        ValidationError, match=r"02/GK-UBND năm 2026 đã cấp cho Lê Thị Hà.*số tiếp theo còn trống: 3"
    ):
        make(services, tmp_path, people=(("Phạm Văn Bình", ""),), name="x.pdf", first=2)
    assert len(services.signing.certificates.entries(2026)) == 2  # nothing recorded by the refused batch
    make(services, tmp_path, people=(("Phạm Văn Bình", ""),), name="y.pdf", first=3)
    assert [e.number_text for e in services.signing.certificates.entries(2026)][-1] == "03/GK-UBND"
