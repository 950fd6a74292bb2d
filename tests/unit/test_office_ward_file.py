"""One ward's file at the office (issue #14 part 2, #18 office side): the assessment re-computed by the office
from the rows a demo ward sent under ``minimal`` privacy equals the ward's own result, indicator by indicator;
the evidence and dossier PDFs it sent are listed with the ward's and the office's signature checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgdpl_desktop.services.office.ward_file import WardFileService
from tests.helpers.office import office_of, open_office, open_ward
from tests.helpers.ward_file import ASSESSED, OLD, demo_bundle, signed_pdfs


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> dict[str, Path]:
    return signed_pdfs(tmp_path_factory.mktemp("ward-file-pdfs"))


@pytest.fixture(scope="module")
def sent(tmp_path_factory, _demo_template_db, signed):
    return demo_bundle(tmp_path_factory.mktemp("ward-file-ward"), _demo_template_db, signed)


@pytest.fixture
def office(sent, _template_db, clock, tmp_path):
    bundle, _own, _code = sent
    svc = open_office(tmp_path / "office", _template_db, clock)
    svc.sync.register(bundle, registered_by="Chuyên viên A")
    batch = office_of(svc).import_paths([bundle])
    assert batch.ok, batch.text()
    yield svc
    svc.ctx.db.close()


def _ward_code(office) -> str:
    (ward,) = office.sync.wards()
    return ward.ward_code


def test_recomputed_equals_the_wards_own_result(office, sent):
    _bundle, own, _code = sent
    files = WardFileService(office.ctx, office.signing)
    result = files.recompute(_ward_code(office), ASSESSED)
    assert result.ward_source.startswith(f"tệp kèm assessment-{ASSESSED}.json")
    assert result.office_verdict == own[ASSESSED]["verdict"] == result.ward_verdict
    assert not result.differences, [(x.code, x.ward_value, x.office_value) for x in result.differences]
    assert len(result.lines) > 10
    old = files.recompute(_ward_code(office), OLD)  # no attachment for that year: the saved result
    assert old.ward_source.startswith("kết quả đã lưu") and old.ruleset.startswith("qd25")
    assert old.ward_total == str(own[OLD]["total"]) == old.office_total
    assert not old.differences, [(x.code, x.ward_value, x.office_value) for x in old.differences]
    # the personal columns a minimal bundle leaves out were blanked; the result does not depend on them
    assert result.missing_columns and "mediation_case" in result.missing_columns
    assert "tối giản" in result.privacy_note()
    assert not result.cached
    again = files.recompute(_ward_code(office), ASSESSED)
    assert again.cached and again.lines == result.lines


def _changed(office, key: str, value: object) -> list[str]:
    """Set a manual value in the office's copy of the ward, re-compute: the codes of the lines that differ."""
    code = _ward_code(office)
    files = WardFileService(office.ctx, office.signing)
    files.recompute(code, ASSESSED)
    db = files.folder / code / "ward.db"
    ward = open_ward(db, db.parent, office.ctx.clock)
    try:
        ward.assessment.records.set_value(ASSESSED, key, value)
    finally:
        ward.ctx.db.close()
    (files.folder / code / f"result-{ASSESSED}.json").unlink()
    return [line.code for line in files.recompute(code, ASSESSED).differences]


def test_a_changed_manual_value_shows_as_a_difference(office):
    """A test that could not fail would prove nothing: change a manual value of the ward's copy at the office
    and its line differs (the office's computation follows the data, not the saved result)."""
    assert "CT2.6.1" in _changed(office, "input.ct2_6_1", False)


def test_a_disqualifying_condition_is_a_line_too(office):
    differs = _changed(office, "input.leader_disciplined", True)
    assert differs and all(not c.startswith("CT") and not c.startswith("TC") for c in differs), differs


def test_appraisal_sits_beside_the_line(office):
    code = _ward_code(office)
    files = WardFileService(office.ctx, office.signing)
    first = files.recompute(code, ASSESSED).lines[1]
    office_of(office).appraise(code, ASSESSED, first.code, "0", note="Thiếu biên bản", by="Hội đồng")
    line = next(x for x in files.recompute(code, ASSESSED).lines if x.code == first.code)
    assert (line.appraised, line.appraisal_note) == ("0", "Thiếu biên bản")


