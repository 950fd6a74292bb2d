"""Excel template round trip: export, fill with openpyxl (good and bad rows), import, re-import."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.exports.dissemination_excel import COLUMNS, SHEET, ImportFileError
from pbgdpl_desktop.services.dissemination.dto import SessionQuery

HEADERS = [h for _, h, _ in COLUMNS]


def _row(day, title, form=DisseminationForm.CONFERENCE.label, total=50, women=20, groups="", **kw):
    values = {
        "held_on": day,
        "title": title,
        "form": form,
        "attendance_total": total,
        "attendance_women": women,
        "target_groups": groups,
        **kw,
    }
    return [values.get(key) for key, _, _ in COLUMNS]


@pytest.fixture
def filled(services, tmp_path) -> Path:
    path = services.dissemination.imports.export_template(tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    ws = wb[SHEET]
    rows = [
        _row(
            datetime(2026, 3, 5),
            "Phổ biến Luật Đất đai",
            place="Nhà văn hóa tổ 3",
            speakers="Nguyễn Văn Bình",
        ),
        _row(
            "12/04/2026",
            unicodedata.normalize("NFD", "Luật Hôn nhân và gia đình"),
            DisseminationForm.LOUDSPEAKER.label,
            0,
            0,
            f"{TargetGroup.GENERAL.label}; {TargetGroup.DISABLED.label}",
        ),
        _row("09/11/2025", "Thi tìm hiểu", "thi tim hieu phap luat", 120, 70, online="Có", law_day="có"),
        _row("31/02/2026", "Ngày không tồn tại"),
        _row(datetime(2026, 5, 1), "", total=10, women=0),
        _row(datetime(2026, 5, 2), "Nữ nhiều hơn tổng", total=10, women=11),
        _row(datetime(2026, 5, 3), "Hình thức lạ", form="Biểu diễn xiếc"),
        _row(datetime(2026, 5, 4), "Số âm", total=-5, women=0),
        _row(datetime(2029, 1, 1), "Năm gõ nhầm"),
        _row(datetime(2026, 5, 5), "Đối tượng lạ", groups="Người ngoài hành tinh"),
        [None] * len(COLUMNS),  # blank line: skipped
        _row(
            datetime(2026, 3, 5),
            "Phổ biến Luật Đất đai",
            place="Nhà văn hóa tổ 3",
            speakers="Nguyễn Văn Bình",
        ),
    ]
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_template_has_headers_lists_and_date_format(services, tmp_path):
    path = services.dissemination.imports.export_template(tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.column_dimensions["A"].number_format == "DD/MM/YYYY"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("$A$1:$A$14" in f for f in formulas) and any("$B$1:$B$11" in f for f in formulas)
    lists = wb["Danh muc"]
    assert lists["A4"].value == DisseminationForm.LOUDSPEAKER.label
    assert not list(tmp_path.glob("*.tmp"))


def test_import_round_trip_reports_bad_rows_and_never_duplicates(services, filled):
    from pbgdpl_desktop.domain.dissemination import SpeakerInput

    binh, _ = services.dissemination.speakers.save(SpeakerInput("Nguyễn Văn Bình"))
    imports = services.dissemination.imports
    preview = imports.preview(filled)
    assert [r.row_number for r in preview.rows] == [2, 3, 4, 13]
    assert preview.rows[3].duplicate and not any(r.duplicate for r in preview.rows[:3])
    report = preview.error_report()
    assert [e.row_number for e in preview.errors] == [5, 6, 7, 8, 9, 10, 11]
    for fragment in (
        "Dòng 5: Ngày: ngày 31/02/2026 không tồn tại",
        "Dòng 6: Tiêu đề, nội dung: chưa nhập",
        "Dòng 7: Số nữ (11) lớn hơn tổng số",
        "Dòng 8: Hình thức “Biểu diễn xiếc”",
        "Dòng 9: Tổng số người tham dự không được âm",
        "Dòng 10: Ngày tổ chức 01/01/2029",
        "Dòng 11: Đối tượng “nguoi ngoai hanh tinh”",
    ):
        assert fragment in report
    added, changes = imports.commit(preview)
    assert added == 3 and changes
    source = services.dissemination.sessions.list_source()
    assert source.count(SessionQuery()) == 3
    (hn,) = source.page(SessionQuery(search="hon nhan"), 0, 5)
    assert hn.title == "Luật Hôn nhân và gia đình" and hn.target_groups == (
        TargetGroup.GENERAL,
        TargetGroup.DISABLED,
    )
    assert source.count(SessionQuery(search="binh")) == 1  # typed speaker names are searchable
    (land,) = source.page(SessionQuery(search="dat dai"), 0, 5)
    linked = services.dissemination.sessions.get(land.id)
    assert linked.speakers == ((binh.id, "Nguyễn Văn Bình"),) and linked.data.speakers_extra == ""
    contest = services.dissemination.facts(2025)
    assert contest.law_day_sessions == 1 and "online_contest" in contest.digital_activities
    again = imports.preview(filled)
    assert all(r.duplicate for r in again.rows)
    assert imports.commit(again)[0] == 0
    assert source.count(SessionQuery()) == 3


def _workbook(path: Path, headers, rows=()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _bytes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


@pytest.mark.parametrize(
    ("maker", "fragment"),
    [
        (_bytes("ngày;tiêu đề\n".encode()), "không phải tệp Excel .xlsx"),
        # an encrypted .xlsx is an OLE compound file: this is its signature
        (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "được đặt mật khẩu"),
        (_bytes(b"PK\x03\x04 broken zip"), "không phải tệp Excel"),
        (lambda p: _workbook(p, HEADERS[:-2]), "thiếu cột: “Ngày Pháp luật (Có/Không)”; “Ghi chú”"),
        (lambda p: _workbook(p, [*HEADERS, "Kinh phí"]), "có cột lạ: “Kinh phí”"),
    ],
)
def test_unusable_files_get_a_clear_message(services, tmp_path, maker, fragment):
    path = maker(tmp_path / "so.xlsx")
    with pytest.raises(ImportFileError) as info:
        services.dissemination.imports.preview(path)
    assert fragment in info.value.message


def test_headers_match_ignoring_case_and_diacritics(services, tmp_path):
    loose = [unicodedata.normalize("NFD", h.upper()) for h in HEADERS]
    path = _workbook(tmp_path / "so.xlsx", loose, [_row("01/02/2026", "Tiêu đề")])
    assert len(services.dissemination.imports.preview(path).rows) == 1


def test_a_huge_file_is_refused_and_saved_data_kept(services, tmp_path):
    from openpyxl import Workbook

    services.dissemination.imports.commit(
        services.dissemination.imports.preview(
            _workbook(tmp_path / "one.xlsx", HEADERS, [_row(date(2026, 1, 5), "Đã có")])
        )
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for i in range(100_000):
        ws.append(["01/02/2026", None, f"Dòng {i}"])
    path = tmp_path / "lon.xlsx"
    wb.save(path)
    with pytest.raises(ImportFileError, match="hơn 10.000 dòng"):
        services.dissemination.imports.preview(path)
    assert services.dissemination.sessions.list_source().count(SessionQuery()) == 1
