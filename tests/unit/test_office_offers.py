"""Rule files and norm tables in the office's replies (docs/office.md): signed with the reply, offered at the
ward as pending, accepted (installed when newer, audited) or declined; tampered or unlisted files refused."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring.loader import dump_data, parse_text
from pbgdpl_desktop.services.assessment.rulesets import RulesetStore
from tests.helpers.bundles import members, resign, small_ward
from tests.helpers.office import inbox_of, office_of, open_office

YEAR = 2026


def _rule_file(folder: Path, version: int, threshold: int = 80) -> Path:
    data = parse_text((Path(resource("rulesets")) / "qd27_2025.json").read_text(encoding="utf-8"))
    data["version"] = version
    stack = list(data["criteria"])
    while stack:
        node = stack.pop()
        stack.extend(node.get("items", []))
        if node.get("code") == "CT1.1.1":
            node["threshold_percent"] = threshold
    path = folder / f"qd27_2025_v{version}.json"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_data(data), encoding="utf-8")
    return path


def _norm_file(folder: Path, version: int, amount: int = 200_000, category: str = "HGCS_HO_TRO_TO") -> Path:
    path = folder / f"dinh_muc_v{version}.json"
    folder.mkdir(parents=True, exist_ok=True)
    table = {
        "format": 1,
        "kind": "norm_table",
        "id": "stp_01",
        "version": version,
        "title": "Định mức chi của tỉnh",
        "resolution_number": "12/2026/NQ-HĐND",
        "resolution_date": "2026-01-15",
        "norms": [
            {"category": category, "amount": amount, "unit": "tổ/tháng", "effective_from": "2026-02-01"}
        ],
    }
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def setup(services, _template_db, clock, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    office = office_of(office_svc)
    assert office.import_paths([record.path]).ok
    inbox = inbox_of(services)
    office_svc.sync.export_public_key(tmp_path / "office.pem")
    inbox.register_office_key(tmp_path / "office.pem")
    yield services, office_svc, office, inbox
    office_svc.ctx.db.close()


def test_offered_rules_and_norms_are_pending_then_accepted_and_audited(setup, tmp_path):
    ward, _, office, inbox = setup
    files = tmp_path / "files"
    reply = office.reply("00070", tmp_path / "r", rules=[_rule_file(files, 2)], norms=[_norm_file(files, 1)])
    assert "2 tệp" in reply.message
    assert "reply_offer" in "".join(members(reply.path))
    assert "2 tệp đề nghị" in inbox.import_reply(reply.path)
    rules, norms = sorted(inbox.offers(), key=lambda o: o.kind, reverse=True)
    assert (rules.kind, rules.offer_key, rules.version, rules.status) == ("rules", "qd27_2025", 2, "pending")
    assert rules.reply_seq == 1 and rules.status_label == "Chờ quyết định"
    assert rules.changes == ("CT1.1.1: ngưỡng % 100 → 80",)
    assert norms.changes == ("HGCS_HO_TRO_TO: 150.000 đ → 200.000 đ từ 01/02/2026",)
    store = RulesetStore(ward.ctx.data_dir)
    assert store.for_year(YEAR).version == 1  # nothing installed before the clerk accepts

    message, changes = inbox.accept_offer(rules.id, by="Chị Hoa")
    assert "phiên bản 2" in message and "assessment" in changes.topics
    assert store.for_year(YEAR).version == 2
    assert '"threshold_percent": 80' in store.get("qd27_2025", 2).source_text
    inbox.accept_offer(norms.id)
    ceiling = ward.finance.catalogue.norm_in_force("HGCS_HO_TRO_TO", "", date(2026, 3, 1))
    assert ceiling is not None and ceiling.amount == 200_000 and ceiling.provincial
    assert ward.finance.catalogue.norm_in_force("HGCS_HO_TRO_TO", "", date(2026, 1, 1)).amount == 150_000
    done = {o.kind: o for o in inbox.offers()}
    assert {o.status for o in done.values()} == {"accepted"} and done["rules"].decided_by == "Chị Hoa"
    details = [e.detail for e in ward.audit.entries()]
    assert any("Nhận bộ tiêu chí qd27_2025 phiên bản 2" in d for d in details)
    assert any("Nhận bảng định mức stp_01 phiên bản 1" in d for d in details)
    with pytest.raises(DomainError, match="đã được xử lý"):
        inbox.accept_offer(rules.id)


def test_an_older_or_equal_version_is_refused_and_can_be_declined(setup, tmp_path):
    ward, _, office, inbox = setup
    files = tmp_path / "files"
    reply = office.reply("00070", tmp_path / "r", rules=[_rule_file(files, 1)], norms=[_norm_file(files, 3)])
    inbox.import_reply(reply.path)
    rules = next(o for o in inbox.offers() if o.kind == "rules")
    with pytest.raises(DomainError, match="đang có phiên bản 1"):
        inbox.accept_offer(rules.id)
    assert "Đã từ chối" in inbox.decline_offer(rules.id)
    norms = next(o for o in inbox.offers() if o.kind == "norms")
    inbox.accept_offer(norms.id)
    reply2 = office.reply("00070", tmp_path / "r", norms=[_norm_file(tmp_path / "f2", 2, amount=999_000)])
    inbox.import_reply(reply2.path)
    older = next(o for o in inbox.offers() if o.status == "pending")
    with pytest.raises(DomainError, match="đang có phiên bản 3"):
        inbox.accept_offer(older.id)
    assert ward.finance.catalogue.norm_in_force("HGCS_HO_TRO_TO", "", date(2026, 3, 1)).amount == 200_000
    statuses = sorted(o.status for o in inbox.offers())
    assert statuses == ["accepted", "declined", "pending"]
    assert RulesetStore(ward.ctx.data_dir).for_year(YEAR).version == 1
    assert any("Không nhận bộ tiêu chí" in e.detail for e in ward.audit.entries())


def test_a_norm_table_for_an_unknown_category_installs_nothing(setup, tmp_path):
    ward, _, office, inbox = setup
    reply = office.reply("00070", tmp_path / "r", norms=[_norm_file(tmp_path / "f", 1, category="KHONG_CO")])
    inbox.import_reply(reply.path)
    (offer,) = inbox.offers()
    with pytest.raises(DomainError, match="KHONG_CO"):
        inbox.accept_offer(offer.id)
    assert inbox.offers()[0].status == "pending"
    assert not any(n.provincial for n in ward.finance.catalogue.norms())


def test_the_office_refuses_an_invalid_file_before_signing(setup, tmp_path):
    _, _, office, _ = setup
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": 1, "kind": "norm_table", "id": "x", "version": 0, "norms": []}', encoding="utf-8"
    )
    with pytest.raises(DomainError, match="phiên bản"):
        office.reply("00070", tmp_path / "r", norms=[bad])
    broken_rules = _rule_file(tmp_path / "f", 2, threshold=180)
    with pytest.raises(DomainError, match="không hợp lệ"):
        office.reply("00070", tmp_path / "r", rules=[broken_rules])
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())


def test_a_tampered_or_unlisted_offered_file_is_refused(setup, tmp_path):
    ward, office_svc, office, inbox = setup
    reply = office.reply("00070", tmp_path / "r", rules=[_rule_file(tmp_path / "f", 2)])
    parts = members(reply.path)

    def swap(data: bytes) -> bytes:
        changed = data.replace(b'threshold_percent\\": 80', b'threshold_percent\\": 10')
        assert changed != data
        return changed

    tampered = tmp_path / "tampered.pbgdpl.zip"  # the offered text changed, manifest and signature untouched
    with zipfile.ZipFile(tampered, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, swap(data) if name == "data/reply_offer.jsonl" else data)
    with pytest.raises(DomainError, match="băm|Kích thước"):
        inbox.import_reply(tampered)
    unlisted = tmp_path / "unlisted.pbgdpl.zip"  # a second rule file slipped in beside the signed members
    with zipfile.ZipFile(unlisted, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        zf.writestr("data/rules_extra.jsonl", parts["data/reply_offer.jsonl"])
    with pytest.raises(DomainError, match="không có trong manifest"):
        inbox.import_reply(unlisted)

    def inner(files):  # signed again by the office, but the file's own hash no longer matches its text
        files["data/reply_offer.jsonl"] = swap(files["data/reply_offer.jsonl"])

    mismatched = resign(reply.path, tmp_path / "inner.pbgdpl.zip", office_svc.sync.key_path, files=inner)
    with pytest.raises(DomainError, match="bị sửa"):
        inbox.import_reply(mismatched)
    assert inbox.offers() == []
    assert "1 tệp đề nghị" in inbox.import_reply(reply.path)


def test_cli_reply_with_rules_and_norms(setup, tmp_path, capsys):
    _, office_svc, _, inbox = setup
    db = str(office_svc.ctx.db.path)
    office_svc.ctx.db.close()
    args = ["reply", "--db", db, "--ward", "00070", "--out", str(tmp_path / "r")]
    rules, norms = _rule_file(tmp_path / "f", 2), _norm_file(tmp_path / "f", 1)
    assert main([*args, "--rules", str(rules), "--norms", str(norms)]) == 0
    assert "2 tệp bộ tiêu chí/định mức" in capsys.readouterr().out
    (path,) = (tmp_path / "r").glob("reply_*")
    inbox.import_reply(path)
    assert sorted(o.name for o in inbox.offers()) == ["dinh_muc_v1.json", "qd27_2025_v2.json"]


def test_cli_reply_offers_lists_accepts_and_declines(setup, tmp_path, capsys):
    ward, _, office, inbox = setup
    files = tmp_path / "f"
    reply = office.reply("00070", tmp_path / "r", rules=[_rule_file(files, 2)], norms=[_norm_file(files, 1)])
    inbox.import_reply(reply.path)
    db = str(ward.ctx.db.path)
    offers = {o.kind: o.id[:8] for o in inbox.offers()}
    ward.ctx.db.close()
    assert main(["reply-offers", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Bộ tiêu chí: qd27_2025_v2.json (qd27_2025 phiên bản 2), gói trả lời số 1 — Chờ quyết định" in out
    assert "CT1.1.1: ngưỡng % 100 → 80" in out and "2 chờ quyết định" in out
    assert main(["reply-offers", "--db", db, "--accept", offers["rules"]]) == 0
    assert "Đã cài bộ tiêu chí qd27_2025 phiên bản 2" in capsys.readouterr().out
    assert main(["reply-offers", "--db", db, "--decline", offers["norms"]]) == 0
    assert "Đã từ chối" in capsys.readouterr().out
    assert main(["reply-offers", "--db", db, "--accept", offers["norms"]]) != 0
    assert "đã được xử lý" in capsys.readouterr().err
    assert main(["reply-offers", "--db", db, "--accept", "zzzz"]) == 1


def test_a_signed_offer_this_version_cannot_read_is_refused_whole(setup, tmp_path):
    _, office_svc, office, inbox = setup
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
    reply = office.reply("00070", tmp_path / "r", year=YEAR, norms=[_norm_file(tmp_path / "f", 1)])

    def broken(files):  # re-signed by the office, the line's hash matching: but the table has no version
        row = json.loads(files["data/reply_offer.jsonl"])
        table = json.loads(row["content"])
        table["version"] = "hai"
        row["content"] = json.dumps(table, ensure_ascii=False)
        row["sha256"] = hashlib.sha256(row["content"].encode()).hexdigest()
        files["data/reply_offer.jsonl"] = json.dumps(row, ensure_ascii=False).encode() + b"\n"

    signed = resign(reply.path, tmp_path / "bad.pbgdpl.zip", office_svc.sync.key_path, files=broken)
    with pytest.raises(DomainError, match="phiên bản"):
        inbox.import_reply(signed)
    assert inbox.offers() == [] and inbox.notes(YEAR) == []
    assert "1 tệp đề nghị" in inbox.import_reply(reply.path)
