"""Periodic report (6 months, provisional year, year) on dissemination, mediation and spending."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.domain.mediation import SETTLED_SHARE_DEFINITION
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.reports import labels as default_labels
from pbgdpl_desktop.reports.inputs import PeriodicReportInput, PlanSummary
from pbgdpl_desktop.reports.layout import (
    build_pdf,
    frame_width,
    grid_style,
    head_cells,
    header_block,
    para,
    title_block,
    ubnd_signature,
)
from pbgdpl_desktop.reports.tables import breakdown_rows, figures_table, number, percent
from pbgdpl_desktop.reports.tagging import Table

SYMBOL = "BC-UBND"


def render_periodic(data: PeriodicReportInput, target: str) -> str:
    width = frame_width()
    story: list[Flowable] = [
        header_block(
            data.header,
            symbol=SYMBOL,
            issue_date=data.issue_date,
            width=width,
            number=data.number,
            draft=data.draft,
        ),
        *title_block(
            "Báo cáo",
            "Kết quả công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở và kinh phí "
            f"{data.period.label}",
            width=width,
        ),
        para(
            f"Ủy ban nhân dân {data.header.in_text} báo cáo kết quả công tác phổ biến, giáo dục pháp "
            f"luật (PBGDPL), hòa giải ở cơ sở và kinh phí bảo đảm {data.period.label} như sau:"
        ),
    ]
    if data.data_until is not None:
        story.append(
            para(
                f"Số liệu tính từ ngày {format_date(data.period.start)} đến ngày "
                f"{format_date(data.data_until)}.",
                "note",
            )
        )
    if data.note:
        story.append(para(data.note, "note"))
    story += _dissemination(data, width) + _mediation(data, width) + _finance(data, width)
    story += [
        para("IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", "heading"),
        ubnd_signature(
            data.header,
            width=width,
            recipients=[
                f"{data.header.receiving_office};",
                "Chủ tịch, các Phó Chủ tịch UBND;",
                "Lưu: VT, TP.",
            ],
            lead=[
                para(
                    "Ủy ban nhân dân " + data.header.in_text + " tiếp tục triển khai các nhiệm vụ theo kế "
                    "hoạch; đề nghị cơ quan cấp trên quan tâm hướng dẫn, hỗ trợ tài liệu và kinh phí cho công tác "
                    "PBGDPL, hòa giải ở cơ sở."
                )
            ],
        ),
    ]
    return build_pdf(target, story, title=f"Báo cáo {data.period.label} – {data.header.commune_name}")


def _dissemination(data: PeriodicReportInput, width: float) -> list[Flowable]:
    facts = data.dissemination
    out: list[Flowable] = [para("I. CÔNG TÁC PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT", "heading")]
    if facts.plan_exists:
        plan = f"Kế hoạch PBGDPL năm {data.period.year}"
        if facts.plan_number:
            plan += f" số {facts.plan_number}"
        if facts.plan_issue_date:
            plan += f" ngày {format_date(facts.plan_issue_date)}"
        out.append(
            para(
                f"1. {plan}: {facts.plan_tasks_done}/{facts.plan_tasks_set} nhiệm vụ đã hoàn thành; "
                f"{facts.arising_tasks_done}/{facts.arising_tasks} nhiệm vụ phát sinh đã hoàn thành."
            )
        )
    else:
        out.append(para(f"1. Kế hoạch PBGDPL năm {data.period.year}: chưa ghi nhận kế hoạch được ban hành."))
    if data.plan is not None:
        out += _plan(data.plan, width)
    if not facts.sessions_total:
        out.append(
            para("2. Trong kỳ báo cáo không có hoạt động phổ biến, giáo dục pháp luật nào được ghi nhận.")
        )
        return out
    out.append(
        figures_table(
            caption="2. Kết quả chủ yếu:",
            width=width,
            rows=[
                ("Số cuộc (hoạt động) PBGDPL", number(facts.sessions_total)),
                ("Số lượt người tham dự", number(facts.participants_total)),
                ("Trong đó: nữ", number(facts.participants_women)),
                ("Trong đó: đối tượng đặc thù", number(facts.participants_special_groups)),
                ("Hoạt động hưởng ứng Ngày Pháp luật", number(facts.law_day_sessions)),
                ("Tài liệu đã cấp phát", number(facts.materials_handed_out)),
                (
                    "Tuyên truyền viên được tập huấn / tổng số",
                    f"{facts.propagandists_trained}/{facts.propagandists_total}",
                ),
                (
                    "Tủ sách pháp luật: đầu sách / bản sách / lượt mượn",
                    f"{number(facts.bookcase_titles)} / {number(facts.bookcase_copies)} / {number(facts.bookcase_loans)}",
                ),
            ],
        )
    )
    forms = default_labels.with_defaults(data.labels.forms, {})
    for caption, counts, names, total in (
        ("3. Theo hình thức phổ biến:", facts.sessions_by_form, forms, True),
        (
            "4. Theo đối tượng (một hoạt động có thể dành cho nhiều đối tượng):",
            facts.sessions_by_target_group,
            data.labels.target_groups,
            False,
        ),
    ):
        rows = breakdown_rows(counts, names, total=total)
        if rows:
            out.append(figures_table(rows, width, head=("Nội dung", "Số cuộc"), caption=caption))
    months = [(f"Tháng {m}", number(facts.sessions_by_month.get(m, 0))) for m in data.period.months]
    out.append(figures_table(months, width, head=("Tháng", "Số cuộc"), caption="5. Theo tháng:"))
    return out


def settled_share_base(facts: MediationFacts) -> int:
    """Settled + not settled (``domain.mediation.SETTLED_SHARE_DEFINITION``)."""
    return facts.cases_concluded or facts.cases_settled + facts.cases_not_settled


def _plan(plan: PlanSummary, width: float) -> list[Flowable]:
    """The plan's directing document, legal bases, funding and each task with its lead unit and period."""
    out: list[Flowable] = []
    if plan.directive:
        out.append(para(f"Văn bản chỉ đạo: {plan.directive}.", "plain"))
    if plan.legal_bases:
        out.append(para("Căn cứ ban hành: " + "; ".join(plan.legal_bases) + ".", "plain"))
    if plan.funded_amount:
        out.append(para(f"Kinh phí bố trí cho kế hoạch: {format_money(plan.funded_amount)}.", "plain"))
    out += [para(f"Lưu ý: {w}", "note") for w in plan.warnings]
    if not plan.tasks:
        return out
    rows: list[list] = [head_cells(["STT", "Nhiệm vụ", "Chủ trì / phối hợp", "Thời gian", "Kết quả"])]
    for i, task in enumerate(plan.tasks, 1):
        what = task.title
        details = [d for d in (task.topics, task.target_groups and f"Đối tượng: {task.target_groups}") if d]
        if details:
            what += " (" + "; ".join(details) + ")"
        units = task.lead_unit + (f" / {task.coordinating_units}" if task.coordinating_units else "")
        rows.append(
            [
                str(i),
                para(what, "cell"),
                para(units or "—", "cell"),
                para(task.period or "—", "cell_center"),
                para(task.status, "cell_center"),
            ]
        )
    table = Table(rows, colWidths=[10 * mm, width - 100 * mm, 42 * mm, 22 * mm, 26 * mm], repeatRows=1)
    table.setStyle(grid_style(font_size=10))
    return [*out, para("Các nhiệm vụ của kế hoạch:", "plain"), table]


