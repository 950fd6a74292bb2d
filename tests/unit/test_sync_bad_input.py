"""Bad bundles at the office (issue #13, "Bad input"): each refused or held with a clear report line, and a
refused or held bundle leaves the office database byte for byte as it was (sha256 of the closed file)."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.persistence import uow
from pbgdpl_desktop.persistence.models.mediation import MediationCase
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.services.sync.dto import ALREADY, HELD, IMPORTED
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import MANIFEST
from pbgdpl_desktop.sync.reader import BundleRefusedError, verify_bundle
from tests.helpers.bundles import (
    Office,
    members,
    office_rows,
    resign,
    sha256_file,
    small_ward,
    ward_rows,
)


@pytest.fixture
def ward(services):
    small_ward(services)
    return services


@pytest.fixture
def bundle(ward, tmp_path) -> Path:
    return ward.sync.exporter.export(tmp_path / "out").record.path


@pytest.fixture
def office(ward, bundle, tmp_path, _template_db, clock) -> Office:
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)
    return office


@pytest.fixture
def key_file(ward) -> Path:
    return ward.sync.key_path


def test_every_flipped_byte_is_refused_or_changes_nothing_that_is_imported(bundle, office, tmp_path):
    original = verify_bundle(bundle)
    raw = bundle.read_bytes()
    bad = tmp_path / "flip.pbgdpl.zip"
    refused = 0
    offsets = range(0, len(raw), 4)  # every 4th byte, each flipping another bit: ~2,000 bundles
    for offset in offsets:
        bad.write_bytes(raw[:offset] + bytes([raw[offset] ^ (1 << offset % 8)]) + raw[offset + 1 :])
        try:
            got = verify_bundle(bad)
        except BundleRefusedError:
            refused += 1
            continue
        # an unauthenticated zip field (a time stamp, an attribute): what would be imported is identical
        assert (got.manifest, got.data, got.public_pem) == (
            original.manifest,
            original.data,
            original.public_pem,
        )
    assert refused > len(offsets) * 0.8
    data_at = raw.index(b"PK\x03\x04", 1) - 20  # inside the first member's compressed bytes
    bad.write_bytes(raw[:data_at] + bytes([raw[data_at] ^ 0x01]) + raw[data_at + 1 :])
    office.refuses(bad, "bad_zip")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_bundle_is_refused(bundle, office, tmp_path, keep):
    raw = bundle.read_bytes()
    cut = tmp_path / "cut.pbgdpl.zip"
    cut.write_bytes(raw[: int(len(raw) * keep)])
    office.refuses(cut, "bad_zip")


def test_a_member_listed_but_missing_is_refused(bundle, office, key_file, tmp_path):
    bad = resign(bundle, tmp_path / "b.pbgdpl.zip", key_file, files=lambda f: f.pop("data/mediator.jsonl"))
    report = office.refuses(bad, "missing_member")
    assert "data/mediator.jsonl" in report.message


def test_a_member_not_in_the_manifest_is_refused(bundle, office, key_file, tmp_path):
    bad = resign(
        bundle, tmp_path / "b.pbgdpl.zip", key_file, files=lambda f: f.update({"data/extra.jsonl": b"{}\n"})
    )
    assert "data/extra.jsonl" in office.refuses(bad, "unlisted_member").message


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "data/../../x.jsonl", "C:/x", "data\\..\\x"])
def test_unsafe_member_names_are_refused(bundle, office, key_file, tmp_path, name):
    def add(files):
        files[name] = b"{}\n"

    def listed(manifest):
        manifest["files"].append({"path": name, "sha256": "0" * 64, "bytes": 3, "records": 1})

    bad = resign(bundle, tmp_path / "b.pbgdpl.zip", key_file, files=add, manifest=listed)
    office.refuses(bad, "unsafe_name")
    only_listed = resign(bundle, tmp_path / "c.pbgdpl.zip", key_file, manifest=listed)
    office.refuses(only_listed, "unsafe_name")


def test_a_10_gb_member_declared_small_is_refused_without_reading_it(bundle, office, key_file, tmp_path):
    """The zip's central directory says 10 GB (crafted) while the signed manifest says a few bytes."""
    parts = members(resign(bundle, tmp_path / "signed.pbgdpl.zip", key_file))
    bad = tmp_path / "bomb.pbgdpl.zip"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
        target = next(i for i in zf.infolist() if i.filename == "data/mediator.jsonl")
        target.file_size = 10 * 1024**3  # written into the central directory (zip64) at close
    assert zipfile.ZipFile(bad).getinfo("data/mediator.jsonl").file_size == 10 * 1024**3
    assert "10737418240" in office.refuses(bad, "size_mismatch").message


