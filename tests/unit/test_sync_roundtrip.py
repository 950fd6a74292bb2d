"""Sync bundles end to end: keys, export (full, incremental, minimal/full privacy, re-export), import into an
office database, re-import, and the office's copy equal to the ward's rows (tests/helpers/bundles.py)."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import zipfile
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from pbgdpl_desktop.app import main
from pbgdpl_desktop.persistence.models.mediation import MediationCase, MediationCaseParty
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.sync.dto import ALREADY, IMPORTED
from pbgdpl_desktop.services.sync.export import NOTHING_NEW
from tests.helpers.bundles import members, office_rows, open_office, sha256_file, small_ward, ward_rows

FINGERPRINT = re.compile(r"^([0-9a-f]{4} ){7}[0-9a-f]{4}$")


def test_key_pair_is_made_once_beside_the_database_readable_by_the_user_only(services):
    first = services.sync.key_info()
    again = services.sync.key_info()
    assert first.created and FINGERPRINT.match(first.fingerprint)
    assert again.fingerprint == first.fingerprint
    assert first.key_path == services.ctx.db.path.with_name("pbgdpl.sync-key.pem")
    assert stat.S_IMODE(first.key_path.stat().st_mode) == 0o600
    assert first.public_pem.startswith("-----BEGIN PUBLIC KEY-----")


def test_the_private_key_never_travels(services, tmp_path):
    small_ward(services)
    outcome = services.sync.exporter.export(tmp_path / "out")
    private = services.sync.key_path.read_bytes()
    body = b"".join(private.splitlines()[1:-1])
    raw = outcome.record.path.read_bytes()
    assert body not in raw and all(body not in m for m in members(outcome.record.path).values())
    backup = services.backups.backup_now().info
    assert backup is not None and body not in backup.path.read_bytes()
    assert not any(p.name.endswith(".pem") for p in backup.path.parent.iterdir())


def test_round_trip_minimal(demo_services, _template_db, clock, tmp_path):
    ward = demo_services
    office = open_office(tmp_path / "office", _template_db, clock)
    out = tmp_path / "out"
    try:
        first = ward.sync.exporter.export(out).record
        assert first.seq == 1 and first.path.name == f"00070_1_{clock.now().astimezone():%Y%m%d}.pbgdpl.zip"
        office.sync.register(first.path, registered_by="Chuyên viên A")
        batch = office.sync.importer.import_paths([out])
        assert batch.ok, batch.text()
        (report,) = batch.reports
        assert (
            report.status == IMPORTED and report.total("inserted") + report.total("deleted") == first.records
        )
        _assert_office_equals_ward(ward, office, minimal=True)

        again = office.sync.importer.import_paths([first.path])
        assert again.ok and again.reports[0].status == ALREADY
        resent = ward.sync.exporter.export(out, resend=1).record
        assert resent.seq == 2 and resent.resend_of == 1
        redo = office.sync.importer.import_paths([resent.path]).reports[0]
        assert redo.status == IMPORTED and redo.total("unchanged") == resent.records
        assert redo.total("inserted") == redo.total("updated") == redo.total("deleted") == 0

        assert ward.sync.exporter.export(out).message == NOTHING_NEW
        edited, deleted = _edit_and_delete(ward)
        third = ward.sync.exporter.export(out).record
        assert third.seq == 3 and third.since_change_seq == first.to_change_seq
        assert (third.records, third.updated, third.deleted) == (2, 1, 1)
        report = office.sync.importer.import_paths([third.path]).reports[0]
        assert report.status == IMPORTED and not report.gaps
        assert report.tables["mediation_case"]["updated"] == 1
        assert report.tables["mediation_case_party"]["deleted"] == 1
        _assert_office_equals_ward(ward, office, minimal=True)
        rows = office_rows(office, "00070", "mediation_case_party")
        assert rows[deleted]["deleted_at"] is not None
        assert office_rows(office, "00070", "mediation_case")[edited]["fields"]["outcome_note"] == "Đã sửa"
        stored = office.sync.importer.history()
        assert [(r.seq, r.status) for r in stored] == [(3, IMPORTED), (2, IMPORTED), (1, IMPORTED)]
        assert stored[0].tables["mediation_case"]["updated"] == 1
        assert [r.seq for r in ward.sync.exporter.history()] == [3, 2, 1]
    finally:
        office.ctx.db.close()


def _edit_and_delete(ward) -> tuple[str, str]:
    with ward.ctx.db.transaction() as session:
        case = session.scalars(select(MediationCase).where(MediationCase.deleted_at.is_(None)).limit(1)).one()
        case.outcome_note = "Đã sửa"
        party = session.scalars(
            select(MediationCaseParty).where(MediationCaseParty.deleted_at.is_(None)).limit(1)
        ).one()
        party.deleted_at = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
        return case.id, party.id


def _assert_office_equals_ward(ward, office, *, minimal: bool) -> None:
    for table in sync_repo.synced_tables():
        drop = table.personal if minimal else ()
        assert office_rows(office, "00070", table.name) == ward_rows(ward.ctx.db.path, table.name, drop), (
            table.name
        )


def test_full_privacy_carries_personal_data_and_minimal_none(services, _template_db, clock, tmp_path):
    small_ward(services)
    minimal = services.sync.exporter.export(tmp_path / "m").record
    assert minimal.privacy == "minimal"
    blob = b"".join(members(minimal.path).values())
    for personal in ("Phạm Văn Đức", "Số 5 ngõ 12", "Tranh chấp lối đi chung", "1965"):
        assert personal.encode() not in blob
    full = services.sync.exporter.export(tmp_path / "f", full=True, privacy="full").record
    blob = b"".join(members(full.path).values())
    assert (
        "Phạm Văn Đức".encode() in blob
        and json.loads(members(full.path)["manifest.json"])["privacy"] == "full"
    )
    office = open_office(tmp_path / "office", _template_db, clock)
    try:
        office.sync.register(full.path)
        assert office.sync.importer.import_paths([full.path]).ok
        _assert_office_equals_ward(services, office, minimal=False)
    finally:
        office.ctx.db.close()


def test_evidence_files_travel_when_asked(services, tmp_path):
    small_ward(services)
    source = tmp_path / "bien-ban.pdf"
    source.write_bytes(b"%PDF-1.4 minh chung")
    ward_id = services.ward.get().id
    dto, _ = services.evidence.attach(source, "ward_profile", ward_id)
    record = services.sync.exporter.export(tmp_path / "out", evidence=True).record
    names = set(members(record.path))
    assert f"evidence/{dto.sha256}" in names
    assert members(record.path)[f"evidence/{dto.sha256}"] == source.read_bytes()
    plain = services.sync.exporter.export(tmp_path / "out2", full=True).record
    assert not any(n.startswith("evidence/") for n in members(plain.path))


@pytest.mark.skipif(
    not shutil.which("openssl") or not shutil.which("sha256sum"), reason="needs openssl and sha256sum"
)
def test_a_bundle_verifies_with_openssl_and_sha256sum_alone(services, tmp_path):
    help_text = subprocess.run(["openssl", "pkeyutl", "-help"], capture_output=True, text=True)
    if "-rawin" not in help_text.stdout + help_text.stderr:
        pytest.skip(
            "this openssl has no pkeyutl -rawin (OpenSSL < 3.0): cannot verify Ed25519 raw signatures"
        )
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out").record
    folder = tmp_path / "x"
    with zipfile.ZipFile(record.path) as zf:
        zf.extractall(folder)  # our own test's bundle: extracting it is safe here

    def openssl_verify() -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                "sender.pub.pem",
                "-rawin",
                "-in",
                "manifest.json",
                "-sigfile",
                "manifest.sig",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
        )

    ok = openssl_verify()
    assert ok.returncode == 0 and "Signature Verified Successfully" in ok.stdout
    manifest = json.loads((folder / "manifest.json").read_bytes())
    listing = "".join(f"{f['sha256']}  {f['path']}\n" for f in manifest["files"])
    check = subprocess.run(
        ["sha256sum", "-c", "--strict", "-"], cwd=folder, input=listing, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert sha256_file(record.path) == record.sha256
    (folder / "manifest.json").write_bytes(
        (folder / "manifest.json").read_bytes().replace(b'"seq": 1', b'"seq": 2')
    )
    assert openssl_verify().returncode != 0


def test_cli_export_keys_and_import(demo_services, tmp_path, capsys):
    ward_db = demo_services.ctx.db.path
    demo_services.ctx.db.close()
    office_db = tmp_path / "office" / "office.db"
    out = tmp_path / "out"
    assert main(["export", "--db", str(ward_db), "--out", str(out)]) == 0
    assert "Gói số 1:" in capsys.readouterr().out
    assert main(["keys", "--db", str(ward_db), "export", str(tmp_path / "ward.pem")]) == 0
    fingerprint = capsys.readouterr().out.rsplit("mã khóa: ", 1)[1].strip()
    assert (
        main(
            [
                "keys",
                "--db",
                str(office_db),
                "register",
                str(tmp_path / "ward.pem"),
                "--ward",
                "00070",
                "--province",
                "01",
            ]
        )
        == 0
    )
    assert fingerprint in capsys.readouterr().out
    assert main(["import", "--db", str(office_db), "--dry-run", str(out)]) == 0
    assert "chạy thử" in capsys.readouterr().out
    assert main(["import", "--db", str(office_db), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "đã nhập" in printed and "mediation_case:" in printed
    assert main(["import", "--db", str(office_db), str(out)]) == 0
    assert "đã có" in capsys.readouterr().out
    bad = tmp_path / "bad.pbgdpl.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    assert main(["import", "--db", str(office_db), str(out), str(bad)]) == 1
    assert "TỪ CHỐI" in capsys.readouterr().out
    assert main(["export", "--db", str(office_db), "--out", str(out)]) == 3
    assert main(["keys", "--db", str(office_db), "show"]) == 0
    shown = capsys.readouterr().out
    assert "upper-office" in shown and f"00070 Phường Hoàn Kiếm: {fingerprint}" in shown
