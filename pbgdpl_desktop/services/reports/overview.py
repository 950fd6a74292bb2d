"""What the Tổng quan page shows for a year: key figures, chart series, the standard's verdict and the
deadline reminders — gathered from the other services, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.services.reports import gather
from pbgdpl_desktop.services.reports.sources import ReportSources

NOT_ASSESSED = "Chưa đánh giá"


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


NO_DATA = "Chưa có dữ liệu"


def _share(part: int, whole: int) -> str:
    return percent_text(part, whole)


def build_overview(services: ReportSources, year: int, today: date) -> Overview:
    d = services.dissemination.facts(year)
    m = services.mediation.facts(year)
    f = services.finance.facts(year)
    figures = (
        KeyFigure(
            "Hoạt động PBGDPL",
            f"{d.sessions_total:,}".replace(",", "."),
            f"Kế hoạch: {d.plan_tasks_done}/{d.plan_tasks_set} nhiệm vụ",
        ),
        KeyFigure(
            "Lượt người tham dự",
            f"{d.participants_total:,}".replace(",", "."),
            f"Nữ: {d.participants_women:,}".replace(",", "."),
        ),
        KeyFigure(
            "Vụ việc hòa giải",
            str(m.cases_recorded),
            f"Thuộc phạm vi: {m.cases_received} · đang hòa giải: {m.cases_in_progress}",
        ),
        KeyFigure(
            "Tỷ lệ hòa giải thành",
            _share(m.cases_settled, m.cases_concluded),
            f"{m.cases_settled}/{m.cases_concluded} vụ đã kết thúc (thành + không thành)",
        ),
        KeyFigure(
            "Kinh phí đã chi",
            format_money(f.spent_total),
            f"Dự toán {format_money(f.budget_planned_total)} ({_share(f.spent_total, f.budget_planned_total)})",
        ),
    )
    outcomes = (
        ("Thành", m.cases_settled),
        ("Không thành", m.cases_not_settled),
        ("Chấm dứt theo yêu cầu", m.cases_stopped),
        ("Chuyển cơ quan có thẩm quyền", m.cases_referred),
        ("Không thuộc phạm vi (từ chối)", m.cases_refused_out_of_scope),
        ("Đang hòa giải", m.cases_in_progress),
    )
    labels = gather.labels(services).spend_categories
    spent = sorted(
        ((labels.get(code, code), amount) for code, amount in f.spent_by_category.items() if amount),
        key=lambda item: -item[1],
    )
    if len(spent) > 6:
        spent = [*spent[:5], ("Khác", sum(a for _, a in spent[5:]))]
    if d.sessions_total == 0 and m.cases_recorded == 0 and f.spent_total == 0 and not d.plan_tasks_set:
        # nothing recorded for the year yet: an assessment of empty books would read "Đạt 1/3 tiêu chí"
        verdict, detail = (
            NO_DATA,
            (
                f"Chưa có dữ liệu của năm {year}: hãy ghi các buổi phổ biến, vụ việc hòa giải và khoản chi; "
                "kết quả tạm tính sẽ hiện khi có số liệu."
            ),
        )
    else:
        verdict, detail = _verdict(services, year)
    return Overview(
        year,
        figures,
        tuple(d.sessions_by_month.get(i, 0) for i in range(1, 13)),
        tuple((label, n) for label, n in outcomes if n),
        tuple(spent),
        verdict,
        detail,
        tuple(reminders(services, year, today)),
    )


def _verdict(services: ReportSources, year: int) -> tuple[str, str]:
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
