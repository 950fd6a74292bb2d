"""The recognition decision's PDF travels in the reply (issue #14): the office attaches it to a recognised
review (service and CLI), the reply carries it as a manifest-listed member under the office's signature, the
ward keeps it and `decision(year)` exposes it; its digital signature is checked at the ward; a changed byte
refuses the whole reply."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.sync.bundle import MANIFEST
from tests.helpers.bundles import members, resign, small_ward
from tests.helpers.office import inbox_of, office_of, signed_decision_pdf

YEAR = 2026
DECISION = {"decision_number": "15/QĐ-UBND", "decision_on": date(2027, 1, 20)}


@pytest.fixture(scope="module")
def signed_decision(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return signed_decision_pdf(tmp_path_factory.mktemp("decision"))


@pytest.fixture
def setup(services, office_opener, clock, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = office_opener(tmp_path / "office", clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    office = office_of(office_svc)
    assert office.import_paths([record.path]).ok
    office_svc.sync.export_public_key(tmp_path / "office.pem")
    inbox_of(services).register_office_key(tmp_path / "office.pem")
    yield services, office_svc, office
    office_svc.ctx.db.close()


def _recognise(office) -> None:
    passed = office.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Thẩm định")
    office.set_status(
        "00070", YEAR, ReviewStatus.RECOGNISED, version=passed.version, by="Lãnh đạo", **DECISION
    )


def test_the_decision_pdf_travels_signed_and_the_ward_checks_its_signature(setup, signed_decision, tmp_path):
    ward, _, office = setup
    pdf, root = signed_decision
    with pytest.raises(ValidationError, match="Đã công nhận"):
        office.attach_decision_pdf("00070", YEAR, pdf)  # the review is not recognised yet
    _recognise(office)
    not_pdf = tmp_path / "quyet-dinh.pdf"
    not_pdf.write_text("không phải PDF", encoding="utf-8")
    with pytest.raises(DomainError, match="không phải tệp PDF"):
        office.attach_decision_pdf("00070", YEAR, not_pdf)
    attached = office.attach_decision_pdf("00070", YEAR, pdf, by="Lãnh đạo Sở")
    assert attached.path.read_bytes() == pdf.read_bytes() and attached.name == pdf.name
    assert office.decision_pdf("00070", YEAR) == attached

    reply = office.reply("00070", tmp_path / "r", year=YEAR)
    assert "1 tệp quyết định (PDF)" in reply.message
    parts = members(reply.path)
    member = f"evidence/{attached.sha256}"
    assert parts[member] == pdf.read_bytes()
    listed = {f["path"]: f["sha256"] for f in json.loads(parts[MANIFEST])["files"]}
    assert listed[member] == attached.sha256  # under the office's signature
    line = json.loads(parts["data/reply_decision.jsonl"])
    assert (line["pdf_sha256"], line["pdf_name"]) == (attached.sha256, pdf.name)

    inbox = inbox_of(ward)
    assert "1 tệp quyết định (PDF)" in inbox.import_reply(reply.path)
    decision = inbox.decision(YEAR)
    assert decision is not None and decision.status is ReviewStatus.RECOGNISED
    assert decision.pdf is not None and decision.pdf.name == pdf.name
    assert decision.pdf.path.read_bytes() == pdf.read_bytes() and decision.pdf.path.suffix == ".pdf"
    assert ward.signing.check(decision.pdf.path).status == "untrusted"  # the ward has not trusted the root
    ward.signing.files.import_root(root)
    report = ward.signing.check(decision.pdf.path)
    assert report.status == "good" and report.signatures[0].signer == "Nguyễn Văn Chủ Tịch"


def test_a_changed_byte_of_the_pdf_refuses_the_whole_reply(setup, signed_decision, tmp_path):
    ward, _, office = setup
    _recognise(office)
    attached = office.attach_decision_pdf("00070", YEAR, signed_decision[0])
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
    reply = office.reply("00070", tmp_path / "r", year=YEAR)
    parts = members(reply.path)
    member = f"evidence/{attached.sha256}"
    changed = bytearray(parts[member])
    changed[len(changed) // 2] ^= 0x01
    parts[member] = bytes(changed)
    tampered = tmp_path / "tampered.pbgdpl.zip"
    with zipfile.ZipFile(tampered, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    inbox = inbox_of(ward)
    with pytest.raises(DomainError, match="bị từ chối.*băm"):
        inbox.import_reply(tampered)
    assert inbox.decision(YEAR) is None and inbox.notes(YEAR) == []
    assert not inbox.decisions_folder.exists() or not any(inbox.decisions_folder.iterdir())
    assert "1 ý kiến" in inbox.import_reply(reply.path)  # the untouched one goes in
    assert inbox.decision(YEAR).pdf is not None


def test_cli_decision_attaches_the_pdf(setup, signed_decision, tmp_path, capsys):
    _, office_svc, office = setup
    _recognise(office)
    db_ = office_svc.ctx.db
    db = db_.engine.url.render_as_string(hide_password=False) if db_.is_server else str(db_.path)
    db_.close()  # the command opens the file itself (one writer at a time)
    args = ["decision", "--db", db, "--data-dir", str(office_svc.ctx.data_dir), "--ward", "00070"]
    assert main([*args, "--year", str(YEAR), "--pdf", str(signed_decision[0])]) == 0
    assert "Đã đính kèm quyết định 15-QD-UBND.pdf" in capsys.readouterr().out
    sha = hashlib.sha256(signed_decision[0].read_bytes()).hexdigest()
    assert (office_svc.ctx.data_dir / "sync" / "evidence" / sha[:2] / sha).is_file()
    assert main([*args, "--year", "2025", "--pdf", str(signed_decision[0])]) != 0
    assert "chỉ đính kèm quyết định khi đã ghi" in capsys.readouterr().err


def test_a_pdf_no_line_names_or_a_line_without_its_pdf_is_refused_even_signed(
    setup, signed_decision, tmp_path
):
    """Re-signed with the office's own key, so only the reply's own check can refuse them."""
    ward, office_svc, office = setup
    _recognise(office)
    attached = office.attach_decision_pdf("00070", YEAR, signed_decision[0])
    reply = office.reply("00070", tmp_path / "r", year=YEAR)
    member = f"evidence/{attached.sha256}"
    key = office_svc.sync.key_path

    def drop_pdf(files):
        del files[member]

    def drop_listing(man):
        man["files"] = [f for f in man["files"] if f["path"] != member]

    def unname(files):
        line = json.loads(files["data/reply_decision.jsonl"])
        del line["pdf_sha256"]
        files["data/reply_decision.jsonl"] = (json.dumps(line, ensure_ascii=False) + "\n").encode()

    missing = resign(reply.path, tmp_path / "missing.pbgdpl.zip", key, files=drop_pdf, manifest=drop_listing)
    unnamed = resign(reply.path, tmp_path / "unnamed.pbgdpl.zip", key, files=unname)
    inbox = inbox_of(ward)
    with pytest.raises(DomainError, match="thiếu tệp quyết định"):
        inbox.import_reply(missing)
    with pytest.raises(DomainError, match="không thuộc quyết định nào"):
        inbox.import_reply(unnamed)
    assert inbox.decision(YEAR) is None
