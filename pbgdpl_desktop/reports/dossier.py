"""The access-to-law standard dossier of a year, one PDF of four documents (TT 09/2021 Phụ lục II; kept for
QĐ 27/2025): the self-assessment report (Mẫu 01), the score / verdict sheet (Mẫu 02), the summary of public
comments (Mẫu 03) and the request letter to the receiving office. Numbering restarts with each document."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from pbgdpl_desktop.reports.inputs import CriterionLine, DossierInput
from pbgdpl_desktop.reports.layout import (
    DocumentStart,
    b,
    build_pdf,
    frame_width,
    grid_style,
    head_cells,
    header_block,
    para,
    title_block,
    ubnd_signature,
)

RECIPIENTS_INTERNAL = ["Chủ tịch, các Phó Chủ tịch UBND;", "Lưu: VT, TP."]


def render_dossier(data: DossierInput, target: str) -> str:
    width = frame_width()
    story: list[Flowable] = []
    for part in (_report, _score_sheet, _comments, _request_letter):
        if story:
            story.append(PageBreak())
        story += [DocumentStart(), *part(data, width)]
    return build_pdf(
        target, story, title=f"Hồ sơ chuẩn tiếp cận pháp luật năm {data.year} – {data.header.commune_name}"
    )


def _name(data: DossierInput) -> str:
    return data.header.commune_name


def _report(data: DossierInput, width: float) -> list[Flowable]:
    h = data.header
    out: list[Flowable] = [
        header_block(h, symbol="BC-UBND", issue_date=data.issue_date, width=width),
        *title_block(
            "Báo cáo",
            f"Kết quả đánh giá, đề nghị công nhận {_name(data)} đạt chuẩn tiếp cận pháp luật năm {data.year}",
            width=width,
        ),
        para(
            f"Thực hiện {data.regime}, Ủy ban nhân dân {_name(data)} đã tổ chức đánh giá chuẩn tiếp cận pháp "
            f"luật năm {data.year}. Kết quả như sau:"
        ),
        para("I. KẾT QUẢ ĐÁNH GIÁ", "heading"),
        para(f"Tổng hợp: {b(data.total)}. Kết luận: {b(data.verdict)}.", markup=True),
    ]
    if data.criteria:
        rows = [head_cells(["Mã", "Tiêu chí", "Kết quả"])] + [
            [c.code, para(c.title, "cell"), para(c.result, "cell_center")] for c in data.criteria
        ]
        table = Table(rows, colWidths=[18 * mm, width - 58 * mm, 40 * mm], repeatRows=1)
        table.setStyle(grid_style())
        out.append(table)
    else:
        out.append(para("Chưa có kết quả đánh giá các tiêu chí (chưa đánh giá).", "plain"))
    if data.summary:
        out += [Spacer(1, 6), para(data.summary)]
    out += [
        para("II. NIÊM YẾT CÔNG KHAI VÀ LẤY Ý KIẾN", "heading"),
        para(
            data.posting or "Chưa ghi nhận việc niêm yết công khai kết quả tự đánh giá (cần ít nhất 05 ngày)."
        ),
    ]
    out.append(para("III. ĐỀ NGHỊ", "heading"))
    request = (
        f"Ủy ban nhân dân {_name(data)} đề nghị {data.header.receiving_office} xem xét, trình cấp có thẩm "
        f"quyền công nhận {_name(data)} đạt chuẩn tiếp cận pháp luật năm {data.year}."
        if data.qualifies
        else f"{_name(data)} chưa đủ điều kiện đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm {data.year}; "
        "Ủy ban nhân dân gửi báo cáo và bản tổng hợp kết quả để theo dõi."
    )
    out.append(
        ubnd_signature(
            data.header,
            width=width,
            lead=[para(request)],
            recipients=[f"{data.header.receiving_office};", *RECIPIENTS_INTERNAL],
        )
    )
    return out


def _score_sheet(data: DossierInput, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        header_block(data.header, symbol="", issue_date=data.issue_date, width=width),
        *title_block(
            "Bản tổng hợp kết quả", f"Đánh giá chuẩn tiếp cận pháp luật năm {data.year}", width=width
        ),
    ]
    if data.ruleset:
        out.append(para(f"Bộ tiêu chí áp dụng: {data.ruleset}", "note"))
    widths = [19 * mm, 52 * mm, 14 * mm, 35 * mm, 20 * mm, width - 140 * mm]
    rows: list[list] = [
        head_cells(
            ["Mã", "Tiêu chí, chỉ tiêu", "Điểm tối đa", "Căn cứ (số liệu, tỷ lệ)", "Kết quả", "Minh chứng"]
        )
    ]
    bold_rows: list[int] = []
    for criterion in data.criteria:
        bold_rows.append(len(rows))
        rows.append(_criterion_row(criterion))
        for ind in criterion.indicators:
            basis = (
                " — ".join(part for part in (ind.basis, ind.reason) if part)
                if ind.reason != ind.basis
                else ind.basis
            )
            rows.append(
                [
                    para(ind.code, "cell"),
                    para(ind.content, "cell"),
                    _points(ind.max_points),
                    para(basis, "cell"),
                    para(ind.result, "cell_center"),
                    para("; ".join(ind.evidence) or "—", "cell"),
                ]
            )
    rows.append(
        [
            "",
            para(b("Tổng cộng / Kết luận"), "cell", markup=True),
            "",
            "",
            para(b(data.total), "cell_center", markup=True),
            para(b(data.verdict), "cell", markup=True),
        ]
    )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style())
    for index in bold_rows:
        table.setStyle([("BACKGROUND", (0, index), (-1, index), "#eeeeee")])
    out.append(table)
    out.append(ubnd_signature(data.header, width=width, recipients=RECIPIENTS_INTERNAL))
    return out


def _criterion_row(criterion: CriterionLine) -> list:
    return [
        para(b(criterion.code), "cell", markup=True),
        para(b(criterion.title), "cell", markup=True),
        _points(criterion.max_points),
        "",
        para(b(criterion.result), "cell_center", markup=True),
        "",
    ]


def _points(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}".replace(".", ",")


def _comments(data: DossierInput, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        header_block(data.header, symbol="", issue_date=data.issue_date, width=width),
        *title_block(
            "Bản tổng hợp",
            f"Ý kiến góp ý và giải trình về kết quả đánh giá chuẩn tiếp cận pháp luật năm {data.year}",
            width=width,
        ),
    ]
    if data.comments_note:
        out.append(para(data.comments_note))
    if not data.comments and not data.comments_note:
        out.append(
            para("Trong thời gian niêm yết công khai, Ủy ban nhân dân không nhận được ý kiến góp ý nào.")
        )
    if data.comments:
        rows = [
            head_cells(["STT", "Cơ quan, tổ chức, cá nhân góp ý", "Nội dung ý kiến", "Giải trình, tiếp thu"])
        ]
        rows += [
            [str(i), para(c.sender, "cell"), para(c.content, "cell"), para(c.answer, "cell")]
            for i, c in enumerate(data.comments, 1)
        ]
        table = Table(
            rows, colWidths=[12 * mm, 40 * mm, (width - 52 * mm) / 2, (width - 52 * mm) / 2], repeatRows=1
        )
        table.setStyle(grid_style())
        out.append(table)
    out.append(ubnd_signature(data.header, width=width, recipients=RECIPIENTS_INTERNAL))
    return out


def _request_letter(data: DossierInput, width: float) -> list[Flowable]:
    excerpt = f"V/v đề nghị công nhận {_name(data)} đạt chuẩn tiếp cận pháp luật năm {data.year}"
    out: list[Flowable] = [
        header_block(data.header, symbol="UBND-TP", issue_date=data.issue_date, width=width, excerpt=excerpt),
        Spacer(1, 10),
        para(f"Kính gửi: {data.header.receiving_office}", "center"),
        Spacer(1, 8),
        para(
            f"Căn cứ {data.regime}; căn cứ kết quả tự đánh giá, Ủy ban nhân dân {_name(data)} đề nghị "
            f"{data.header.receiving_office} xem xét, thẩm định và trình cấp có thẩm quyền công nhận "
            f"{_name(data)} đạt chuẩn tiếp cận pháp luật năm {data.year}. Kết quả tự đánh giá: {data.total}."
        ),
        para(
            "Hồ sơ gửi kèm gồm: (1) Báo cáo kết quả đánh giá; (2) Bản tổng hợp kết quả đánh giá các tiêu chí, chỉ "
            "tiêu; (3) Bản tổng hợp ý kiến góp ý và giải trình; (4) Các tài liệu minh chứng khác."
        ),
    ]
    out.append(
        ubnd_signature(
            data.header,
            width=width,
            lead=[para(f"Ủy ban nhân dân {_name(data)} trân trọng đề nghị./.")],
            recipients=["Như trên;", *RECIPIENTS_INTERNAL],
        )
    )
    return out
