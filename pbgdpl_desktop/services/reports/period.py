"""Half-year figures: the facts services count whole years, so a 6-month report recounts what the record
lists allow — sessions (held on ≤ 30/06) and cases (received ≤ 30/06) — and says which figures stay
cumulative (plan tasks, trainings, spending)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.facts import DisseminationFacts, MediationFacts
from pbgdpl_desktop.reports.inputs import Period
from pbgdpl_desktop.services.dissemination.dto import SessionQuery
from pbgdpl_desktop.services.reports.sources import ReportSources

PAGE = 500


def half_year_dissemination(
    services: ReportSources, facts: DisseminationFacts, period: Period
) -> DisseminationFacts:
    source = services.dissemination.sessions.list_source()
    query = SessionQuery(year=period.year, descending=False)
    forms: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    months: Counter[int] = Counter()
    total = people = women = 0
    for offset in range(0, source.count(query), PAGE):
        for row in source.page(query, offset, PAGE):
            if row.held_on > period.end:
                continue
            total += 1
            forms[row.form.value] += 1
            groups.update(g.value for g in row.target_groups)
            months[row.held_on.month] += 1
            people += row.attendance_total
            women += row.attendance_women
    return replace(
        facts,
        sessions_total=total,
        sessions_by_form=dict(forms),
        sessions_by_target_group=dict(groups),
        sessions_by_month=dict(months),
        participants_total=people,
        participants_women=women,
    )


def half_year_mediation(services: ReportSources, facts: MediationFacts, period: Period) -> MediationFacts:
    """Cases received ≤ 30/06, counted with the facts' own definitions (``domain.mediation.count_cases``)."""
    return replace(facts, **services.mediation.case_counts(period.start, period.end))


def half_year_note(period: Period, today: date) -> str:
    return (
        "Số cuộc PBGDPL, số người tham dự, hình thức, đối tượng và vụ việc hòa giải được tính theo ngày tổ "
        f"chức/ngày tiếp nhận trong 6 tháng đầu năm (kết quả hòa giải tính đến ngày {format_date(today)}); các "
        "số liệu khác (kế hoạch, Ngày Pháp luật, đối tượng đặc thù, tài liệu, tuyên truyền viên, tủ sách, đội "
        f"ngũ hòa giải, kinh phí) là số liệu lũy kế từ đầu năm đến ngày {format_date(today)}."
    )