def test_a_member_that_inflates_beyond_its_declared_size_is_cut_off(bundle, office, key_file, tmp_path):
    """Header and manifest both say 40 bytes; the deflate stream holds 50 MB of zeros."""
    small = b'{"x":0}\n' * 5
    bad = resign(
        bundle, tmp_path / "b.pbgdpl.zip", key_file, files=lambda f: f.update({"data/mediator.jsonl": small})
    )
    raw = bytearray(bad.read_bytes())
    bomb = zipfile.ZipFile(tmp_path / "z.zip", "w", zipfile.ZIP_DEFLATED)
    bomb.writestr("data/mediator.jsonl", b"\0" * (50 << 20))
    bomb.close()
    # splice the bomb's compressed stream in place of the small member's, fixing sizes as the manifest says
    with zipfile.ZipFile(tmp_path / "z.zip") as zf:
        info = zf.getinfo("data/mediator.jsonl")
        stream = (tmp_path / "z.zip").read_bytes()[
            info.header_offset + 30 + len(info.filename) + len(info.extra) :
        ][: info.compress_size]
    parts = members(bad)
    crafted = tmp_path / "crafted.pbgdpl.zip"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_STORED) as zf:
        for name, content in parts.items():
            if name == "data/mediator.jsonl":
                zi = zipfile.ZipInfo(name)
                zi.compress_type = zipfile.ZIP_STORED
                zf.writestr(zi, stream)
            else:
                zf.writestr(name, content)
    raw = bytearray(crafted.read_bytes())
    with zipfile.ZipFile(crafted) as zf:
        info = zf.getinfo("data/mediator.jsonl")
        cd_offset = raw.index(
            b"PK\x01\x02" + raw[raw.index(b"PK\x01\x02") + 4 : raw.index(b"PK\x01\x02") + 6]
        )
    # rewrite method=deflate and uncompressed size=len(small) in the local header and the central directory
    local = info.header_offset
    raw[local + 8 : local + 10] = (8).to_bytes(2, "little")
    raw[local + 22 : local + 26] = len(small).to_bytes(4, "little")
    pos = cd_offset
    while True:
        pos = raw.index(b"PK\x01\x02", pos)
        name_len = int.from_bytes(raw[pos + 28 : pos + 30], "little")
        if raw[pos + 46 : pos + 46 + name_len] == b"data/mediator.jsonl":
            raw[pos + 10 : pos + 12] = (8).to_bytes(2, "little")
            raw[pos + 24 : pos + 28] = len(small).to_bytes(4, "little")
            break
        pos += 4
    crafted.write_bytes(bytes(raw))
    assert zipfile.ZipFile(crafted).getinfo("data/mediator.jsonl").file_size == len(small)
    report = office.refuses(crafted, "bad_zip")
    assert "hỏng" in report.message


def test_an_unknown_format_major_version_is_refused(bundle, office, key_file, tmp_path):
    bad = resign(
        bundle, tmp_path / "b.pbgdpl.zip", key_file, manifest=lambda m: m.update(format_version="2.0")
    )
    assert "2.0" in office.refuses(bad, "format_version").message


