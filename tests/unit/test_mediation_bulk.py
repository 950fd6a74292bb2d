"""The mediation's bulk entries of the demo ward (#17 §5) — ``mediators.add_many``, ``mediators.add_trainings``,
``teams.add_coordinations`` — write what the one-by-one calls write (the rows, their audit entries, the sync
stamps) and refuse what those refuse, with the same message, keeping none of the batch."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError
from pbgdpl_desktop.domain.mediation import CoordinationKind, Sex
from pbgdpl_desktop.services.mediation.mediators import TrainingDraft
from pbgdpl_desktop.services.mediation.teams import CoordinationDraft
from tests.builders import mediator_input, staffed_team
from tests.helpers.bulk_twin import open_twin, refused_alike, stamps, written
from tests.helpers.bulk_twin import rows as _rows

TABLES = ("mediator", "mediator_membership", "mediator_training", "mediation_coordination")


@pytest.fixture
def twin(tmp_path, clock, _template_db):
    """A second ward, the same as ``services`` at start: one is written one by one, the other in bulk."""
    svc = open_twin(tmp_path / "twin", clock, _template_db)
    yield svc
    svc.ctx.db.close()


def _written(services) -> dict[str, list[str]]:
    return written(services, TABLES)


def _same_start(*wards) -> list[tuple[str, list[str]]]:
    """The same team of three in each ward: (team id, mediator ids) of each."""
    out = []
    for ward in wards:
        team, ids = staffed_team(ward)
        out.append((team.id, ids))
    return out


def test_trainings_in_bulk_equal_one_by_one(services, twin):
    (_, ids), (_, twin_ids) = _same_start(services, twin)
    plan = [
        (0, date(2026, 5, 20), "Tập huấn kỹ năng hòa giải", "training"),
        (2, date(2026, 6, 1), " Sổ tay ", "material"),
    ]
    for index, held_on, title, kind in plan:
        services.mediation.mediators.add_training(ids[index], held_on, title, kind)
    assert services.mediation.mediators.add_trainings([]) == twin.mediation.mediators.add_trainings(())
    changes = twin.mediation.mediators.add_trainings(
        [TrainingDraft(twin_ids[index], held_on, title, kind) for index, held_on, title, kind in plan]
    )
    assert MEDIATION in changes
    assert _written(twin) == _written(services)
    assert stamps(twin, "mediator_training") == stamps(services, "mediator_training") == [(1, 1, 1, 1, 1)] * 2
    assert twin.mediation.mediators.trainings(twin_ids[2]) == [(date(2026, 6, 1), "Sổ tay", "material")]


def test_trainings_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    (_, ids), (_, twin_ids) = _same_start(services, twin)
    good = TrainingDraft(twin_ids[0], date(2026, 5, 20), "Tập huấn")
    for mediator, title in ((None, "   "), ("no-such-mediator", "Tập huấn")):
        refused_alike(
            lambda m=mediator, t=title: services.mediation.mediators.add_training(
                m or ids[1], date(2026, 5, 20), t
            ),
            lambda m=mediator, t=title: twin.mediation.mediators.add_trainings(
                [good, TrainingDraft(m or twin_ids[1], date(2026, 5, 20), t)]
            ),
        )
    assert _rows(twin, "SELECT count(*) FROM mediator_training") == [(0,)]


def test_coordinations_in_bulk_equal_one_by_one(services, twin):
    (team_id, _), (twin_team, _) = _same_start(services, twin)
    plan = [
        (date(2026, 2, 3), CoordinationKind.INVITED_MEDIATOR, "Công an phường", ""),
        (date(2026, 8, 9), list(CoordinationKind)[-1], " Luật sư Trần Văn Khải ", "Hỗ trợ pháp lý"),
    ]
    for held_on, kind, partner, description in plan:
        services.mediation.teams.add_coordination(team_id, held_on, kind, partner, description)
    twin.mediation.teams.add_coordinations([CoordinationDraft(twin_team, *p) for p in plan])
    assert _written(twin) == _written(services)
    assert stamps(twin, "mediation_coordination") == stamps(services, "mediation_coordination")
    assert [c.partner for c in twin.mediation.teams.coordination(2026)] == [
        c.partner for c in services.mediation.teams.coordination(2026)
    ]


def test_coordinations_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    (team_id, _), (twin_team, _) = _same_start(services, twin)
    good = CoordinationDraft(twin_team, date(2026, 2, 3), CoordinationKind.INVITED_MEDIATOR)
    for team, day in ((None, date(2026, 12, 1)), ("no-such-team", date(2026, 2, 3))):
        refused_alike(
            lambda t=team, d=day: services.mediation.teams.add_coordination(
                t or team_id, d, CoordinationKind.INVITED_MEDIATOR
            ),
            lambda t=team, d=day: twin.mediation.teams.add_coordinations(
                [good, CoordinationDraft(t or twin_team, d, CoordinationKind.INVITED_MEDIATOR)]
            ),
        )
    assert _rows(twin, "SELECT count(*) FROM mediation_coordination") == [(0,)]


def test_mediators_in_bulk_equal_one_by_one(services, twin):
    (team_id, _), (twin_team, _) = _same_start(services, twin)
    people = [
        ("Phạm Thị Mai", Sex.FEMALE, {"address": " Số 3 phố Hàng Bạc ", "phone": "0912345678"}),
        ("Hoàng Văn Nam", Sex.MALE, {"on": date(2026, 1, 5), "ethnicity": "Tày", "note": "Trưởng thôn"}),
    ]
    for name, sex, kw in people:
        services.mediation.mediators.save(mediator_input(team_id, name, sex, **kw))
    services.mediation.mediators.save(
        mediator_input(None, "Đỗ Văn Long", recognition_number="", recognition_date=None)
    )
    added, changes = twin.mediation.mediators.add_many(
        [mediator_input(twin_team, name, sex, **kw) for name, sex, kw in people]
        + [mediator_input(None, "Đỗ Văn Long", recognition_number="", recognition_date=None)]
    )
    assert MEDIATION in changes and twin.mediation.mediators.add_many([]) == ([], type(changes)())
    assert [twin.mediation.mediators.get(i).full_name for i in added] == [
        "Phạm Thị Mai",
        "Hoàng Văn Nam",
        "Đỗ Văn Long",
    ]
    assert _written(twin) == _written(services)
    for table in ("mediator", "mediator_membership"):
        assert stamps(twin, table) == stamps(services, table)
    assert [(t.name, t.members_count) for t in twin.mediation.teams.all()] == [
        (t.name, t.members_count) for t in services.mediation.teams.all()
    ]


def test_mediators_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    (team_id, _), (twin_team, _) = _same_start(services, twin)
    before = _rows(twin, "SELECT count(*) FROM mediator")
    good = mediator_input(twin_team, "Phạm Thị Mai", Sex.FEMALE)
    for team, kw in ((None, {"birth_year": 2020}), (None, {"election_votes": 300}), ("no-such-team", {})):
        refused_alike(
            lambda t=team, k=kw: services.mediation.mediators.save(
                mediator_input(t or team_id, "Lê Văn Sơn", **k)
            ),
            lambda t=team, k=kw: twin.mediation.mediators.add_many(
                [good, mediator_input(t or twin_team, "Lê Văn Sơn", **k)]
            ),
        )
    with pytest.raises(ConflictError):  # only new mediators: an edit goes through save
        twin.mediation.mediators.add_many([mediator_input(twin_team, "Lê Văn Sơn", id="x")])
    assert _rows(twin, "SELECT count(*) FROM mediator") == before
    assert _rows(twin, "SELECT count(*) FROM audit_log WHERE table_name = 'mediator'") == before
