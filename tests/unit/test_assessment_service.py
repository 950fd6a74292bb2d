"""Assessment service over a real migrated database: registers → facts, manual values, what-if, saved
results with ruleset id + version, local ruleset versions, user days off, the procedure checklist."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from pbgdpl_desktop.domain.assessment import InfoRequest, PublicPosting, WardDocument
from pbgdpl_desktop.domain.errors import ConflictError, DomainError, ValidationError
from pbgdpl_desktop.scoring import RulesetError, Verdict


def _docs(services, year):
    reg = services.assessment.registers
    reg.save_document(
        WardDocument(
            year,
            "ubnd",
            "assigned",
            "Quyết định ban hành quy chế",
            deadline=date(year, 3, 31),
            issue_date=date(year, 3, 20),
            draft_communicated=True,
            self_inspected=True,
            disclosed=True,
        )
    )
    reg.save_document(
        WardDocument(
            year,
            "hdnd",
            "assigned",
            "Nghị quyết về phí chợ",
            deadline=date(year, 6, 30),
            issue_date=date(year, 7, 3),
            draft_communicated=True,
            disclosed=True,
        )
    )
    reg.save_document(
        WardDocument(year, "ubnd", "self", "Quyết định chưa ban hành", deadline=date(year, 12, 31))
    )


def test_registers_feed_the_facts(services):
    _docs(services, 2026)
    reg = services.assessment.registers
    reg.save_request(
        InfoRequest(2026, date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 10), "Nguyễn Văn An")
    )
    reg.save_request(
        InfoRequest(2026, date(2026, 5, 4), date(2026, 5, 18), date(2026, 5, 25), "Trần Thị Bình")
    )
    reg.save_request(InfoRequest(2026, date(2026, 9, 1), date(2026, 9, 15)))
    facts = services.assessment.scoring.facts(2026)
    assert {k: v for k, v in facts.items() if k.startswith("legal_docs.")} == {
        "legal_docs.assigned": 3,
        "legal_docs.issued": 2,
        "legal_docs.issued_on_time": 1,
        "legal_docs.unlawful_handled": 0,
        "legal_docs.drafts_required": 2,
        "legal_docs.drafts_communicated": 2,
        "legal_docs.self_inspected": 1,
        "legal_docs.disclosed": 2,
    }
    assert facts["info_requests.received"] == 3 and facts["info_requests.answered"] == 2
    assert facts["info_requests.answered_on_time"] == 1
    assert (
        facts["legal_docs.assigned"] == 3
        and services.assessment.scoring.facts(2025)["legal_docs.assigned"] == 0
    )
    result = services.assessment.scoring.compute(2026)
    node = result.node("CT2.3")
    assert node.verdict == Verdict.FAIL and node.source == "computed"
    assert node.reason == "Không đạt: 1/3 yêu cầu được cung cấp đúng hạn (33,3 %) < 100 %"


def test_register_refuses_bad_rows(services):
    reg = services.assessment.registers
    with pytest.raises(ValidationError, match="Hạn trả lời"):
        reg.save_request(InfoRequest(2026, date(2026, 3, 2), date(2026, 3, 1)))
    with pytest.raises(ValidationError, match="Trích yếu"):
        reg.save_document(WardDocument(2026, "ubnd", "assigned", "  "))
    assert reg.requests(2026) == [] and reg.documents(2026) == []


def test_edit_and_delete_documents(services):
    _docs(services, 2026)
    reg = services.assessment.registers
    late = next(d for d in reg.documents(2026) if d.title.startswith("Nghị quyết"))
    reg.save_document(WardDocument(**{**late.__dict__, "issue_date": date(2026, 6, 29)}))
    assert services.assessment.scoring.facts(2026)["legal_docs.issued_on_time"] == 2
    reg.delete_document(late.id)
    assert len(reg.documents(2026)) == 2


def test_2025_has_no_applicable_ruleset(services):
    with pytest.raises(DomainError, match="Năm 2025 không có bộ tiêu chí áp dụng"):
        services.assessment.records.open(2025)
    info, _ = services.assessment.records.open(2025, "qd27_2025")
    assert info.ruleset_id == "qd27_2025"


def test_year_picks_the_ruleset(services):
    assert services.assessment.records.open(2024)[0].ruleset_id == "qd25_2021"
    assert services.assessment.records.open(2026)[0].ruleset_id == "qd27_2025"
    assert services.assessment.records.years() == [2024, 2026]


def test_manual_values_are_validated_and_bad_input_loses_nothing(services):
    services.assessment.records.set_value(2024, "input.tc4_ct1_points", Decimal("4.5"))
    with pytest.raises(ValidationError, match="ngoài khoảng cho phép"):
        services.assessment.records.set_value(2024, "input.tc4_ct1_points", 7)
    with pytest.raises(ValidationError, match="không có giá trị nhập"):
        services.assessment.records.set_value(2024, "input.khong_co", 1)
    with pytest.raises(ValidationError, match="không đúng kiểu"):
        services.assessment.records.set_value(2024, "input.leader_disciplined", "có")
    assert services.assessment.records.manual_values(2024) == {"input.tc4_ct1_points": "4.5"}
    assert services.assessment.scoring.compute(2024).node("TC4.CT1").points == Decimal("4.5")
    services.assessment.records.set_value(2024, "input.tc4_ct1_points", None)
    assert services.assessment.records.manual_values(2024) == {}


def test_override_of_a_computed_fact_is_marked_manual(services):
    services.assessment.records.set_value(2026, "dissemination.plan_directive_date", date(2026, 1, 5))
    node = services.assessment.scoring.compute(2026).node("CT2.4.1")
    assert node.source == "manual"


def test_what_if_changes_the_verdict_without_saving(services):
    services.assessment.records.set_value(2026, "input.disclosure_list_made", True)
    assert services.assessment.scoring.compute(2026).node("CT2.1.1").verdict == Verdict.PASS
    what_if = services.assessment.scoring.compute(2026, {"input.disclosure_list_made": False})
    assert what_if.node("CT2.1.1").verdict == Verdict.FAIL
    assert services.assessment.records.manual_values(2026) == {"input.disclosure_list_made": True}
    with pytest.raises(ValidationError):
        services.assessment.scoring.compute(2024, {"input.tc4_ct1_points": 9})


def test_saved_results_record_ruleset_id_and_version(services):
    saved, changes = services.assessment.scoring.save_result(2024)
    assert "assessment" in changes
    assert (saved.ruleset_id, saved.ruleset_version) == ("qd25_2021", 1)
    listed = services.assessment.scoring.saved_results(2024)
    assert [r.id for r in listed] == [saved.id]
    assert listed[0].data["ruleset"] == "qd25_2021" and listed[0].data["year"] == 2024


def test_editing_points_saves_a_new_local_version_and_keeps_the_old(services, data_dir):
    services.assessment.records.open(2024)
    services.assessment.scoring.save_result(2024)
    new = services.assessment.rulesets.save_edits(
        "qd25_2021", 1, {"TC2.CT4": {"points": 4}, "TC2.CT5": {"points": 3}}
    )
    assert new.version == 2 and (data_dir / "rulesets" / "qd25_2021" / "v2.json").exists()
    assert new.node("TC2").points == 30 and new.max_total == 100
    assert services.assessment.rulesets.get("qd25_2021", 1).node("TC2.CT4").points == 5
    assert [(i.version, i.local) for i in services.assessment.rulesets.catalog() if i.id == "qd25_2021"] == [
        (1, False),
        (2, True),
    ]
    assert (
        services.assessment.records.ruleset_of(2024).version == 1
    )  # the year keeps its version until changed
    services.assessment.records.use_ruleset(2024, "qd25_2021", 2)
    assert services.assessment.scoring.compute(2024).ruleset_version == 2
    assert services.assessment.scoring.saved_results(2024)[0].ruleset_version == 1


def test_bad_edits_are_refused_and_nothing_is_written(services, data_dir):
    with pytest.raises(RulesetError, match="120 %"):
        services.assessment.rulesets.save_edits("qd27_2025", 1, {"CT2.3": {"threshold_percent": 120}})
    with pytest.raises(RulesetError, match="vượt điểm tối đa"):
        services.assessment.rulesets.save_edits(
            "qd25_2021", 1, {"TC2.CT5": {"points": 1}}
        )  # band of 2 points
    with pytest.raises(DomainError, match="không có mục"):
        services.assessment.rulesets.save_edits("qd27_2025", 1, {"CT9.9": {"threshold_percent": 90}})
    assert not (data_dir / "rulesets").exists() or not list((data_dir / "rulesets").rglob("*.json"))


def test_import_a_rule_file(services, tmp_path):
    source = services.assessment.rulesets.get("qd27_2025").source_text
    data = json.loads(source)
    data["title"] = "Bộ tiêu chí do Sở Tư pháp gửi"
    path = tmp_path / "so_tu_phap.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = services.assessment.rulesets.import_file(path)
    assert imported.version == 2 and imported.title == "Bộ tiêu chí do Sở Tư pháp gửi"
    path.write_text(
        source.replace('"threshold_percent": 100', '"threshold_percent": 120', 1), encoding="utf-8"
    )
    with pytest.raises(RulesetError, match="so_tu_phap.json"):
        services.assessment.rulesets.import_file(path)


def test_user_days_off_extend_the_working_calendar(services):
    cal = services.holidays.calendar()
    assert cal.is_working_day(date(2026, 12, 31))
    assert cal.is_working_day(date(2026, 11, 24))  # unconfirmed 24/11 is off only when the setting says so
    services.settings.set("holidays.include_unconfirmed", True)
    assert not services.holidays.calendar().is_working_day(date(2026, 11, 24))
    services.holidays.add_day_off(date(2026, 12, 31), "Nghỉ theo thông báo của tỉnh")
    assert not services.holidays.calendar().is_working_day(date(2026, 12, 31))
    with pytest.raises(ConflictError):
        services.holidays.add_day_off(date(2026, 12, 31), "Lặp")
    with pytest.raises(ValidationError, match="thứ Bảy"):
        services.holidays.add_day_off(date(2026, 12, 30), "Làm bù", "swap_workday")
    services.holidays.remove_day_off(date(2026, 12, 31))
    assert services.holidays.calendar().is_working_day(date(2026, 12, 31))


def test_procedure_checklist_dates_and_reminders(services):
    steps = {e.code: e for e in services.assessment.procedure.checklist(2026)}
    assert steps["dossier"].deadline == date(2027, 1, 9)
    assert steps["dossier"].message == "Còn 40 ngày đến hạn 09/01/2027."  # today is 30/11/2026
    services.assessment.procedure.set_step(
        2026, "posting", date(2026, 12, 1), date(2026, 12, 4), "Trụ sở UBND phường"
    )
    posting = {e.code: e for e in services.assessment.procedure.checklist(2026)}["posting"]
    assert posting.status == "problem" and "cần ít nhất 05 ngày" in posting.message
    services.assessment.procedure.set_step(
        2026, "posting", date(2026, 12, 1), date(2026, 12, 5), "Trụ sở UBND phường"
    )
    posting = {e.code: e for e in services.assessment.procedure.checklist(2026)}["posting"]
    assert posting.status == "problem" and "hệ thống loa" in posting.message  # office alone is not enough
    services.assessment.procedure.set_posting(
        2026,
        PublicPosting(
            date(2026, 12, 1),
            date(2026, 12, 5),
            loudspeaker_count=3,
            loudspeaker_start=date(2026, 12, 1),
            loudspeaker_end=date(2026, 12, 5),
        ),
    )
    assert {e.code: e for e in services.assessment.procedure.checklist(2026)}["posting"].status == "done"
    with pytest.raises(ValidationError, match="không được trước"):
        services.assessment.procedure.set_step(2026, "posting", date(2026, 12, 5), date(2026, 12, 1))
    old = {e.code: e for e in services.assessment.procedure.checklist(2024)}["dossier"]
    assert old.status == "late"


def test_notes_and_evidence_per_indicator(services, tmp_path):
    services.assessment.records.set_note(2026, "CT2.1.1", "Danh mục lập ngày 15/01/2026")
    proof = tmp_path / "danh_muc.pdf"
    proof.write_bytes(b"%PDF-1.4 minh chung")
    services.assessment.records.attach_evidence(2026, "CT2.1.1", proof)
    assert services.assessment.records.notes(2026) == {"CT2.1.1": "Danh mục lập ngày 15/01/2026"}
    assert [e.original_name for e in services.assessment.records.evidence(2026, "CT2.1.1")] == [
        "danh_muc.pdf"
    ]
    with pytest.raises(DomainError, match="không có chỉ tiêu"):
        services.assessment.records.set_note(2026, "TC9", "x")


def test_set_values_is_all_or_nothing(services):
    with pytest.raises(ValidationError, match="ngoài khoảng"):
        services.assessment.records.set_values(2024, {"input.tc4_ct1_points": 4, "input.tc4_ct2_points": 99})
    assert services.assessment.records.manual_values(2024) == {}
    services.assessment.records.set_values(2024, {"input.tc4_ct1_points": 4, "input.antt_recognized": True})
    assert services.assessment.records.manual_values(2024) == {
        "input.tc4_ct1_points": "4",
        "input.antt_recognized": True,
    }
    ws = services.assessment.scoring.workspace(2024, {"input.antt_recognized": False})
    assert ws.result.node("TC5.CT4").verdict == Verdict.FAIL and ws.saved
    assert ws.manual["input.antt_recognized"] is True


def test_only_the_modules_a_ruleset_reads_are_asked(services):
    rs = services.assessment.rulesets.get("qd27_2025")
    facts = services.assessment.scoring.facts(2026, rs)
    assert not any(k.startswith("finance.") for k in facts)  # no rule of QĐ 27 reads finance.* facts
    assert "mediation.cases_received" in facts and "legal_docs.assigned" in facts
    assert "norms.team_support_ceiling" in facts
    assert any(k.startswith("finance.") for k in services.assessment.scoring.facts(2026))
