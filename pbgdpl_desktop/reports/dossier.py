"""The access-to-law standard dossier of a year, one PDF (TT 09/2021 Điều 3–4, Phụ lục II; kept for QĐ
27/2025): the self-assessment report (Mẫu 01), the score sheet (Mẫu 02 "Bản tổng hợp điểm số của các tiêu
chí, chỉ tiêu"), the summary of public comments (Mẫu 03) and the request letter. A ward that does not
qualify sends only the report and the score sheet (TT 09 Điều 3.1.e). Every value taken from the installed
rule file without an official text is marked "*" with the footnote ``UNCONFIRMED_NOTE``. Numbering restarts
with each document."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from pbgdpl_desktop.reports.inputs import (
    UNCONFIRMED_NOTE,
    UNCONFIRMED_SIGN,
    CriterionLine,
    DossierInput,
    IndicatorLine,
)
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
    ubnd_signature,
)
from pbgdpl_desktop.reports.tables import fit_columns
from pbgdpl_desktop.reports.tagging import Table

RECIPIENTS_INTERNAL = ["Chủ tịch, các Phó Chủ tịch UBND;", "Lưu: VT, TP."]


def render_dossier(data: DossierInput, target: str) -> str:
    width = frame_width()
    story: list[Flowable] = []
    parts = (_report, _score_sheet, _comments, _request_letter) if data.qualifies else (_report, _score_sheet)
    for part in parts:
        if story:
            story.append(PageBreak())
        story += [DocumentStart(), *part(data, width)]
    return build_pdf(
        target, story, title=f"Hồ sơ chuẩn tiếp cận pháp luật năm {data.year} – {data.header.commune_name}"
    )


def _name(data: DossierInput) -> str:
    return data.header.in_text  # "phường Hoàn Kiếm" inside a sentence (NĐ 30/2020)


def _mark(text: str, unconfirmed: bool) -> str:
    return f"{text}{UNCONFIRMED_SIGN}" if unconfirmed and text else text


def _recipient(data: DossierInput) -> str:
    return data.recipient or data.header.receiving_office


def _footnote(data: DossierInput) -> list[Flowable]:
    if not data.any_unconfirmed:
        return []
    return [para(f"({UNCONFIRMED_SIGN}) {UNCONFIRMED_NOTE}.", "note")]


def _report(data: DossierInput, width: float) -> list[Flowable]:
    h = data.header
    subtitle = (
        f"Kết quả đánh giá, đề nghị công nhận {_name(data)} đạt chuẩn tiếp cận pháp luật năm {data.year}"
        if data.qualifies
        else f"Kết quả đánh giá chuẩn tiếp cận pháp luật năm {data.year} của {_name(data)}"
    )
    out: list[Flowable] = [
        header_block(h, symbol="BC-UBND", issue_date=data.issue_date, width=width, draft=data.draft),
        *title_block("Báo cáo", subtitle, width=width),
        para(
            f"Thực hiện {data.regime}, Ủy ban nhân dân {_name(data)} đã tổ chức đánh giá chuẩn tiếp cận pháp "
            f"luật năm {data.year}. Kết quả như sau:"
        ),
        para("I. KẾT QUẢ ĐÁNH GIÁ", "heading"),
        para(
            f"Tổng hợp: {b(_mark(data.total, data.total_unconfirmed))}. Kết luận: "
            f"{b(_mark(data.verdict, data.total_unconfirmed))}.",
            markup=True,
        ),
    ]
    if data.ruleset:
        out.append(para(f"Bộ tiêu chí dùng để đánh giá: {data.ruleset}.", "plain"))
    if data.criteria:
        rows = [head_cells(["STT", "Tiêu chí", "Kết quả"])] + [
            [
                str(i),
                para(c.title, "cell"),
                para(_mark(c.result, c.unconfirmed or c.result_unconfirmed), "cell_center"),
            ]
            for i, c in enumerate(data.criteria, 1)
        ]
        table = Table(rows, colWidths=[18 * mm, width - 58 * mm, 40 * mm], repeatRows=1)
        table.setStyle(grid_style())
        out.append(table)
    else:
        out.append(para("Chưa có kết quả đánh giá các tiêu chí (chưa đánh giá).", "plain"))
    out += _footnote(data)
    if data.summary:
        out += [Spacer(1, 6), para(data.summary)]
    out += [
        para("II. NIÊM YẾT CÔNG KHAI VÀ LẤY Ý KIẾN", "heading"),
        para(
            data.posting or "Chưa ghi nhận việc niêm yết công khai kết quả tự đánh giá (cần ít nhất 05 ngày)."
        ),
    ]
    if data.posting_check:
        out.append(para(data.posting_check))
    out.append(para("III. ĐỀ NGHỊ" if data.qualifies else "III. KẾT LUẬN", "heading"))
    deadline = f" (gửi {data.deadline})" if data.deadline else ""
    request = (
        f"Ủy ban nhân dân {_name(data)} đề nghị {_recipient(data)} xem xét, công nhận {_name(data)} đạt chuẩn "
        f"tiếp cận pháp luật năm {data.year}{deadline}."
        if data.qualifies
        else f"{data.header.commune_name} chưa đủ điều kiện đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm {data.year}; "
        f"Ủy ban nhân dân gửi {_recipient(data)} báo cáo và bản tổng hợp điểm số, không kèm văn bản đề nghị "
        "công nhận."
    )
    out.append(
        ubnd_signature(
            data.header,
            width=width,
            lead=[para(request)],
            recipients=[f"{_recipient(data)};", *RECIPIENTS_INTERNAL],
        )
    )
    return out


SHEET_HEAD = (
    "Mã",
    "Tiêu chí, chỉ tiêu",
    "Điểm tối đa",
    "Số liệu",
    "Tỷ lệ",
    "Điểm tự chấm",
    "Ghi chú",
    "Công chức phụ trách (ký)",
)


def _score_sheet(data: DossierInput, width: float) -> list[Flowable]:
    """TT 09/2021 Mẫu 02: indicator, maximum, data (1), rate (2), self-assessed score, notes and the
    signature of the civil servant in charge of each indicator."""
    title = (
        "Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu"
        if data.points_mode
        else "Bản tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu"
    )
    out: list[Flowable] = [
        header_block(data.header, symbol="", issue_date=data.issue_date, width=width, draft=data.draft),
        *title_block(title, f"Đánh giá chuẩn tiếp cận pháp luật năm {data.year}", width=width),
    ]
    if data.ruleset:
        out.append(para(f"Bộ tiêu chí áp dụng: {data.ruleset}", "note"))
    head = list(SHEET_HEAD)
    if not data.points_mode:
        head[2], head[5] = "Mức đạt", "Kết quả tự đánh giá"
    lines: list[tuple[bool, list[str]]] = []
    for criterion in data.criteria:
        lines.append((True, _criterion_texts(criterion)))
        lines += [(False, _indicator_texts(ind)) for ind in criterion.indicators]
    widths = [18 * mm, 38 * mm, 12 * mm, 17 * mm, 13 * mm, 16 * mm, 28 * mm]
    widths.append(width - sum(widths))
    # the narrow value columns hold "≥ 100 %*", "66,7 %", "Không đạt*" whole; content and notes give room
    values = {i: [texts[i] for _, texts in lines] for i in (2, 3, 4, 5)}
    values[5].append(_mark(data.total, data.total_unconfirmed))
    widths = fit_columns(widths, values, give=(1, 6))
    rows: list[list] = [head_cells(head)]
    bold_rows: list[int] = []
    for bold, texts in lines:
        if bold:
            bold_rows.append(len(rows))
        rows.append(_criterion_row(texts) if bold else _indicator_row(texts))
    rows.append(
        [
            "",
            para(b("Tổng cộng / Kết luận"), "cell", markup=True),
            "",
            "",
            "",
            para(b(_mark(data.total, data.total_unconfirmed)), "cell_center", markup=True),
            para(b(_mark(data.verdict, data.total_unconfirmed)), "cell", markup=True),
            "",
        ]
    )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(font_size=10))
    for index in bold_rows:
        table.setStyle([("BACKGROUND", (0, index), (-1, index), "#eeeeee")])
    out.append(table)
    out += _footnote(data)
    out += [para(note, "note") for note in data.notes]
    out.append(
        signature_block(
            signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            signer_name=data.header.chairman,
            left_signer=(["CÔNG CHỨC TƯ PHÁP - HỘ TỊCH", "(tổng hợp)"], data.header.clerk_name),
            width=width,
        )
    )
    return out


def _indicator_texts(ind: IndicatorLine) -> list[str]:
    """The texts of an indicator's row, one per column of ``SHEET_HEAD`` but the last (the signature)."""
    notes = [part for part in (ind.reason if ind.reason != ind.basis else "", ind.note) if part]
    if ind.evidence:
        notes.append("Minh chứng: " + "; ".join(ind.evidence))
    return [
        ind.code,
        ind.content,
        _mark(ind.level, ind.unconfirmed)
        if ind.max_points is None and ind.level
        else _mark(_points(ind.max_points), ind.unconfirmed and ind.max_points is not None),
        ind.data or ind.basis or "—",
        ind.rate or "—",
        _mark(ind.result, ind.unconfirmed),
        " ".join(notes) or "—",
    ]