def test_an_unregistered_key_is_held_for_approval(bundle, tmp_path, _template_db, clock):
    office = Office(tmp_path / "fresh", _template_db, clock)
    report = office.refuses(bundle, "unregistered", HELD)
    assert verify_bundle(bundle).fingerprint in report.message
    assert (office.folder / "sync" / "held" / bundle.name).read_bytes() == bundle.read_bytes()
    office.register(office.folder / "sync" / "held" / bundle.name)
    assert office.run(bundle).reports[0].status == IMPORTED


def test_a_key_other_than_the_registered_one_is_held(bundle, office, tmp_path):
    stranger = resign(bundle, tmp_path / "s.pbgdpl.zip", tmp_path / "other.key.pem")
    report = office.refuses(stranger, "wrong_key", HELD)
    assert "khóa khác" in report.message


def test_a_signature_by_another_key_than_the_enclosed_one_is_refused(bundle, office, tmp_path):
    other, _ = keys.load_or_create(tmp_path / "other.key.pem")
    parts = members(bundle)
    bad = tmp_path / "sig.pbgdpl.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, other.sign(parts[MANIFEST]) if name == "manifest.sig" else content)
    office.refuses(bad, "bad_signature")


def test_a_bundle_for_another_recipient_is_refused(bundle, office, key_file, tmp_path):
    def elsewhere(m):
        m["recipient"] = {"role": "upper-office", "province_code": "79", "name": "Sở Tư pháp TP Hồ Chí Minh"}

    bad = resign(bundle, tmp_path / "b.pbgdpl.zip", key_file, manifest=elsewhere)
    assert "Hồ Chí Minh" in office.refuses(bad, "recipient").message


def test_the_same_bundle_twice_changes_nothing(bundle, office):
    assert office.run(bundle).reports[0].status == IMPORTED
    before = sha256_file(office.db)
    batch = office.run(bundle, bundle)
    assert batch.ok and [r.status for r in batch.reports] == [ALREADY, ALREADY]
    assert sha256_file(office.db) == before


def test_another_bundle_with_a_used_seq_is_refused_as_replay(bundle, office, key_file, tmp_path):
    assert office.run(bundle).ok
    other = resign(
        bundle,
        tmp_path / "b.pbgdpl.zip",
        key_file,
        manifest=lambda m: m.update(bundle_id="0" * 8 + "-0000-4000-8000-" + "0" * 12),
    )
    office.refuses(other, "replay")


def test_a_bundle_from_a_newer_schema_is_held_until_the_office_updates(bundle, office, key_file, tmp_path):
    newer = resign(
        bundle,
        tmp_path / "n.pbgdpl.zip",
        key_file,
        manifest=lambda m: m.update(schema_revision="0099_future"),
    )
    report = office.refuses(newer, "newer_schema", HELD)
    assert "cần cập nhật phần mềm" in report.message


def test_bundles_out_of_order_end_equal_and_gaps_are_reported(ward, bundle, office, tmp_path):
    second = _edit_case(ward, "lần 2", tmp_path)
    third = _edit_case(ward, "lần 3", tmp_path)
    batch = office.run(third)
    assert batch.reports[0].gaps == [1, 2] and batch.ok
    assert "Thiếu gói số: 1, 2" in batch.text()
    late = office.run(bundle, second)
    assert [r.seq for r in late.reports] == [1, 2] and late.ok
    assert late.reports[1].tables["mediation_case"]["older"] == 1  # the newer revision (gói 3) stays
    svc = office.open()
    try:
        assert office_rows(svc, "00070", "mediation_case") == ward_rows(
            ward.ctx.db.path, "mediation_case", _personal("mediation_case")
        )
    finally:
        svc.ctx.db.close()


