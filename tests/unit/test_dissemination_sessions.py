"""Sessions, list source, plan, speakers, catalogue and bookcase over a real migrated SQLite file."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import DISSEMINATION
from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm,
    SpeakerInput,
    SpeakerRole,
    SpeakerStatus,
    TargetGroup,
    TaskCategory,
    TaskInput,
    TaskStatus,
)
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.persistence.models.dissemination import SpeakerRow
from pbgdpl_desktop.persistence.schema_check import schema_differences
from pbgdpl_desktop.services.dissemination.dto import SessionQuery
from tests.builders import session_input


@pytest.fixture
def diss(services):
    return services.dissemination


def test_schema_matches_models(services):
    assert schema_differences(services.ctx.db.path) == []


def test_speaker_phone_is_personal_data():
    assert "phone" in SpeakerRow.__personal_columns__


def test_create_read_edit_delete_keeps_tombstone(services, diss):
    speaker, _ = diss.speakers.save(SpeakerInput("Nguyễn Văn Bình", SpeakerRole.REPORTER))
    diss.library.ensure_catalog()
    law = next(d for d in diss.library.documents() if d.number == "31/2024/QH15")
    saved, changes = diss.sessions.save(session_input(speaker_ids=(speaker.id,), law_ids=(law.id,)))
    assert DISSEMINATION in changes
    got = diss.sessions.get(saved.id)
    assert got.data.title == "Phổ biến Luật Đất đai 2024"
    assert got.speakers == ((speaker.id, "Nguyễn Văn Bình"),)
    assert "31/2024/QH15" in got.laws_text
    edited, _ = diss.sessions.save(session_input(title="Luật Đất đai (sửa)", speaker_ids=()), saved.id)
    assert edited.speakers == () and edited.data.title == "Luật Đất đai (sửa)"
    diss.sessions.delete(saved.id)
    with pytest.raises(NotFoundError):
        diss.sessions.get(saved.id)
    assert diss.sessions.list_source().count(SessionQuery()) == 0
    with sqlite3.connect(services.ctx.db.path) as con:
        deleted_at, revision = con.execute(
            "SELECT deleted_at, revision FROM dissemination_session WHERE id=?", (saved.id,)
        ).fetchone()
        live_links = con.execute(
            "SELECT count(*) FROM dissemination_session_speaker WHERE deleted_at IS NULL"
        ).fetchone()[0]
    assert deleted_at is not None and revision == 3
    assert live_links == 0


def test_invalid_session_saves_nothing(diss):
    diss.sessions.save(session_input())
    with pytest.raises(ValidationError) as info:
        diss.sessions.save(session_input(attendance_women=61))
    assert "Số nữ (61) lớn hơn tổng số người tham dự (60)" in info.value.message
    assert diss.sessions.list_source().count(SessionQuery()) == 1


def test_search_ignores_diacritics_and_case_across_fields(diss):
    speaker, _ = diss.speakers.save(SpeakerInput("Đặng Thị Hoa"))
    diss.sessions.save(
        session_input(title="Hỏi đáp về Luật Hôn nhân và gia đình", place="Trường THCS Nguyễn Du")
    )
    diss.sessions.save(session_input(title="Phòng chống ma túy", speaker_ids=(speaker.id,)))
    diss.sessions.save(
        session_input(title=unicodedata.normalize("NFD", "Luật Giao thông đường bộ"), place="Chợ")
    )
    source = diss.sessions.list_source()
    assert [r.title for r in source.page(SessionQuery(search="nguyen du"), 0, 10)] == [
        "Hỏi đáp về Luật Hôn nhân và gia đình"
    ]
    assert source.count(SessionQuery(search="DANG HOA")) == 1
    assert source.count(SessionQuery(search="đường bộ")) == 1
    assert source.count(SessionQuery(search="50%_")) == 0


def test_list_filters_sort_and_paging(diss):
    for day, form, group in (
        (3, DisseminationForm.CONFERENCE, TargetGroup.GENERAL),
        (10, DisseminationForm.LOUDSPEAKER, TargetGroup.DISABLED),
        (20, DisseminationForm.CONFERENCE, TargetGroup.STUDENTS),
    ):
        diss.sessions.save(
            session_input(
                held_on=date(2026, 5, day), form=form, target_groups=(group,), residential_group=f"Tổ {day}"
            )
        )
    diss.sessions.save(session_input(held_on=date(2025, 5, 1)))
    src = diss.sessions.list_source()
    assert [r.held_on.day for r in src.page(SessionQuery(), 0, 10)] == [20, 10, 3, 1]
    assert src.count(SessionQuery(year=2026)) == 3
    assert src.count(SessionQuery(year=2026, month=5)) == 3
    assert src.count(SessionQuery(year=2026, month=6)) == 0
    assert src.count(SessionQuery(form=DisseminationForm.LOUDSPEAKER)) == 1
    assert src.count(SessionQuery(target_group=TargetGroup.DISABLED)) == 1
    assert src.count(SessionQuery(residential_group="Tổ 20")) == 1
    assert [r.held_on.day for r in src.page(SessionQuery(descending=False), 1, 2)] == [3, 10]
    assert "Tổ 10" in diss.sessions.residential_groups()


def test_plan_tasks_complete_from_linked_sessions(diss):
    plan, _ = diss.plans.save_plan(2026, "15/KH-UBND", date(2026, 1, 10), date(2026, 1, 5))
    task, _ = diss.plans.save_task(plan.id, TaskInput("Hội nghị Luật Đất đai"))
    assert not task.done
    diss.sessions.save(session_input(plan_task_id=task.id, held_on=date(2026, 4, 2)))
    (task,) = diss.plans.tasks(plan.id)
    assert task.done and task.done_on == date(2026, 4, 2) and task.linked_sessions == 1
    with pytest.raises(ConflictError):
        diss.plans.delete_task(task.id)
    cancelled, _ = diss.plans.save_task(plan.id, TaskInput("Hủy", status=TaskStatus.CANCELLED))
    assert not cancelled.done
    again, _ = diss.plans.save_plan(2026, "16/KH-UBND", date(2026, 1, 12), None)
    assert again.id == plan.id and diss.plans.years() == [2026]


def test_plan_and_task_validation(diss):
    # a plan issued before its directing document is saved and flagged (issue #16), not refused
    early, _ = diss.plans.save_plan(2026, "1", date(2026, 1, 1), date(2026, 1, 5))
    assert early.issued_before_directive
    assert early.warnings and "trước văn bản chỉ đạo ngày 05/01/2026" in early.warnings[0]
    assert diss.plans.plan(2026).warnings == early.warnings
    plan, _ = diss.plans.save_plan(2026, "1", None, None)
    assert plan.warnings == ()
    with pytest.raises(ValidationError, match="Tên nhiệm vụ"):
        diss.plans.save_task(plan.id, TaskInput(" ", category=TaskCategory.LEGAL_AID_INFO))


def test_speakers_sorted_vietnamese_way_with_trainings(diss):
    a, _ = diss.speakers.save(SpeakerInput("Trần Văn An", phone="0912 345 678"))
    diss.speakers.save(SpeakerInput("Lê Thị Đào"))
    diss.speakers.save(SpeakerInput("Phạm Dương"))
    diss.speakers.add_training(a.id, date(2026, 6, 1), "Tập huấn kỹ năng PBGDPL", 8)
    names = [s.full_name for s in diss.speakers.all()]
    assert names == ["Trần Văn An", "Phạm Dương", "Lê Thị Đào"]
    assert diss.speakers.all()[0].trained_in(2026)
    with pytest.raises(ValidationError, match="Số điện thoại"):
        diss.speakers.save(SpeakerInput("X", phone="abc"))
    with pytest.raises(ValidationError, match="sau hôm nay"):
        diss.speakers.add_training(a.id, date(2026, 12, 25), "Lớp", 4)
    ended, _ = diss.speakers.save(SpeakerInput("Trần Văn An", ended_on=date(2026, 10, 1)), a.id)
    assert ended.data.status is SpeakerStatus.INACTIVE


def test_catalog_seeded_once_with_unverified_rows_marked(diss):
    added = diss.library.ensure_catalog()
    assert added == 60 and diss.library.ensure_catalog() == 0
    docs = diss.library.documents()
    assert len(docs) == 60
    assert sum(d.verified for d in docs) == 15
    unverified = next(d for d in docs if not d.verified)
    assert unverified.label.endswith("(chưa kiểm chứng)")
    own, _ = diss.library.add_document("01/2026/NQ-HĐND", "Nghị quyết về mức chi PBGDPL")
    assert own.user_added and not own.label.endswith("(chưa kiểm chứng)")
    with pytest.raises(ConflictError):
        diss.library.add_document("01/2026/nq-hđnd", "Trùng")


def test_bookcase_loans_respect_copies(diss):
    item, _ = diss.library.save_item("Hỏi đáp Luật Đất đai", 1, "Tủ sách UBND")
    loan, _ = diss.library.lend(item.id, "Ngô Văn Lâm", date(2026, 11, 1))
    assert diss.library.bookcase()[0].on_loan == 1
    with pytest.raises(ConflictError, match="đang được mượn"):
        diss.library.lend(item.id, "Người khác", date(2026, 11, 2))
    diss.library.give_back(loan.id, date(2026, 11, 20))
    assert diss.library.bookcase()[0].on_loan == 0
    assert diss.library.loans(item.id)[0].returned_on == date(2026, 11, 20)


def test_evidence_attached_to_asession_input(services, diss, tmp_path):
    saved, _ = diss.sessions.save(session_input())
    photo = tmp_path / "ảnh hội nghị.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    diss.sessions.attach_evidence(saved.id, photo)
    (evidence,) = services.evidence.list_for("dissemination_session", saved.id)
    assert evidence.original_name == "ảnh hội nghị.jpg"
    with pytest.raises(ValidationError, match="Không tìm thấy"):
        diss.sessions.attach_evidence(saved.id, tmp_path / "missing.jpg")


def test_search_over_the_cap_shows_the_newest_and_says_so(diss, monkeypatch):
    from pbgdpl_desktop.services.dissemination import sessions as module

    monkeypatch.setattr(module, "SEARCH_CAP", 3)
    for day in range(1, 6):
        diss.sessions.save(session_input(held_on=date(2026, 6, day), title=f"Nguyễn {day}"))
    diss.sessions.save(session_input(held_on=date(2026, 6, 9), title="Khác"))
    src = diss.sessions.list_source()
    many, few = SessionQuery(search="nguyen"), SessionQuery(search="nguyen 2")
    assert src.count(many) == 3 and src.capped(many)
    assert [r.title for r in src.page(many, 0, 3)] == ["Nguyễn 5", "Nguyễn 4", "Nguyễn 3"]
    assert src.count(few) == 1 and not src.capped(few)
    assert [r.title for r in src.page(few, 0, 10)] == ["Nguyễn 2"]
    asc = SessionQuery(search="khac", descending=False)
    assert src.count(asc) == 1 and src.page(asc, 0, 5)[0].title == "Khác"


def test_oversized_evidence_is_refused_and_the_session_kept(services, diss, tmp_path):
    saved, _ = diss.sessions.save(session_input())
    big = tmp_path / "video hội nghị.mp4"
    with big.open("wb") as fh:  # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    with pytest.raises(ValidationError, match="vượt giới hạn 50 MB"):
        diss.sessions.attach_evidence(saved.id, big)
    assert diss.sessions.get(saved.id).data.title == "Phổ biến Luật Đất đai 2024"
    assert services.evidence.list_for("dissemination_session", saved.id) == []


def test_add_many_is_all_or_nothing(diss):
    good = session_input()
    with pytest.raises(ValidationError, match="Buổi thứ 2: Tiêu đề"):
        diss.sessions.add_many([good, session_input(title="")])
    assert diss.sessions.list_source().count(SessionQuery()) == 0
    assert diss.sessions.add_many([good, good])[0] == 2


def test_renaming_a_speaker_updates_the_list_and_search(diss):
    speaker, _ = diss.speakers.save(SpeakerInput("Nguyen Van Binh"))  # typed without accents at first
    diss.sessions.save(session_input(speaker_ids=(speaker.id,), speakers_extra="Khách mời Sở Tư pháp"))
    diss.speakers.save(SpeakerInput("Trịnh Văn Bính"), speaker.id)
    (row,) = diss.sessions.list_source().page(SessionQuery(search="trinh van binh"), 0, 5)
    assert row.speakers_text == "Trịnh Văn Bính; Khách mời Sở Tư pháp"
    assert diss.sessions.list_source().count(SessionQuery(search="nguyen van")) == 0


def test_deleting_a_speaker_keeps_their_name_on_past_sessions(diss):
    a, _ = diss.speakers.save(SpeakerInput("Hà Văn Tư"))
    b, _ = diss.speakers.save(SpeakerInput("Mai Thị Năm"))
    saved, _ = diss.sessions.save(session_input(speaker_ids=(a.id, b.id)))
    diss.speakers.delete(a.id)
    got = diss.sessions.get(saved.id)
    assert got.speakers == ((b.id, "Mai Thị Năm"),) and got.data.speakers_extra == "Hà Văn Tư"
    assert diss.sessions.list_source().count(SessionQuery(search="ha van tu")) == 1
    diss.sessions.save(got.data, saved.id)  # editing later keeps the name too
    assert "Hà Văn Tư" in diss.sessions.get(saved.id).speakers_text
