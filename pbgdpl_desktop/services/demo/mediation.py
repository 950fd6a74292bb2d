"""Demo data for Hòa giải ở cơ sở (``pbgdpl-desktop demo``): one team per residential group, mediators with
elections, a move and releases, training, coordination, a few hundred cases with realistic outcomes, fee
requests (paid by the finance demo through the ledger; recent ones still pending) and a few cases that trigger the deadline reminders."""

from __future__ import annotations

import random
from datetime import date, timedelta

from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOrigin,
    CaseOutcome,
    CoordinationKind,
    MediatorInput,
    PartyInput,
    PartyRole,
    ReleaseReason,
    Sex,
    TeamInput,
)
from pbgdpl_desktop.services.demo.context import DemoContext
from pbgdpl_desktop.services.mediation.fees import FeeRequestDraft
from pbgdpl_desktop.services.mediation.mediators import TrainingDraft
from pbgdpl_desktop.services.mediation.teams import CoordinationDraft

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
]
MIDDLE = {
    Sex.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công"],
    Sex.FEMALE: ["Thị", "Thu", "Thanh", "Ngọc", "Minh"],
}
GIVEN = {
    Sex.MALE: [
        "Hùng",
        "Dũng",
        "Tuấn",
        "Nam",
        "Bình",
        "Sơn",
        "Thắng",
        "Cường",
        "Long",
        "Quý",
        "Khải",
        "Tâm",
        "Phúc",
    ],
    Sex.FEMALE: [
        "Lan",
        "Hoa",
        "Hương",
        "Mai",
        "Hằng",
        "Nhung",
        "Thảo",
        "Yến",
        "Loan",
        "Dung",
        "Hạnh",
        "Trang",
    ],
}
STREETS = [
    "Hàng Bạc",
    "Hàng Bông",
    "Hàng Gai",
    "Lò Sũ",
    "Hàng Trống",
    "Đinh Tiên Hoàng",
    "Hàng Mành",
    "Tạ Hiện",
]
SUMMARIES = {
    CaseCategory.LAND: [
        "Tranh chấp ranh giới đất giữa hai hộ liền kề.",
        "Tranh chấp lối đi chung trong ngõ.",
    ],
    CaseCategory.NEIGHBOURHOOD: [
        "Mâu thuẫn do tiếng ồn hát karaoke ban đêm.",
        "Mâu thuẫn do nước thải chảy sang nhà bên.",
        "Mâu thuẫn về để xe chắn lối đi chung.",
    ],
    CaseCategory.MARRIAGE_FAMILY: [
        "Mâu thuẫn vợ chồng về chăm sóc con.",
        "Tranh chấp giữa anh em về chăm sóc cha mẹ già.",
    ],
    CaseCategory.CIVIL: ["Tranh chấp tiền vay mượn giữa hai gia đình.", "Tranh chấp tiền thuê nhà trọ."],
    CaseCategory.MINOR_BREACH: [
        "Xô xát nhẹ giữa hai thanh niên trong tổ dân phố.",
        "Lấn chiếm vỉa hè trước cửa nhà.",
    ],
    CaseCategory.OTHER: ["Mâu thuẫn trong sinh hoạt của nhóm dân cư."],
}
OUTCOME_WEIGHTS = [
    (CaseOutcome.SETTLED, 70),
    (CaseOutcome.NOT_SETTLED, 14),
    (CaseOutcome.STOPPED, 6),
    (CaseOutcome.REFERRED, 5),
    (CaseOutcome.REFUSED, 5),
]
TEAMS = 8


def person(rng: random.Random, sex: Sex | None = None) -> tuple[str, Sex]:
    sex = sex or rng.choice([Sex.MALE, Sex.FEMALE])
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}", sex


def address(rng: random.Random, group: int) -> str:
    return f"Số {rng.randint(1, 120)} phố {rng.choice(STREETS)}, tổ dân phố số {group}"


