"""Sample facts of a well-run ward (everything done): the starting point of the golden tests, the property
tests and the benchmark. Tests change one value at a time from here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pbgdpl_desktop.domain.facts import DigitalActivity


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
        "mediation.cases_mediated": 10,
        "mediation.cases_settled": 9,
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
        "input.teams_not_arisen": False,
        "input.ct3_4_1": True,
    }
