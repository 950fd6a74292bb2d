"""The dissemination's bulk entries of the demo ward (#17 §5) — ``plans.add_tasks`` and
``speakers.add_trainings`` — write what the one-by-one calls write (the rows, their audit entries, the sync
stamps), list in the same order, and refuse what those refuse, with the same message, keeping none of the
batch."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import DISSEMINATION
from pbgdpl_desktop.domain.dissemination import SpeakerInput, TargetGroup, TaskCategory, TaskInput, TaskStatus
from pbgdpl_desktop.services.dissemination.speakers import SpeakerTrainingDraft
from tests.helpers.bulk_twin import open_twin, refused_alike, rows, stamps, written

TABLES = ("plan_task", "speaker_training")
DUE = date(2026, 12, 15)


@pytest.fixture
def twin(tmp_path, clock, _template_db):
    """A second ward, the same as ``services`` at start: one is written one by one, the other in bulk."""
    svc = open_twin(tmp_path / "twin", clock, _template_db)
    yield svc
    svc.ctx.db.close()


def _plans(*wards) -> list[str]:
    return [
        ward.dissemination.plans.save_plan(2026, "05/KH-UBND", date(2026, 1, 15), None)[0].id
        for ward in wards
    ]


TASKS = [  # three of the same due date, in an order no column sorts them by
    TaskInput("Tuyên truyền Luật Đất đai", due_on=DUE, funded=True),
    TaskInput(" Hội nghị triển khai luật mới ", due_on=DUE, target_groups=(TargetGroup.GENERAL,)),
    TaskInput(
        "Cuộc thi tìm hiểu pháp luật", due_on=DUE, status=TaskStatus.DONE, completed_on=date(2026, 10, 30)
    ),
    TaskInput("Niêm yết trợ giúp pháp lý", TaskCategory.LEGAL_AID_INFO, arising=True, funded_amount=500_000),
    TaskInput(
        "Tọa đàm",
        due_on=date(2026, 12, 31),
        status=TaskStatus.IN_PROGRESS,
        completed_on=date(2026, 3, 1),
        notes="Dời lịch",
    ),
]


def test_tasks_in_bulk_equal_one_by_one_and_list_in_the_order_given(services, twin):
    plan, twin_plan = _plans(services, twin)
    saved = [services.dissemination.plans.save_task(plan, data)[0].id for data in TASKS]
    assert twin.dissemination.plans.add_tasks(twin_plan, []) == (
        [],
        type(twin.dissemination.plans.add_tasks(twin_plan, [])[1])(),
    )
    added, changes = twin.dissemination.plans.add_tasks(twin_plan, TASKS)
    assert DISSEMINATION in changes and len(added) == len(saved)
    assert written(twin, TABLES) == written(services, TABLES)
    assert stamps(twin, "plan_task") == stamps(services, "plan_task")
    listed = [t.data.title for t in twin.dissemination.plans.tasks(twin_plan)]
    assert listed == [t.data.title for t in services.dissemination.plans.tasks(plan)]
    assert listed[:3] == [
        "Tuyên truyền Luật Đất đai",
        "Hội nghị triển khai luật mới",
        "Cuộc thi tìm hiểu pháp luật",
    ]
    assert [t.id for t in twin.dissemination.plans.tasks(twin_plan)][:3] == added[:3]


def test_tasks_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    plan, twin_plan = _plans(services, twin)
    good = TASKS[0]
    for plan_id, data in (
        (None, TaskInput("  ")),
        (None, TaskInput("Hội nghị", funded_amount=-1)),
        ("no-such-plan", TaskInput("Hội nghị")),
    ):
        refused_alike(
            lambda p=plan_id, d=data: services.dissemination.plans.save_task(p or plan, d),
            lambda p=plan_id, d=data: twin.dissemination.plans.add_tasks(p or twin_plan, [good, d]),
        )
    assert rows(twin, "SELECT count(*) FROM plan_task") == [(0,)]


def _speakers(*wards) -> list[list[str]]:
    people = [SpeakerInput("Nguyễn Văn Toàn", phone="0912345678"), SpeakerInput("Trần Thị Hoa")]
    return [[ward.dissemination.speakers.save(p)[0].id for p in people] for ward in wards]


def test_speaker_trainings_in_bulk_equal_one_by_one(services, twin):
    ids, twin_ids = _speakers(services, twin)
    plan = [
        (0, date(2026, 6, 15), "Tập huấn kỹ năng PBGDPL", 8, False),
        (1, date(2026, 3, 3), " Zoom ", 4, True),
    ]
    for index, day, course, hours, online in plan:
        services.dissemination.speakers.add_training(ids[index], day, course, hours, online=online)
    assert twin.dissemination.speakers.add_trainings([]) == twin.dissemination.speakers.add_trainings(())
    changes = twin.dissemination.speakers.add_trainings(
        [
            SpeakerTrainingDraft(twin_ids[i], day, course, hours, online)
            for i, day, course, hours, online in plan
        ]
    )
    assert DISSEMINATION in changes
    assert written(twin, TABLES) == written(services, TABLES)
    assert stamps(twin, "speaker_training") == stamps(services, "speaker_training")
    assert [(s.full_name, [t.course for t in s.trainings]) for s in twin.dissemination.speakers.all()] == [
        (s.full_name, [t.course for t in s.trainings]) for s in services.dissemination.speakers.all()
    ]


def test_speaker_trainings_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    ids, twin_ids = _speakers(services, twin)
    good = SpeakerTrainingDraft(twin_ids[0], date(2026, 6, 15), "Tập huấn", 8)
    for speaker, day, course, hours in (
        (None, date(2026, 12, 25), "Lớp", 4),
        (None, date(2026, 6, 1), " ", 3000),
        ("no-such-speaker", date(2026, 6, 1), "Lớp", 4),
    ):
        refused_alike(
            lambda s=speaker, d=day, c=course, h=hours: services.dissemination.speakers.add_training(
                s or ids[1], d, c, h
            ),
            lambda s=speaker, d=day, c=course, h=hours: twin.dissemination.speakers.add_trainings(
                [good, SpeakerTrainingDraft(s or twin_ids[1], d, c, h)]
            ),
        )
    assert rows(twin, "SELECT count(*) FROM speaker_training") == [(0,)]
