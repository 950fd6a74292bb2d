"""What the Tổng quan page shows for a year: key figures, chart series, the standard's verdict and the
deadline reminders, Qt-free.

Two steps (#17 §1): ``overview_figures`` reads the cards' and the charts' figures with a few SQL aggregates
(``persistence.repos.overview_sql``) and needs no other service — the page shows them first; then
``complete_overview`` adds what needs the features' services: the standard's verdict (the assessment's
scoring over every feature's facts) and the reminders. ``ReportService.overview`` does both."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.persistence.repos.overview_sql import OverviewCounts, year_counts

if TYPE_CHECKING:  # the features' chain is imported by the second step only
    from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
    from pbgdpl_desktop.services.core.context import ServiceContext
    from pbgdpl_desktop.services.reports.sources import ReportSources

NOT_ASSESSED = "Chưa đánh giá"
PENDING = "Đang tính kết quả tạm tính…"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Reminder:
    when: date | None
    text: str
    late: bool = False
    # what opening the reminder shows: ("case", case id), ("fee_request", request id), ("assessment", year)
    target: tuple[str, str] | None = None


@dataclass(frozen=True)
class Overview:
    year: int
    figures: tuple[KeyFigure, ...]
    sessions_by_month: tuple[int, ...]  # 12 values
    cases_by_outcome: tuple[tuple[str, int], ...]  # short label, count (non-zero)
    spent_by_category: tuple[tuple[str, int], ...]  # label, đồng (largest first, the rest folded in "Khác")
    verdict: str = NOT_ASSESSED
    verdict_detail: str = ""
    reminders: tuple[Reminder, ...] = field(default=())
    # False: the figures only (``overview_figures``); the verdict and the reminders are still to come
    complete: bool = True


NO_DATA = "Chưa có dữ liệu"


def _share(part: int, whole: int) -> str:
    return percent_text(part, whole)


def overview_figures(ctx: ServiceContext, year: int) -> Overview:
    """The first step: the cards and the charts of ``year`` from SQL aggregates (no feature service)."""
    with ctx.db.read() as session:
        counts = year_counts(session, year, ctx.clock.today())
    return from_counts(counts, year)


def complete_overview(services: ReportSources, overview: Overview, today: date) -> Overview:
    """The second step: the standard's verdict (unless the year has no data at all) and the reminders."""
    verdict, detail = overview.verdict, overview.verdict_detail
    if verdict != NO_DATA:
        verdict, detail = _verdict(services, overview.year)
    return replace(
        overview,
        verdict=verdict,
        verdict_detail=detail,
        reminders=tuple(reminders(services, overview.year, today)),
        complete=True,
    )


def counts_from_facts(
    d: DisseminationFacts, m: MediationFacts, f: FinanceFacts, category_names: dict[str, str]
) -> OverviewCounts:
    """The same counts from the features' facts (the overview's computation before #17; the SQL's reference
    in the tests)."""
    outcomes = {
        "settled": m.cases_settled,
        "not_settled": m.cases_not_settled,
        "stopped": m.cases_stopped,
        "referred": m.cases_referred,
        "refused": m.cases_refused_out_of_scope,
        "in_progress": m.cases_in_progress,
    }
    return OverviewCounts(
        sessions_total=d.sessions_total,
        sessions_by_month={k: v for k, v in d.sessions_by_month.items() if v},
        participants_total=d.participants_total,
        participants_women=d.participants_women,
        plan_tasks_set=d.plan_tasks_set,
        plan_tasks_done=d.plan_tasks_done,
        cases_by_outcome={k: v for k, v in outcomes.items() if v},
        spent_total=f.spent_total,
        spent_by_category={k: v for k, v in f.spent_by_category.items() if v},
        budget_planned_total=f.budget_planned_total,
        category_names=category_names,
    )


