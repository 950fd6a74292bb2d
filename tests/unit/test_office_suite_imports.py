"""The logbook template filled and saved by a real office suite (LibreOffice headless) as .xlsx, .ods and
.csv (UTF-8, UTF-16, Windows-1258), imported through the service: dates typed as text and as real dates,
a merged "Địa điểm" reaching every row it covers, each date spelled out in the preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.exports.dissemination_excel import COLUMNS, SHEET, write_template
from tests.helpers.office_suite import (
    CSV_FILTER,
    UTF8,
    UTF16,
    WINDOWS_1258,
    OfficeSuite,
    csv_options,
    office_suite,  # noqa: F401 - the session fixture
)

KEYS = [key for key, _, _ in COLUMNS]


def _row(**values: object) -> list[object]:
    return [values.get(key) for key in KEYS]


@pytest.fixture(scope="module")
def written(office_suite: OfficeSuite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # noqa: F811
    out = tmp_path_factory.mktemp("suite-logbook")
    filled = write_template(
        out / "so.xlsx", [f.label for f in DisseminationForm], [g.label for g in TargetGroup]
    )
    book = load_workbook(filled)
    sheet = book[SHEET]
    form = DisseminationForm.CONFERENCE.label
    sheet.append(
        _row(
            held_on=date(2026, 3, 5),
            title="Phổ biến Luật Đất đai",
            form=form,
            place="Nhà văn hóa tổ 3",
            attendance_total=50,
            attendance_women=20,
        )
    )
    sheet.append(
        _row(
            held_on="12/04/2026",
            title="Luật Hôn nhân và gia đình",
            form=form,
            attendance_total=30,
            attendance_women=10,
            online="Không",
        )
    )
    sheet["A2"].number_format = "DD/MM/YYYY"
    sheet.merge_cells("F2:F3")  # "Địa điểm" typed once for both sessions
    book.save(filled)
    files = {
        "xlsx": office_suite.convert([filled], "xlsx", out / "xlsx")[0],
        "ods": office_suite.convert([filled], "ods", out / "ods")[0],
    }
    for label, encoding in (("utf8", UTF8), ("utf16", UTF16), ("cp1258", WINDOWS_1258)):
        target = f"csv:{CSV_FILTER}:{csv_options(encoding)}"
        files[label] = office_suite.convert([files["ods"]], target, out / label)[0]
    return files


@pytest.mark.parametrize("kind", ["xlsx", "ods", "utf8", "utf16", "cp1258"])
def test_logbook_saved_by_the_suite_imports(services, written: dict[str, Path], kind: str) -> None:
    preview = services.dissemination.imports.preview(written[kind])
    assert preview.errors == ()
    first, second = preview.rows
    assert (first.data.held_on, second.data.held_on) == (date(2026, 3, 5), date(2026, 4, 12))
    assert first.held_on_spelled == "05/03/2026 — ngày 5 tháng 3"
    assert second.held_on_spelled == "12/04/2026 — ngày 12 tháng 4"
    assert second.data.title == "Luật Hôn nhân và gia đình"
    assert first.data.place == "Nhà văn hóa tổ 3"
    if kind in ("xlsx", "ods"):  # a CSV has no merged cells: the suite writes the value once
        assert second.data.place == "Nhà văn hóa tổ 3"
    added, _ = services.dissemination.imports.commit(preview)
    assert added == 2
