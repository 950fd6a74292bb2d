"""Excel statistics of a period: sessions, mediation, spending, assessment and optional long detail lists.

The whole workbook is written in openpyxl's write-only mode (streaming: 100,000-row lists stay at a few tens
of MiB), formatted for printing: titles, bold bordered headers, number formats, widths, frozen panes, A4,
fit to one page wide, header rows repeated on every printed page. Totals are values, not formulas, so a
reader without a calculation engine sees them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pbgdpl_desktop.domain.mediation import SETTLED_SHARE_DEFINITION
from pbgdpl_desktop.domain.sheet_layout import chars_per_line, row_height
from pbgdpl_desktop.domain.text import excel_value, sort_key
from pbgdpl_desktop.reports import labels as default_labels
from pbgdpl_desktop.reports.inputs import UNCONFIRMED_NOTE, UNCONFIRMED_SIGN, DetailSheet, StatisticsInput
from pbgdpl_desktop.reports.output import write_atomic
from pbgdpl_desktop.reports.tables import humanize

FONT = "Times New Roman"
INT_FORMAT = "#,##0"
MONEY_FORMAT = '#,##0 "đ"'
DATE_FORMAT = "dd/mm/yyyy"
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
TOTAL = "Tổng cộng"


class SheetWriter:
    """Appends styled rows to a write-only sheet, keeping styles shared (one object per kind)."""

    def __init__(self, book: Workbook, title: str, widths: Sequence[float]) -> None:
        self.sheet: WriteOnlyWorksheet = book.create_sheet(title[:31])
        self.widths = list(widths)
        for index, width in enumerate(widths):
            self.sheet.column_dimensions[_column(index)].width = width
        setup = self.sheet.page_setup
        setup.paperSize, setup.orientation = 9, "portrait"  # 9 = A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_options.horizontalCentered = True
        self.sheet.oddFooter.center.text = "Trang &P / &N"  # page numbers on every printed page
        self.sheet.print_title_rows = "1:2"  # the title and the period on every printed page
        self.row = 0
        self._fonts = {
            key: Font(name=FONT, size=size, bold=bold)
            for key, (size, bold) in {
                "title": (14, True),
                "sub": (12, False),
                "head": (12, True),
                "cell": (12, False),
                "total": (12, True),
            }.items()
        }
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def cell(
        self, value: object, kind: str = "cell", number_format: str | None = None, *, border: bool = True
    ) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=excel_value(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the stored text starts with
        cell.font = self._fonts[kind]
        if border and kind in ("head", "cell", "total"):
            cell.border = BORDER
        if kind == "head":
            cell.fill, cell.alignment = HEAD_FILL, self._center
        elif isinstance(value, str):
            cell.alignment = self._wrap
        if number_format:
            cell.number_format = number_format
        return cell

    def append(self, cells: Sequence[object]) -> None:
        """A row, tall enough for its wrapped text (set just before the streaming sheet writes it); a row of
        one cell (title, caption, note) is merged across the table so it wraps there, never over the
        next line."""
        cells = list(cells)
        number = self.row + 1
        widths = self.widths
        if len(cells) == 1 and len(widths) > 1:
            self.sheet.merged_cells.add(f"A{number}:{_column(len(widths) - 1)}{number}")
            widths = [sum(widths) * 0.95]
        height = _row_height(cells, widths)
        if height is not None:
            self.sheet.row_dimensions[number].height = height
        self.sheet.append(cells)
        self.sheet.row_dimensions.pop(number, None)  # written with the row: keep nothing per row
        self.row = number
        self.sheet.print_area = f"A1:{_column(len(self.widths) - 1)}{number}"

    def title(self, title: str, subtitle: str) -> None:
        self.sheet.freeze_panes = "A4"  # write-only: sheet settings must precede the first row
        self.append([self.cell(title, "title", border=False)])
        self.append([self.cell(subtitle, "sub", border=False)])
        self.append([])

    def table(
        self,
        caption: str,
        head: Sequence[str],
        rows: Sequence[tuple[str, int | str]],
        *,
        money: bool = False,
        empty: str = "Không có số liệu trong kỳ.",
    ) -> None:
        fmt = MONEY_FORMAT if money else INT_FORMAT
        self.append([self.cell(caption, "head", border=False)])
        self.append([self.cell(h, "head") for h in head])
        if not rows:
            self.append([self.cell(empty), self.cell("")])
        for label, value in rows:
            kind = "total" if label == TOTAL else "cell"
            self.append([self.cell(label, kind), self.cell(value, kind, fmt)])
        self.append([])


def _row_height(cells: Sequence[object], widths: Sequence[float]) -> float | None:
    heights = []
    for cell, width in zip(cells, widths, strict=False):
        value = getattr(cell, "value", cell)
        font = getattr(cell, "font", None)
        if isinstance(value, str) and value:
            size = float(getattr(font, "sz", None) or 11)
            heights.append(row_height([(value, width)], size=size, bold=bool(getattr(font, "b", False))))
    return max((h for h in heights if h is not None), default=None)


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _rows(
    counts: Mapping[str, int], names: Mapping[str, str], *, total: bool = True
) -> list[tuple[str, int]]:
    rows = sorted(
        ((names.get(code) or humanize(code), value) for code, value in counts.items() if value),
        key=lambda item: sort_key(item[0]),
    )
    return [*rows, (TOTAL, sum(counts.values()))] if rows and total else rows


def render_statistics(data: StatisticsInput, target: str) -> str:
    def build(temp: str) -> None:
        book = Workbook(write_only=True)
        _dissemination(book, data)
        _mediation(book, data)
        _finance(book, data)
        _assessment(book, data)
        for detail in data.details:
            write_detail(book, detail)
        book.save(temp)

    return str(write_atomic(target, build))


def _subtitle(data: StatisticsInput) -> str:
    draft = "DỰ THẢO — " if data.draft else ""
    return f"{draft}{data.header.committee} {data.header.unit_line} – {data.header.province_name}; kỳ: {data.period.label}"


def _dissemination(book: Workbook, data: StatisticsInput) -> None:
    facts, sheet = data.dissemination, SheetWriter(book, "Phổ biến GDPL", [48, 18])
    sheet.title(f"THỐNG KÊ PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT {data.period.label.upper()}", _subtitle(data))
    sheet.table(
        "Số liệu chủ yếu",
        ["Nội dung", "Số liệu"],
        [
            ("Số cuộc (hoạt động) PBGDPL", facts.sessions_total),
            ("Số lượt người tham dự", facts.participants_total),
            ("Trong đó: nữ", facts.participants_women),
            ("Trong đó: đối tượng đặc thù", facts.participants_special_groups),
            ("Hoạt động hưởng ứng Ngày Pháp luật", facts.law_day_sessions),
            ("Tài liệu đã cấp phát", facts.materials_handed_out),
            ("Tuyên truyền viên pháp luật", facts.propagandists_total),
            ("Tuyên truyền viên được tập huấn", facts.propagandists_trained),
        ],
    )
    sheet.table("Theo hình thức", ["Hình thức", "Số cuộc"], _rows(facts.sessions_by_form, data.labels.forms))
    sheet.table(
        "Theo đối tượng (một cuộc có thể dành cho nhiều đối tượng)",
        ["Đối tượng", "Số cuộc"],
        _rows(facts.sessions_by_target_group, data.labels.target_groups, total=False),
    )
    months = [(f"Tháng {m}", facts.sessions_by_month.get(m, 0)) for m in data.period.months]
    sheet.table("Theo tháng", ["Tháng", "Số cuộc"], [*months, (TOTAL, sum(v for _, v in months))])


def _share(part: int, whole: int) -> str:
    return "—" if not whole else f"{part * 100 / whole:.1f}".replace(".", ",")


def _mediation(book: Workbook, data: StatisticsInput) -> None:
    facts, sheet = data.mediation, SheetWriter(book, "Hòa giải", [48, 18, 14, 14, 14, 14])
    sheet.title(f"THỐNG KÊ HÒA GIẢI Ở CƠ SỞ {data.period.label.upper()}", _subtitle(data))
    outcomes = [
        ("Hòa giải thành", facts.cases_settled),
        ("Hòa giải không thành", facts.cases_not_settled),
        ("Chấm dứt theo yêu cầu", facts.cases_stopped),
        ("Chuyển cơ quan có thẩm quyền", facts.cases_referred),
        ("Đang hòa giải", facts.cases_in_progress),
    ]
    total = sum(v for _, v in outcomes)
    sheet.table("Theo kết quả", ["Kết quả", "Số vụ việc"], [*outcomes, (TOTAL, total)] if total else [])
    sheet.table(
        "Tổ chức, đội ngũ",
        ["Nội dung", "Số liệu"],
        [
            ("Số tổ hòa giải", facts.teams_total),
            ("Số hòa giải viên", facts.mediators_total),
            ("Hòa giải viên được bồi dưỡng", facts.mediators_trained),
            ("Vụ việc ghi vào sổ", facts.cases_recorded or facts.cases_received),
            ("Vụ việc thuộc phạm vi hòa giải", facts.cases_received),
            ("Từ chối do ngoài phạm vi", facts.cases_refused_out_of_scope),
            ("Vụ việc đã kết thúc (thành + không thành)", facts.cases_concluded),
            ("Tỷ lệ hòa giải thành (%) (*)", _share(facts.cases_settled, facts.cases_concluded)),
        ],
    )
    sheet.append([sheet.cell(f"(*) {SETTLED_SHARE_DEFINITION}", "sub", border=False)])
    sheet.table(
        "Theo loại việc",
        ["Loại việc", "Số vụ việc"],
        _rows(data.cases_by_category, data.labels.case_categories),
    )
    _team_matrix(sheet, data.cases_by_team)


def _team_matrix(sheet: SheetWriter, by_team: Mapping[str, Mapping[str, int]]) -> None:
    outcomes = sorted({o for counts in by_team.values() for o in counts}, key=sort_key)
    sheet.append([sheet.cell("Theo tổ hòa giải", "head", border=False)])
    sheet.append([sheet.cell(h, "head") for h in ["Tổ hòa giải", *outcomes, "Tổng"]])
    if not by_team:
        sheet.append([sheet.cell("Không có số liệu trong kỳ."), sheet.cell("")])
    for team in sorted(by_team, key=sort_key):
        counts = by_team[team]
        values = [counts.get(o, 0) for o in outcomes]
        sheet.append([sheet.cell(team), *(sheet.cell(v, "cell", INT_FORMAT) for v in [*values, sum(values)])])


def _finance(book: Workbook, data: StatisticsInput) -> None:
    facts, sheet = data.finance, SheetWriter(book, "Kinh phí", [48, 20])
    sheet.title(f"THỐNG KÊ KINH PHÍ {data.period.label.upper()}", _subtitle(data))
    sheet.table(
        "Tổng hợp",
        ["Nội dung", "Số tiền"],
        [
            ("Dự toán được giao", facts.budget_planned_total),
            ("Đã chi", facts.spent_total),
            ("Thù lao hòa giải viên đã chi", facts.mediator_fees_paid_amount),
            ("Hỗ trợ tổ hòa giải đã chi", facts.team_support_paid_amount),
        ],
        money=True,
    )
    categories = default_labels.with_defaults(data.labels.spend_categories, default_labels.SPEND_CATEGORIES)
    sources = default_labels.with_defaults(data.labels.spend_sources, default_labels.SPEND_SOURCES)
    sheet.table(
        "Theo nội dung chi",
        ["Nội dung chi", "Số tiền"],
        _rows(facts.spent_by_category, categories),
        money=True,
    )
    sheet.table(
        "Theo nguồn kinh phí", ["Nguồn", "Số tiền"], _rows(facts.spent_by_source, sources), money=True
    )


def _assessment(book: Workbook, data: StatisticsInput) -> None:
    sheet = SheetWriter(book, "Chuẩn tiếp cận PL", [12, 60, 22])
    sheet.title(f"ĐÁNH GIÁ CHUẨN TIẾP CẬN PHÁP LUẬT NĂM {data.period.year}", _subtitle(data))
    sheet.append([sheet.cell(h, "head") for h in ("Mã", "Tiêu chí", "Kết quả")])
    marked = any(line.unconfirmed for line in data.assessment)
    for line in data.assessment:
        result = line.result + (UNCONFIRMED_SIGN if line.unconfirmed else "")
        sheet.append([sheet.cell(line.code), sheet.cell(line.title), sheet.cell(result)])
    verdict = data.assessment_verdict + (UNCONFIRMED_SIGN if marked else "")
    sheet.append([sheet.cell(""), sheet.cell("Kết luận", "total"), sheet.cell(verdict, "total")])
    if marked:
        sheet.append([sheet.cell(f"({UNCONFIRMED_SIGN}) {UNCONFIRMED_NOTE}.", "sub", border=False)])


def _wrap_texts(
    values: list[object], wrapped: Mapping[int, WriteOnlyCell], per_line: list[int], widths: list[float]
) -> list[tuple[object, float]]:
    """Text values go out through their column's wrapped cell; returns the (text, width) of those that
    need more than one line."""
    long: list[tuple[object, float]] = []
    for index, cell in wrapped.items():
        value = values[index] if index < len(values) else None
        if type(value) is str:
            cell.value = value
            cell.data_type = "s"
            values[index] = cell
            if len(value) > per_line[index] or "\n" in value:
                long.append((value, widths[index]))
    return long


def write_detail(book: Workbook, detail: DetailSheet) -> int:
    """A long list: header row frozen and repeated on printed pages; returns the number of data rows.

    Streams plain values; a formatted column (money, dates) reuses one styled cell that openpyxl writes out
    at once on ``append`` (write-only mode serialises each row immediately), so 100,000 rows stay cheap."""
    widths = list(detail.widths) or [18] * len(detail.headers)
    sheet = SheetWriter(book, detail.title, widths)
    sheet.sheet.page_setup.orientation = "landscape"
    sheet.sheet.freeze_panes = "A2"
    sheet.sheet.print_title_rows = "1:1"
    sheet.append([sheet.cell(h, "head") for h in detail.headers])
    styled: dict[int, WriteOnlyCell] = {}
    for index in detail.money_columns | detail.date_columns:
        styled[index] = WriteOnlyCell(sheet.sheet)
        styled[index].number_format = DATE_FORMAT if index in detail.date_columns else MONEY_FORMAT
    wrapped: dict[int, WriteOnlyCell] = {}  # text columns: wrapped, so a long text never runs over the next
    for index in range(len(widths)):
        if index not in styled:
            wrapped[index] = WriteOnlyCell(sheet.sheet)
            wrapped[index].alignment = Alignment(wrap_text=True, vertical="top")
    per_line = [chars_per_line(w) for w in widths]
    append = sheet.sheet.append
    dims = sheet.sheet.row_dimensions
    count = 0
    for row in detail.rows:
        values = [excel_value(v) if type(v) is str else v for v in row]
        for index, cell in styled.items():
            if index < len(values) and values[index] is not None:
                cell.value = values[index]
                if type(cell.value) is str:
                    cell.data_type = "s"
                values[index] = cell
        long = _wrap_texts(values, wrapped, per_line, widths)
        number = count + 2  # under the header row
        height = row_height(long) if long else None
        if height is not None:
            dims[number].height = height
        append(values)
        if height is not None:
            dims.pop(number, None)
        count += 1
    sheet.sheet.print_area = f"A1:{_column(max(len(widths), 1) - 1)}{count + 1}"
    return count