def _teams(demo: DemoContext) -> list[tuple[str, list[str]]]:
    """Teams with 3–5 mediators (team 8 has only two men: flagged by the composition check). The mediators
    of every team are added as one batch (#17 §5), drawn in the order they were added one by one."""
    s, rng = demo.services.mediation, demo.rng
    founded = date(demo.years[0] - 3, 6, 15)
    teams = [
        s.teams.save(
            TeamInput(
                name=f"Tổ hòa giải tổ dân phố số {n}",
                area=f"Tổ dân phố số {n}",
                decision_number=f"{40 + n}/QĐ-UBND",
                decision_date=founded,
                established_on=founded,
            )
        )[0]
        for n in range(1, TEAMS + 1)
    ]
    inputs: list[MediatorInput] = []
    sizes = []
    for n, team in enumerate(teams, start=1):
        sexes = (
            [Sex.MALE, Sex.MALE]
            if n == TEAMS
            else [Sex.FEMALE, Sex.MALE]
            + [rng.choice([Sex.MALE, Sex.FEMALE]) for _ in range(rng.randint(1, 3))]
        )
        sizes.append(len(sexes))
        for sex in sexes:
            name, _ = person(rng, sex)
            households = rng.randint(150, 320)
            inputs.append(
                MediatorInput(
                    full_name=name,
                    sex=sex,
                    team_id=team.id,
                    birth_year=rng.randint(1952, 1988),
                    address=address(rng, n),
                    phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                    election_date=founded,
                    election_votes=rng.randint(households // 2 + 1, households),
                    election_households=households,
                    recognition_number=f"{60 + n}/QĐ-UBND",
                    recognition_date=founded + timedelta(days=10),
                )
            )
    added, _ = s.mediators.add_many(inputs)
    out = []
    for team, size in zip(teams, sizes, strict=True):
        ids, added = added[:size], added[size:]
        s.teams.save(
            TeamInput(
                name=team.name,
                area=team.area,
                decision_number=team.decision_number,
                decision_date=founded,
                established_on=founded,
                head_mediator_id=ids[0],
                id=team.id,
            )
        )
        out.append((team.id, ids))
    return out


def _changes_and_training(demo: DemoContext, teams: list[tuple[str, list[str]]]) -> None:
    s, rng = demo.services.mediation, demo.rng
    first, last = demo.years[0], demo.years[-1]
    # a release with a decision, a move between teams, a newly elected mediator in the middle year
    released = teams[1][1].pop()
    s.mediators.release(released, date(first + 1, 3, 15), ReleaseReason.OWN_REQUEST, "18/QĐ-UBND")
    moved = teams[2][1].pop()
    s.mediators.move(moved, teams[3][0], date(first + 1, 7, 1))
    teams[3][1].append(moved)
    name, sex = person(rng, Sex.FEMALE)
    new, _ = s.mediators.save(
        MediatorInput(
            full_name=name,
            sex=sex,
            team_id=teams[1][0],
            birth_year=1985,
            address=address(rng, 2),
            election_date=date(first + 1, 3, 20),
            election_votes=171,
            election_households=240,
            recognition_number="25/QĐ-UBND",
            recognition_date=date(first + 1, 3, 28),
        )
    )
    teams[1][1].append(new.id)
    trainings: list[TrainingDraft] = []  # each kind as one batch (#17 §5), drawn as they were one by one
    coordinations: list[CoordinationDraft] = []
    for year in demo.years:
        held = min(date(year, 5, 20), demo.today)
        for team_id, ids in teams:
            for mediator_id in ids[: rng.randint(2, len(ids))]:
                trainings.append(
                    TrainingDraft(mediator_id, held, f"Tập huấn kỹ năng hòa giải ở cơ sở năm {year}")
                )
            kinds = list(CoordinationKind)
            for k in range(rng.randint(0 if year == last else 1, 3)):
                day = min(date(year, 2 + 3 * k, rng.randint(1, 27)), demo.today)
                coordinations.append(
                    CoordinationDraft(
                        team_id,
                        day,
                        kinds[k % len(kinds)],
                        rng.choice(["Công an phường", "Luật sư Trần Văn Khải", "Hội Luật gia phường"]),
                    )
                )
    s.mediators.add_trainings(trainings)
    s.teams.add_coordinations(coordinations)


def _case_input(demo: DemoContext, team_id: str, ids: list[str], group: int, received: date) -> CaseInput:
    rng = demo.rng
    category = rng.choices(list(CaseCategory), weights=[18, 16, 22, 30, 9, 5])[0]
    outcome = rng.choices([o for o, _ in OUTCOME_WEIGHTS], weights=[w for _, w in OUTCOME_WEIGHTS])[0]
    start = received + timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 3, 5]))
    end = start + timedelta(days=rng.randint(3, 25))
    started: date | None = start
    result: date | None = end
    if end > demo.today or start > demo.today:
        outcome, result = CaseOutcome.IN_PROGRESS, None
        # a recent case is being mediated already: only the deliberate reminder cases below are late
        started = start if start <= demo.today else received
    parties = [
        PartyInput(person(rng)[0], PartyRole.PARTY, rng.randint(1950, 2000), address(rng, group))
        for _ in range(2)
    ]
    if rng.random() < 0.2:
        parties.append(
            PartyInput(person(rng)[0], PartyRole.RELATED, rng.randint(1950, 2005), address(rng, group))
        )
    note = ""
    if outcome is CaseOutcome.REFUSED:
        category, started, result = CaseCategory.OTHER, None, received
        note = "Hành vi có dấu hiệu tội phạm, không thuộc phạm vi hòa giải ở cơ sở; đã hướng dẫn báo Công an phường."
    elif outcome is CaseOutcome.REFERRED:
        note = "Chuyển Tòa án nhân dân khu vực 1 – Hà Nội"
    return CaseInput(
        team_id=team_id,
        received_on=received,
        assigned_on=received,
        category=category,
        origin=rng.choice(list(CaseOrigin)),
        summary=rng.choice(SUMMARIES[category]),
        parties=tuple(parties),
        mediator_ids=tuple(rng.sample(ids, min(len(ids), rng.choice([1, 2, 2]))))
        if outcome is not CaseOutcome.REFUSED
        else (),
        started_on=started,
        sessions_held=0 if started is None else rng.randint(1, 3),
        outcome=outcome,
        result_date=result,
        outcome_note=note,
        agreement_text=AGREEMENTS.get(outcome, ""),
    )


