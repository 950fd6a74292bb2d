"""The recognition annex (NĐ 30 layout): the wards whose review is "đạt" or "đã công nhận", the PDF read
back with pdftotext (Vietnamese text, order, decision reference) and pdffonts (embedded fonts), the CLI."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.office.annex import RecognitionAnnex
from pbgdpl_desktop.services.office.dto import ReviewStatus
from tests.helpers.bundles import small_ward
from tests.helpers.office import office_of, open_office
from tests.unit.test_pdf_tagging import check_structure, check_text

YEAR = 2026
S = ReviewStatus


@pytest.fixture
def office(services, _template_db, clock, tmp_path):
    """An office (Hà Nội) that imported Phường Hoàn Kiếm; reviews of a few communes of the province."""
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    office = office_of(office_svc)
    assert office.import_paths([record.path]).ok
    yield office_svc, office
    office_svc.ctx.db.close()


def _communes(kind: str, n: int) -> list[str]:
    return [c.code for c in load_admin_units().communes_of("01") if c.type.label == kind][:n]


def _move(office, code: str, *steps: S, number: str = "", on: date | None = None) -> None:
    for version, status in enumerate(steps):
        extra = {"decision_number": number, "decision_on": on} if status is S.RECOGNISED else {}
        office.set_status(code, YEAR, status, version=version, by="Chị Lan", **extra)


def _text(pdf) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_proposed_wards_and_the_pdf(office, tmp_path):
    _, office = office
    annex = RecognitionAnnex(office)
    with pytest.raises(DomainError, match="chưa lập được phụ lục"):
        annex.write_pdf(YEAR, tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
    xa = _communes("Xã", 3)
    _move(office, "00070", S.RECEIVED, S.PASSED, S.RECOGNISED, number="15/QĐ-UBND", on=date(2027, 1, 20))
    _move(office, xa[0], S.RECEIVED, S.PASSED)
    _move(office, xa[1], S.RECEIVED, S.FAILED)  # not proposed
    _move(office, xa[2], S.RECEIVED, S.MORE_REQUESTED)  # not proposed
    rows = annex.proposed(YEAR)
    assert [(r.code, r.kind, r.status) for r in rows] == [
        (xa[0], "Xã", S.PASSED),
        ("00070", "Phường", S.RECOGNISED),
    ]
    assert annex.default_decision(YEAR) == ("15/QĐ-UBND", date(2027, 1, 20))
    assert annex.proposed(YEAR - 1) == []

    pdf = annex.write_pdf(YEAR, tmp_path / "phu luc.pdf")
    text = _text(pdf)
    assert "ỦY BAN NHÂN DÂN" in text and "THÀNH PHỐ HÀ NỘI" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 15/QĐ-UBND" in text and "Hà Nội, ngày 20 tháng 01 năm 2027" in text
    assert "Phụ lục" in text
    flat = " ".join(text.split())
    assert "DANH SÁCH XÃ, PHƯỜNG, ĐẶC KHU ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT NĂM 2026" in flat
    assert (
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2027 của Chủ tịch Ủy ban nhân dân "
        "thành phố Hà Nội)" in flat
    )
    assert "STT" in text and "Tên đơn vị" in text and "Loại" in text and "Kết quả" in text
    xa_name = load_admin_units().commune(xa[0]).name
    assert flat.index(xa_name) < flat.index("Phường Hoàn Kiếm")
    assert "Đạt chuẩn (đề nghị công nhận)" in flat
    assert load_admin_units().commune(xa[1]).name not in flat
    assert "Tổng số: 2 đơn vị (1 xã, 1 phường)." in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
    faces = [line.split() for line in fonts.splitlines()[2:]]
    assert faces and all(f[-5] == "yes" for f in faces), fonts  # every font embedded
    assert all("LiberationSerif" in f[0] for f in faces), fonts

    elements = check_structure(pdf)  # tagged like every document: the list is a real table
    assert [e.S for e in elements].count("/TR") == 3 and "/TH" in [e.S for e in elements]
    check_text(pdf)

    blank = _text(annex.write_pdf(YEAR, tmp_path / "blank.pdf", number=""))
    assert "ngày … tháng … năm …" in " ".join(blank.split())


def test_cli_annex(office, tmp_path, capsys):
    office_svc, office = office
    _move(office, "00070", S.RECEIVED, S.PASSED)
    db = str(office_svc.ctx.db.path)
    office_svc.ctx.db.close()
    target = tmp_path / "phu-luc.pdf"
    args = ["annex", "--db", db, "--year", str(YEAR), "--out", str(target)]
    assert main([*args, "--number", "7/QĐ-UBND", "--date", "05/02/2027"]) == 0
    assert "1 xã, phường, đặc khu đạt chuẩn" in capsys.readouterr().out
    flat = " ".join(_text(target).split())
    assert "Quyết định số 7/QĐ-UBND ngày 05 tháng 02 năm 2027" in flat and "Phường Hoàn Kiếm" in flat
    assert main([*args, "--date", "31/02/2027"]) != 0
    assert "không tồn tại" in capsys.readouterr().err
