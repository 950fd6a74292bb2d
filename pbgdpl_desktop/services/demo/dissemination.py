"""Demo data for Phổ biến, giáo dục pháp luật (``pbgdpl-desktop demo``): speakers and trainings, a plan per
year with tasks (some arising, some about legal aid), ~100 sessions a year (the current year up to today),
the legal bookcase. Everything goes through the services; sessions in one transaction per year."""

from __future__ import annotations

from datetime import date, timedelta

from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm as F,
)
from pbgdpl_desktop.domain.dissemination import (
    SessionInput,
    SpeakerInput,
    SpeakerRole,
    TaskCategory,
    TaskInput,
    TaskStatus,
)
from pbgdpl_desktop.domain.dissemination import (
    TargetGroup as G,
)
from pbgdpl_desktop.services.demo.context import DemoContext
from pbgdpl_desktop.services.dissemination.speakers import SpeakerTrainingDraft

SESSIONS_PER_YEAR = 100
PEOPLE = [
    ("Nguyễn Văn Hùng", SpeakerRole.REPORTER, "Công an phường"),
    ("Trần Thị Mai", SpeakerRole.REPORTER, "Hội LHPN"),
    ("Nguyễn Thị Thu Hằng", SpeakerRole.PROPAGANDIST, "Tổ dân phố 1"),
    ("Lê Văn Dũng", SpeakerRole.PROPAGANDIST, "Tổ dân phố 2"),
    ("Phạm Thị Lan", SpeakerRole.PROPAGANDIST, "Tổ dân phố 3"),
    ("Hoàng Minh Tuấn", SpeakerRole.PROPAGANDIST, "Đoàn Thanh niên"),
    ("Đặng Thị Ngọc Ánh", SpeakerRole.PROPAGANDIST, "Hội Cựu chiến binh"),
    ("Vũ Quang Huy", SpeakerRole.PROPAGANDIST, "Tổ dân phố 5"),
    ("Bùi Thị Hương", SpeakerRole.PROPAGANDIST, "Tổ dân phố 7"),
    ("Ngô Đức Thắng", SpeakerRole.PROPAGANDIST, "Mặt trận Tổ quốc phường"),
]
LAWS = ["31/2024/QH15", "52/2014/QH13", "23/2008/QH12", "15/2012/QH13", "73/2021/QH14", "13/2022/QH15"]
TOPICS = [
    "Phổ biến Luật Đất đai năm 2024",
    "Hỏi đáp Luật Hôn nhân và gia đình",
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Phòng, chống bạo lực gia đình",
    "Phòng, chống ma túy trong thanh thiếu niên",
    "Luật Bảo vệ quyền lợi người tiêu dùng",
    "Quy định về xử phạt vi phạm hành chính",
    "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Luật Hòa giải ở cơ sở và kỹ năng hòa giải",
    "Luật Cư trú và thủ tục đăng ký thường trú",
    "An toàn thực phẩm cho hộ kinh doanh",
    "Phòng, chống lừa đảo qua mạng",
]
FORMS = [
    (F.CONFERENCE, 30),
    (F.LOUDSPEAKER, 20),
    (F.MATERIALS, 10),
    (F.SOCIAL_NETWORK, 10),
    (F.INTEGRATED, 10),
    (F.ADVICE, 6),
    (F.WEBSITE, 5),
    (F.POSTER, 4),
    (F.CLUB, 3),
    (F.CONTEST, 2),
]
GROUPS = [
    G.GENERAL,
    G.GENERAL,
    G.GENERAL,
    G.STUDENTS,
    G.OFFICIALS,
    G.WORKERS,
    G.DISABLED,
    G.YOUTH_WOMEN,
    G.BUSINESSES,
    G.DV_VICTIMS,
]
PLACES = [
    "Nhà văn hóa tổ dân phố",
    "Hội trường UBND phường",
    "Trường THCS Ngô Sĩ Liên",
    "Chợ Hàng Da",
    "Nhà văn hóa khu phố cổ",
]
PLACES_BY_FORM = {  # where such an activity happens; in-person forms use PLACES
    F.LOUDSPEAKER: ["Hệ thống loa truyền thanh phường", "Loa truyền thanh tổ dân phố"],
    F.SOCIAL_NETWORK: ["Nhóm Zalo “Cư dân phường”", "Trang Facebook UBND phường"],
    F.WEBSITE: ["Trang thông tin điện tử phường"],
    F.POSTER: ["Bảng tin tổ dân phố", "Pano trước trụ sở UBND phường"],
}


def _speakers(demo: DemoContext) -> list[str]:
    speakers = demo.services.dissemination.speakers
    ids = []
    trainings: list[SpeakerTrainingDraft] = []  # added as one batch (#17 §5)
    for number, (name, role, unit) in enumerate(PEOPLE, start=1):
        decided = date(demo.years[0] - 1, 9, 20)
        dto, _ = speakers.save(
            SpeakerInput(
                name,
                role,
                f"{number:02d}/QĐ-UBND",
                decided,
                unit,
                f"09{demo.rng.randint(10_000_000, 99_999_999)}",
            )
        )
        ids.append(dto.id)
        for year in demo.years:
            day = date(year, 6, 15)
            if day <= demo.today and demo.rng.random() < 0.75:
                trainings.append(
                    SpeakerTrainingDraft(
                        dto.id, day, f"Tập huấn kỹ năng PBGDPL năm {year}", 8, online=year == demo.years[-1]
                    )
                )
    speakers.add_trainings(trainings)
    return ids


