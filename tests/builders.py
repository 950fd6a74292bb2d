"""The records tests share, built in one place: a ward profile, a staffed mediation team, a case, a fee
request, expenditure drafts, a dissemination session.

Plain functions. ``*_input`` / ``*_draft`` / ``ward_profile`` build a value and save nothing; ``add_*``,
``staffed_team`` and ``fee_request`` save through the services and return what was saved. Keyword arguments
override any field, so a test spells out only what it is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import MEDIATION
from pbgdpl_desktop.domain.dissemination import DisseminationForm, SessionInput, TargetGroup
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
