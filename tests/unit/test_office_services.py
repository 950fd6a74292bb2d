"""The office's services on a small ward (fast): registry and missing wards, review workflow with
optimistic concurrency, appraisals, roll-up of one ward equal to its own facts, the Excel export read back,
reply bundles refused when tampered or foreign, and the CLI commands."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import openpyxl
import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.domain.errors import ConflictError, DomainError, NotFoundError, ValidationError
from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.sync.bundle import MANIFEST
from tests.helpers.bundles import members, resign, small_ward
from tests.helpers.office import inbox_of, office_of

YEAR = 2026


@pytest.fixture
def setup(services, office_opener, clock, tmp_path):
    """A small ward (Phường Hoàn Kiếm) exported, registered and imported at an office — whose database is an
    SQLite file or on a PostgreSQL server (``office_opener``: every test here runs on both)."""
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = office_opener(tmp_path / "office", clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    office = office_of(office_svc)
    assert office.import_paths([record.path]).ok
    yield services, office_svc, office
    office_svc.ctx.db.close()


def test_registry_lists_every_commune_of_the_province_and_who_sent_nothing(setup):
    ward, _, office = setup
    rows = office.wards(YEAR)
    assert len(rows) == 126  # Hà Nội after the 2025 reform
    sent = [w for w in rows if w.bundles]
    assert [(w.ward_code, w.registered, w.last_seq) for w in sent] == [("00070", True, 1)]
    assert sent[0].fingerprint == ward.sync.key_info().fingerprint
    assert sent[0].status is ReviewStatus.RECEIVED
    assert all(w.status is ReviewStatus.NOT_SUBMITTED for w in rows if not w.bundles)
    missing = {w.ward_code for w in office.missing(YEAR)}
    assert "00070" not in missing and len(missing) == 125
    assert len(office.missing(2020)) == 126  # nothing of 2020 was sent


def test_rollup_of_one_ward_equals_its_own_facts(setup):
    ward, _, office = setup
    m = ward.mediation.facts(YEAR)
    rollup = office.rollup(YEAR)
    assert rollup.wards_reporting == ("00070",)
    assert rollup.cases_received == m.cases_received == 1
    outcomes = rollup.totals["cases_by_outcome"]
    assert outcomes.get("settled", 0) == m.cases_settled


def test_a_stale_save_is_refused_with_a_clear_message_and_nothing_lost(setup):
    _, _, office = setup
    first = office.review("00070", YEAR)
    assert (first.status, first.version) == (ReviewStatus.RECEIVED, 0)
    other_screen = office.review("00070", YEAR)
    saved = office.set_status("00070", YEAR, ReviewStatus.MORE_REQUESTED, version=first.version, by="Chị Lan")
    assert saved.version == 1
    with pytest.raises(ConflictError) as exc:
        office.set_status("00070", YEAR, ReviewStatus.PASSED, version=other_screen.version, by="Anh Minh")
    assert "vừa được người khác cập nhật bởi Chị Lan" in exc.value.message
    assert "Yêu cầu bổ sung" in exc.value.message
    after = office.review("00070", YEAR)
    assert (after.status, after.version, after.updated_by) == (ReviewStatus.MORE_REQUESTED, 1, "Chị Lan")
    assert [e.by for e in after.history] == ["Chị Lan"]


def test_status_moves_only_along_the_workflow(setup):
    _, _, office = setup
    with pytest.raises(ValidationError, match="Không chuyển được từ “Đã nhận” sang “Đã công nhận”"):
        office.set_status(
            "00070",
            YEAR,
            ReviewStatus.RECOGNISED,
            version=0,
            by="A",
            decision_number="1",
            decision_on=date.today(),
        )
    office.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="A")
    with pytest.raises(ValidationError, match="số và ngày của quyết định"):
        office.set_status("00070", YEAR, ReviewStatus.RECOGNISED, version=1, by="A")
    with pytest.raises(ValidationError, match="tên người"):
        office.set_status("00070", YEAR, ReviewStatus.FAILED, version=1, by="  ")
    assert office.review("00070", YEAR).version == 1


def test_appraisal_needs_a_value_or_a_note_and_is_replaced(setup):
    _, _, office = setup
    with pytest.raises(ValidationError):
        office.appraise("00070", YEAR, "1.1", "", note="", by="Hội đồng")
    office.appraise("00070", YEAR, "1.1", "5", note="Đủ hồ sơ", by="Hội đồng")
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng", request="more")
    (a,) = office.appraisals("00070", YEAR)
    assert (a.value, a.note, a.request) == ("3", "Thiếu biên bản", "more")


def test_reply_refused_when_tampered_foreign_or_unregistered(setup, tmp_path):
    ward, office_svc, office = setup
    with pytest.raises(NotFoundError):
        office.reply("99999", tmp_path / "r")
    with pytest.raises(DomainError, match="Chưa có ý kiến"):
        office.reply("00070", tmp_path / "r")
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
    reply = office.reply("00070", tmp_path / "r", year=YEAR)
    office_svc.sync.export_public_key(tmp_path / "office.pem")
    inbox = inbox_of(ward)
    inbox.register_office_key(tmp_path / "office.pem")

    def change_note(files):
        files["data/reply_note.jsonl"] = files["data/reply_note.jsonl"].replace("Thiếu".encode(), b"Du")

    forged = resign(reply.path, tmp_path / "forged.pbgdpl.zip", tmp_path / "mallory.pem", files=change_note)
    with pytest.raises(DomainError, match="khóa khác"):
        inbox.import_reply(forged)
    broken = tmp_path / "broken.pbgdpl.zip"
    parts = members(reply.path)
    with zipfile.ZipFile(broken, "w") as zf:
        for name, data in parts.items():
            zf.writestr(
                name, data.replace("Thiếu".encode(), "Thừa".encode()) if name.startswith("data/") else data
            )
    with pytest.raises(DomainError, match="băm|Kích thước"):
        inbox.import_reply(broken)
    assert inbox.notes(YEAR) == []
    assert "1 ý kiến" in inbox.import_reply(reply.path)
    assert inbox.note_for(YEAR, "1.1").note == "Thiếu biên bản"
    assert json.loads(parts[MANIFEST])["kind"] == "reply"


def test_cli_wards_rollup_reply(setup, tmp_path, capsys):
    ward, office_svc, office = setup
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
    db_ = office_svc.ctx.db  # the file, or the server URL (with its password, if the test server has one)
    db = db_.engine.url.render_as_string(hide_password=False) if db_.is_server else str(db_.path)
    office_svc.ctx.db.close()
    assert main(["wards", "--db", db, "--missing", "--year", str(YEAR)]) == 0
    out = capsys.readouterr().out
    assert "Tổng: 125 xã/phường chưa gửi số liệu." in out and "00070" not in out
    target = tmp_path / "tong hop.xlsx"
    assert main(["rollup", "--db", db, "--year", str(YEAR), "--out", str(target)]) == 0
    assert "1/126 xã/phường có số liệu" in capsys.readouterr().out
    wb = openpyxl.load_workbook(target, read_only=True)
    assert wb.sheetnames == [
        "PBGDPL theo hình thức",
        "PBGDPL theo đối tượng",
        "Hòa giải",
        "Kinh phí",
        "Từng xã phường",
    ]
    cases = {r[0]: r[1] for r in wb["Hòa giải"].iter_rows(min_row=5, values_only=True)}
    assert cases["Vụ việc tiếp nhận (thuộc phạm vi)"] == 1
    wards = list(wb["Từng xã phường"].iter_rows(min_row=5, values_only=True))
    assert len(wards) == 126 and ("00070" in {r[1] for r in wards})
    wb.close()
    assert main(["reply", "--db", db, "--ward", "00070", "--out", str(tmp_path / "r")]) == 0
    assert "Gói trả lời số 1 cho xã/phường 00070" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["rollup", "--db", db, "--year", "2026", "--period", "q3", "--out", str(target)])
    assert exc.value.code == 2


def test_a_signed_reply_this_version_cannot_read_is_refused_whole(setup, tmp_path):
    ward, office_svc, office = setup
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
    office.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Chị Lan")
    reply = office.reply("00070", tmp_path / "r", year=YEAR)

    def new_status(files):
        files["data/reply_decision.jsonl"] = files["data/reply_decision.jsonl"].replace(
            b'"passed"', b'"archived"'
        )

    newer = resign(reply.path, tmp_path / "newer.pbgdpl.zip", office_svc.sync.key_path, files=new_status)
    inbox = inbox_of(ward)
    inbox.register_office_key(reply.path)
    with pytest.raises(DomainError, match="chưa đọc được"):
        inbox.import_reply(newer)
    assert inbox.notes(YEAR) == [] and inbox.decision(YEAR) is None
