"""Files in (issue #11 point 5 and 8): the logbook importer refuses formula cells naming the cell and stops
at its row cap on blank-row bombs; the names-file reader refuses UTF-16 without BOM, NUL bytes and binary
files with Vietnamese messages and stops at its cap without reading the whole file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from pbgdpl_desktop.domain.dissemination import DisseminationForm
from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.exports import sheet_files as names
from pbgdpl_desktop.exports.dissemination_excel import BLANK_ROW_ALLOWANCE, COLUMNS, ImportFileError
from pbgdpl_desktop.services.core.names_lists import read_names

HEADERS = [header for _, header, _ in COLUMNS]


def _row(held_on: str, title: str) -> list:
    values = {
        "held_on": held_on,
        "title": title,
        "form": DisseminationForm.CONFERENCE.label,
        "attendance_total": 10,
    }
    return [values.get(key) for key, _, _ in COLUMNS]


def _logbook(path: Path, rows, *, last_row: int | None = None, last_value=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    if last_row is not None:  # one styled (or filled) cell far down: max_row becomes last_row
        cell = ws.cell(last_row, 3, last_value)
        cell.font = Font(bold=True)
    wb.save(path)
    return path


def test_a_formula_cell_is_refused_naming_the_cell(services, tmp_path):
    path = _logbook(tmp_path / "so.xlsx", [_row("01/02/2026", "Buổi 1")] * 5)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["C7"] = '=HYPERLINK("http://x.invalid","bấm")'
    wb.save(path)
    with pytest.raises(ImportFileError) as info:
        services.dissemination.imports.preview(path)
    assert "Ô C7" in info.value.message and "công thức" in info.value.message


@pytest.mark.parametrize("last_value", [None, "dòng cuối"])
def test_a_blank_row_bomb_stops_at_the_cap(services, tmp_path, last_value):
    """max_row 1,000,000: the reader stops after cap + allowance rows and refuses the sheet, rather than
    walking it to its end (or quietly dropping what lies past the cap)."""
    path = _logbook(
        tmp_path / "bom.xlsx", [_row("01/02/2026", "Buổi 1")], last_row=1_000_000, last_value=last_value
    )
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as info:
        services.dissemination.imports.preview(path)
    elapsed = time.perf_counter() - started
    assert "quá nhiều dòng (kể cả dòng trống" in info.value.message
    assert elapsed < 10, elapsed  # generous: about 0.3 s here


def test_blank_rows_within_the_allowance_are_skipped(services, tmp_path):
    path = _logbook(
        tmp_path / "ok.xlsx", [_row("01/02/2026", "Buổi 1")], last_row=BLANK_ROW_ALLOWANCE, last_value=None
    )
    assert len(services.dissemination.imports.preview(path).rows) == 1


def test_an_absurd_number_in_a_row_is_a_row_error(services, tmp_path):
    row = _row("01/02/2026", "Buổi 1")
    row[[k for k, _, _ in COLUMNS].index("attendance_total")] = "9" * 5000
    preview = services.dissemination.imports.preview(_logbook(tmp_path / "so.xlsx", [row]))
    assert not preview.rows and "quá lớn" in preview.errors[0].message


# ----------------------------------------------------------------------------------------- names file


def test_names_csv_utf16_without_bom_is_refused(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes("Họ và tên\nNguyễn Văn An\n".encode("utf-16-le"))
    with pytest.raises(ValidationError, match="UTF-16 không có dấu BOM"):
        read_names(path)


def test_names_csv_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes("Họ và tên\nNguyễn Văn An\n".encode("utf-16"))
    assert [r.name for r in read_names(path)] == ["Nguyễn Văn An"]


def test_names_csv_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(b"Nguyen Van An\n\x00\x01\x02binary\xff\xfe junk\n" * 3)
    with pytest.raises(ValidationError, match="ký tự rỗng"):
        read_names(path)


def test_names_csv_binary_gets_a_vietnamese_message_not_csv_error(tmp_path):
    """A field larger than the csv module's limit raises csv.Error inside the reader."""
    path = tmp_path / "ds.csv"
    path.write_bytes(b'"' + b"\xc3\xa9\xe2\x80\x9c" * 70_000 + b"\n")
    with pytest.raises(ValidationError, match="không đọc được như tệp CSV") as info:
        read_names(path)
    assert isinstance(info.value, DomainError)


def test_names_csv_stops_at_its_cap_without_reading_the_whole_file(tmp_path):
    """7,000 lines then a sparse 4 GB tail: reading to the end would take minutes and gigabytes."""
    path = tmp_path / "ds.csv"
    with path.open("wb") as fh:
        fh.write("Nguyễn Văn An\n".encode() * 7000)
        fh.truncate(4 * 1024**3)
    reads: list[int] = []
    real_open = Path.open

    def counting_open(self, *args, **kwargs):
        fh = real_open(self, *args, **kwargs)
        real_read = fh.read

        def read(n=-1):
            reads.append(n)
            return real_read(n)

        fh.read = read
        return fh

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "open", counting_open)
        with pytest.raises(ValidationError, match="hơn 5000 dòng"):
            read_names(path)
    assert reads and all(0 < n <= names.CHUNK_BYTES for n in reads)
    assert len(reads) * names.CHUNK_BYTES < 1024**2


def test_names_xlsx_blank_row_bomb_stops_at_the_cap(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên"])
    ws.append(["Nguyễn Văn An"])
    ws.cell(1_000_000, 1).font = Font(bold=True)
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="kể cả dòng trống"):
        read_names(path)
    assert time.perf_counter() - started < 10