def _mediation(data: PeriodicReportInput, width: float) -> list[Flowable]:
    facts = data.mediation
    out: list[Flowable] = [
        para("II. CÔNG TÁC HÒA GIẢI Ở CƠ SỞ", "heading"),
        para(
            f"Toàn {data.header.commune_label.lower()} có {facts.teams_total} tổ hòa giải với "
            f"{facts.mediators_total} hòa giải viên; {facts.mediators_trained} hòa giải viên được bồi dưỡng, "
            "cung cấp tài liệu."
        ),
    ]
    if not facts.cases_recorded and not facts.cases_received:
        out.append(para("Trong kỳ báo cáo không có vụ việc hòa giải ở cơ sở nào được tiếp nhận."))
        return out
    out.append(
        figures_table(
            [
                ("Số vụ việc ghi vào sổ", number(facts.cases_recorded or facts.cases_received)),
                ("Trong đó thuộc phạm vi hòa giải", number(facts.cases_received)),
                ("Hòa giải thành", number(facts.cases_settled)),
                ("Hòa giải không thành", number(facts.cases_not_settled)),
                ("Chấm dứt theo yêu cầu của các bên", number(facts.cases_stopped)),
                ("Chuyển cơ quan có thẩm quyền", number(facts.cases_referred)),
                ("Đang hòa giải", number(facts.cases_in_progress)),
                ("Tỷ lệ hòa giải thành (*)", percent(facts.cases_settled, settled_share_base(facts))),
                ("Từ chối do không thuộc phạm vi hòa giải", number(facts.cases_refused_out_of_scope)),
                ("Thù lao hòa giải viên đã chi", format_money(facts.fees_paid_amount)),
            ],
            width,
        )
    )
    out.append(para(f"(*) {SETTLED_SHARE_DEFINITION}", "note"))
    return out


def _finance(data: PeriodicReportInput, width: float) -> list[Flowable]:
    facts = data.finance
    out: list[Flowable] = [
        para("III. KINH PHÍ BẢO ĐẢM", "heading"),
        para(
            f"Dự toán được giao: {format_money(facts.budget_planned_total)}; đã chi: "
            f"{format_money(facts.spent_total)} ({percent(facts.spent_total, facts.budget_planned_total)})."
        ),
    ]
    if not facts.spent_total:
        out.append(para("Trong kỳ báo cáo chưa phát sinh khoản chi nào."))
        return out
    categories = default_labels.with_defaults(data.labels.spend_categories, default_labels.SPEND_CATEGORIES)
    sources = default_labels.with_defaults(data.labels.spend_sources, default_labels.SPEND_SOURCES)
    for caption, counts, names in (
        ("1. Theo nội dung chi:", facts.spent_by_category, categories),
        ("2. Theo nguồn kinh phí:", facts.spent_by_source, sources),
    ):
        rows = breakdown_rows(counts, names, money=True)
        if rows:
            out.append(figures_table(rows, width, head=("Nội dung", "Số tiền"), caption=caption))
    return out
