"""Optional attachments of a bundle (issue #13): the year's assessment result (JSON) and dossier (PDF), hashed
and signed like the rest; the office stores them as files under its data folder and lists them in the report."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.sync.attachments import assessment_attachments
from pbgdpl_desktop.sync.reader import verify_bundle
from tests.helpers.bundles import Office, resign, small_ward

YEAR = 2026


@pytest.fixture
def ward(services):
    small_ward(services)
    return services


@pytest.fixture
def attached(ward, tmp_path):
    folder = tmp_path / "attach"
    folder.mkdir()
    files = assessment_attachments(ward, YEAR, folder)
    bundle = ward.sync.exporter.export(tmp_path / "out", attachments=files).record.path
    return bundle, {f.name: f.read_bytes() for f in files}


def test_attachments_travel_signed_and_the_office_stores_them(ward, attached, tmp_path, _template_db, clock):
    bundle, sent = attached
    assert set(sent) == {f"assessment-{YEAR}.json", f"dossier-{YEAR}.pdf"}
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    listed = {f["path"] for f in manifest["files"]}
    assert {f"attachments/{n}" for n in sent} <= listed
    assert verify_bundle(bundle).attachments == sent
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)
    (report,) = office.run(bundle).reports
    assert report.status == "imported", report.lines()
    stored = {p.name: p for p in report.attachments}
    assert {n: p.read_bytes() for n, p in stored.items()} == sent
    assert (
        stored[f"dossier-{YEAR}.pdf"].parent == tmp_path / "office" / "sync" / "attachments" / "00070" / "1"
    )
    assert json.loads(stored[f"assessment-{YEAR}.json"].read_text("utf-8"))["year"] == YEAR
    text = subprocess.run(
        ["pdftotext", str(stored[f"dossier-{YEAR}.pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "chuẩn tiếp cận pháp luật" in text.lower()
    assert any(f"Tệp kèm: dossier-{YEAR}.pdf" in line for line in report.lines())
    svc = office.open()
    try:
        (record,) = svc.sync.importer.history()
        assert record.status == "imported"
    finally:
        svc.ctx.db.close()


def test_a_changed_attachment_is_refused(ward, attached, tmp_path, _template_db, clock):
    bundle, _ = attached
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)

    def spoil(files: dict[str, bytes]) -> None:
        name = f"attachments/assessment-{YEAR}.json"
        files[name] = files[name].replace(b'"year"', b'"yeaR"')

    bad = resign(bundle, tmp_path / "bad.pbgdpl.zip", ward.sync.key_path, files=spoil, refresh_hashes=False)
    office.refuses(bad, "bad_hash")
    assert not (tmp_path / "office" / "sync" / "attachments").exists()


def test_only_the_two_known_attachments_are_accepted(ward, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(DomainError, match="assessment-NĂM.json"):
        ward.sync.exporter.export(tmp_path / "out", attachments=[other])
