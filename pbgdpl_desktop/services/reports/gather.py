"""Maps the other features' DTOs onto the plain inputs of ``pbgdpl_desktop.reports`` (one function per
document kind). Qt-free; reads only through the features' façades (``ReportSources``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pbgdpl_desktop.domain.assessment import ProcedureEntry
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.domain.errors import NotFoundError
from pbgdpl_desktop.domain.finance import FundingSource
from pbgdpl_desktop.domain.mediation import SETTLED_SHARE_DEFINITION, CaseCategory, CaseOutcome, PartyInput
from pbgdpl_desktop.reports.inputs import (
    MISSING,
    AssessmentLine,
    CaseBookInput,
    CaseBookRow,
    CriterionLine,
    DetailSheet,
    DocumentHeader,
    DossierInput,
    FeeCase,
    FeeRequestInput,
    IndicatorLine,
    Labels,
    Period,
    PeriodicReportInput,
    PlanSummary,
    PlanTaskLine,
    StatisticsInput,
)
from pbgdpl_desktop.scoring import AssessmentResult, NodeResult
from pbgdpl_desktop.scoring.model import Node as RuleNode
from pbgdpl_desktop.scoring.model import Ruleset
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.dissemination.dto import SessionQuery
from pbgdpl_desktop.services.mediation.dto import CaseDTO, FeeLineDTO
from pbgdpl_desktop.services.reports.period import (
    half_year_dissemination,
    half_year_mediation,
    half_year_note,
)
from pbgdpl_desktop.services.reports.sources import ReportSources

PAGE = 500
VERDICT_TEXT = {
    "pass": "Đạt chuẩn tiếp cận pháp luật",
    "fail": "Chưa đạt chuẩn tiếp cận pháp luật",
    "pending": "Chưa đủ dữ liệu để kết luận",
}


def header(services: ReportSources) -> DocumentHeader:
    return DocumentHeader.from_ward(services.ward.get())


def labels(services: ReportSources) -> Labels:
    categories = {c.code: c.name for c in services.finance.catalogue.categories(include_inactive=True)}
    return Labels(
        forms={f.value: f.label for f in DisseminationForm},
        target_groups={g.value: g.label for g in TargetGroup},
        spend_categories=categories,
        spend_sources={s.value: s.label for s in FundingSource},
        case_categories={c.value: c.label for c in CaseCategory},
    )


def year_facts(services: ReportSources, period: Period, today: date) -> tuple:
    """(dissemination, mediation, finance facts, data_until, note) of the period: a half-year asked for after
    30/06 is recounted from the record lists where they allow it, and the document says so."""
    d, m, f = (
        services.dissemination.facts(period.year),
        services.mediation.facts(period.year),
        services.finance.facts(period.year),
    )
    if period.kind == "h1" and today > period.end:
        d = half_year_dissemination(services, d, period)
        m = half_year_mediation(services, m, period)
        return d, m, f, None, half_year_note(period, today)  # the note says what covers which dates
    return d, m, f, (min(today, period.end) if today.year == period.year else None), ""


def periodic(
    services: ReportSources, period: Period, today: date, *, final: bool = False
) -> PeriodicReportInput:
    d, m, f, until, note = year_facts(services, period, today)
    return PeriodicReportInput(
        header(services),
        period,
        d,
        m,
        f,
        issue_date=today,
        data_until=until,
        labels=labels(services),
        note=note,
        draft=today < period.end and not final,
        plan=plan_summary(services, period.year),
    )


def plan_summary(services: ReportSources, year: int) -> PlanSummary | None:
    plan = services.dissemination.plans.plan(year)
    if plan is None:
        return None
    directive = plan.directive_number
    if plan.directive_on:
        directive = (directive + " " if directive else "văn bản ") + f"ngày {format_date(plan.directive_on)}"
    tasks = [
        PlanTaskLine(
            t.data.title,
            t.data.category.label,
            t.data.lead_unit,
            t.data.coordinating_units,
            t.data.period,
            t.data.topics,
            ", ".join(g.label for g in t.data.target_groups),
            "Đã hoàn thành" if t.done else t.data.status.label,
            t.data.funded_amount,
        )
        for t in services.dissemination.plans.tasks(plan.id)
    ]
    return PlanSummary(
        plan.number,
        plan.title,
        plan.issued_on,
        directive,
        plan.legal_bases,
        plan.funded_amount or sum(t.funded_amount for t in tasks),
        tasks,
        plan.warnings,
    )


def _cases(services: ReportSources, filters: dict) -> Iterator:
    source = services.mediation.cases.list_source()
    query = ListQuery(filters=filters, sort_key="received_on", descending=False)
    total = source.count(query)
    for offset in range(0, total, PAGE):
        yield from source.page(query, offset, PAGE)


def statistics(
    services: ReportSources, period: Period, today: date, *, final: bool = False
) -> StatisticsInput:
    by_category: dict[str, int] = {}
    by_team: dict[str, dict[str, int]] = {}
    detail_rows = []
    for row in _cases(services, {"year": period.year}):
        if period.kind == "h1" and row.received_on > period.end:
            continue
        by_category[row.category_label] = by_category.get(row.category_label, 0) + 1
        team = by_team.setdefault(row.team_name or "Chưa có tổ", {})
        team[row.outcome_label] = team.get(row.outcome_label, 0) + 1
        detail_rows.append(
            (
                row.number_text,
                row.team_name,
                row.received_on,
                row.category_label,
                row.outcome_label,
                row.result_date,
            )
        )
    details = (
        [
            DetailSheet(
                "Danh sách vụ việc",
                ["Số", "Tổ hòa giải", "Ngày tiếp nhận", "Loại việc", "Kết quả", "Ngày kết thúc"],
                detail_rows,
                [10, 28, 14, 30, 30, 14],
                date_columns=frozenset({2, 5}),
            )
        ]
        if detail_rows
        else []
    )
    details.insert(0, _sessions_sheet(services, period))
    lines, verdict = assessment_lines(services, period.year)
    d, m, f, _, _ = year_facts(services, period, today)
    return StatisticsInput(
        header(services),
        period,
        d,
        m,
        f,
        labels=labels(services),
        cases_by_category=by_category,
        cases_by_team=by_team,
        assessment=lines,
        assessment_verdict=verdict,
        details=details,
        draft=today < period.end and not final,
    )


def _session_rows(services: ReportSources, period: Period) -> Iterator[tuple]:
    """Streamed page by page (a year may hold many thousand sessions); oldest first."""
    source = services.dissemination.sessions.list_source()
    query = SessionQuery(year=period.year, descending=False)
    total = source.count(query)
    for offset in range(0, total, PAGE):
        for row in source.page(query, offset, PAGE):
            if row.held_on <= period.end:
                yield (
                    row.held_on,
                    row.title,
                    row.form.label,
                    ", ".join(g.label for g in row.target_groups),
                    row.place,
                    row.residential_group,
                    row.attendance_total,
                    row.attendance_women,
                    row.speakers_text,
                )


def _sessions_sheet(services: ReportSources, period: Period) -> DetailSheet:
    return DetailSheet(
        "Danh sách hoạt động PBGDPL",
        [
            "Ngày",
            "Nội dung",
            "Hình thức",
            "Đối tượng",
            "Địa điểm",
            "Tổ dân phố",
            "Số người",
            "Nữ",
            "Báo cáo viên, TTV",
        ],
        _session_rows(services, period),
        [12, 40, 24, 28, 24, 16, 10, 8, 28],
        date_columns=frozenset({0}),
    )


def points_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def _result_text(node: NodeResult) -> str:
    if node.max_points is not None and node.points is not None:
        return f"{points_text(node.points)}/{points_text(node.max_points)} điểm"
    return node.verdict.label


def assessment_result(services: ReportSources, year: int) -> AssessmentResult | None:
    try:
        return services.assessment.scoring.compute(year)
    except Exception:  # noqa: BLE001 - no ruleset for the year / no ward: the documents say "chưa đánh giá"
        return None


def assessment_lines(services: ReportSources, year: int) -> tuple[list[AssessmentLine], str]:
    result = assessment_result(services, year)
    if result is None:
        return [], "Chưa đánh giá"
    lines = [
        AssessmentLine(c.code, c.title, _result_text(c), any(n.unconfirmed for n in c.walk()))
        for c in result.criteria
    ]
    return lines, VERDICT_TEXT.get(result.verdict.value, result.verdict.label)


def case_books(services: ReportSources, year: int, team_id: str | None = None) -> list[CaseBookInput]:
    teams = [t for t in services.mediation.teams.all() if team_id in (None, t.id)]
    head = header(services)
    books = []
    for team in teams:
        rows = []
        for index, row in enumerate(_cases(services, {"year": year, "team_id": team.id}), 1):
            case = services.mediation.cases.get(row.id)
            rows.append(
                CaseBookRow(
                    serial=index,
                    received=case.received_on,
                    mediators="; ".join(case.mediator_names)
                    + (f"; mời: {case.invited_persons}" if case.invited_persons else ""),
                    parties="; ".join(_party(p) for p in case.parties),
                    substance=case.summary,
                    agreement=_column_6(case),
                    result=case.outcome.label,
                    notes=case.follow_up,
                    mediator=", ".join(case.mediator_names),
                    category=_scope(case),
                )
            )
        books.append(
            CaseBookInput(
                head,
                team.name,
                year,
                rows,
                village=team.area,
                opened=date(year, 1, 1),
                team_leader=team.head_name,
            )
        )
    return books


def _column_6(case: CaseDTO) -> str:
    """Column (6) of the book: the agreement of the parties, or — when not settled — each party's demands
    (the clerk writes them in the agreement/outcome fields); a refused or referred case says why / where."""
    text = case.agreement_text or case.outcome_note
    if case.outcome is CaseOutcome.NOT_SETTLED:
        return f"Yêu cầu của các bên: {text}" if text else "Yêu cầu của các bên: (chưa ghi)"
    if case.outcome is CaseOutcome.REFUSED:
        return f"Không thuộc phạm vi hòa giải: {case.outcome_note}".rstrip(": ")
    if case.outcome is CaseOutcome.REFERRED:
        return f"Chuyển đến: {case.outcome_note}".rstrip(": ")
    return text


def _scope(case: CaseDTO) -> str:
    """Part II "by scope": a refused or referred case is outside the scope of mediation, never "Khác"."""
    if case.outcome in (CaseOutcome.REFUSED, CaseOutcome.REFERRED):
        return "Không thuộc phạm vi hòa giải"
    return case.category.label


def _party(party: PartyInput) -> str:
    parts = [party.full_name]
    if party.birth_year:
        parts.append(f"sinh năm {party.birth_year}")
    if party.address:
        parts.append(party.address)
    return ", ".join(parts)


def fee_requests(services: ReportSources, year: int, request_id: str | None = None) -> list[FeeRequestInput]:
    head = header(services)
    requests = (
        [services.mediation.fees.get(request_id)]
        if request_id
        else services.mediation.fees.requests(year=year)
    )
    out = []
    for req in requests:
        mediator = services.mediation.mediators.get(req.mediator_id)
        team = services.mediation.teams.get(req.team_id)
        cases = [
            FeeCase(i, line.result_date, _fee_case_text(services, line), line.outcome.label, line.amount)
            for i, line in enumerate(req.lines, 1)
        ]
        out.append(
            FeeRequestInput(
                head,
                req.team_name,
                req.mediator_name,
                mediator.address,
                cases,
                req.requested_on,
                team_leader=team.head_name,
                village=team.area,
                requester_is_leader=team.head_mediator_id == req.mediator_id,
            )
        )
    return out


def _fee_case_text(services: ReportSources, line: FeeLineDTO) -> str:
    """ "Vụ việc số 4/2026: tranh chấp lối đi (Trần Văn A – Lê Thị B)"; the number alone if the case is gone."""
    text = f"Vụ việc số {line.number_text}"
    try:
        case = services.mediation.cases.get(line.case_id)
    except NotFoundError:
        return text
    names = " – ".join(p.full_name for p in case.parties[:3])
    return text + (f": {case.summary}" if case.summary else "") + (f" ({names})" if names else "")


CITATIONS = {
    "qd25_2021": (
        "Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ quy định về xã, phường, thị trấn "
        "đạt chuẩn tiếp cận pháp luật và Thông tư số 09/2021/TT-BTP ngày 15/11/2021 của Bộ trưởng Bộ Tư pháp "
        "hướng dẫn thi hành Quyết định số 25/2021/QĐ-TTg"
    ),
    "qd27_2025": (
        "Quyết định số 27/2025/QĐ-TTg ngày 04/8/2025 của Thủ tướng Chính phủ quy định về xã, phường, đặc khu "
        "đạt chuẩn tiếp cận pháp luật và Thông tư số 15/2025/TT-BTP ngày 11/9/2025 của Bộ trưởng Bộ Tư pháp "
        "hướng dẫn thi hành Quyết định số 27/2025/QĐ-TTg"
    ),
}
LOCAL_CHOICE_NOTE = (
    "Ngưỡng/bậc điểm này không có trong văn bản pháp luật: là lựa chọn của tỉnh (hoặc xã) trong bộ tiêu chí "
    "cài đặt, tỉnh có thể thay đổi bằng tệp bộ tiêu chí."
)
SETTLED_SHARE_FACT = "mediation.cases_concluded"


def recipient_and_deadline(head: DocumentHeader, year: int) -> tuple[str, str]:
    """QĐ 25/2021 Điều 5.2: for years up to 2024 the dossier goes to the district People's Committee before
    10/01 of the next year; from 2025 (no districts any more) to the province through its Department of
    Justice (the ward profile's receiving office)."""
    if year <= 2024:
        district = head.legacy_district or "quận, huyện"
        return f"Ủy ban nhân dân {district}", f"trước ngày 10/01/{year + 1}"
    office = head.receiving_office
    if office in ("", MISSING):
        office = f"Sở Tư pháp {head.province_name}"
    return office, ""


def dossier(services: ReportSources, year: int, today: date, *, final: bool = False) -> DossierInput:
    result = assessment_result(services, year)
    head = header(services)
    recipient, deadline = recipient_and_deadline(head, year)
    draft = today < date(year, 12, 31) and not final
    if result is None:
        return DossierInput(
            head,
            year,
            "quy định về chuẩn tiếp cận pháp luật",
            [],
            "Chưa đánh giá",
            "Chưa đánh giá",
            None,
            today,
            recipient=recipient,
            deadline=deadline,
            draft=draft,
        )
    ruleset = services.assessment.records.ruleset_of(year)
    criteria = [
        CriterionLine(
            c.code,
            c.title,
            _float(c.max_points),
            _result_text(c),
            [_indicator(services, year, node, ruleset) for node in _below(c)],
            unconfirmed=c.unconfirmed,
            result_unconfirmed=any(n.unconfirmed for n in c.walk()),
        )
        for c in result.criteria
    ]
    if result.total is not None:
        total = f"{points_text(result.total)}/{points_text(result.max_total)} điểm"
    else:
        passed = sum(1 for c in result.criteria if c.verdict.value in ("pass", "na"))
        total = f"Đạt {passed}/{len(result.criteria)} tiêu chí"
    steps = {s.code: s for s in services.assessment.procedure.checklist(year)}
    posting_step = steps.get("posting")
    settled = any(n.denominator == SETTLED_SHARE_FACT for n in ruleset.nodes())
    return DossierInput(
        head,
        year,
        CITATIONS.get(ruleset.id) or "; ".join(ruleset.legal_basis) or ruleset.title,
        criteria,
        total,
        VERDICT_TEXT.get(result.verdict.value, result.verdict.label),
        result.verdict.value == "pass",
        today,
        comments_note=steps["comments"].note if "comments" in steps else "",
        posting=_posting(posting_step),
        summary=_shortcomings(result),
        ruleset=f"{ruleset.title} (phiên bản {ruleset.version})",
        points_mode=result.total is not None,
        total_unconfirmed=any(n.unconfirmed for n in ruleset.nodes()) or bool(ruleset.unconfirmed_rules),
        recipient=recipient,
        deadline=deadline,
        posting_check=posting_step.message if posting_step and posting_step.start_date else "",
        draft=draft,
        notes=(f"(**) {SETTLED_SHARE_DEFINITION}",) if settled else (),
    )


def _shortcomings(result: AssessmentResult) -> str:
    """What keeps the ward from the standard (at most 8 items), named by the indicators' titles — the
    engine's codes and fact names never reach the report body."""
    if not result.blocking:
        return ""
    titles = {n.code: n.title for c in result.criteria for n in c.walk()}
    items = [_plain(text, titles) for text in result.blocking]
    more = f"; và {len(items) - 8} nội dung khác (xem Bản tổng hợp điểm số)" if len(items) > 8 else ""
    return f"Các nội dung chưa đạt: {'; '.join(items[:8])}{more}."


_LEAF = re.compile(r"^Tiêu chí (\S+) — (\S+): ")
_CRITERION = re.compile(r"^Tiêu chí (\S+): ")
_DISQUALIFIER = re.compile(r"^Điều kiện loại trừ (\S+): ")


def _plain(text: str, titles: dict[str, str]) -> str:
    text = _LEAF.sub(lambda m: f"{titles.get(m.group(2), m.group(2))}: ", text)
    text = _CRITERION.sub(lambda m: f"Tiêu chí “{titles.get(m.group(1), m.group(1))}”: ", text)
    text = _DISQUALIFIER.sub("Điều kiện loại trừ: ", text)
    # a group's reason lists the failing items by code ("không đạt: CT2.6.2, CT2.6.3"): their titles instead
    return re.sub(
        r"không đạt: ([\w.]+(?:, [\w.]+)*)$",
        lambda m: "không đạt: " + "; ".join(titles.get(c, c) for c in m.group(1).split(", ")),
        text,
    )


def _below(node: NodeResult) -> Iterator[NodeResult]:
    """Indicators and their items, depth first."""
    for child in node.children:
        yield child
        yield from _below(child)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _indicator(services: ReportSources, year: int, node: NodeResult, ruleset: Ruleset) -> IndicatorLine:
    evidence = tuple(e.original_name for e in services.assessment.records.evidence(year, node.code))
    rule = ruleset.node(node.code)
    data, rate = ("", "") if node.children else (node.display, "")  # a group's display is its points
    if isinstance(node.value, list) and len(node.value) == 2:
        num, den = node.value
        data = f"{num}/{den}"
        rate = f"{num * 100 / den:.1f} %".replace(".0 %", " %").replace(".", ",") if den else "—"
    notes = []
    if rule is not None and rule.local_choice:
        notes.append(LOCAL_CHOICE_NOTE)
    if rule is not None and rule.denominator == SETTLED_SHARE_FACT:
        notes.append("Tỷ lệ hòa giải thành (**).")
    return IndicatorLine(
        node.code,
        node.title,
        _float(node.max_points),
        node.display,
        _result_text(node),
        node.reason,
        evidence,
        data=data,
        rate=rate,
        unconfirmed=node.unconfirmed,
        note=" ".join(notes),
        level=_level(rule),
    )


def _level(rule: RuleNode | None) -> str:
    """The level an indicator must reach, as printed in the score sheet's "Mức đạt" column."""
    if rule is None or rule.children:
        return ""
    if rule.kind == "ratio" and rule.threshold is not None:
        return f"≥ {float(rule.threshold):g} %".replace(".", ",")
    if rule.kind == "count":
        return f"≤ {rule.maximum}" if rule.maximum is not None else f"≥ {rule.minimum}"
    if rule.kind == "checkbox":
        return f"≥ {rule.minimum} hoạt động"
    if rule.kind == "deadline":
        unit = "ngày làm việc" if rule.day_unit == "working" else "ngày"
        return f"≤ {rule.days} {unit}"
    if rule.kind == "boolean":
        return "Có"
    if rule.kind == "money":
        return "≤ mức trần"
    return ""


def _posting(step: ProcedureEntry | None) -> str:
    if step is None or step.start_date is None:
        return ""
    text = f"Kết quả tự đánh giá được niêm yết công khai từ ngày {format_date(step.start_date)}"
    if step.end_date:
        text += f" đến ngày {format_date(step.end_date)}"
    return text + (f" tại {step.place}." if step.place else ".")
