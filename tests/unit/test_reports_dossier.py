"""The standard's dossier: four documents in one PDF, read back with poppler."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.reports.inputs import (
    CommentLine,
    CriterionLine,
    DossierInput,
    IndicatorLine,
)
from tests.builders import document_header
from tests.helpers.pdf import is_nfc, pdf_fonts, pdf_pages, pdf_text

HEADER = document_header(chairman="Nguyễn Văn Thành", receiving_office="Sở Tư pháp thành phố Hà Nội")


def dossier_input(*, comments: bool = True, criteria_count: int = 5) -> DossierInput:
    criteria = [
        CriterionLine(
            f"TC{c}",
            f"Tiêu chí {c}: tiếp cận thông tin, phổ biến, giáo dục pháp luật",
            None,
            "Đạt",
            [
                IndicatorLine(
                    f"CT{c}.{i}",
                    f"Chỉ tiêu {c}.{i}: kế hoạch PBGDPL được ban hành và thực hiện đầy đủ",
                    None,
                    "12/12 nhiệm vụ (100 %)",
                    "Đạt",
                    "≥ 100 %",
                    ("Kế hoạch 12/KH-UBND",),
                )
                for i in range(1, 5)
            ],
        )
        for c in range(1, criteria_count + 1)
    ]
    return DossierInput(
        HEADER,
        2026,
        "Quyết định số 27/2025/QĐ-TTg và Thông tư số 15/2025/TT-BTP",
        criteria,
        total=f"Đạt {criteria_count}/{criteria_count} tiêu chí",
        verdict="Đạt chuẩn tiếp cận pháp luật",
        qualifies=True,
        issue_date=date(2026, 12, 20),
        comments=[
            CommentLine(
                "Ông Lê Văn Cường, Tổ dân phố số 5",
                "Đề nghị bổ sung số liệu hòa giải",
                "Tiếp thu, đã bổ sung",
            )
        ]
        if comments
        else [],
        posting="Niêm yết tại trụ sở UBND từ ngày 01/12/2026 đến ngày 06/12/2026.",
        ruleset="qd27_2025 v1",
    )


def test_dossier_four_documents(tmp_path: Path) -> None:
    out = render_dossier(dossier_input(), str(tmp_path / "ho-so.pdf"))
    text = pdf_text(out)
    flat = " ".join(text.split())
    assert is_nfc(text)
    for expected in (
        "Kết quả đánh giá, đề nghị công nhận phường Hoàn Kiếm đạt chuẩn tiếp cận pháp luật năm 2026",
        "BẢN TỔNG HỢP KẾT QUẢ",
        "Chỉ tiêu 3.2",
        "Kế hoạch 12/KH-UBND",
        "Đạt 5/5 tiêu chí",
        "Ý kiến góp ý và giải trình",
        "Đề nghị bổ sung số liệu hòa giải",
        "V/v đề nghị công nhận phường Hoàn Kiếm đạt chuẩn tiếp cận pháp luật năm 2026",
        "Kính gửi: Sở Tư pháp thành phố Hà Nội",
        "Phường Hoàn Kiếm, ngày 20 tháng 12 năm 2026",
        "/BC-UBND",
        "/UBND-TP",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn Thành",
    ):
        assert expected in flat, expected
    assert flat.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 4
    assert all(f.embedded for f in pdf_fonts(out))
    assert 5 <= pdf_pages(out) <= 8


def test_dossier_without_comments_or_results(tmp_path: Path) -> None:
    data = dossier_input(comments=False, criteria_count=0)
    text = " ".join(pdf_text(render_dossier(data, str(tmp_path / "rong.pdf"))).split())
    assert "không nhận được ý kiến góp ý nào" in text
    assert "Chưa có kết quả đánh giá các tiêu chí" in text
    assert pdf_pages(tmp_path / "rong.pdf") == 4
