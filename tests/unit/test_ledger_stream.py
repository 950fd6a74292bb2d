"""The ledger's streamed sheet (``exports.xlsx_stream``) against what openpyxl's writer made before
(``tests.helpers.ledger_openpyxl``): the same rows read back equal cell by cell — values, number formats, bold,
fill, borders, wrap, widths, heights, frozen header, print titles and area, page set-up — with openpyxl and
through LibreOffice; the file appears whole or not at all."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.domain.errors import StorageError
from pbgdpl_desktop.domain.finance import Expenditure, FundingSource
from pbgdpl_desktop.domain.text import sheet_value
from pbgdpl_desktop.exports.finance_excel import write_ledger
from pbgdpl_desktop.exports.xlsx_stream import CellStyle, StreamBook
from tests.helpers.ledger_openpyxl import write_ledger_openpyxl
from tests.helpers.office_suite import UTF8, OfficeSuite, office_suite  # noqa: F401 - the session fixture

SHEET = "Sổ theo dõi chi"
LONG = (
    "Chi tiền nước uống, in tài liệu và thuê loa đài cho hội nghị tuyên truyền Luật Đất đai năm 2024 "
    "tại nhà văn hóa tổ dân phố số 7, có đại diện các hộ gia đình tham dự"
)
TEXTS = (
    "",
    " Hằng ",
    "Nguyễn Thị Thu Hằng",
    "=1+1",
    '=HYPERLINK("http://x.invalid","bấm")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r\n=1+1",
    "a\x00b\x08c\x1fd",
    "x\ud800y",
    "Nguye\u0302\u0303n",  # NFD
    LONG,
    LONG * 3,
    "a & b < c > d \"q\" 'x' ]]>",
    "dòng 1\ndòng 2\ndòng 3",
    "x" * 40_000,  # over Excel's 32,767
)


def _rows(count: int, seed: int = 3) -> list[Expenditure]:
    rnd = random.Random(seed)
    rows = []
    for i in range(count):

        def text() -> str:
            return rnd.choice(TEXTS)

        rows.append(
            Expenditure(
                id=str(i),
                spent_on=date(2024, 1, 1) + timedelta(days=rnd.randrange(1000)),
                category_id="c",
                category_code=text(),
                category_name=text(),
                source=rnd.choice(list(FundingSource)),
                amount=rnd.choice([0, 7, 1_234_567, 10**15, 999_999_999_999, -5_000]),
                description=text(),
                quantity=rnd.choice([None, 0, 2, 50]),
                unit=text(),
                norm_variant=rnd.choice(["", "leaflet"]),
                voucher_number=text(),
                voucher_date=rnd.choice([None, date(2026, 2, 3), date(1999, 12, 31)]),
                payee=text(),
                warnings=tuple(rnd.sample(TEXTS[:8], rnd.randrange(3))),
            )
        )
    return rows


def _sheet_facts(path: Path) -> dict[str, Any]:
    ws = load_workbook(path)[SHEET]
    setup, margins = ws.page_setup, ws.page_margins
    return {
        "freeze": ws.freeze_panes,
        "print titles": ws.print_title_rows,
        "print area": ws.print_area,
        "page": (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight),
        "fit to page": ws.sheet_properties.pageSetUpPr.fitToPage,
        "footers": (ws.oddFooter.center.text, ws.evenFooter.center.text),
        "margins": (margins.left, margins.right, margins.top, margins.bottom),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "size": (ws.max_row, ws.max_column),
        "cells": [[_cell(c) for c in row] for row in ws.iter_rows()],
    }


def _cell(c: Any) -> tuple[Any, ...]:
    value = c.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = float(value)  # a number past 2**53 is one double, however the writer spelled it
    font, border, align = c.font, c.border, c.alignment
    return (
        c.coordinate,
        value,
        c.data_type if value is not None else None,
        c.number_format,
        bool(font.b),
        font.sz or 11,
        c.fill.fill_type,
        c.fill.fgColor.rgb if c.fill.fill_type else None,
        tuple(
            (s.style, s.color.rgb if s.color else None)
            for s in (border.left, border.right, border.top, border.bottom)
        ),
        align.horizontal,
        align.vertical,
        bool(align.wrap_text),
    )


def test_streamed_ledger_reads_back_as_the_openpyxl_one(tmp_path: Path) -> None:
    rows = _rows(300)
    before = write_ledger_openpyxl(rows, tmp_path / "openpyxl.xlsx", ward="=UBND", subtitle="Tìm: “=1+1”")
    after = write_ledger(rows, tmp_path / "stream.xlsx", ward="=UBND", subtitle="Tìm: “=1+1”")
    assert after[1:] == before[1:] == (300, sum(r.amount for r in rows))
    old, new = _sheet_facts(before[0]), _sheet_facts(after[0])
    # openpyxl's sheets keep a row's full estimate; the streamed one stops at Excel's tallest row (409 pt)
    old["heights"] = {row: min(height, 409.0) for row, height in old["heights"].items()}
    assert max(new["heights"].values()) == 409.0
    for key in old:
        if key != "cells":
            assert new[key] == old[key], key
    assert len(new["cells"]) == len(old["cells"]) == 300 + 5
    for a, b in zip(old["cells"], new["cells"], strict=True):
        assert b == a
    assert old["print titles"] == "$4:$4" and old["freeze"] == "A5"  # the compared facts are there at all
    assert any(c[1] == "x" * 32_767 for row in new["cells"] for c in row)
    assert not [c for row in new["cells"] for c in row if c[2] == "f"]  # no formula anywhere


def test_text_xml_cannot_hold_is_dropped(tmp_path: Path) -> None:
    """U+FFFE/U+FFFF are not XML characters: openpyxl's writer failed on them (ValueError)."""
    row = _rows(1)[0]
    bad = Expenditure(**{**row.__dict__, "description": "a\ufffeb\uffffc", "payee": "=\ufffe"})
    path, _, _ = write_ledger([bad], tmp_path / "so.xlsx", ward="UBND", subtitle="")
    ws = load_workbook(path)[SHEET]
    assert (ws["F5"].value, ws["L5"].value) == ("abc", "'=")