def _criterion_texts(criterion: CriterionLine) -> list[str]:
    return [
        criterion.code,
        criterion.title,
        _mark(_points(criterion.max_points), criterion.unconfirmed and criterion.max_points is not None),
        "",
        "",
        _mark(criterion.result, criterion.unconfirmed or criterion.result_unconfirmed),
        "",
    ]


_SHEET_STYLES = ("cell", "cell", "cell_center", "cell", "cell_center", "cell_center", "cell")


def _indicator_row(texts: list[str]) -> list:
    return [para(text, style) for text, style in zip(texts, _SHEET_STYLES, strict=True)] + [""]


def _criterion_row(texts: list[str]) -> list:
    return [
        para(b(text), style, markup=True) if text else ""
        for text, style in zip(texts, _SHEET_STYLES, strict=True)
    ] + [""]


def _points(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}".replace(".", ",")


def _comments(data: DossierInput, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        header_block(data.header, symbol="", issue_date=data.issue_date, width=width, draft=data.draft),
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
        rows: list[list] = [
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
        header_block(
            data.header,
            symbol="UBND-TP",
            issue_date=data.issue_date,
            width=width,
            excerpt=excerpt,
            draft=data.draft,
        ),
        Spacer(1, 10),
        para(f"Kính gửi: {_recipient(data)}", "center"),
        Spacer(1, 8),
        para(
            f"Căn cứ {data.regime}; căn cứ kết quả tự đánh giá, Ủy ban nhân dân {_name(data)} đề nghị "
            f"{_recipient(data)} xem xét, thẩm định và công nhận {_name(data)} đạt chuẩn tiếp cận pháp luật năm "
            f"{data.year}. Kết quả tự đánh giá: {_mark(data.total, data.total_unconfirmed)}."
        ),
        para(
            "Hồ sơ gửi kèm gồm: (1) Báo cáo kết quả đánh giá; (2) Bản tổng hợp điểm số của các tiêu chí, chỉ "
            "tiêu; (3) Bản tổng hợp, tiếp thu, giải trình ý kiến; (4) Các tài liệu minh chứng khác."
        ),
        *_footnote(data),
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