class _TenYearsAhead(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(days=3653)


def test_a_ward_clock_ten_years_off_keeps_its_times_and_revisions_decide(
    services, tmp_path, _template_db, clock, monkeypatch
):
    paths = services.ctx.data_dir
    services.ctx.db.close()
    ahead = FixedClock(datetime(2036, 11, 30, 3, 0, tzinfo=UTC))
    monkeypatch.setattr(uow, "datetime", _TenYearsAhead)  # the ward PC's clock stamps its rows
    ward = open_services(RuntimePaths(paths, paths / "pbgdpl.db"), clock=ahead)
    try:
        small_ward(ward)
        first = ward.sync.exporter.export(tmp_path / "out").record
        assert "_20361130" in first.path.name
        office = Office(tmp_path / "office", _template_db, clock)
        office.register(first.path)
        report = office.run(first.path).reports[0]
        assert report.status == IMPORTED and any("lệch khoảng 3653 ngày" in n for n in report.notes)
        svc = office.open()
        try:
            stamps = {r["updated_at"][:4] for r in office_rows(svc, "00070", "mediator").values()}
        finally:
            svc.ctx.db.close()
        assert stamps == {str(datetime.now(UTC).year + 10)}  # the sender's times, not the import's
        monkeypatch.undo()  # the ward's clock is set right: its next edit is stamped 10 years EARLIER
        second = _edit_case(ward, "sửa sau", tmp_path)
        assert office.run(second).reports[0].tables["mediation_case"]["updated"] == 1
        svc = office.open()
        try:
            rows = office_rows(svc, "00070", "mediation_case")
            assert rows == ward_rows(ward.ctx.db.path, "mediation_case", _personal("mediation_case"))
        finally:
            svc.ctx.db.close()
    finally:
        ward.ctx.db.close()


def test_a_dry_run_reports_without_writing(bundle, office):
    before = sha256_file(office.db)
    batch = office.run(bundle, dry_run=True)
    assert batch.ok and batch.reports[0].status == "dry_run" and batch.reports[0].total("inserted") > 0
    assert sha256_file(office.db) == before
    assert office.run(bundle).reports[0].status == IMPORTED


def test_rejected_rows_are_reported_with_reasons_and_the_rest_imported(bundle, office, key_file, tmp_path):
    def spoil(files):
        lines = files["data/mediator.jsonl"].splitlines(keepends=True)
        row = json.loads(lines[0])
        row["revision"] = "two"
        files["data/mediator.jsonl"] = b"".join([json.dumps(row).encode() + b"\n", *lines[1:]])
        files["data/no_such_table.jsonl"] = b'{"id": 1}\n'

    def list_new(m):
        content = b'{"id": 1}\n'
        import hashlib

        m["files"].append(
            {
                "path": "data/no_such_table.jsonl",
                "sha256": hashlib.sha256(content).hexdigest(),
                "bytes": len(content),
                "records": 1,
            }
        )

    bad = resign(bundle, tmp_path / "r.pbgdpl.zip", key_file, files=spoil, manifest=list_new)
    batch = office.run(bad)
    (report,) = batch.reports
    assert report.status == IMPORTED and not batch.ok  # imported, but the CLI exits 1
    assert report.tables["mediator"]["rejected"] == 1 and report.tables["mediator"]["inserted"] == 2
    assert report.tables["no_such_table"]["rejected"] == 1
    text = "\n".join(report.lines())
    assert "số phiên bản (revision) hoặc change_seq không hợp lệ" in text and "bảng không có" in text


def _personal(table: str) -> tuple[str, ...]:
    from pbgdpl_desktop.persistence.repos.sync_repo import synced_tables

    return next(t.personal for t in synced_tables() if t.name == table)


def _edit_case(ward, note: str, tmp_path: Path) -> Path:
    with ward.ctx.db.transaction() as session:
        case = session.scalars(select(MediationCase)).first()
        case.outcome_note = note
    return ward.sync.exporter.export(tmp_path / "out").record.path


def test_helpers_are_not_toothless(bundle, office, key_file, tmp_path):
    """resign() alone (no change) yields a bundle the office accepts: each refusal above is the change's."""
    same = resign(bundle, tmp_path / "same.pbgdpl.zip", key_file)
    shutil.copyfile(same, tmp_path / "copy.pbgdpl.zip")
    assert office.run(same).reports[0].status == IMPORTED
