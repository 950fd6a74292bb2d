"""Excel logbook of dissemination sessions: the empty template and reading a filled one (openpyxl).

The file side only: which columns, validation lists, dd/mm/yyyy cells, and turning a workbook into raw rows
with their sheet row numbers. Parsing the values and the rules live in services.dissemination_import.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.text import fold, nfc
from pbgdpl_desktop.exports import sheet_files
from pbgdpl_desktop.exports.cells import excel_value
from pbgdpl_desktop.exports.print_setup import SheetPrint

SHEET = "So PBGDPL"
LIST_SHEET = "Danh muc"
HEADER_ROW = 1
COLUMNS: tuple[tuple[str, str, int], ...] = (  # (key, header, width)
    ("held_on", "Ngày (dd/mm/yyyy)", 14),
    ("start_time", "Giờ (hh:mm)", 9),
    ("title", "Tiêu đề, nội dung", 40),
    ("form", "Hình thức", 30),
    ("online", "Trực tuyến (Có/Không)", 11),
    ("place", "Địa điểm", 24),
    ("residential_group", "Tổ dân phố/thôn", 16),
    ("target_groups", "Đối tượng (nhiều nhóm cách nhau bởi ;)", 30),
    ("laws", "Văn bản pháp luật", 28),
    ("speakers", "Người trình bày", 22),
    ("attendance_total", "Tổng số người dự", 10),
    ("attendance_women", "Trong đó nữ", 10),
    ("attendance_special", "Trong đó đối tượng đặc thù", 12),
    ("materials_count", "Số tài liệu phát", 10),
    ("law_day", "Ngày Pháp luật (Có/Không)", 11),
    ("notes", "Ghi chú", 30),
)
_KEY_OF_HEADER = {fold(header): key for key, header, _ in COLUMNS}


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (not .xlsx, password-protected, wrong columns, too big)."""


@dataclass(frozen=True)
class RawRow:
    row_number: int  # as Excel shows it
    values: dict[str, Any]


def write_template(path: Path, form_labels: Sequence[str], group_labels: Sequence[str]) -> Path:
    """Write the empty template atomically (temp file + os.replace)."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    layout = SheetPrint(ws, [width for _, _, width in COLUMNS], header_rows=(HEADER_ROW, HEADER_ROW))
    layout.append([excel_value(header) for _, header, _ in COLUMNS], bold=True)
    for index, (key, _, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = width
        if key == "held_on":  # the column's default format: dates typed in Excel show as dd/mm/yyyy
            ws.column_dimensions[get_column_letter(index)].number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    lists = wb.create_sheet(LIST_SHEET)
    for row, label in enumerate(form_labels, start=1):
        lists.cell(row, 1, excel_value(label))
    for row, label in enumerate(group_labels, start=1):
        lists.cell(row, 2, excel_value(label))
    for column, labels in (("A", form_labels), ("B", group_labels)):
        lists.column_dimensions[column].width = max((len(label) for label in labels), default=8) + 4
    lists.cell(1, 3, "Có")
    lists.cell(2, 3, "Không")
    _validations(ws, len(form_labels), len(group_labels))
    tmp = path.with_name(path.name + ".tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DomainError(f"Không ghi được tệp mẫu {path}: {exc.strerror or exc}.") from exc
    return path


def _validations(ws: Any, n_forms: int, n_groups: int) -> None:
    col = {key: get_column_letter(i) for i, (key, _, _) in enumerate(COLUMNS, start=1)}
    rules = [
        (f"='{LIST_SHEET}'!$A$1:$A${n_forms}", "form", "stop", "Chọn hình thức trong danh sách."),
        # several groups may be typed with ";": warn only
        (
            f"='{LIST_SHEET}'!$B$1:$B${n_groups}",
            "target_groups",
            "information",
            "Chọn một nhóm trong danh sách, hoặc gõ nhiều nhóm cách nhau bởi dấu ;",
        ),
        (f"='{LIST_SHEET}'!$C$1:$C$2", "online", "stop", "Chọn Có hoặc Không."),
        (f"='{LIST_SHEET}'!$C$1:$C$2", "law_day", "stop", "Chọn Có hoặc Không."),
    ]
    for formula, key, style, message in rules:
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            errorStyle=style,
            error=message,
            errorTitle="Giá trị không hợp lệ",
            showErrorMessage=True,  # off, the suites accept any value and never show the message
        )
        dv.add(f"{col[key]}2:{col[key]}5000")
        ws.add_data_validation(dv)
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",
        allow_blank=True,
        error="Nhập ngày dạng dd/mm/yyyy.",
        errorTitle="Ngày không hợp lệ",
        showErrorMessage=True,
    )
    dates.add(f"{col['held_on']}2:{col['held_on']}5000")
    ws.add_data_validation(dates)


def _check_container(path: Path) -> None:
    if not path.exists() or not path.is_file():
        raise ImportFileError(f"Không tìm thấy tệp “{path.name}”.")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    if path.suffix.lower() == ".csv":
        return
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"Tệp “{path.name}” được đặt mật khẩu hoặc là tệp Excel cũ (.xls). Hãy mở bằng Excel, bỏ mật khẩu "
            "(Tệp → Thông tin → Bảo vệ sổ làm việc) và lưu lại dạng .xlsx rồi nhập lại."
        )
    if not head.startswith(b"PK") or not zipfile.is_zipfile(path):
        raise ImportFileError(
            f"Tệp “{path.name}” không phải tệp Excel .xlsx hay LibreOffice .ods. Hãy dùng tệp mẫu của phần "
            "mềm (nút “Xuất tệp mẫu”) và lưu dạng .xlsx, .ods hoặc .csv."
        )


BLANK_ROW_ALLOWANCE = 1_000  # empty rows tolerated between and after the data rows, counted against the cap


def read_rows(path: Path, *, max_rows: int) -> list[RawRow]:
    """Rows under the header, blank rows skipped. Raises ImportFileError for a file that cannot be used.

    Reads what office suites write: .xlsx (Excel, LibreOffice), .ods and .csv (UTF-8 with or without BOM,
    UTF-16, Windows-1258), through ``exports.sheet_files``. A merged cell's value reaches every row it
    covers. Every row read counts against the cap, blank ones included (a sheet formatted down to row
    1,048,576 is never walked to its end): past ``max_rows`` data rows, or past ``max_rows +
    BLANK_ROW_ALLOWANCE`` rows in all, reading stops with a message. A cell of an .xlsx holding a formula is
    refused, naming the cell: the values an import saves are the ones the clerk sees typed, never a
    formula's cached result."""
    path = Path(path)
    _check_container(path)
    last_row = HEADER_ROW + max_rows + BLANK_ROW_ALLOWANCE
    if path.suffix.lower() == ".xlsx":
        table = _xlsx_table(path, last_row, max_rows)
    else:
        try:
            table = sheet_files.read_table(path, max_rows=last_row)
        except sheet_files.TooManyRowsError as exc:
            raise ImportFileError(_too_many(path.name, max_rows, blank_rows=True)) from exc
        except DomainError as exc:
            raise ImportFileError(exc.message) from exc
    if not table:
        raise ImportFileError(f"Tệp “{path.name}” trống: không có dòng tiêu đề nào.")
    keys = _header_keys(table[0], path.name)
    out: list[RawRow] = []
    for number, values in enumerate(table[1:], start=HEADER_ROW + 1):
        if not any(v not in (None, "") for v in values):
            continue
        if len(out) >= max_rows:
            raise ImportFileError(_too_many(path.name, max_rows, blank_rows=False))
        out.append(
            RawRow(number, {key: values[i] if i < len(values) else None for i, key in enumerate(keys) if key})
        )
    return out


