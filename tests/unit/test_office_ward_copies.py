"""The cache of ward copies the office rebuilds to recompute a ward's assessment (issue #14,
services/office/ward_file.py ``prune``): a newer bundle of the ward makes its copy stale and the import
removes it; at start-up stale copies, copies of wards the office no longer holds, templates of another
schema revision and, beyond the limit, the least recently opened copies are removed."""

from __future__ import annotations

import json

import pytest

from pbgdpl_desktop.persistence.db import head_revision
from pbgdpl_desktop.services.office.ward_file import WardFileService
from tests.builders import staffed_team
from tests.helpers.bundles import open_office, small_ward
from tests.helpers.office import office_of

YEAR = 2026


@pytest.fixture
def office(services, _template_db, clock, tmp_path):
    """An office holding one bundle of Phường Hoàn Kiếm (00070); the ward's services to send another."""
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out1", full=True).record
    svc = open_office(tmp_path / "office", _template_db, clock)
    svc.sync.register(record.path, registered_by="Chuyên viên A")
    assert office_of(svc).import_paths([record.path]).ok
    yield svc, services
    svc.ctx.db.close()


def test_a_newer_bundle_of_the_ward_removes_its_copy(office, tmp_path):
    svc, ward = office
    files = WardFileService(svc.ctx)
    files.recompute("00070", YEAR)
    copy = files.folder / "00070"
    assert (copy / "ward.db").exists() and (copy / f"result-{YEAR}.json").exists()
    assert files.prune(keep=-1) == []  # up to date: kept
    assert office_of(svc).import_paths([tmp_path / "out1"]).ok  # the same bundle again: nothing new
    assert (copy / "ward.db").exists()
    staffed_team(ward, name="Tổ hòa giải tổ dân phố số 2")  # new data at the ward
    record = ward.sync.exporter.export(tmp_path / "out2").record
    assert record is not None
    assert office_of(svc).import_paths([record.path]).ok
    assert not copy.exists()  # stale: removed with the import, rebuilt on the next opening
    assert not files.recompute("00070", YEAR).cached
    assert (copy / "ward.db").exists()


def test_start_up_prune_removes_stale_unknown_old_and_least_recently_opened(office):
    svc, _ward = office
    files = WardFileService(svc.ctx)
    files.recompute("00070", YEAR)
    root = files.folder
    template = root / f"_empty-{head_revision()}.db"
    assert template.exists()
    (root / "_empty-0001_initial.db").write_bytes(b"old revision")
    gone = root / "99999"  # a ward this office holds no data of
    gone.mkdir()
    (gone / "stamp.json").write_text(json.dumps({"stamp": "1:1:x"}), "utf-8")
    (root / "notes.txt").write_text("not ours to remove", "utf-8")
    assert sorted(files.prune()) == ["99999", "_empty-0001_initial.db"]
    assert (root / "00070" / "ward.db").exists() and template.exists() and (root / "notes.txt").exists()
    # beyond the limit: the least recently opened go first
    assert files.prune(keep=1) == []
    assert files.prune(keep=0) == ["00070"]
    assert not (root / "00070").exists() and template.exists()
    # a copy built from an older import of its ward is stale
    files.recompute("00070", YEAR)
    stamp = root / "00070" / "stamp.json"
    kept = json.loads(stamp.read_text("utf-8"))
    stamp.write_text(json.dumps({**kept, "stamp": "0:0:"}), "utf-8")
    assert files.prune() == ["00070"]