def from_counts(c: OverviewCounts, year: int) -> Overview:
    """Cards and chart series of the counts; the verdict is still to come (or "no data" for an empty year)."""
    by_outcome = c.cases_by_outcome
    settled, not_settled = by_outcome.get("settled", 0), by_outcome.get("not_settled", 0)
    refused, referred = by_outcome.get("refused", 0), by_outcome.get("referred", 0)
    in_progress = by_outcome.get("in_progress", 0)
    recorded = sum(by_outcome.values())
    concluded = settled + not_settled
    figures = (
        KeyFigure(
            "Hoạt động PBGDPL",
            f"{c.sessions_total:,}".replace(",", "."),
            f"Kế hoạch: {c.plan_tasks_done}/{c.plan_tasks_set} nhiệm vụ",
        ),
        KeyFigure(
            "Lượt người tham dự",
            f"{c.participants_total:,}".replace(",", "."),
            f"Nữ: {c.participants_women:,}".replace(",", "."),
        ),
        KeyFigure(
            "Vụ việc hòa giải",
            str(recorded),
            f"Thuộc phạm vi: {recorded - refused - referred} · đang hòa giải: {in_progress}",
        ),
        KeyFigure(
            "Tỷ lệ hòa giải thành",
            _share(settled, concluded),
            f"{settled}/{concluded} vụ đã kết thúc (thành + không thành)",
        ),
        KeyFigure(
            "Kinh phí đã chi",
            format_money(c.spent_total),
            f"Dự toán {format_money(c.budget_planned_total)} ({_share(c.spent_total, c.budget_planned_total)})",
        ),
    )
    outcomes = (
        ("Thành", settled),
        ("Không thành", not_settled),
        ("Chấm dứt theo yêu cầu", by_outcome.get("stopped", 0)),
        ("Chuyển cơ quan có thẩm quyền", referred),
        ("Không thuộc phạm vi (từ chối)", refused),
        ("Đang hòa giải", in_progress),
    )
    spent = sorted(
        (
            (c.category_names.get(code, code), amount)
            for code, amount in c.spent_by_category.items()
            if amount
        ),
        key=lambda item: -item[1],
    )
    if len(spent) > 6:
        spent = [*spent[:5], ("Khác", sum(a for _, a in spent[5:]))]
    verdict, detail = PENDING, ""
    if c.sessions_total == 0 and recorded == 0 and c.spent_total == 0 and not c.plan_tasks_set:
        # nothing recorded for the year yet: an assessment of empty books would read "Đạt 1/3 tiêu chí"
        verdict, detail = (
            NO_DATA,
            (
                f"Chưa có dữ liệu của năm {year}: hãy ghi các buổi phổ biến, vụ việc hòa giải và khoản chi; "
                "kết quả tạm tính sẽ hiện khi có số liệu."
            ),
        )
    return Overview(
        year,
        figures,
        tuple(c.sessions_by_month.get(i, 0) for i in range(1, 13)),
        tuple((label, n) for label, n in outcomes if n),
        tuple(spent),
        verdict,
        detail,
        complete=False,
    )


def _verdict(services: ReportSources, year: int) -> tuple[str, str]:
    from pbgdpl_desktop.services.reports import gather

    result = gather.assessment_result(services, year)
    if result is None:
        return NOT_ASSESSED, "Chưa có bộ tiêu chí hoặc chưa nhập số liệu đánh giá cho năm này."
    text = gather.VERDICT_TEXT.get(result.verdict.value, result.verdict.label)
    if result.total is not None:
        detail = (
            f"Tổng điểm tạm tính: {gather.points_text(result.total)}/{gather.points_text(result.max_total)}"
        )
    else:
        passed = sum(1 for c in result.criteria if c.verdict.value in ("pass", "na"))
        detail = f"Đạt {passed}/{len(result.criteria)} tiêu chí (kết quả tạm tính theo số liệu hiện có)"
    if result.blocking:
        detail += ". Chưa đạt vì: " + "; ".join(result.blocking[:3])
    return text, detail


def reminders(services: ReportSources, year: int, today: date) -> list[Reminder]:
    out = [
        Reminder(
            r.since,
            r.text,
            r.kind in ("not_started", "fee_overdue"),
            ("fee_request" if r.kind == "fee_overdue" else "case", r.case_id),
        )
        for r in services.mediation.reminders(today)
    ]
    for request in services.mediation.fees.requests(
        year=year
    ):  # overdue ones come from the mediation service
        if request.paid_on is None and request.refused_on is None and request.due_on >= today:
            out.append(
                Reminder(
                    request.due_on,
                    f"Đề nghị thù lao của {request.mediator_name} ({request.team_name}, "
                    f"{format_money(request.total_amount)}): chi hoặc trả lời bằng văn bản trước ngày "
                    f"{format_date(request.due_on)}.",
                    target=("fee_request", request.id),
                )
            )
    try:
        steps = services.assessment.procedure.checklist(year)
    except Exception:  # noqa: BLE001 - no ruleset for the year: no procedure to remind of
        steps = []
    for step in steps:
        if step.status in ("late", "todo") and step.deadline is not None:
            out.append(
                Reminder(
                    step.deadline,
                    f"{step.title} — hạn {format_date(step.deadline)}: {step.message}",
                    step.status == "late",
                    ("assessment", str(year)),
                )
            )
    return sorted(out, key=lambda r: (not r.late, r.when or date.max))
