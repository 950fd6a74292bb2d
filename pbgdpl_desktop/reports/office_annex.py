"""Phụ lục of the recognition decision (NĐ 30/2020 layout): "Danh sách xã, phường, đặc khu đạt chuẩn tiếp
cận pháp luật năm …", attached to the decision of the Chủ tịch UBND tỉnh/thành phố (number and date), with
the table STT / tên đơn vị / loại / kết quả and the count by kind. Built from a plain ``AnnexInput``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from pbgdpl_desktop.domain.dates import date_text_vi
from pbgdpl_desktop.reports.inputs import DocumentHeader
from pbgdpl_desktop.reports.layout import (
    NBSP,
    Rule,
    build_pdf,
    frame_width,
    grid_style,
    head_cells,
    header_block,
    para,
)
from pbgdpl_desktop.reports.tagging import Table

HEAD = ("STT", "Tên đơn vị", "Loại", "Kết quả")
KIND_ORDER = ("Xã", "Phường", "Đặc khu")


@dataclass(frozen=True)
class AnnexRow:
    code: str
    name: str  # with its prefix: "Phường Hoàn Kiếm"
    kind: str  # "Xã" / "Phường" / "Đặc khu"
    result: str  # "Đạt chuẩn" …


@dataclass(frozen=True)
class AnnexInput:
    year: int
    province_name: str  # "Thành phố Hà Nội"
    place: str  # "Hà Nội"
    rows: tuple[AnnexRow, ...]
    decision_number: str = ""  # "15/QĐ-UBND"; empty: left blank to fill in by hand
    decision_date: date | None = None


def _decision_ref(data: AnnexInput) -> str:
    number = data.decision_number or f"{NBSP * 8}/QĐ-UBND"
    when = date_text_vi(data.decision_date) if data.decision_date else "ngày … tháng … năm …"
    return (
        f"(Kèm theo Quyết định số {number} {when} của Chủ tịch Ủy ban nhân dân "
        f"{data.province_name[:1].lower() + data.province_name[1:]})"
    )


def annex_story(data: AnnexInput) -> list[Flowable]:
    width = frame_width()
    # the issuing body "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI" is one name: both lines bold (NĐ 30)
    header = DocumentHeader(
        unit_line=data.province_name.upper(), place=data.place, province_name=data.province_name
    )
    number, _, symbol = data.decision_number.partition("/")
    story: list[Flowable] = [
        header_block(
            header,
            symbol=symbol or "QĐ-UBND",
            number=number,
            issue_date=data.decision_date,
            width=width,
        ),
        Spacer(1, 10),
        para("Phụ lục", "center_bold"),
        para("DANH SÁCH XÃ, PHƯỜNG, ĐẶC KHU", "center_bold"),
        para(f"ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT NĂM {data.year}", "center_bold"),
        para(_decision_ref(data), "date"),
        Spacer(1, 4),
        Rule(40 * mm),
        Spacer(1, 6),
    ]
    if not data.rows:
        story.append(para("Chưa có xã, phường, đặc khu nào được đề nghị công nhận.", "plain"))
        return story
    table_rows: list[list[object]] = [list[object](head_cells(HEAD))]
    for i, row in enumerate(data.rows, 1):
        table_rows.append(
            [
                para(str(i), "cell_center"),
                para(row.name, "cell"),
                para(row.kind, "cell_center"),
                para(row.result, "cell_center"),
            ]
        )
    table = Table(table_rows, colWidths=[14 * mm, width - 92 * mm, 22 * mm, 56 * mm], repeatRows=1)
    table.setStyle(grid_style())
    counts = Counter(r.kind for r in data.rows)
    kinds = ", ".join(f"{counts[k]} {k.lower()}" for k in KIND_ORDER if counts[k])
    story += [
        table,
        Spacer(1, 8),
        para(f"Tổng số: {len(data.rows)} đơn vị ({kinds}).", "plain"),
    ]
    return story


def render_annex(data: AnnexInput, target: str) -> str:
    return build_pdf(
        target,
        annex_story(data),
        title=f"Phụ lục – Danh sách đạt chuẩn tiếp cận pháp luật năm {data.year}",
    )