AGREEMENTS = {
    CaseOutcome.SETTLED: "Các bên thống nhất thực hiện theo thỏa thuận đã ký.",
    # column (6) of the book: each party's demands when the mediation did not settle
    CaseOutcome.NOT_SETTLED: "Bên đề nghị yêu cầu chấm dứt hành vi và khắc phục thiệt hại; bên kia không đồng ý, "
    "đề nghị giữ nguyên hiện trạng.",
}


def _cases(demo: DemoContext, teams: list[tuple[str, list[str]]]) -> None:
    s, rng = demo.services.mediation, demo.rng
    inputs: list[
        CaseInput
    ] = []  # added as one transaction (#17: one savepoint per case was 54 % of the demo)
    for year in demo.years:
        last_day = min(date(year, 12, 31), demo.today - timedelta(days=1))
        span = (last_day - date(year, 1, 1)).days
        for group, (team_id, ids) in enumerate(teams, start=1):
            for received in sorted(
                date(year, 1, 1) + timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(7, 14))
            ):
                inputs.append(_case_input(demo, team_id, ids, group, received))
    # two cases for the reminders: one assigned 6 days ago and not started, one running for 40 days
    team_id, ids = teams[0]
    for received, started in (
        (demo.today - timedelta(days=6), None),
        (demo.today - timedelta(days=45), demo.today - timedelta(days=40)),
    ):
        base = _case_input(demo, team_id, ids, 1, received)
        inputs.append(
            CaseInput(
                **{
                    **base.__dict__,
                    "started_on": started,
                    "outcome": CaseOutcome.IN_PROGRESS,
                    "result_date": None,
                    "outcome_note": "",
                    "mediator_ids": tuple(ids[:1]),
                    "category": CaseCategory.NEIGHBOURHOOD,
                }
            )
        )
    s.cases.add_many(inputs)


def _fees(demo: DemoContext, teams: list[tuple[str, list[str]]]) -> None:
    """One request per mediator per year. Payment is left to the finance demo, which pays through the ledger
    (an expenditure linked to the request), as a clerk does: payment and expense are one record.

    The requests go in as one batch (#17 §5), in the order a clerk would make them one by one: a case of two
    mediators goes to the first one's request, so it is no longer eligible for the second's."""
    s = demo.services.mediation
    eligible = s.fees.eligible_cases_of([m for _, ids in teams for m in ids])
    taken: set[str] = set()
    drafts = []
    for _, ids in teams:
        for mediator_id in ids:
            by_year: dict[int, list] = {}
            for case in eligible[mediator_id]:
                if case.case_id not in taken:
                    by_year.setdefault(case.result_date.year, []).append(case)
            for _year, cases in sorted(by_year.items()):
                requested = min(max(c.result_date for c in cases) + timedelta(days=3), demo.today)
                drafts.append(FeeRequestDraft(mediator_id, tuple(c.case_id for c in cases), requested))
                taken.update(c.case_id for c in cases)
    s.fees.create_requests(drafts)


def fill(demo: DemoContext) -> None:
    """Add realistic records for ``demo.years`` through the services (not raw SQL)."""
    teams = _teams(demo)
    _changes_and_training(demo, teams)
    _cases(demo, teams)
    _fees(demo, teams)