def test_documents_with_both_signature_checks(office, sent, signed, tmp_path):
    _bundle, _own, indicator = sent
    code = _ward_code(office)
    files = WardFileService(office.ctx, office.signing)
    docs = files.documents(code, ASSESSED)
    kinds = sorted(d.kind for d in docs)
    assert kinds == ["assessment", "dossier", "evidence", "evidence"]
    evidence = [d for d in docs if d.kind == "evidence"]
    assert all(d.indicator == indicator and d.path is not None and d.is_pdf for d in evidence)
    by_signer = {d.ward_check.signer: d for d in evidence if d.ward_check}
    good = by_signer["Trần Thị Mai"]
    assert good.ward_check.status == "good"
    # the office has not imported the root yet: its own check says untrusted, the ward's said good
    assert good.office_check is not None and good.office_check.status == "untrusted"
    office.signing.files.import_root(signed["root"])
    docs = files.documents(code, ASSESSED)
    good = next(d for d in docs if d.ward_check and d.ward_check.signer == "Trần Thị Mai")
    foreign = next(d for d in docs if d.ward_check and d.ward_check.signer == "Người Lạ")
    assert good.office_check.status == "good" and good.office_check.organisation == "UBND phường Hoàn Kiếm"
    assert good.office_check.signed_at is not None
    assert foreign.office_check.status == "untrusted" and foreign.ward_check.status == "untrusted"
    # the evidence sits on a deadline indicator of QĐ 27 (due in January of the year); signed today: late
    assert good.deadline is not None and good.deadline.year == ASSESSED
    assert good.office_check.before_deadline is False and good.ward_check.before_deadline is False
    dossier = next(d for d in docs if d.kind == "dossier")
    assert dossier.office_check is not None and dossier.office_check.status == "unsigned"
    copy = files.save_copy(good, tmp_path / "ban-sao.pdf")
    assert copy.read_bytes() == signed["signed"].read_bytes()


def test_computed_as_of_the_day_of_the_wards_result(sent, _template_db, tmp_path):
    """Opened three days after the ward exported, the office still computes as of the bundle's day (some
    indicators count up to "today") and says so; the result still equals the ward's own."""
    from datetime import timedelta

    from pbgdpl_desktop.domain.clock import FixedClock
    from tests.conftest import TEST_NOW

    bundle, _own, _code = sent
    later = open_office(tmp_path / "later", _template_db, FixedClock(TEST_NOW + timedelta(days=3)))
    try:
        later.sync.register(bundle, registered_by="Chuyên viên A")
        assert office_of(later).import_paths([bundle]).ok
        result = WardFileService(later.ctx).recompute(_ward_code(later), ASSESSED)
        assert result.as_of == TEST_NOW.date().isoformat() != later.ctx.clock.today().isoformat()
        assert "tính như ngày 30/11/2026" in result.summary()
        assert not result.differences
    finally:
        later.ctx.db.close()


def test_evidence_kept_when_the_bundle_was_applied_before(sent, _template_db, clock, tmp_path):
    """A bundle applied by the plain importer (rows, no evidence files) and then brought in through the office's
    import: nothing is applied twice, and the evidence files are kept, each under its own hash."""
    import hashlib

    bundle, _own, _code = sent
    svc = open_office(tmp_path / "plain", _template_db, clock)
    try:
        svc.sync.register(bundle, registered_by="Chuyên viên A")
        assert svc.sync.importer.import_paths([bundle]).ok
        files = WardFileService(svc.ctx)
        assert not files.evidence_folder.exists()
        batch = office_of(svc).import_paths([bundle])
        assert [r.status for r in batch.reports] == ["already"]
        kept = sorted(p for p in files.evidence_folder.rglob("*") if p.is_file())
        assert len(kept) == 2
        assert all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in kept)
    finally:
        svc.ctx.db.close()
