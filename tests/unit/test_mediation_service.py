"""Teams, mediators with history, the case book and reminders through the service (real SQLite, migrations)."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.changes import MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseOutcome,
    MediatorInput,
    PartyInput,
    ReleaseReason,
    Sex,
    TeamInput,
)
from pbgdpl_desktop.services.core.listing import ListQuery
from tests.builders import add_mediator, add_team, case_input, staffed_team

TODAY = date(2026, 11, 30)


def test_team_composition_is_flagged_not_blocked(services):
    team = add_team(services)
    assert not team.composition_ok and "Tổ chỉ có 0 hòa giải viên" in team.composition_text
    for name in ("Nguyễn Văn Hùng", "Lê Văn Bình", "Hoàng Văn Nam"):
        add_mediator(services, team.id, name)
    team = services.mediation.teams.get(team.id)
    assert team.members_count == 3 and team.composition_problems == ("Tổ chưa có hòa giải viên nữ.",)
    add_mediator(services, team.id, "Trần Thị Lan", Sex.FEMALE)
    assert services.mediation.teams.get(team.id).composition_ok


def test_minority_requirement_of_the_area(services):
    team, _ = staffed_team(services)
    team, _ = services.mediation.teams.save(TeamInput(name=team.name, needs_minority=True, id=team.id))
    assert not team.composition_ok
    add_mediator(services, team.id, "Lò Văn Pâng", ethnicity="Thái")
    assert services.mediation.teams.get(team.id).composition_ok


def test_head_must_be_a_member_of_the_team(services):
    team, ids = staffed_team(services)
    other = add_team(services, "Tổ hòa giải tổ dân phố số 2")
    stranger = add_mediator(services, other.id, "Vũ Văn Tâm")
    with pytest.raises(ValidationError, match="Vũ Văn Tâm không phải là hòa giải viên của tổ này"):
        services.mediation.teams.save(TeamInput(name=team.name, head_mediator_id=stranger.id, id=team.id))
    saved, _ = services.mediation.teams.save(TeamInput(name=team.name, head_mediator_id=ids[1], id=team.id))
    assert saved.head_name == "Trần Thị Lan"
    with pytest.raises(ConflictError, match="Đã có tổ hòa giải tên"):
        add_team(services, "tổ hòa giải  tổ dân phố số 1")


def test_votes_must_exceed_half_for_a_recognised_mediator(services):
    team = add_team(services)
    base = dict(
        full_name="Nguyễn Thị Mai",
        sex=Sex.FEMALE,
        team_id=team.id,
        recognition_number="3/QĐ-UBND",
        recognition_date=date(2026, 2, 1),
        election_date=date(2026, 1, 20),
        election_households=180,
    )
    with pytest.raises(ValidationError, match="phải trên 50%"):
        services.mediation.mediators.save(MediatorInput(election_votes=90, **base))  # exactly 50 %
    assert services.mediation.mediators.all() == []  # nothing half-saved
    saved, _ = services.mediation.mediators.save(MediatorInput(election_votes=91, **base))
    assert saved.team_id == team.id and saved.status_label == "Đã công nhận"


def test_move_and_release_keep_history(services):
    team, ids = staffed_team(services)
    services.mediation.teams.save(TeamInput(name=team.name, head_mediator_id=ids[0], id=team.id))
    other = add_team(services, "Tổ hòa giải tổ dân phố số 2")
    services.mediation.mediators.move(ids[0], other.id, date(2026, 6, 1))
    history = services.mediation.mediators.history(ids[0])
    assert [(h.team_name, h.from_date, h.to_date) for h in history] == [
        ("Tổ hòa giải tổ dân phố số 1", date(2025, 3, 10), date(2026, 5, 31)),
        ("Tổ hòa giải tổ dân phố số 2", date(2026, 6, 1), None),
    ]
    assert services.mediation.teams.get(team.id).head_mediator_id is None  # the head left the team
    services.mediation.mediators.release(ids[0], date(2026, 9, 1), ReleaseReason.OWN_REQUEST, "20/QĐ-UBND")
    released = services.mediation.mediators.get(ids[0])
    assert (
        released.is_released
        and released.team_id is None
        and released.release_reason is ReleaseReason.OWN_REQUEST
    )
    assert len(services.mediation.mediators.history(ids[0])) == 2
    assert services.mediation.teams.get(other.id).members_count == 0
    # the team list on a past date still shows who was a member then
    past = {t.id: t for t in services.mediation.teams.all(on=date(2026, 7, 1))}
    assert past[other.id].members_count == 1
    with pytest.raises(ConflictError, match="đã thôi làm hòa giải viên"):
        services.mediation.mediators.move(ids[0], team.id, date(2026, 10, 1))


def test_released_mediator_cannot_take_a_new_case(services):
    team, ids = staffed_team(services)
    services.mediation.mediators.release(ids[2], date(2026, 2, 1), ReleaseReason.BREACH, "7/QĐ-UBND")
    with pytest.raises(ConflictError, match="Lê Văn Bình đã thôi làm hòa giải viên từ ngày 01/02/2026"):
        services.mediation.cases.save(case_input(team.id, ids))
    assert services.mediation.cases.list_source().count(ListQuery()) == 0


def test_case_numbers_per_team_and_year(services):
    team, ids = staffed_team(services)
    first, _ = services.mediation.cases.save(case_input(team.id, ids[:2]))
    second, _ = services.mediation.cases.save(case_input(team.id, ids[:1], received_on=date(2026, 4, 1)))
    assert (first.number_text, second.number_text) == ("1/2026", "2/2026")
    with pytest.raises(ConflictError, match="Tổ đã có vụ việc số 1/2026"):
        services.mediation.cases.save(case_input(team.id, ids, case_number=1))
    other_year, _ = services.mediation.cases.save(
        case_input(team.id, ids, case_number=1, received_on=date(2025, 12, 1))
    )
    assert other_year.number_text == "1/2025"
    other_team = add_team(services, "Tổ hòa giải tổ dân phố số 2")
    assert (
        services.mediation.cases.save(case_input(other_team.id, (), case_number=1))[0].number_text == "1/2026"
    )


def test_outcome_dates_and_round_trip(services):
    team, ids = staffed_team(services)
    case, _ = services.mediation.cases.save(
        case_input(team.id, ids[:2], assigned_on=date(2026, 3, 2), started_on=date(2026, 3, 5))
    )
    assert not case.started_late and case.mediator_names == ("Nguyễn Văn Hùng", "Trần Thị Lan")
    with pytest.raises(ValidationError, match=r"Ngày kết thúc hòa giải \(01/03/2026\) trước ngày tiếp nhận"):
        services.mediation.cases.save(
            case.as_input().__class__(
                **{
                    **case.as_input().__dict__,
                    "outcome": CaseOutcome.SETTLED,
                    "result_date": date(2026, 3, 1),
                }
            )
        )
    done = case.as_input().__class__(
        **{
            **case.as_input().__dict__,
            "outcome": CaseOutcome.SETTLED,
            "result_date": date(2026, 3, 20),
            "agreement_text": "Hai bên thống nhất mở lối đi rộng 1,2 m.",
        }
    )
    saved, _ = services.mediation.cases.save(done)
    again = services.mediation.cases.get(saved.id)
    assert again.outcome is CaseOutcome.SETTLED and again.result_date == date(2026, 3, 20)
    assert again.parties[0] == PartyInput("Phạm Văn Đức", birth_year=1965, address="Số 5 ngõ 12")
    assert again.as_input() == done.__class__(**{**done.__dict__, "case_number": 1})


def test_started_late_warns_after_three_days(services):
    team, ids = staffed_team(services)
    on_time, _ = services.mediation.cases.save(
        case_input(team.id, ids, assigned_on=date(2026, 3, 2), started_on=date(2026, 3, 5))
    )
    late, _ = services.mediation.cases.save(
        case_input(team.id, ids, assigned_on=date(2026, 3, 2), started_on=date(2026, 3, 6))
    )
    assert not on_time.started_late and on_time.warnings == ()
    assert late.started_late and "sau 4 ngày" in late.warnings[0]


def test_refused_and_referred_need_a_reason(services):
    team, ids = staffed_team(services)
    with pytest.raises(ValidationError, match="lý do từ chối"):
        services.mediation.cases.save(case_input(team.id, (), outcome=CaseOutcome.REFUSED))
    refused, _ = services.mediation.cases.save(
        case_input(
            team.id,
            (),
            outcome=CaseOutcome.REFUSED,
            category=CaseCategory.OTHER,
            outcome_note="Hành vi trộm cắp phải xử lý hình sự, không thuộc phạm vi hòa giải.",
        )
    )
    assert refused.result_date == refused.received_on
    with pytest.raises(ValidationError, match="cơ quan có thẩm quyền"):
        services.mediation.cases.save(
            case_input(team.id, ids, outcome=CaseOutcome.REFERRED, result_date=date(2026, 3, 9))
        )
    with pytest.raises(ValidationError, match="Chưa nhập bên tranh chấp"):
        services.mediation.cases.save(case_input(team.id, ids, parties=(PartyInput("  "),)))


def test_reminders_at_their_edges(services):
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids, received_on=date(2026, 11, 27)))  # 3 days: on time
    late, _ = services.mediation.cases.save(
        case_input(team.id, ids, received_on=date(2026, 11, 26))
    )  # 4 days
    services.mediation.cases.save(
        case_input(team.id, ids, received_on=date(2026, 10, 25), started_on=date(2026, 10, 31))
    )
    long, _ = services.mediation.cases.save(
        case_input(team.id, ids, received_on=date(2026, 10, 20), started_on=date(2026, 10, 30))
    )  # 31 days
    reminders = services.mediation.reminders()
    assert [(r.kind, r.case_id, r.days) for r in reminders] == [
        ("long_running", long.id, 31),
        ("not_started", late.id, 4),
    ]
    assert "chưa bắt đầu hòa giải" in reminders[1].text
    services.settings.set("mediation.start_deadline_days", 5)
    assert [r.kind for r in services.mediation.reminders()] == ["long_running"]


def test_case_list_filters_search_and_pages(services):
    team, ids = staffed_team(services)
    other = add_team(services, "Tổ hòa giải thôn Đông")
    services.mediation.cases.save(case_input(team.id, ids, parties=(PartyInput("Đặng Văn Quý"),)))
    services.mediation.cases.save(
        case_input(
            other.id,
            (),
            category=CaseCategory.MARRIAGE_FAMILY,
            received_on=date(2025, 5, 5),
            parties=(PartyInput("Nguyễn Thị Hường"), PartyInput("Trần Văn Lực")),
        )
    )
    source = services.mediation.cases.list_source()
    assert source.count(ListQuery()) == 2
    assert source.count(ListQuery(search="dang quy")) == 1
    assert source.count(ListQuery(search="Quý  ĐẶNG văn")) == 1  # any order, any case, diacritics or not
    assert source.count(ListQuery(search="HUONG")) == 1
    assert source.count(ListQuery(search="1/2025")) == 1
    assert source.count(ListQuery(search="100%_")) == 0
    assert source.count(ListQuery(filters={"year": 2025})) == 1
    assert source.count(ListQuery(filters={"team_id": team.id, "category": "land"})) == 1
    assert source.count(ListQuery(filters={"outcome": "settled"})) == 0
    in_progress = ListQuery(filters={"outcome": "in_progress", "category": "marriage_family"})
    assert [r.number_text for r in source.page(in_progress, 0, 10)] == ["1/2025"]
    rows = source.page(ListQuery(), 0, 10)
    assert [r.number_text for r in rows] == ["1/2026", "1/2025"]  # newest first
    assert (
        rows[1].team_name == "Tổ hòa giải thôn Đông" and rows[1].parties == "Nguyễn Thị Hường – Trần Văn Lực"
    )
    assert rows[1].category_label == "Hôn nhân và gia đình" and rows[0].outcome_label == "Đang hòa giải"
    asc = source.page(ListQuery(sort_key="received_on", descending=False), 1, 10)
    assert [r.number_text for r in asc] == ["1/2026"]


def test_search_words_are_folded_and_rarest_first():
    from pbgdpl_desktop.services.mediation.case_list import search_words

    assert search_words("Đặng Văn Quý") == ["quy", "dang", "van"]
    assert search_words("  nguyễn  Nguyen karaoke ") == ["karaoke", "nguyen"]


def test_search_pages_are_the_same_with_or_without_the_id_cache(services, monkeypatch):
    from pbgdpl_desktop.services.mediation.case_list import CaseListSource

    team, ids = staffed_team(services)
    for day in range(1, 13):
        names = (PartyInput(f"Đặng Văn Quý {day}"),) if day % 3 else (PartyInput("Lê Thị Hoa"),)
        services.mediation.cases.save(case_input(team.id, ids, received_on=date(2026, 5, day), parties=names))
    query = ListQuery(search="dang quy", filters={"year": 2026})
    cached = services.mediation.cases.list_source()
    assert cached.count(query) == 8
    pages = [[r.number_text for r in cached.page(query, offset, 3)] for offset in (0, 3, 6)]
    assert pages == [["11/2026", "10/2026", "8/2026"], ["7/2026", "5/2026", "4/2026"], ["2/2026", "1/2026"]]
    monkeypatch.setattr(CaseListSource, "SEARCH_CACHE", 5)  # more matches than the cache: SQL pages
    plain = services.mediation.cases.list_source()
    assert plain.count(query) == 8
    assert [[r.number_text for r in plain.page(query, offset, 3)] for offset in (0, 3, 6)] == pages
    ascending = ListQuery(search="dang quy", sort_key="received_on", descending=False)
    assert cached.count(ascending) == 8 and cached.page(ascending, 0, 1)[0].number_text == "1/2026"


def test_deleted_case_leaves_the_list_and_frees_its_number(services):
    team, ids = staffed_team(services)
    case, _ = services.mediation.cases.save(case_input(team.id, ids))
    services.mediation.cases.delete(case.id)
    assert services.mediation.cases.list_source().count(ListQuery()) == 0
    with pytest.raises(NotFoundError):
        services.mediation.cases.get(case.id)
    assert services.mediation.cases.save(case_input(team.id, ids, case_number=1))[0].case_number == 1


def test_personal_columns_are_marked():
    from pbgdpl_desktop.persistence.models import mediation as m

    assert {"summary", "agreement_text", "search_folded", "parties_display"} <= set(
        m.MediationCase.__personal_columns__
    )
    assert set(m.MediationCaseParty.__personal_columns__) == {"full_name", "birth_year", "address"}
    assert {"address", "phone", "birth_year"} <= set(m.Mediator.__personal_columns__)
    for model in (m.MediationCase, m.MediationCaseParty, m.Mediator):
        for column in model.__personal_columns__:
            assert column in model.__table__.columns


def test_migration_matches_the_models(services):
    from pbgdpl_desktop.persistence.schema_check import schema_differences

    assert schema_differences(services.ctx.db.path) == []


def test_deleting_is_only_for_records_entered_by_mistake(services):
    team, ids = staffed_team(services)
    services.mediation.teams.save(TeamInput(name=team.name, head_mediator_id=ids[1], id=team.id))
    services.mediation.cases.save(case_input(team.id, ids[:1]))
    with pytest.raises(ConflictError, match="đã hòa giải vụ việc nên không xóa được"):
        services.mediation.mediators.delete(ids[0])
    services.mediation.mediators.delete(ids[1])  # no case: removed, and no longer head
    assert services.mediation.teams.get(team.id).head_mediator_id is None
    assert [m.id for m in services.mediation.mediators.all()] == [ids[2], ids[0]]  # Bình, Hùng
    with pytest.raises(ConflictError, match="còn hòa giải viên"):
        services.mediation.teams.delete(team.id)
    for mediator_id in (ids[0], ids[2]):
        services.mediation.mediators.release(mediator_id, date(2026, 11, 1), ReleaseReason.OWN_REQUEST)
    with pytest.raises(ConflictError, match="đã có vụ việc"):
        services.mediation.teams.delete(team.id)
    empty = add_team(services, "Tổ hòa giải lập nhầm")
    services.mediation.teams.delete(empty.id)
    assert [t.name for t in services.mediation.teams.all()] == [team.name]


def test_cases_added_in_one_transaction_are_numbered_and_kept_all_or_none(services):
    """#17: ``add_many`` (the demo ward's path) checks and numbers each case as ``save`` does, in one
    transaction: a refused case leaves none of the batch behind."""
    team, ids = staffed_team(services)
    cases = services.mediation.cases
    source = cases.list_source()
    assert cases.add_many([]) == cases.add_many(())  # nothing to add, nothing changed
    first, second = case_input(team.id, ids[:1]), case_input(team.id, ids[1:2], received_on=date(2026, 3, 5))
    assert MEDIATION in cases.add_many([first, second])
    added = [cases.get(r.id) for r in source.page(ListQuery(), 0, 10)]
    assert sorted(c.case_number for c in added) == [1, 2]
    again = case_input(team.id, ids[:1], received_on=date(2026, 4, 1))
    taken = case_input(team.id, ids[:1], received_on=date(2026, 4, 2), case_number=1)
    with pytest.raises(ConflictError):
        cases.add_many([again, taken])
    assert source.count(ListQuery()) == 2  # neither of the refused batch
    saved = next(c for c in added if c.case_number == 1)
    assert saved.received_on == first.received_on and saved.mediator_ids == tuple(ids[:1])
    assert [p.full_name for p in saved.parties] == [p.full_name for p in first.parties]
