"""The records tests share, built in one place: a ward profile, a staffed mediation team, a case, a fee
request, expenditure drafts, a dissemination session, the facts of a well-run ward for the scoring engine.

Plain functions. ``*_input`` / ``*_draft`` / ``ward_profile`` build a value and save nothing; ``add_*``,
``staffed_team`` and ``fee_request`` save through the services and return what was saved. Keyword arguments
override any field, so a test spells out only what it is about."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pbgdpl_desktop.domain.calendar import WorkingCalendar
from pbgdpl_desktop.domain.changes import MEDIATION
from pbgdpl_desktop.domain.dissemination import DisseminationForm, SessionInput, TargetGroup
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOutcome,
    MediatorInput,
    PartyInput,
    Sex,
    TeamInput,
)
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.domain.ward import CommuneType, WardProfile
from pbgdpl_desktop.reports.inputs import DocumentHeader
from pbgdpl_desktop.services.core.holidays import shipped_holidays

# ---------------------------------------------------------------- the ward


def ward_profile(**kw: Any) -> WardProfile:
    """Phường Hoàn Kiếm, Hà Nội; the optional fields (chairman, address …) empty unless given."""
    fields: dict[str, Any] = dict(
        province_code="01",
        province_name="Thành phố Hà Nội",
        commune_code="00070",
        commune_name="Phường Hoàn Kiếm",
        commune_type=CommuneType.PHUONG,
    )
    return WardProfile(**{**fields, **kw})


def document_header(**kw: Any) -> DocumentHeader:
    """The header block of a document of ``ward_profile(**kw)``."""
    return DocumentHeader.from_ward(ward_profile(**kw))


def shipped_calendar(*, include_unconfirmed: bool = False) -> WorkingCalendar:
    """The working-day calendar of the shipped holiday table alone (no day off added by a user)."""
    return WorkingCalendar.from_rows(shipped_holidays(), include_unconfirmed=include_unconfirmed)


# ---------------------------------------------------------------- mediation

MEMBERS = (("Nguyễn Văn Hùng", Sex.MALE), ("Trần Thị Lan", Sex.FEMALE), ("Lê Văn Bình", Sex.MALE))


def add_team(services, name: str = "Tổ hòa giải tổ dân phố số 1", *, area: str = "Tổ dân phố số 1", **kw):
    team, changes = services.mediation.teams.save(TeamInput(name=name, area=area, **kw))
    assert MEDIATION in changes
    return team


def mediator_input(
    team_id: str | None, name: str, sex: Sex = Sex.MALE, *, on: date = date(2025, 3, 10), **kw: Any
):
    """A mediator elected by 120 of 200 households and recognised (15/QĐ-UBND), both on ``on``."""
    fields: dict[str, Any] = dict(
        full_name=name,
        sex=sex,
        team_id=team_id,
        birth_year=1970,
        election_date=on,
        election_votes=120,
        election_households=200,
        recognition_number="15/QĐ-UBND",
        recognition_date=on,
    )
    return MediatorInput(**{**fields, **kw})


def add_mediator(services, team_id: str | None, name: str, sex: Sex = Sex.MALE, **kw: Any):
    mediator, _ = services.mediation.mediators.save(mediator_input(team_id, name, sex, **kw))
    return mediator


def staffed_team(services, name: str = "Tổ hòa giải tổ dân phố số 1", **kw: Any):
    """A team (``add_team(services, name, **kw)``) with the three ``MEMBERS``: returns (team, their ids)."""
    team = add_team(services, name, **kw)
    return team, [add_mediator(services, team.id, n, s).id for n, s in MEMBERS]


def case_input(team_id: str, mediator_ids, **kw: Any) -> CaseInput:
    """A land dispute between two households received on 02/03/2026, still being mediated."""
    fields: dict[str, Any] = dict(
        team_id=team_id,
        received_on=date(2026, 3, 2),
        category=CaseCategory.LAND,
        parties=(
            PartyInput("Phạm Văn Đức", birth_year=1965, address="Số 5 ngõ 12"),
            PartyInput("Đặng Thị Hoa"),
        ),
        mediator_ids=tuple(mediator_ids),
        summary="Tranh chấp lối đi chung giữa hai hộ liền kề.",
    )
    return CaseInput(**{**fields, **kw})


def fee_request(
    services,
    *,
    team_name: str = "Tổ hòa giải số 1",
    mediator: int = 0,
    received: date = date(2026, 3, 2),
    started: date = date(2026, 3, 3),
    settled: date = date(2026, 3, 10),
    requested: date = date(2026, 3, 12),
    **case: Any,
):
    """A staffed team, one case settled by ``MEMBERS[mediator]`` (Hùng unless told) and that mediator's fee
    request for it (400.000 đ, the TT 56 default): returns (team, request)."""
    saved_team, ids = staffed_team(services, team_name)
    fields: dict[str, Any] = dict(
        received_on=received,
        assigned_on=received,
        started_on=started,
        sessions_held=1,
        outcome=CaseOutcome.SETTLED,
        result_date=settled,
    )
    saved_case, _ = services.mediation.cases.save(
        case_input(saved_team.id, (ids[mediator],), **{**fields, **case})
    )
    request, _ = services.mediation.fees.create_request(ids[mediator], [saved_case.id], requested)
    return saved_team, request


# ---------------------------------------------------------------- finance


def expenditure_draft(
    services,
    code: str,
    spent_on: date,
    amount: int,
    description: str = "Khoản chi",
    *,
    source: FundingSource = FundingSource.COMMUNE,
    **kw: Any,
) -> ExpenditureDraft:
    """An expenditure of the catalogue category ``code`` (not saved)."""
    category = services.finance.catalogue.category_by_code(code)
    return ExpenditureDraft(spent_on, category.id, source, amount, description, **kw)


def fee_payment_draft(services, request, spent_on: date, **kw: Any) -> ExpenditureDraft:
    """Paying a fee request (a settled case): its whole amount unless ``amount=`` says otherwise."""
    fields: dict[str, Any] = dict(quantity=1, norm_variant="settled", fee_request_id=request.id)
    amount = kw.pop("amount", request.total_amount)
    return expenditure_draft(
        services, MEDIATOR_FEE, spent_on, amount, "Chi thù lao hòa giải", **{**fields, **kw}
    )


def team_support_draft(
    services, team_id: str, month: int, amount: int = 150_000, **kw: Any
) -> ExpenditureDraft:
    """The monthly support of a team for ``month`` of 2026, paid on the 28th."""
    fields: dict[str, Any] = dict(quantity=1, team_id=team_id, support_month=month)
    spent_on = kw.pop("spent_on", date(2026, month, 28))
    return expenditure_draft(
        services, TEAM_SUPPORT, spent_on, amount, f"Hỗ trợ tổ tháng {month}", **{**fields, **kw}
    )


# ---------------------------------------------------------------- dissemination


def session_input(**kw: Any) -> SessionInput:
    """A conference on the 2024 Land Law at the cultural house of residential group 5: 60 people, 35 women."""
    fields: dict[str, Any] = {
        "held_on": date(2026, 3, 5),
        "title": "Phổ biến Luật Đất đai 2024",
        "form": DisseminationForm.CONFERENCE,
        "place": "Nhà văn hóa tổ 5",
        "residential_group": "Tổ dân phố 5",
        "target_groups": (TargetGroup.GENERAL,),
        "attendance_total": 60,
        "attendance_women": 35,
    }
    return SessionInput(**{**fields, **kw})


# ---------------------------------------------------------------- scoring: a well-run ward (everything done)
# The starting point of the golden tests and the property tests, which change one value at a time from here.


def good_facts(year: int) -> dict[str, Any]:
    return {
        "legal_docs.assigned": 4,
        "legal_docs.issued": 4,
        "legal_docs.issued_on_time": 4,
        "legal_docs.unlawful_handled": 0,
        "legal_docs.drafts_required": 4,
        "legal_docs.drafts_communicated": 4,
        "legal_docs.self_inspected": 4,
        "legal_docs.disclosed": 4,
        "info_requests.received": 5,
        "info_requests.answered": 5,
        "info_requests.answered_on_time": 5,
        "dissemination.plan_exists": True,
        "dissemination.plan_directive_date": date(year, 1, 5),
        "dissemination.plan_issue_date": date(year, 1, 9),
        "dissemination.plan_tasks_set": 12,
        "dissemination.plan_tasks_done": 12,
        "dissemination.arising_tasks": 3,
        "dissemination.arising_tasks_done": 3,
        "dissemination.planned_tasks_funded": 12,
        "dissemination.legal_aid_tasks_set": 2,
        "dissemination.legal_aid_tasks_done": 2,
        "dissemination.propagandists_total": 10,
        "dissemination.propagandists_trained": 10,
        "dissemination.digital_activities": frozenset({DigitalActivity.SOCIAL_NETWORK.value}),
        "mediation.teams_total": 6,
        "mediation.teams_meeting_composition": 6,
        "mediation.mediator_actions_required": 2,
        "mediation.mediator_actions_done": 2,
        "mediation.mediators_total": 30,
        "mediation.mediators_trained": 30,
        "mediation.cases_received": 10,
        "mediation.cases_due": 10,
        "mediation.cases_mediated": 10,
        "mediation.cases_settled": 9,
        "mediation.cases_concluded": 10,
        "mediation.teams_with_2_coordination": 6,
        "mediation.teams_supported": 6,
        "mediation.cases_fee_eligible": 10,
        "mediation.cases_fee_paid_lawful": 10,
        "mediation.fees_paid_amount": 3_900_000,
        "mediation.fees_paid_for_cases_amount": 3_900_000,
        "mediation.team_support_paid_amount": 10_800_000,
        "norms.mediator_fee_ceiling": 3_900_000,
        "norms.team_support_ceiling": 10_800_000,
    }


def good_manual_qd25() -> dict[str, Any]:
    manual: dict[str, Any] = {
        "input.leader_disciplined": False,
        "input.admin_docs_total": 20,
        "input.admin_docs_lawful": 20,
        "input.disclosure_list_made": True,
        "input.tc2_ct4_points": Decimal(5),
        "input.facilities_ok": True,
        "input.tgpl_info_posted": True,
        "input.no_staff_disciplined": True,
        "input.antt_recognized": True,
        "input.tc5_ct1_points": Decimal(6),
        "input.tc5_ct2_points": Decimal(6),
    }
    manual.update({f"input.tc4_ct{i}_points": Decimal(5) for i in range(1, 6)})
    return manual


def good_manual_qd27() -> dict[str, Any]:
    return {
        "input.leader_disciplined": False,
        "input.disclosure_list_made": True,
        "input.disclosure_list_published": True,
        "input.plan_not_tasked": False,
        "input.ct2_6_1": True,
        "input.ct2_7_1": True,
        "input.ct2_7_3": True,
        "input.ct3_4_1": True,
    }