def _plan(demo: DemoContext, year: int) -> list[str]:
    plans = demo.services.dissemination.plans
    plan, _ = plans.save_plan(
        year,
        f"{demo.rng.randint(3, 30)}/KH-UBND",
        date(year, 1, 9),
        date(year, 1, 3),
        notes="Kế hoạch triển khai công tác PBGDPL trên địa bàn phường",
    )
    current = year == demo.today.year
    specs = [(t, TaskCategory.DISSEMINATION, False) for t in TOPICS[:8]]
    specs += [
        ("Niêm yết thông tin về trợ giúp pháp lý tại trụ sở", TaskCategory.LEGAL_AID_INFO, False),
        ("Tổ chức các hoạt động hưởng ứng Ngày Pháp luật 9/11", TaskCategory.DISSEMINATION, False),
        ("Kiện toàn đội ngũ tuyên truyền viên pháp luật", TaskCategory.OTHER, False),
        ("Tuyên truyền chính sách mới về sắp xếp đơn vị hành chính", TaskCategory.DISSEMINATION, True),
        ("Giới thiệu trợ giúp pháp lý cho người khuyết tật", TaskCategory.LEGAL_AID_INFO, True),
    ]
    tasks = []  # added as one batch (#17 §5)
    for index, (title, category, arising) in enumerate(specs):
        status = TaskStatus.NOT_STARTED
        if not current and index != 4:
            status = TaskStatus.DONE if category is not TaskCategory.DISSEMINATION else TaskStatus.IN_PROGRESS
        done_on = date(year, 10, 30) if status is TaskStatus.DONE else None
        tasks.append(
            TaskInput(
                title, category, arising, date(year, 12, 15), status, done_on, funded=demo.rng.random() < 0.7
            )
        )
    ids, _ = plans.add_tasks(plan.id, tasks)
    return ids


def _sessions(
    demo: DemoContext, year: int, speaker_ids: list[str], law_ids: list[str], task_ids: list[str]
) -> None:
    rng = demo.rng
    end = min(date(year, 12, 31), demo.today)
    days = (end - date(year, 1, 1)).days + 1
    count = SESSIONS_PER_YEAR * days // 365
    forms, weights = zip(*FORMS, strict=True)
    items = []
    for i in range(count):
        held = date(year, 1, 1) + timedelta(days=rng.randrange(days))
        form = rng.choices(forms, weights)[0]
        group = rng.choice(GROUPS)
        total = 0 if form in (F.LOUDSPEAKER, F.WEBSITE, F.POSTER) else rng.randint(15, 180)
        topic = rng.choice(TOPICS)
        items.append(
            SessionInput(
                held_on=held,
                title=topic,
                form=form,
                start_time=rng.choice(["07:30", "08:00", "14:00", "19:30", ""]),
                online=form in (F.SOCIAL_NETWORK, F.WEBSITE) or (form is F.CONTEST and i % 2 == 0),
                place=rng.choice(PLACES_BY_FORM.get(form, PLACES)),
                residential_group=f"Tổ dân phố {rng.randint(1, 12)}",
                target_groups=(group,)
                if rng.random() < 0.8
                else (group, G.GENERAL if group is not G.GENERAL else G.STUDENTS),
                attendance_total=total,
                attendance_women=total * rng.randint(40, 65) // 100,
                attendance_special=total if group.special else 0,
                materials_count=rng.randint(0, 120) if form in (F.CONFERENCE, F.MATERIALS) else 0,
                law_day=held.month == 11 and held.day == 9,
                plan_task_id=task_ids[TOPICS.index(topic)]
                if TOPICS.index(topic) < 8 and held <= demo.today
                else None,
                speaker_ids=tuple(rng.sample(speaker_ids, rng.randint(1, 2))) if total else (),
                law_ids=(rng.choice(law_ids),) if law_ids else (),
                notes="",
            )
        )
    if date(year, 11, 9) <= demo.today:
        items.append(
            SessionInput(
                held_on=date(year, 11, 9),
                title=f"Mít tinh hưởng ứng Ngày Pháp luật năm {year}",
                form=F.CONFERENCE,
                place="Hội trường UBND phường",
                attendance_total=220,
                attendance_women=130,
                law_day=True,
                plan_task_id=task_ids[9],
                speaker_ids=tuple(speaker_ids[:2]),
            )
        )
    demo.services.dissemination.sessions.add_many(items)


def _bookcase(demo: DemoContext, law_ids: list[str]) -> None:
    library = demo.services.dissemination.library
    titles = [
        "Luật Đất đai năm 2024 và văn bản hướng dẫn",
        "Hỏi đáp pháp luật về hôn nhân và gia đình",
        "Sổ tay hòa giải viên ở cơ sở",
        "Tìm hiểu Luật Trật tự, an toàn giao thông đường bộ",
        "Pháp luật về phòng, chống bạo lực gia đình",
        "Bộ luật Dân sự năm 2015",
    ]
    for i, title in enumerate(titles):
        item, _ = library.save_item(
            title,
            demo.rng.randint(2, 6),
            "Tủ sách pháp luật tại UBND phường",
            law_ids[i % len(law_ids)] if law_ids else None,
            date(demo.years[0], 3, 1),
        )
        if i % 2 == 0:
            loan, _ = library.lend(item.id, "Ông Nguyễn Văn Toàn", demo.today - timedelta(days=40 + i))
            if i == 0:
                library.give_back(loan.id, demo.today - timedelta(days=20))


def fill(demo: DemoContext) -> None:
    """Add realistic records for ``demo.years`` through the services (not raw SQL)."""
    library = demo.services.dissemination.library
    library.ensure_catalog()
    by_number = {d.number: d.id for d in library.documents()}
    law_ids = [by_number[n] for n in LAWS if n in by_number]
    speaker_ids = _speakers(demo)
    for year in demo.years:
        task_ids = _plan(demo, year)
        _sessions(demo, year, speaker_ids, law_ids, task_ids)
    _bookcase(demo, law_ids)
