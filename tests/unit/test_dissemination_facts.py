"""facts(year) against values counted by hand on a fixture year (2025; today is 30/11/2026)."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm as F,
)
from pbgdpl_desktop.domain.dissemination import (
    SessionInput,
    SpeakerInput,
    SpeakerRole,
    SpeakerStatus,
    TaskCategory,
    TaskInput,
    TaskStatus,
)
from pbgdpl_desktop.domain.dissemination import (
    TargetGroup as G,
)


def _s(diss, day: date, form: F, groups, total=0, women=0, special=0, **kw) -> str:
    data = SessionInput(
        held_on=day,
        title=f"Buổi {day} {form.value}",
        form=form,
        target_groups=tuple(groups),
        attendance_total=total,
        attendance_women=women,
        attendance_special=special,
        **kw,
    )
    return diss.sessions.save(data)[0].id


@pytest.fixture
def year_2025(services):
    diss = services.dissemination
    plan, _ = diss.plans.save_plan(2025, "12/KH-UBND", date(2025, 1, 10), date(2025, 1, 3))
    task = {}
    for name, data in {
        "T1": TaskInput("Hội nghị Luật Đất đai", funded=True),
        "T2": TaskInput(
            "Niêm yết thông tin TGPL",
            TaskCategory.LEGAL_AID_INFO,
            status=TaskStatus.DONE,
            completed_on=date(2025, 6, 30),
        ),
        "T3": TaskInput("Cuộc thi viết", status=TaskStatus.IN_PROGRESS, funded=True),
        "T4": TaskInput("Tọa đàm (hủy)", status=TaskStatus.CANCELLED, funded=True),
        "T5": TaskInput("Phát thanh phòng chống cháy nổ", arising=True),
        "T6": TaskInput("Giới thiệu TGPL cho người khuyết tật", TaskCategory.LEGAL_AID_INFO, arising=True),
    }.items():
        task[name] = diss.plans.save_task(plan.id, data)[0].id
    _s(
        diss,
        date(2025, 1, 15),
        F.CONFERENCE,
        [G.GENERAL],
        100,
        60,
        0,
        materials_count=50,
        plan_task_id=task["T1"],
    )
    _s(diss, date(2025, 3, 8), F.SOCIAL_NETWORK, [G.GENERAL, G.STUDENTS], online=True)
    _s(diss, date(2025, 11, 9), F.CONTEST, [G.STUDENTS], 200, 120, 0, online=True, law_day=True)
    _s(diss, date(2025, 11, 20), F.LOUDSPEAKER, [G.ETHNIC_REMOTE], 300, 150, 300, plan_task_id=task["T5"])
    _s(
        diss,
        date(2025, 11, 25),
        F.CONFERENCE,
        [G.OFFICIALS],
        30,
        10,
        0,
        online=True,
        digital_activity="online_training",
    )
    gone = _s(diss, date(2025, 6, 1), F.CONFERENCE, [G.GENERAL], 999, 0, 0)
    diss.sessions.delete(gone)
    _s(diss, date(2024, 12, 31), F.CONFERENCE, [G.GENERAL], 40, 0, 0)
    _s(diss, date(2026, 1, 2), F.CONFERENCE, [G.GENERAL], 40, 0, 0)

    def person(name, role=SpeakerRole.PROPAGANDIST, **kw):
        return diss.speakers.save(SpeakerInput(name, role, **kw))[0].id

    p1 = person("Nguyễn Văn Một", decision_date=date(2024, 9, 10))
    p2 = person("Trần Thị Hai")
    p3 = person("Lê Văn Ba", ended_on=date(2025, 3, 1))
    p4 = person("Phạm Thị Bốn", decision_date=date(2026, 1, 10))
    person("Hoàng Văn Năm", ended_on=date(2024, 12, 1))
    person("Vũ Thị Sáu", status=SpeakerStatus.INACTIVE)
    person("Đỗ Văn Bảy", SpeakerRole.REPORTER)
    diss.speakers.add_training(p1, date(2025, 5, 1), "Kỹ năng PBGDPL", 8)
    diss.speakers.add_training(p2, date(2024, 5, 1), "Kỹ năng PBGDPL", 8)
    diss.speakers.add_training(p3, date(2025, 2, 1), "Luật Đất đai", 4)
    diss.speakers.add_training(p4, date(2025, 2, 1), "Luật Đất đai", 4)
    a, _ = diss.library.save_item("Luật Đất đai 2024", 3)
    b, _ = diss.library.save_item("Hỏi đáp pháp luật hôn nhân", 2)
    diss.library.lend(a.id, "Bà Nguyễn Thị Lan", date(2025, 4, 1))
    diss.library.lend(b.id, "Ông Trần Văn Hùng", date(2026, 2, 1))
    return diss


def test_facts_of_a_past_year_match_hand_count(year_2025):
    f = year_2025.facts(2025)
    assert f.year == 2025
    assert f.sessions_total == 5
    assert f.sessions_by_form == {"conference": 2, "social_network": 1, "contest": 1, "loudspeaker": 1}
    assert f.sessions_by_target_group == {"general": 2, "students": 2, "ethnic_remote": 1, "officials": 1}
    assert f.sessions_by_month == {1: 1, 3: 1, 11: 3}
    assert (f.participants_total, f.participants_women, f.participants_special_groups) == (630, 340, 300)
    assert f.law_day_sessions == 1 and f.materials_handed_out == 50
    assert f.digital_activities == frozenset({"social_network", "online_contest", "online_training"})
    assert (f.plan_exists, f.plan_number) == (True, "12/KH-UBND")
    assert (f.plan_issue_date, f.plan_directive_date) == (date(2025, 1, 10), date(2025, 1, 3))
    assert (f.plan_tasks_set, f.plan_tasks_done, f.planned_tasks_funded) == (3, 2, 2)
    assert (f.arising_tasks, f.arising_tasks_done) == (2, 1)
    assert (f.legal_aid_tasks_set, f.legal_aid_tasks_done) == (2, 1)
    assert (f.propagandists_total, f.propagandists_trained, f.reporters_total) == (3, 2, 1)
    assert (f.bookcase_titles, f.bookcase_copies, f.bookcase_loans) == (2, 5, 1)


def test_current_year_counts_only_sessions_already_held(year_2025):
    _s(year_2025, date(2026, 12, 15), F.CONFERENCE, [G.GENERAL], 10, 0, 0)
    assert year_2025.facts(2026).digital_activities == frozenset()
    speaker = year_2025.speakers.all()[0]
    year_2025.speakers.add_training(speaker.id, date(2026, 3, 3), "Bồi dưỡng qua Zoom", 4, online=True)
    f = year_2025.facts(2026)
    assert f.digital_activities == frozenset({"online_training"})
    assert f.sessions_total == 1 and f.participants_total == 40
    assert not f.plan_exists and f.plan_tasks_set == 0
    assert f.propagandists_total == 3  # p1, p2, p4 (recognised 10/01/2026)


def test_empty_year_is_all_zero(services):
    f = services.dissemination.facts(2020)
    assert f.sessions_total == 0 and f.digital_activities == frozenset() and not f.plan_exists
