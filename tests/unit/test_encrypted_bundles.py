"""Encrypted bundles (issue #15): a full-privacy bundle sealed with a password round-trips to the office;
without the password, with a wrong one or with a flipped byte the file is refused with a clear message and the
office database is not touched."""

from __future__ import annotations

import pytest

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.sync.dto import IMPORTED, REFUSED
from pbgdpl_desktop.services.sync.encrypted import ENC_SUFFIX, encrypt_bundle
from pbgdpl_desktop.sync import crypto
from tests.helpers.bundles import dump, open_office, small_ward

PW = "mat-khau-goi-2026"


@pytest.fixture
def sealed(services, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record
    plain = record.path.read_bytes()
    path = encrypt_bundle(record.path, PW)
    return path, plain


def test_a_sealed_bundle_hides_the_personal_data_and_leaves_no_plain_copy(sealed):
    path, plain = sealed
    assert path.name.endswith(ENC_SUFFIX) and crypto.is_encrypted(path)
    assert not path.with_name(path.name.removesuffix(".enc")).exists()
    raw = path.read_bytes()
    assert b"PK\x03\x04" not in raw and plain[:4] == b"PK\x03\x04"
    assert "Nguyễn".encode() not in raw
    with pytest.raises(DomainError):
        encrypt_bundle(path, PW)  # only a bundle is sealed, once


def test_the_office_opens_it_with_the_password(sealed, services, _template_db, clock, tmp_path):
    path, plain = sealed
    office = open_office(tmp_path / "office", _template_db, clock)
    try:
        copy = tmp_path / "plain.pbgdpl.zip"  # the office registers the ward's key from a plain copy
        copy.write_bytes(plain)
        office.sync.register(copy, registered_by="Chuyên viên A")
        copy.unlink()
        batch = office.sync.importer.import_paths([path.parent], password=PW)
        (report,) = batch.reports
        assert report.status == IMPORTED, report.message
        assert report.total("inserted") > 0
        assert not any((office.ctx.data_dir / "sync" / "opened").iterdir())  # the opened copy is gone
    finally:
        office.ctx.db.close()


def test_no_password_a_wrong_one_or_a_flipped_byte_change_nothing(sealed, _template_db, clock, tmp_path):
    path, plain = sealed
    office = open_office(tmp_path / "office", _template_db, clock)
    try:
        copy = tmp_path / "plain.pbgdpl.zip"
        copy.write_bytes(plain)
        office.sync.register(copy, registered_by="Chuyên viên A")
        copy.unlink()
        before = dump(office.ctx.db.path)
        blob = bytearray(path.read_bytes())
        flipped = tmp_path / "flipped" / path.name
        flipped.parent.mkdir()
        blob[len(blob) // 2] ^= 0x01
        flipped.write_bytes(bytes(blob))
        cases = [
            ([path], None, "hãy nhập mật khẩu"),
            ([path], PW + "x", "mật khẩu không đúng"),
            ([flipped], PW, "bị sửa hay hỏng"),
        ]
        for paths, password, message in cases:
            (report,) = office.sync.importer.import_paths(paths, password=password).reports
            assert report.status == REFUSED and report.code == "encrypted"
            assert message in report.message
        assert dump(office.ctx.db.path) == before
    finally:
        office.ctx.db.close()


def test_cli_seals_on_export_and_asks_on_import(services, _template_db, clock, tmp_path, monkeypatch, capsys):
    from pbgdpl_desktop.app import main

    small_ward(services)
    ward_db = services.ctx.db.path
    services.ctx.db.close()
    out = tmp_path / "out"
    monkeypatch.setenv("PBGDPL_BUNDLE_PASSWORD", PW)
    assert main(["export", "--db", str(ward_db), "--out", str(out), "--privacy", "full", "--encrypt"]) == 0
    assert "Đã mã hóa" in capsys.readouterr().out
    (sealed,) = out.iterdir()
    assert sealed.name.endswith(ENC_SUFFIX)
    assert main(["keys", "--db", str(ward_db), "export", str(tmp_path / "ward.pem")]) == 0
    office = open_office(tmp_path / "office", _template_db, clock)
    office_db = office.ctx.db.path
    office.ctx.db.close()
    register = ["keys", "--db", str(office_db), "register", str(tmp_path / "ward.pem"), "--ward", "00070"]
    assert main(register) == 0
    capsys.readouterr()
    assert main(["import", "--db", str(office_db), str(out)]) == 1  # sealed, no password asked for
    assert "mật khẩu" in capsys.readouterr().out
    assert main(["import", "--db", str(office_db), "--password", str(out)]) == 0
    assert "đã nhập" in capsys.readouterr().out
