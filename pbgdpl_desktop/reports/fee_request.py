"""Giấy đề nghị thanh toán thù lao hòa giải viên: prepared by the team head for one mediator, listing the
cases, the amounts and the total in words; signed by the mediator and confirmed by someone else — the team
head, or, for the team head's own request, the ward People's Committee (nobody confirms his own request)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.reports.inputs import MISSING, FeeRequestInput
from pbgdpl_desktop.reports.layout import (
    DocumentStart,
    b,
    build_pdf,
    frame_width,
    grid_style,
    head_cells,
    header_block,
    para,
    signature_block,
    title_block,
)
from pbgdpl_desktop.reports.tagging import Table
from pbgdpl_desktop.reports.words import money_words


def render_fee_request(data: FeeRequestInput, target: str) -> str:
    return render_fee_requests([data], target)


def render_fee_requests(requests: Sequence[FeeRequestInput], target: str) -> str:
    """One or more requests in one PDF, each on its own pages."""
    story: list[Flowable] = []
    for data in requests:
        if story:
            story.append(PageBreak())
        story += [DocumentStart(), *fee_request_story(data)]
    name = requests[0].mediator_name if len(requests) == 1 else f"{len(requests)} hòa giải viên"
    return build_pdf(target, story, title=f"Đề nghị thanh toán thù lao – {name}")


def fee_request_story(data: FeeRequestInput) -> list[Flowable]:
    width = frame_width()
    header = data.header
    total = sum(c.amount for c in data.cases)
    story: list[Flowable] = [
        header_block(
            header,
            symbol="",
            issue_date=data.request_date,
            width=width,
            unit_lines=[f"UBND {header.unit_line}", (data.team_name or MISSING).upper()],
        ),
        *title_block("Giấy đề nghị", "Thanh toán thù lao hòa giải viên", width=width),
        para(f"Kính gửi: Ủy ban nhân dân {header.in_text}", "center"),
        para(f"Họ và tên hòa giải viên: {b(data.mediator_name or MISSING)}", "plain", markup=True),
        para(f"Địa chỉ: {data.mediator_address or MISSING}", "plain"),
        para(f"Thuộc: {data.team_name or MISSING}" + (f", {data.village}" if data.village else ""), "plain"),
        para(
            "Căn cứ Luật Hòa giải ở cơ sở số 35/2013/QH13 ngày 20/6/2013; Thông tư số 56/2023/TT-BTC ngày "
            "18/8/2023 của Bộ trưởng Bộ Tài chính quy định việc lập dự toán, quản lý, sử dụng và quyết toán kinh "
            "phí ngân sách nhà nước bảo đảm cho công tác phổ biến, giáo dục pháp luật, chuẩn tiếp cận pháp luật "
            "của người dân tại cơ sở và hòa giải ở cơ sở; mức chi do Hội đồng nhân dân tỉnh quy định, đề nghị Ủy ban "
            f"nhân dân {header.in_text} thanh toán thù lao cho các vụ, việc hòa giải đã kết thúc sau đây:"
        ),
    ]
    if data.cases:
        story += [Spacer(1, 4), _cases_table(data, width, total), Spacer(1, 6)]
    else:
        story.append(para("Không có vụ, việc nào đủ điều kiện thanh toán trong danh sách.", "plain"))
    story += [
        para(
            f"Tổng số tiền đề nghị thanh toán: {b(format_money(total))} (Bằng chữ: {money_words(total)}).",
            "plain",
            markup=True,
        ),
        para("Sổ theo dõi hoạt động hòa giải ở cơ sở được xuất trình khi có yêu cầu.", "note"),
        signature_block(
            signer_lines=["NGƯỜI ĐỀ NGHỊ"],
            signer_name=data.mediator_name,
            width=width,
            left_signer=_confirmer(data),
        ),
    ]
    return story


def _confirmer(data: FeeRequestInput) -> tuple[list[str], str]:
    if data.requester_is_leader or (data.team_leader and data.team_leader == data.mediator_name):
        return ["XÁC NHẬN", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], data.header.vice_chairman
    return ["XÁC NHẬN CỦA", "TỔ TRƯỞNG TỔ HÒA GIẢI"], data.team_leader


def _cases_table(data: FeeRequestInput, width: float, total: int) -> Table:
    widths = [12 * mm, 26 * mm, width - 98 * mm, 28 * mm, 32 * mm]
    rows: list[list] = [
        head_cells(["STT", "Ngày tiếp nhận", "Vụ, việc hòa giải", "Kết quả", "Số tiền (đồng)"])
    ]
    for case in data.cases:
        rows.append(
            [
                str(case.serial),
                format_date(case.received),
                para(case.summary, "cell"),
                para(case.result, "cell_center"),
                format_money(case.amount, unit=False),
            ]
        )
    rows.append(["", "", para(b("Tổng cộng"), "cell", markup=True), "", format_money(total, unit=False)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style())
    table.setStyle(
        [
            ("ALIGN", (0, 1), (1, -1), "CENTER"),
            ("ALIGN", (4, 1), (4, -1), "RIGHT"),
            ("FONT", (4, -1), (4, -1), "LiberationSerif-Bold", 11, 13),
        ]
    )
    return table
