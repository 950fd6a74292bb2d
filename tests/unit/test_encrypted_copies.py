"""Encrypted copies (issue #15): a backup encrypted with a password round-trips; a wrong password or a
flipped byte is refused with a clear message and nothing is written."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.persistence.db import restore_database
from pbgdpl_desktop.sync import crypto
from tests.builders import add_team

PW = "mat-khau-usb-2026"


def _teams(path):
    with closing(sqlite3.connect(path)) as con:
        return [r[0] for r in con.execute("SELECT name FROM mediation_team ORDER BY name")]


def test_encrypted_backup_round_trip_and_restore(services, paths, tmp_path):
    add_team(services)
    enc = services.backups.encrypted_copy(tmp_path / "usb" / "saoluu.db.enc", PW)
    raw = enc.read_bytes()
    assert raw.startswith(crypto.MAGIC) and b"SQLite format 3" not in raw
    assert "Tổ hòa giải".encode() not in raw
    plain = services.backups.open_encrypted(enc, PW)
    assert _teams(plain) == ["Tổ hòa giải tổ dân phố số 1"]
    add_team(services, "Tổ hòa giải số 2", area="Tổ 2")
    services.ctx.db.close()
    restore_database(plain, paths.db_path, paths.backups_dir)
    assert _teams(paths.db_path) == ["Tổ hòa giải tổ dân phố số 1"]


def test_wrong_password_or_flipped_byte_is_refused_and_writes_nothing(services, tmp_path):
    add_team(services)
    enc = services.backups.encrypted_copy(tmp_path / "saoluu.db.enc", PW)
    before = sorted(p.name for p in services.backups.folder.iterdir())
    with pytest.raises(ValidationError, match="mật khẩu không đúng"):
        services.backups.open_encrypted(enc, PW + "x")
    blob = bytearray(enc.read_bytes())
    for where in (len(crypto.MAGIC) + 5, len(blob) // 2, len(blob) - 1):  # header, body, tag
        flipped = bytearray(blob)
        flipped[where] ^= 0x01
        bad = tmp_path / f"hong-{where}.db.enc"
        bad.write_bytes(bytes(flipped))
        with pytest.raises(ValidationError, match="bị sửa hay hỏng"):
            services.backups.open_encrypted(bad, PW)
    with pytest.raises(ValidationError):
        services.backups.open_encrypted(enc, "")
    assert sorted(p.name for p in services.backups.folder.iterdir()) == before


def test_second_folder_copy_is_encrypted_when_asked(services, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    services.backups.set_second_folder(str(usb))
    services.settings.set("backup.encrypt_second_folder", True)
    outcome = services.backups.backup_now()
    assert "mã hóa" in outcome.warning and list(usb.iterdir()) == []  # never a plain copy on the stick
    outcome = services.backups.backup_now(PW)
    copies = list(usb.iterdir())
    assert outcome.warning == "" and len(copies) == 1 and crypto.is_encrypted(copies[0])
    assert any(e.action == "backup" for e in services.audit.entries())


def test_bytes_api_carries_what_the_file_holds():
    blob = crypto.encrypt_bytes(b"goi dong bo", PW, content="bundle")
    assert crypto.decrypt_bytes(blob, PW) == (b"goi dong bo", "bundle")
    assert crypto.encrypt_bytes(b"x", PW, content="bundle") != crypto.encrypt_bytes(
        b"x", PW, content="bundle"
    )


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="file modes: POSIX only")
def test_encrypted_and_opened_copies_are_readable_by_the_owner_only(tmp_path):
    """A copy on a USB stick or in a shared folder: neither the sealed file nor the opened one is readable
    by another local account (they were created with the umask's 0644 before)."""
    src = tmp_path / "w.db"
    src.write_bytes(b"SQLite format 3\x00" + b"x" * 100)
    sealed = crypto.encrypt_file(src, tmp_path / "usb" / "w.db.enc", "mật khẩu dài 123", content="backup")
    opened, _ = crypto.decrypt_file(sealed, tmp_path / "opened.db", "mật khẩu dài 123")
    assert opened.read_bytes() == src.read_bytes()
    assert sealed.stat().st_mode & 0o777 == 0o600
    assert opened.stat().st_mode & 0o777 == 0o600
