"""Bundles sealed to the office's public key (issue #15, scope 4): the office's key file carries its X25519
receiving key after its signing key; the ward registers it and seals a bundle to it (ephemeral X25519 +
HKDF-SHA256 + AES-256-GCM); the office opens it without asking anything. A bundle sealed for another office
or with a flipped byte (header or body) is refused with a clear message and imports nothing. A key file of
the signing key alone (older releases) still registers. Held bundles stay sealed and owner-only."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.office.inbox import ReplyInbox
from pbgdpl_desktop.services.sync.dto import HELD, IMPORTED, REFUSED
from pbgdpl_desktop.services.sync.encrypted import ENC_SUFFIX, encrypt_bundle, needs_password
from pbgdpl_desktop.sync import crypto, keys
from tests.helpers.bundles import dump, open_office, small_ward

POSIX = sys.platform != "win32"


@pytest.fixture
def office(_template_db, clock, tmp_path):
    svc = open_office(tmp_path / "office", _template_db, clock)
    yield svc
    svc.ctx.db.close()


def _register_office(services, office, tmp_path, name="so.pem") -> str:
    key_file = office.sync.export_public_key(tmp_path / name)
    return ReplyInbox(services.ctx).register_office_key(key_file)


def _sealed_bundle(services, office, tmp_path):
    small_ward(services)
    _register_office(services, office, tmp_path)
    record = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record
    plain = record.path.read_bytes()
    return services.sync.seal_for_office(record.path), plain


def test_the_office_key_file_holds_both_keys_and_reads_with_standard_pem_tools(office, tmp_path):
    data = office.sync.export_public_key(tmp_path / "so.pem").read_bytes()
    blocks = keys.pem_blocks(data)
    assert len(blocks) == 2
    signing, receiving = keys.split_key_file(data)
    assert signing == office.sync.key_pair().public_pem == blocks[0]  # openssl reads the first block
    assert receiving == office.sync.box_key().public_pem
    assert keys.fingerprint_of(data) == office.sync.key_info().fingerprint
    assert office.sync.key_info().seal_fingerprint == office.sync.box_key().fingerprint
    box_file = keys.box_key_path_for(office.ctx.db.path)
    if POSIX:
        assert stat.S_IMODE(box_file.stat().st_mode) == 0o600
    assert b"PRIVATE" not in data


def test_round_trip_the_office_opens_it_without_a_password(services, office, tmp_path):
    sealed, plain = _sealed_bundle(services, office, tmp_path)
    assert sealed.name.endswith(ENC_SUFFIX) and crypto.is_sealed_to_key(sealed)
    assert not crypto.is_encrypted(sealed) and needs_password([sealed.parent]) == []
    assert not sealed.with_name(sealed.name.removesuffix(".enc")).exists()  # no plain copy left
    raw = sealed.read_bytes()
    assert b"PK\x03\x04" not in raw and "Nguyễn".encode() not in raw and plain[:4] == b"PK\x03\x04"
    ward = office.sync.register(sealed, registered_by="Chuyên viên A")  # the office registers from it too
    assert ward.fingerprint == services.sync.key_info().fingerprint
    batch = office.sync.importer.import_paths([sealed.parent])
    (report,) = batch.reports
    assert report.status == IMPORTED, report.message
    assert report.total("inserted") > 0
    assert not any((office.ctx.data_dir / "sync" / "opened").iterdir())  # the opened copy is gone
    assert sealed.is_file()  # the file received is left as it came


def test_a_bundle_for_another_office_is_refused_and_changes_nothing(
    services, office, _template_db, clock, tmp_path
):
    sealed, _plain = _sealed_bundle(services, office, tmp_path)
    other = open_office(tmp_path / "other", _template_db, clock)
    try:
        other.sync.register(services.sync.export_public_key(tmp_path / "ward.pem"), ward_code="00070")
        before = dump(other.ctx.db.path)
        (report,) = other.sync.importer.import_paths([sealed]).reports
        assert report.status == REFUSED and report.code == "encrypted"
        assert "mã hóa cho một cơ quan khác" in report.message
        assert office.sync.box_key().fingerprint in report.message
        assert dump(other.ctx.db.path) == before
        opened = other.ctx.data_dir / "sync" / "opened"
        assert not opened.exists() or not any(opened.iterdir())
        with pytest.raises(DomainError, match="cơ quan khác"):
            other.sync.register(sealed)
    finally:
        other.ctx.db.close()


@pytest.mark.parametrize("where", ["magic", "header", "ephemeral_key", "nonce", "body", "tag"])
def test_a_flipped_byte_is_refused_and_imports_nothing(services, office, tmp_path, where):
    sealed, _plain = _sealed_bundle(services, office, tmp_path)
    office.sync.register(services.sync.export_public_key(tmp_path / "ward.pem"), ward_code="00070")
    blob = bytearray(sealed.read_bytes())
    size = int.from_bytes(blob[len(crypto.BOX_MAGIC) : len(crypto.BOX_MAGIC) + 2], "big")
    header_at = len(crypto.BOX_MAGIC) + 2
    epk_at = blob.index(b'"epk": "') + len('"epk": "')
    at = {
        "magic": 3,
        "header": blob.index(b'"aead"') + 2,
        "ephemeral_key": epk_at + 5,
        "nonce": header_at + size + 4,
        "body": (header_at + size + 12 + len(blob)) // 2,
        "tag": len(blob) - 3,
    }[where]
    blob[at] ^= 0x01 if where != "ephemeral_key" else 0x03  # stays a hex digit: the key itself changes
    flipped = tmp_path / "flipped" / sealed.name
    flipped.parent.mkdir()
    flipped.write_bytes(bytes(blob))
    before = dump(office.ctx.db.path)
    (report,) = office.sync.importer.import_paths([flipped]).reports
    assert report.status == REFUSED and report.code == "encrypted", report.message
    assert "bị sửa hay hỏng" in report.message or "không phải gói" in report.message
    assert dump(office.ctx.db.path) == before


def test_a_key_file_without_the_receiving_key_still_registers(services, office, tmp_path):
    """Backward compatible: the signing key alone registers as before; nothing can be sealed to it yet.
    A new key file of the same office adds the receiving key; an old file of the same key keeps it; a file of
    another office key drops it (it belonged to the old key)."""
    old_file = tmp_path / "so-cu.pem"
    old_file.write_bytes(office.sync.key_pair().public_pem)  # as an older release wrote it
    inbox = ReplyInbox(services.ctx)
    assert inbox.register_office_key(old_file) == office.sync.key_info().fingerprint
    assert services.sync.office_seal_fingerprint() is None
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record
    with pytest.raises(DomainError, match="Chưa có khóa mã hóa của cơ quan cấp trên"):
        services.sync.seal_for_office(record.path)
    assert record.path.is_file()  # refused before anything was sealed or removed
    _register_office(services, office, tmp_path)
    assert services.sync.office_seal_fingerprint() == office.sync.box_key().fingerprint
    inbox.register_office_key(old_file)
    assert services.sync.office_seal_fingerprint() == office.sync.box_key().fingerprint
    new_office = tmp_path / "so-moi.pem"
    new_office.write_bytes(keys.load_or_create(tmp_path / "khac.sync-key.pem")[0].public_pem)
    inbox.register_office_key(new_office)
    assert services.sync.office_seal_fingerprint() is None


def test_held_bundles_stay_sealed_and_owner_only(services, office, tmp_path):
    """A bundle from a ward not registered yet is held: the sealed file is kept as it came (no clear copy of
    personal data), a plain one is copied owner-only, in an owner-only folder."""
    sealed, plain = _sealed_bundle(services, office, tmp_path)
    (report,) = office.sync.importer.import_paths([sealed]).reports
    assert report.status == HELD, report.message
    held_dir = office.sync.importer.held_dir
    kept = held_dir / sealed.name
    assert kept.read_bytes() == sealed.read_bytes() and crypto.is_sealed_to_key(kept)
    assert sorted(p.name for p in held_dir.iterdir()) == [sealed.name]  # no clear copy beside it
    pw_plain = tmp_path / "pw" / sealed.name.removesuffix(".enc")
    pw_plain.parent.mkdir()
    pw_plain.write_bytes(plain)
    pw_sealed = encrypt_bundle(pw_plain, "mat-khau")
    kept.unlink()
    (report,) = office.sync.importer.import_paths([pw_sealed], password="mat-khau").reports
    assert report.status == HELD
    assert crypto.is_encrypted(held_dir / pw_sealed.name)
    pw_plain.write_bytes(plain)
    (held_dir / pw_sealed.name).unlink()
    (report,) = office.sync.importer.import_paths([pw_plain]).reports
    assert report.status == HELD
    if POSIX:
        assert stat.S_IMODE(held_dir.stat().st_mode) == 0o700
        for path in held_dir.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # once the ward is registered (from the sealed held file itself) it imports
    office.sync.register(held_dir / pw_plain.name)
    (report,) = office.sync.importer.import_paths([held_dir]).reports
    assert report.status == IMPORTED, report.message


def test_cli_seals_to_the_office_and_the_office_imports_without_asking(
    services, _template_db, clock, tmp_path, capsys, monkeypatch
):
    from pbgdpl_desktop.app import main

    monkeypatch.delenv("PBGDPL_BUNDLE_PASSWORD", raising=False)
    office = open_office(tmp_path / "office", _template_db, clock)
    office_db = office.ctx.db.path
    office.ctx.db.close()
    assert main(["keys", "--db", str(office_db), "show"]) == 0
    assert "Mã khóa nhận gói mã hóa" in capsys.readouterr().out
    assert main(["keys", "--db", str(office_db), "export", str(tmp_path / "so.pem")]) == 0
    small_ward(services)
    ward_db = services.ctx.db.path
    services.ctx.db.close()
    out = tmp_path / "out"
    export = ["export", "--db", str(ward_db), "--out", str(out), "--privacy", "full", "--encrypt-to-office"]
    assert main(export) == 3  # no office key registered yet: refused before any file is written
    assert "Chưa có khóa mã hóa" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
    assert main(["keys", "--db", str(ward_db), "show"]) == 0
    assert "Khóa mã hóa của cơ quan cấp trên: chưa đăng ký" in capsys.readouterr().out
    assert main(["reply-import", "--db", str(ward_db), "--office-key", str(tmp_path / "so.pem")]) == 0
    assert main(["keys", "--db", str(ward_db), "show"]) == 0
    seal = keys.load_or_create_box(keys.box_key_path_for(office_db))[0].fingerprint
    assert f"Khóa mã hóa của cơ quan cấp trên: {seal}" in capsys.readouterr().out
    assert main([*export, "--encrypt"]) == 2
    assert main(export) == 0
    assert "Đã mã hóa cho cơ quan cấp trên" in capsys.readouterr().out
    (sealed,) = out.iterdir()
    assert crypto.is_sealed_to_key(sealed)
    assert main(["keys", "--db", str(office_db), "register", str(sealed)]) == 0
    capsys.readouterr()
    assert main(["import", "--db", str(office_db), str(out)]) == 0
    assert "đã nhập" in capsys.readouterr().out


def test_no_private_key_reaches_the_office_key_file(office, tmp_path):
    data = office.sync.export_public_key(tmp_path / "so.pem").read_bytes()
    private = keys.box_key_path_for(office.ctx.db.path).read_bytes()
    assert private not in data and os.path.getsize(tmp_path / "so.pem") < 400


def test_a_receiving_key_swapped_in_the_key_file_is_refused(services, office, tmp_path):
    """The phone check covers the signing key; the receiving key is signed by it, so a key file whose
    receiving key was replaced (or whose signature is gone) registers nothing."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    data = office.sync.export_public_key(tmp_path / "so.pem").read_bytes()
    genuine = keys.split_key_file(data)[1]
    assert genuine is not None
    other = X25519PrivateKey.generate().public_key()
    swapped = data.replace(
        genuine,
        other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
    )
    unsigned = data[: data.index(b"-----BEGIN PBGDPL SEAL KEY SIGNATURE-----")]
    inbox = ReplyInbox(services.ctx)
    for name, content in (("swapped.pem", swapped), ("unsigned.pem", unsigned)):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(DomainError, match="không có chữ ký hợp lệ"):
            inbox.register_office_key(tmp_path / name)
        assert inbox.office_fingerprint() is None and services.sync.office_seal_fingerprint() is None


def test_a_reply_bundle_registers_the_receiving_key_too(services, office, tmp_path):
    """The office's signed reply carries its receiving key (``seal_key``, with its signature), so a ward
    that registers the office from a reply can seal to it."""
    from tests.helpers.office import office_of

    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office.sync.register(record.path, registered_by="Chuyên viên A")
    office_service = office_of(office)
    assert office_service.import_paths([record.path]).ok
    office_service.appraise("00070", 2026, "1.1", "5", note="Đủ hồ sơ", by="Hội đồng")
    reply = office_service.reply("00070", tmp_path / "reply")
    assert ReplyInbox(services.ctx).register_office_key(reply.path) == office.sync.key_info().fingerprint
    assert services.sync.office_seal_fingerprint() == office.sync.box_key().fingerprint