def test_every_value_type_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    values = [
        7,
        -2.5,
        Decimal("12.25"),
        True,
        date(2026, 2, 28),
        datetime(2026, 2, 28, 18, 30),
        None,
        "x",
        1e300,
    ]
    with StreamBook(target) as book:
        sheet = book.sheet("Bảng 'một' mới", [10] * len(values))
        when = book.style(CellStyle(number_format="DD/MM/YYYY"))
        plain = book.style(CellStyle())
        sheet.append(values, [plain, plain, plain, plain, when, when, plain, plain, plain])
    ws = load_workbook(target)["Bảng 'một' mới"]
    got = [c.value for c in ws[1]]
    assert got == [
        7,
        -2.5,
        12.25,
        True,
        datetime(2026, 2, 28),
        datetime(2026, 2, 28, 18, 30),
        None,
        "x",
        1e300,
    ]
    assert ws.print_area == "'Bảng ''một'' mới'!$A$1:$I$1"


def _failing(rows: list[Expenditure], after: int) -> Iterator[Expenditure]:
    for i, row in enumerate(rows):
        if i == after:
            raise RuntimeError("the database went away")
        yield row


def test_a_failure_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / "so.xlsx"
    with pytest.raises(RuntimeError):
        write_ledger(_failing(_rows(3000), 2500), target, ward="UBND", subtitle="")
    assert list(out.iterdir()) == []
    write_ledger(_rows(3), target, ward="UBND", subtitle="")  # a good file, then a failing export over it
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        write_ledger(_failing(_rows(3000), 2500), target, ward="UBND", subtitle="")
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["so.xlsx"]


def test_an_unwritable_target_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(StorageError):
        write_ledger(_rows(3), tmp_path / "taken" / "so.xlsx", ward="UBND", subtitle="")


def test_libreoffice_shows_the_same_text(office_suite: OfficeSuite, tmp_path: Path) -> None:  # noqa: F811
    rows = _rows(120, seed=5)
    old = write_ledger_openpyxl(rows, tmp_path / "old" / "so.xlsx", ward="UBND", subtitle="Tìm: “=1+1”")[0]
    new = write_ledger(rows, tmp_path / "new" / "so.xlsx", ward="UBND", subtitle="Tìm: “=1+1”")[0]
    old_csv = office_suite.to_csv([old], tmp_path / "old-csv", UTF8)[0].read_text(encoding="utf-8")
    new_csv = office_suite.to_csv([new], tmp_path / "new-csv", UTF8)[0].read_text(encoding="utf-8")
    assert "SỔ THEO DÕI CHI KINH PHÍ" in new_csv and "Tổng cộng" in new_csv
    assert new_csv.count("\n") > 120
    assert new_csv == old_csv


def test_plain_tables_stream_every_sheet(tmp_path: Path) -> None:
    """``table_excel.write_table`` (the audit trail, a person's data) through the streamed writer."""
    from pbgdpl_desktop.exports.table_excel import write_table

    trail = [
        (f"0{i % 9}/12/2026 10:00", t, i, date(2026, 12, 3), datetime(2026, 12, 3, 9, 5))
        for i, t in enumerate(TEXTS)
    ]
    path = write_table(
        tmp_path / "nhat-ky.xlsx",
        [("Nhật ký", ("Thời điểm", "Nội dung", "Số", "Ngày", "Lúc"), iter(trail)), ("Trống", ("A",), [])],
    )
    book = load_workbook(path)
    assert book.sheetnames == ["Nhật ký", "Trống"]
    ws = book["Nhật ký"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Thời điểm", "Nội dung", "Số", "Ngày", "Lúc") and ws["A1"].font.b
    expected = [
        (a, sheet_value(t)[:32_767] or None, i, datetime(2026, 12, 3), datetime(2026, 12, 3, 9, 5))
        for a, t, i, _, _ in trail
    ]
    assert rows[1:] == expected
    assert (ws.freeze_panes, ws.print_title_rows, ws["D2"].number_format) == ("A2", "$1:$1", "DD/MM/YYYY")
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert [c.value for c in book["Trống"][1]] == ["A"]


def test_every_ledger_cell_starts_at_the_top_of_its_row(tmp_path: Path) -> None:
    """Printed, a wrapped description makes its row tall: the number, the date and the amount of that row stand
    at the top beside it, not at the bottom (they did, before: only the wrapped columns were top-aligned)."""
    path, count, _ = write_ledger(_rows(40), tmp_path / "so.xlsx", ward="UBND", subtitle="")
    ws = load_workbook(path).active
    data = list(ws.iter_rows(min_row=5, max_row=4 + count))
    assert len(data) == count and all(len(row) == 13 for row in data)
    assert {c.alignment.vertical for row in data for c in row} == {"top"}
    assert {c.alignment.vertical for c in ws[4]} == {"center"}  # the header stays centred
