"""Facts of a year that the modules compute from their records and the scoring module reads.

Contract between the modules: the dissemination, mediation and finance services each return one of these
dataclasses from ``facts(year)``; ``services.assessment.facts`` turns them into the flat fact dictionary
the rule files reference (``dissemination.plan_tasks_set`` …). Add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pbgdpl_desktop.domain.labels import LabelledEnum


class DigitalActivity(LabelledEnum):
    """Digital dissemination activities (QĐ 27 CT2.5)."""

    ONLINE_CONTEST = "online_contest", "Cuộc thi tìm hiểu pháp luật trực tuyến"
    ONLINE_TRAINING = "online_training", "Tập huấn, bồi dưỡng trực tuyến cho đội ngũ làm công tác PBGDPL"
    PORTAL = "portal", "PBGDPL trên Cổng/Trang thông tin điện tử của xã (kết nối Cổng Pháp luật quốc gia)"
    SOCIAL_NETWORK = "social_network", "Mạng xã hội, nền tảng cộng đồng trực tuyến"
    DIGITAL_PRODUCT = "digital_product", "Sản phẩm số hóa (video clip, podcast, audio…)"
    CHATBOT = "chatbot", "Chatbot giải đáp pháp luật"
    SMS = "sms", "Tin nhắn điện thoại"
    OTHER_DIGITAL = "other_digital", "Hoạt động chuyển đổi số phù hợp khác"


@dataclass(frozen=True)
class DisseminationFacts:
    year: int
    sessions_total: int = 0
    sessions_by_form: dict[str, int] = field(default_factory=dict)  # DisseminationForm value → count
    sessions_by_target_group: dict[str, int] = field(default_factory=dict)
    sessions_by_month: dict[int, int] = field(default_factory=dict)  # 1..12 → count
    participants_total: int = 0
    participants_women: int = 0
    participants_special_groups: int = 0
    law_day_sessions: int = 0
    materials_handed_out: int = 0
    digital_activities: frozenset[str] = frozenset()  # DigitalActivity values that occurred
    plan_exists: bool = False
    plan_number: str = ""
    plan_issue_date: date | None = None
    plan_directive_date: date | None = None  # date of the directing document (deadline counts from it)
    plan_tasks_set: int = 0  # tasks planned in the yearly plan
    plan_tasks_done: int = 0
    arising_tasks: int = 0  # tasks arising outside the plan
    arising_tasks_done: int = 0
    planned_tasks_funded: int = 0
    legal_aid_tasks_set: int = 0  # category "information about legal aid" (QĐ 27 CT2.7)
    legal_aid_tasks_done: int = 0
    propagandists_total: int = 0
    propagandists_trained: int = 0
    reporters_total: int = 0
    bookcase_titles: int = 0
    bookcase_copies: int = 0
    bookcase_loans: int = 0
    plan_before_directive: bool = False  # issued before its directing document: flagged (#16)
    plan_funded_amount: int = 0  # kinh phí của kế hoạch
    plan_tasks_by_category: dict[str, int] = field(default_factory=dict)  # TaskCategory value → planned tasks


@dataclass(frozen=True)
class MediationFacts:
    year: int
    teams_total: int = 0
    teams_meeting_composition: int = 0  # ≥ 3 mediators, ≥ 1 woman, minority mediator where required
    mediator_actions_required: int = 0  # elections/recognitions/releases that had to be done in the year
    mediator_actions_done: int = 0  # … done lawfully (votes > 50 %, decision recorded)
    mediators_total: int = 0  # active at the end of the year (or today for the current year)
    mediators_trained: int = 0  # given materials or training in the year
    cases_received: int = 0  # in scope (refused and referred cases not counted)
    cases_refused_out_of_scope: int = 0
    cases_mediated: int = 0  # ended in one of the three lawful ways or still being mediated after start
    cases_settled: int = 0
    cases_not_settled: int = 0
    cases_stopped: int = 0  # stopped at a party's request
    cases_referred: int = 0
    cases_in_progress: int = 0
    cases_started_late: int = 0  # mediation began > 3 days after assignment
    teams_with_2_coordination: int = 0
    cases_fee_eligible: int = 0
    cases_fee_paid_lawful: int = 0  # paid, at a rate ≤ the applicable ceiling and > 0
    fees_paid_amount: int = 0
    fees_expected_amount: int = 0  # Σ applicable rate over eligible cases
    team_support_paid_amount: int = 0
    team_support_expected_amount: int = 0  # Σ teams × months × applicable monthly rate
    teams_supported: int = 0
    # fees paid FOR the year's eligible cases, whenever paid: the same basis as fees_expected_amount
    # (fees_paid_amount is cash paid in the year, which mixes in last year's December cases)
    fees_paid_for_cases_amount: int = 0
    # one definition for every page (domain.mediation.count_cases): recorded = every case in the book;
    # due = in-scope cases minus those whose 03-day start window is still open on the reference date;
    # concluded = settled + not settled (the settled share's denominator; in progress reported apart)
    cases_recorded: int = 0
    cases_window_open: int = 0
    cases_due: int = 0
    cases_concluded: int = 0


@dataclass(frozen=True)
class FinanceFacts:
    year: int
    budget_planned_total: int = 0  # after adjustments
    spent_total: int = 0  # PBGDPL + mediation spending of the year
    minimum_budget_required: int | None = None  # configured minimum for the ward, None = no minimum
    spent_by_category: dict[str, int] = field(default_factory=dict)
    spent_by_source: dict[str, int] = field(default_factory=dict)
    planned_tasks_total: int = 0
    planned_tasks_funded: int = 0  # planned tasks with at least one linked expenditure or marked funded
    team_support_paid_amount: int = 0
    team_support_due_amount: int = 0  # teams × months × rate
    mediator_fees_paid_amount: int = 0
    mediator_fees_due_amount: int = 0  # eligible cases × rate
    over_ceiling_count: int = 0  # expenditures above ceiling × quantity
