"""MediationFacts of a year against values counted by hand from a small, fully known case book."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseOutcome,
    CoordinationKind,
    ReleaseReason,
    Sex,
)
from tests.builders import add_mediator, add_team, case_input, team_support_draft

D = date


def team(services, name, established):
    return add_team(services, name, area=name, established_on=established).id


def mediator(services, team_id, name, sex, elected, recognised=True, trained=()):
    unrecognised = {} if recognised else {"recognition_number": "", "recognition_date": None}
    m = add_mediator(services, team_id, name, sex, on=elected, **unrecognised)
    for day in trained:
        services.mediation.mediators.add_training(m.id, day, "Tập huấn kỹ năng hòa giải ở cơ sở")
    return m.id


def case(services, team_id, mediator_id, received, outcome, started=None, result=None, note=""):
    return services.mediation.cases.save(
        case_input(
            team_id,
            (mediator_id,),
            received_on=received,
            assigned_on=received,
            category=CaseCategory.NEIGHBOURHOOD,
            started_on=started,
            outcome=outcome,
            result_date=result,
            outcome_note=note,
        )
    )[0].id


@pytest.fixture
def year_2025(services):
    s = services.mediation
    t1 = team(services, "Tổ hòa giải số 1", D(2020, 1, 1))
    t2 = team(services, "Tổ hòa giải số 2", D(2025, 4, 10))
    t3 = team(services, "Tổ hòa giải số 3", D(2026, 2, 1))  # not yet in 2025
    hung = mediator(services, t1, "Nguyễn Văn Hùng", Sex.MALE, D(2023, 5, 10), trained=[D(2025, 6, 1)])
    mediator(services, t1, "Trần Thị Lan", Sex.FEMALE, D(2023, 5, 10), trained=[D(2025, 6, 1), D(2025, 9, 1)])
    mediator(services, t1, "Lê Văn Bình", Sex.MALE, D(2023, 5, 10), trained=[D(2024, 6, 1)])
    hoa = mediator(services, t1, "Phạm Thị Hoa", Sex.FEMALE, D(2024, 3, 1), trained=[D(2025, 3, 1)])
    minh = mediator(services, t1, "Đỗ Văn Minh", Sex.MALE, D(2024, 3, 1))
    tam = mediator(services, t2, "Vũ Văn Tâm", Sex.MALE, D(2025, 4, 12))  # action required and done
    mediator(services, t2, "Hoàng Văn Nam", Sex.MALE, D(2025, 4, 12), recognised=False)  # required, not done
    mediator(services, t3, "Bùi Văn Quang", Sex.MALE, D(2026, 2, 5))
    s.mediators.release(hoa, D(2025, 8, 1), ReleaseReason.OWN_REQUEST, "9/QĐ-UBND")  # required, done
    s.mediators.release(minh, D(2025, 10, 1), ReleaseReason.NO_LONGER_QUALIFIED)  # required, no decision
    for day, kind in (
        (D(2025, 2, 1), CoordinationKind.INVITED_MEDIATOR),
        (D(2025, 9, 1), CoordinationKind.TRAINING),
        (D(2024, 9, 1), CoordinationKind.LEGAL_SUPPORT),
    ):
        s.teams.add_coordination(t1, day, kind, "Công an phường")
    s.teams.add_coordination(t2, D(2025, 9, 1), CoordinationKind.LEGAL_SUPPORT, "Luật sư Trần Văn Khải")
    c1 = case(services, t1, hung, D(2025, 3, 1), CaseOutcome.SETTLED, D(2025, 3, 3), D(2025, 3, 10))
    c2 = case(
        services, t1, hung, D(2025, 5, 2), CaseOutcome.SETTLED, D(2025, 5, 7), D(2025, 5, 20)
    )  # started 5 days after
    c3 = case(services, t1, hung, D(2025, 6, 1), CaseOutcome.NOT_SETTLED, D(2025, 6, 2), D(2025, 6, 20))
    c4 = case(services, t1, hung, D(2025, 7, 1), CaseOutcome.STOPPED, D(2025, 7, 2), D(2025, 7, 10))
    case(
        services,
        t1,
        hung,
        D(2025, 8, 1),
        CaseOutcome.REFERRED,
        None,
        D(2025, 8, 5),
        "Tòa án nhân dân khu vực 1",
    )
    case(
        services, t1, hung, D(2025, 11, 28), CaseOutcome.IN_PROGRESS, D(2025, 12, 1)
    )  # exactly 3 days: on time
    case(services, t1, hung, D(2025, 12, 20), CaseOutcome.IN_PROGRESS)
    case(services, t1, hung, D(2025, 9, 9), CaseOutcome.REFUSED, note="Vụ trộm cắp: xử lý hình sự")
    c9 = case(
        services, t1, hung, D(2024, 12, 20), CaseOutcome.SETTLED, D(2024, 12, 21), D(2025, 1, 5)
    )  # a 2024 case
    c10 = case(services, t2, tam, D(2025, 10, 1), CaseOutcome.SETTLED, D(2025, 10, 2), D(2025, 10, 15))
    r = s.fees.create_request(hung, [c9], D(2025, 1, 10))[0]
    s.fees.record_payment(r.id, D(2025, 1, 12), 400_000)
    r = s.fees.create_request(hung, [c1, c2, c3], D(2025, 7, 1))[0]
    s.fees.record_payment(r.id, D(2025, 7, 5), 1_100_000)
    s.fees.create_request(hung, [c4], D(2025, 12, 29))  # not paid yet
    r = s.fees.create_request(tam, [c10], D(2025, 12, 30))[0]
    s.fees.record_payment(r.id, D(2026, 1, 5), 400_000)  # paid the next year
    return {"t1": t1, "t2": t2}


def test_facts_of_a_past_year_match_the_hand_count(services, year_2025, monkeypatch):
    monkeypatch.setattr(
        services.finance.payments,
        "paid_team_support",
        lambda year: {year_2025["t1"]: 1_800_000} if year == 2025 else {},
    )
    assert services.mediation.facts(2025) == MediationFacts(
        year=2025,
        teams_total=2,
        teams_meeting_composition=1,  # team 2: two men only
        mediator_actions_required=4,
        mediator_actions_done=2,
        mediators_total=5,
        mediators_trained=2,  # Hùng, Lan (Hoa trained but released)
        cases_recorded=9,  # every case in the book
        cases_received=7,  # in scope: the referred and the refused case are not (Luật HGCS Art. 3, 10.5)
        cases_window_open=0,
        cases_due=7,  # the 20/12 case never started: its window closed on 23/12, it counts against the ward
        cases_concluded=4,  # 3 settled + 1 not settled: the settled share's denominator
        cases_refused_out_of_scope=1,
        cases_mediated=6,
        cases_settled=3,
        cases_not_settled=1,
        cases_stopped=1,
        cases_referred=1,
        cases_in_progress=2,
        cases_started_late=1,
        teams_with_2_coordination=1,
        cases_fee_eligible=5,
        cases_fee_paid_lawful=4,  # c1, c2, c3, c10 paid; c4 pending
        fees_paid_amount=1_500_000,
        fees_expected_amount=3 * 400_000 + 2 * 300_000,
        team_support_paid_amount=1_800_000,
        team_support_expected_amount=12 * 150_000 + 9 * 150_000,
        teams_supported=1,
        # paid for 2025's cases whenever paid: c1–c3 1.100.000 (07/2025) + c10 400.000 (01/2026); c9 is 2024's
        fees_paid_for_cases_amount=1_500_000,
    )


def test_current_year_counts_up_to_today_and_reads_the_finance_ledger(services, year_2025):
    for month in (1, 2):
        services.finance.ledger.save(
            team_support_draft(
                services, year_2025["t2"], month, spent_on=D(2026, month, 25), payee="Tổ hòa giải số 2"
            )
        )
    facts = services.mediation.facts(2026)
    # today is 30/11/2026: teams 1 and 2 for 11 months, team 3 from February (10 months)
    assert facts.teams_total == 3 and facts.team_support_expected_amount == (11 + 11 + 10) * 150_000
    assert (facts.team_support_paid_amount, facts.teams_supported) == (300_000, 1)
    assert facts.mediators_total == 6 and facts.cases_received == 0 and facts.fees_paid_amount == 400_000
    assert facts.fees_paid_for_cases_amount == 0  # c10 (paid 01/2026) belongs to 2025's cases