def _xlsx_table(path: Path, last_row: int, max_rows: int) -> list[list[Any]]:
    """Every row of the logbook sheet up to ``last_row`` (formulas refused), merged cells filled in."""
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ImportFileError(
            f"Tệp “{path.name}” bị hỏng hoặc không đúng định dạng .xlsx ({type(exc).__name__})."
        ) from exc
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(max_row=last_row + 1)  # one row past the cap tells a too-long sheet apart
    try:
        table: list[list[Any]] = []
        data_rows = 0
        for number, cells in enumerate(rows, start=1):
            values = [_value(c, path.name) for c in cells]
            blank = not any(v not in (None, "") for v in values)
            if number > last_row:
                if not blank or (ws.max_row or 0) > last_row:
                    # the sheet goes on past the cap: refuse rather than read on or drop its end unseen
                    raise ImportFileError(_too_many(path.name, max_rows, blank_rows=True))
                break
            data_rows += not blank and number > HEADER_ROW
            if data_rows > max_rows:
                raise ImportFileError(_too_many(path.name, max_rows, blank_rows=False))
            table.append(values)
        title = ws.title
    finally:
        rows.close()  # the generator holds an open handle inside the archive
        wb.close()
    try:
        merges = sheet_files.xlsx_merges(path, sheet_name=title)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ImportFileError(f"Tệp “{path.name}” bị hỏng hoặc không đúng định dạng .xlsx.") from exc
    return sheet_files.fill_merges(table, merges)


def _too_many(name: str, max_rows: int, *, blank_rows: bool) -> str:
    def n(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    if blank_rows:
        return (
            f"Tệp “{name}” có quá nhiều dòng (kể cả dòng trống, tối đa {n(max_rows + BLANK_ROW_ALLOWANCE)} dòng "
            "dưới dòng tiêu đề). Hãy xóa các dòng trống rồi nhập lại, hoặc tách thành nhiều tệp nhỏ hơn."
        )
    return (
        f"Tệp “{name}” có hơn {n(max_rows)} dòng dữ liệu; mỗi lần chỉ nhập tối đa {n(max_rows)} dòng. "
        "Hãy tách thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
    )


def _value(cell: Any, name: str) -> Any:
    """The value of a read-only cell; a formula is refused with the cell's address."""
    if getattr(cell, "data_type", None) == "f":
        formula = str(cell.value)
        shown = formula if len(formula) <= 40 else formula[:40] + "…"
        raise ImportFileError(
            f"Ô {cell.coordinate} của tệp “{name}” chứa công thức “{shown}”. "
            "Phần mềm chỉ nhập giá trị: hãy chép cột đó và dán lại bằng “Dán giá trị” (Paste Values) rồi nhập lại."
        )
    return cell.value


def _header_keys(header: Sequence[Any], name: str) -> list[str | None]:
    keys: list[str | None] = []
    extra: list[str] = []
    for value in header:
        text = nfc(str(value)) if value is not None else ""
        key = _KEY_OF_HEADER.get(fold(text))
        if text and key is None:
            extra.append(text)
        keys.append(key)
    missing = [h for k, h, _ in COLUMNS if k not in keys]
    problems = []
    if missing:
        problems.append("thiếu cột: " + "; ".join(f"“{h}”" for h in missing))
    if extra:
        problems.append("có cột lạ: " + "; ".join(f"“{h}”" for h in extra))
    if problems:
        raise ImportFileError(
            f"Tệp “{name}” không đúng mẫu ({', '.join(problems)}). "
            "Hãy dùng tệp mẫu của phần mềm và giữ nguyên dòng tiêu đề."
        )
    return keys
