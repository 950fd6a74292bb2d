"""Golden tests of the dossier against TT 09/2021 Điều 3–4 and QĐ 25/2021 Điều 5.2 (issue #16), read back from
the PDF with pdftotext: a ward that does not qualify sends no request letter; the score sheet is Mẫu 02;
unconfirmed values are marked and the marks vanish with a confirmed rule file; the public posting rule;
the recipient and the deadline by year; "DỰ THẢO" until the clerk finalises."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.assessment import PublicPosting, check_posting
from pbgdpl_desktop.reports.inputs import UNCONFIRMED_NOTE
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.helpers.pdf import pdf_text

D = date


def _text(services, tmp_path: Path, year: int, name: str, **kw) -> str:
    out = services.reports.generate(ReportRequest("dossier", year, target=tmp_path / f"{name}.pdf", **kw))
    return " ".join(pdf_text(out.path).split())


def test_a_failing_2026_ward_sends_no_request_letter(demo_services, tmp_path):
    assert demo_services.assessment.scoring.compute(2026).verdict.value != "pass"
    text = _text(demo_services, tmp_path, 2026, "fail")
    assert "V/v đề nghị công nhận" not in text and "Kính gửi" not in text
    assert "Ý kiến góp ý và giải trình" not in text  # only the report and the score sheet (Điều 3.1.e)
    assert "không kèm văn bản đề nghị công nhận" in text
    assert "BẢN TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU" in text


def test_a_passing_2024_ward_sends_mau_02_and_the_request_to_the_district(demo_services, tmp_path):
    ward = demo_services.ward.get()
    demo_services.ward.save(replace(ward, legacy_district="quận Hoàn Kiếm"))
    assert demo_services.assessment.scoring.compute(2024).verdict.value == "pass"
    text = _text(demo_services, tmp_path, 2024, "pass")
    assert "BẢN TỔNG HỢP ĐIỂM SỐ CỦA CÁC TIÊU CHÍ, CHỈ TIÊU" in text
    for column in ("Điểm tối đa", "Số liệu", "Tỷ lệ", "Điểm tự chấm", "Ghi chú", "Công chức phụ trách (ký)"):
        assert column in text, column
    assert "Kính gửi: Ủy ban nhân dân quận Hoàn Kiếm" in text
    assert "trước ngày 10/01/2025" in text
    assert "Sở Tư pháp" not in text.split("Kính gửi:")[1][:60]
    assert "Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ" in text
    assert "DỰ THẢO" not in text  # dated 30/11/2026, after 2024 ended


def test_unconfirmed_values_are_marked_and_vanish_with_a_confirmed_rule_file(demo_services, tmp_path):
    text = _text(demo_services, tmp_path, 2024, "unconfirmed")
    assert UNCONFIRMED_NOTE in text
    assert "/100 điểm*" in text  # the total rests on assumed maxima
    assert "Bộ tiêu chí dùng để đánh giá: QĐ 25/2021/QĐ-TTg + TT 09/2021/TT-BTP" in text
    assert "(phiên bản 1)" in text
    # the province sends the confirmed file (#12's replies): every "unconfirmed" flag gone
    data = json.loads(demo_services.assessment.rulesets.get("qd25_2021").source_text)

    def confirm(obj):
        if isinstance(obj, dict):
            obj.pop("unconfirmed", None)
            for value in obj.values():
                confirm(value)
        elif isinstance(obj, list):
            for value in obj:
                confirm(value)

    confirm(data)
    path = tmp_path / "qd25_confirmed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = demo_services.assessment.rulesets.import_file(path)
    demo_services.assessment.records.use_ruleset(2024, imported.id, imported.version)
    text = _text(demo_services, tmp_path, 2024, "confirmed")
    assert UNCONFIRMED_NOTE not in text
    assert "điểm*" not in text and "Đạt*" not in text
    assert f"(phiên bản {imported.version})" in text


def test_the_settled_share_is_defined_on_the_score_sheet_and_is_a_province_choice(demo_services, tmp_path):
    text = _text(demo_services, tmp_path, 2026, "settled")
    assert (
        "Tỷ lệ hòa giải thành = số vụ việc hòa giải thành / (số vụ việc hòa giải thành + hòa giải không thành)"
        in text
    )
    assert "không có trong văn bản pháp luật: là lựa chọn của tỉnh" in text


def test_a_dossier_dated_before_the_year_ends_is_a_draft_until_finalised(demo_services, tmp_path):
    assert "DỰ THẢO" in _text(demo_services, tmp_path, 2026, "draft")  # today is 30/11/2026
    assert "DỰ THẢO" not in _text(demo_services, tmp_path, 2026, "final", final=True)


def test_from_2025_the_dossier_goes_to_the_province(demo_services, tmp_path):
    text = _text(demo_services, tmp_path, 2026, "province")
    assert "gửi Sở Tư pháp thành phố Hà Nội" in text
    assert "Quyết định số 27/2025/QĐ-TTg ngày 04/8/2025 của Thủ tướng Chính phủ" in text


@pytest.mark.parametrize(
    ("posting", "ok"),
    [
        # office 5 days + 3 loudspeaker announcements within 5 days: the golden case of Điều 3.1.c
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 5), None, None, 3, D(2026, 12, 1), D(2026, 12, 5)), True),
        # office only 4 days
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 4), None, None, 3, D(2026, 12, 1), D(2026, 12, 5)), False),
        # 3 announcements squeezed into 4 days
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 5), None, None, 3, D(2026, 12, 1), D(2026, 12, 4)), False),
        # only 2 announcements
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 5), None, None, 2, D(2026, 12, 1), D(2026, 12, 5)), False),
        # office + web portal 5 days each
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 5), D(2026, 12, 2), D(2026, 12, 6)), True),
        # office alone
        (PublicPosting(D(2026, 12, 1), D(2026, 12, 9)), False),
    ],
)
def test_public_posting_rule(posting, ok):
    assert check_posting(posting)[0] is ok


def test_posting_check_is_printed_in_the_report(demo_services, tmp_path):
    demo_services.assessment.procedure.set_posting(
        2026, PublicPosting(D(2026, 11, 1), D(2026, 11, 4), None, None, 3, D(2026, 11, 1), D(2026, 11, 5))
    )
    text = _text(demo_services, tmp_path, 2026, "posting")
    assert "Niêm yết công khai chưa đúng Điều 3.1.c Thông tư số 09/2021/TT-BTP" in text
    assert "niêm yết tại trụ sở 4 ngày, cần ít nhất 05 ngày" in text


def test_the_report_body_has_full_citations_and_no_engine_codes(demo_services, tmp_path):
    text = _text(demo_services, tmp_path, 2026, "codes")
    body = text.split("BẢN TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ")[0]  # Mẫu 01, before the score sheet
    assert "Quyết định số 27/2025/QĐ-TTg ngày 04/8/2025 của Thủ tướng Chính phủ" in body
    assert "Thông tư số 15/2025/TT-BTP ngày 11/9/2025 của Bộ trưởng Bộ Tư pháp" in body
    for code in ("TC01", "TC03", "CT2.3", "CT3.1.1", "input.", "mediation.", "dissemination.", "qd27_2025"):
        assert code not in body, code
    assert "Cung cấp thông tin theo yêu cầu đúng hạn: Không đạt" in body
    # NĐ 30/2020 Phụ lục II: the kind of administrative unit in lower case inside a sentence
    assert "Ủy ban nhân dân phường Hoàn Kiếm đã tổ chức đánh giá" in body
    assert "Ủy ban nhân dân Phường Hoàn Kiếm" not in text


def test_the_statistics_workbook_marks_unconfirmed_results(demo_services, tmp_path):
    from openpyxl import load_workbook

    out = demo_services.reports.generate(ReportRequest("statistics", 2024, target=tmp_path / "tk.xlsx"))
    sheet = load_workbook(out.path, read_only=True)["Chuẩn tiếp cận PL"]
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert f"(*) {UNCONFIRMED_NOTE}." in values
    assert any(v.endswith("điểm*") for v in values)
    mediation = load_workbook(out.path, read_only=True)["Hòa giải"]
    texts = [str(v) for row in mediation.iter_rows(values_only=True) for v in row if v is not None]
    assert any(v.startswith("(*) Tỷ lệ hòa giải thành = số vụ việc hòa giải thành") for v in texts)


def test_statistics_made_before_the_period_ends_say_draft_until_final(services, tmp_path):
    from openpyxl import load_workbook

    from pbgdpl_desktop.services.reports.service import ReportRequest

    def subtitles(final: bool) -> list[str]:
        out = services.reports.generate(
            ReportRequest("statistics", 2026, target=tmp_path / f"tk-{final}.xlsx", final=final)
        )
        book = load_workbook(out.path, read_only=True)
        return [
            str(next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[0])
            for sheet in book.worksheets[:2]
        ]

    assert services.ctx.clock.today().year == 2026  # the year is not over: a draft
    assert all(text.startswith("DỰ THẢO — ") for text in subtitles(final=False))
    assert not any("DỰ THẢO" in text for text in subtitles(final=True))
