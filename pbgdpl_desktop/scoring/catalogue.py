"""The facts a rule file may reference, with their type and a Vietnamese label.

Facts from the other modules are the fields of the dataclasses in ``domain.facts`` (prefix = module:
``dissemination.plan_tasks_set``); the registers of this module add ``legal_docs.*`` and
``info_requests.*``; ``norms.*`` are ceilings computed from the norm table. The loader refuses a rule that
references a name that is not here (or a manual input the file does not declare).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from datetime import date

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts

INT, BOOL, DATE, SET, MONEY = "int", "bool", "date", "set", "money"


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    label: str
    module: str  # dissemination | mediation | finance | assessment (own registers) | norms


_LABELS: dict[str, str] = {
    "dissemination.plan_exists": "Đã ban hành Kế hoạch PBGDPL năm",
    "dissemination.plan_issue_date": "Ngày ban hành Kế hoạch PBGDPL",
    "dissemination.plan_directive_date": "Ngày văn bản chỉ đạo (tính hạn ban hành kế hoạch)",
    "dissemination.plan_tasks_set": "Số nhiệm vụ trong Kế hoạch PBGDPL",
    "dissemination.plan_before_directive": "Kế hoạch ban hành trước văn bản chỉ đạo",
    "dissemination.plan_funded_amount": "Kinh phí của Kế hoạch PBGDPL",
    "dissemination.plan_tasks_done": "Số nhiệm vụ trong kế hoạch đã hoàn thành",
    "dissemination.arising_tasks": "Số nhiệm vụ phát sinh ngoài kế hoạch",
    "dissemination.arising_tasks_done": "Số nhiệm vụ phát sinh đã hoàn thành",
    "dissemination.planned_tasks_funded": "Số nhiệm vụ trong kế hoạch được phân bổ kinh phí",
    "dissemination.legal_aid_tasks_set": "Số nhiệm vụ truyền thông trợ giúp pháp lý",
    "dissemination.legal_aid_tasks_done": "Số nhiệm vụ truyền thông trợ giúp pháp lý đã thực hiện",
    "dissemination.propagandists_total": "Số tuyên truyền viên pháp luật",
    "dissemination.propagandists_trained": "Số tuyên truyền viên được tập huấn, bồi dưỡng",
    "dissemination.digital_activities": "Hoạt động chuyển đổi số đã thực hiện",
    "mediation.teams_total": "Số tổ hòa giải",
    "mediation.teams_meeting_composition": "Số tổ hòa giải đủ số lượng, thành phần",
    "mediation.mediator_actions_required": "Số trường hợp phải bầu, công nhận, cho thôi hòa giải viên",
    "mediation.mediator_actions_done": "Số trường hợp bầu, công nhận, cho thôi đúng quy định",
    "mediation.mediators_total": "Số hòa giải viên",
    "mediation.mediators_trained": "Số hòa giải viên được cấp tài liệu, tập huấn",
    "mediation.cases_received": "Số vụ việc tiếp nhận (thuộc phạm vi hòa giải)",
    "mediation.cases_recorded": "Số vụ việc ghi vào sổ (kể cả vụ việc từ chối, chuyển cơ quan có thẩm quyền)",
    "mediation.cases_due": "Số vụ việc thuộc phạm vi phải hòa giải (trừ vụ việc còn trong thời hạn 03 ngày)",
    "mediation.cases_window_open": "Số vụ việc mới tiếp nhận còn trong thời hạn bắt đầu hòa giải",
    "mediation.cases_concluded": "Số vụ việc đã kết thúc (hòa giải thành + không thành)",
    "mediation.cases_mediated": "Số vụ việc đã hòa giải",
    "mediation.cases_settled": "Số vụ việc hòa giải thành",
    "mediation.teams_with_2_coordination": "Số tổ có ≥ 2 hoạt động phối hợp, hỗ trợ hiệu quả",
    "mediation.teams_supported": "Số tổ được hỗ trợ kinh phí hoạt động",
    "mediation.cases_fee_eligible": "Số vụ việc được chi thù lao",
    "mediation.cases_fee_paid_lawful": "Số vụ việc đã chi thù lao đúng mức",
    "mediation.fees_paid_amount": "Tiền thù lao hòa giải viên đã chi",
    "mediation.fees_paid_for_cases_amount": "Tiền thù lao đã chi cho các vụ việc của năm",
    "mediation.team_support_paid_amount": "Tiền hỗ trợ tổ hòa giải đã chi",
    "legal_docs.assigned": "Số VBQPPL được giao hoặc tự xác định phải ban hành",
    "legal_docs.issued": "Số VBQPPL đã ban hành",
    "legal_docs.issued_on_time": "Số VBQPPL ban hành đúng thời hạn",
    "legal_docs.unlawful_handled": "Số VBQPPL trái pháp luật bị cơ quan có thẩm quyền xử lý",
    "legal_docs.drafts_required": "Số dự thảo VBQPPL phải truyền thông",
    "legal_docs.drafts_communicated": "Số dự thảo VBQPPL đã được truyền thông",
    "legal_docs.self_inspected": "Số VBQPPL đã tự kiểm tra",
    "legal_docs.disclosed": "Số VBQPPL đã công khai sau khi ban hành",
    "info_requests.received": "Số yêu cầu cung cấp thông tin đã tiếp nhận",
    "info_requests.answered": "Số yêu cầu đã trả lời",
    "info_requests.answered_on_time": "Số yêu cầu được cung cấp đúng hạn",
    "norms.team_support_ceiling": "Mức trần hỗ trợ tổ hòa giải (số tổ × 12 tháng × định mức)",
    "norms.mediator_fee_ceiling": "Mức trần thù lao hòa giải viên (theo số vụ thành / không thành)",
}

_OWN: tuple[tuple[str, str], ...] = (
    ("legal_docs.assigned", INT),
    ("legal_docs.issued", INT),
    ("legal_docs.issued_on_time", INT),
    ("legal_docs.unlawful_handled", INT),
    ("legal_docs.drafts_required", INT),
    ("legal_docs.drafts_communicated", INT),
    ("legal_docs.self_inspected", INT),
    ("legal_docs.disclosed", INT),
    ("info_requests.received", INT),
    ("info_requests.answered", INT),
    ("info_requests.answered_on_time", INT),
    ("norms.team_support_ceiling", MONEY),
    ("norms.mediator_fee_ceiling", MONEY),
)


def _type_of(hint: object) -> str | None:
    if hint is bool:
        return BOOL
    if hint is int or hint == (int | None):
        return INT
    if hint is date or hint == (date | None):
        return DATE
    if typing.get_origin(hint) is frozenset:
        return SET
    return None  # dicts and text are not scoring facts


def _module_facts(module: str, cls: type) -> list[FactSpec]:
    hints = typing.get_type_hints(cls)
    specs = []
    for f in fields(cls):
        kind = _type_of(hints[f.name])
        if f.name == "year" or kind is None:
            continue
        name = f"{module}.{f.name}"
        if kind == INT and f.name.endswith("_amount"):
            kind = MONEY
        specs.append(FactSpec(name, kind, _LABELS.get(name, f.name.replace("_", " ")), module))
    return specs


def _build() -> dict[str, FactSpec]:
    specs = (
        _module_facts("dissemination", DisseminationFacts)
        + _module_facts("mediation", MediationFacts)
        + _module_facts("finance", FinanceFacts)
    )
    specs += [FactSpec(name, kind, _LABELS[name], name.split(".")[0]) for name, kind in _OWN]
    return {s.name: s for s in specs}


CATALOGUE: dict[str, FactSpec] = _build()


def fact_label(name: str) -> str:
    spec = CATALOGUE.get(name)
    return spec.label if spec else name
