"""Bundles from older releases whose columns were renamed since (sync.renames): the old key of ``fields`` is
mapped forward at import, by the schema revision the bundle says wrote it; a newer bundle is left alone."""

from __future__ import annotations

import json

import pytest

from pbgdpl_desktop.persistence.db import revisions_in_order
from pbgdpl_desktop.sync.renames import RENAMED_COLUMNS, Rename, map_line, renames_for
from tests.helpers.bundles import Office, office_rows, resign, small_ward, ward_rows
from tests.unit.test_sync_bad_input import _personal

OLD = "so_vu_viec_cu"  # a made-up name of an older release
RENAME_SINCE = "0008_legal_fidelity"


def test_the_mapping_depends_on_the_revision_that_wrote_the_bundle():
    order = revisions_in_order()
    assert order[0].startswith("0001") and order.index("0007_sync") < order.index(RENAME_SINCE)
    renames = [Rename("t", "a", "b", RENAME_SINCE), Rename("t", "b", "c", order[-1])]
    assert renames_for(renames, "t", "0007_sync", order) == {"a": "c", "b": "c"}  # chained
    assert renames_for(renames, "t", RENAME_SINCE, order) == {"b": "c"}
    assert renames_for(renames, "t", order[-1], order) == {}
    assert renames_for(renames, "other", "0007_sync", order) == {}
    assert renames_for(renames, "t", "9999_future", order) == {}
    assert RENAMED_COLUMNS == ()  # no release has renamed a column yet: nothing is mapped in practice


def test_map_line_renames_only_keys_of_fields_and_keeps_order():
    line = '{"id":"x","revision":1,"fields":{"z":1,"a":"Hòa","m":null}}'
    assert map_line(line, {"a": "b"}) == '{"id":"x","revision":1,"fields":{"z":1,"b":"Hòa","m":null}}'
    assert map_line(line, {"q": "r"}) is line
    assert map_line("not json", {"a": "b"}) == "not json"
    both = '{"fields":{"a":1,"b":2}}'
    assert json.loads(map_line(both, {"a": "b"}))["fields"] == {"b": 2}  # the new name wins


def _a_text_column(rows: dict) -> str:
    (row,) = rows.values()
    return next(k for k, v in row["fields"].items() if isinstance(v, str) and v)


@pytest.fixture
def ward(services):
    small_ward(services)
    return services


def test_a_bundle_of_an_older_release_with_an_old_column_name_imports_under_the_new_name(
    ward, tmp_path, _template_db, clock
):
    bundle = ward.sync.exporter.export(tmp_path / "out").record.path
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)
    expected = ward_rows(ward.ctx.db.path, "mediation_case", _personal("mediation_case"))
    column = _a_text_column(expected)

    def old_names(files: dict[str, bytes]) -> None:
        data = files["data/mediation_case.jsonl"]
        assert data.count(f'"{column}":'.encode()) == 1
        files["data/mediation_case.jsonl"] = data.replace(f'"{column}":'.encode(), f'"{OLD}":'.encode())

    def older(manifest: dict) -> None:
        manifest["schema_revision"] = "0007_sync"

    old = resign(bundle, tmp_path / "old.pbgdpl.zip", ward.sync.key_path, files=old_names, manifest=older)
    svc = office.open()
    try:
        svc.sync.importer.renames = (Rename("mediation_case", OLD, column, RENAME_SINCE),)
        (report,) = svc.sync.importer.import_paths([old]).reports
        assert report.status == "imported" and report.tables["mediation_case"]["inserted"] == 1
        assert any(f"{OLD} → {column}" in note for note in report.notes)
        assert office_rows(svc, "00070", "mediation_case") == expected  # the new name, the same value
    finally:
        svc.ctx.db.close()


def test_a_bundle_of_the_current_release_is_not_mapped(ward, tmp_path, _template_db, clock):
    bundle = ward.sync.exporter.export(tmp_path / "out").record.path
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)
    column = _a_text_column(ward_rows(ward.ctx.db.path, "mediation_case"))
    svc = office.open()
    try:  # the bundle is newer than the rename: its names are today's
        svc.sync.importer.renames = (Rename("mediation_case", column, "renamed", RENAME_SINCE),)
        (report,) = svc.sync.importer.import_paths([bundle]).reports
        assert report.status == "imported" and not any("→" in note for note in report.notes)
        (row,) = office_rows(svc, "00070", "mediation_case").values()
        assert "renamed" not in row["fields"] and column in row["fields"]
    finally:
        svc.ctx.db.close()
