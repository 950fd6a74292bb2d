"""Tổng hợp toàn tỉnh: the roll-up of a year and period — a QtCharts chart of sessions by form, the tables
of the Excel export (by form, by target group, cases, spending, each ward with its verdict; double-click a
ward to open its file) and the Excel export itself; "Phụ lục công nhận…" opens the list of wards proposed for
recognition and the PDF annex of the recognition decision (NĐ 30 layout), previewed and printed like every
report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date, parse_optional_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.office.annex import RecognitionAnnex
from pbgdpl_desktop.services.office.dto import PERIODS, Rollup
from pbgdpl_desktop.services.office.service import rollup_sheets
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import fill, office_of, table, year_box
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.reports.preview import PdfPreview
from pbgdpl_desktop.ui.widgets.fit import client_room, scaled
from pbgdpl_desktop.ui.widgets.record_dialog import delete_when_closed


class OfficeRollupPage(Page):
    key = "office_rollup"
    title = "Tổng hợp toàn tỉnh"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.result: Rollup | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.title}</h2>", self))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Năm:", self))
        self.year = year_box(ui, self)
        bar.addWidget(self.year)
        bar.addWidget(QLabel("Kỳ:", self))
        self.period = QComboBox(self)
        for key, label in PERIODS.items():
            self.period.addItem(label, key)
        self.period.setCurrentIndex(1)
        bar.addWidget(self.period)
        self.run_button = QPushButton("Tổng hợp", self)
        self.run_button.clicked.connect(self.reload)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        self.annex_button = QPushButton("Phụ lục công nhận…", self)
        self.annex_button.setToolTip(
            "Danh sách xã, phường, đặc khu đạt chuẩn của năm và phụ lục quyết định (PDF)"
        )
        self.annex_button.clicked.connect(self.open_annex)
        bar.addWidget(self.annex_button)
        layout.addLayout(bar)
        # the workbook's path on a row of its own: beside the year and period it pushed the buttons off a
        # 1366-pixel screen at 150 %
        out = QHBoxLayout()
        out.addWidget(QLabel("Tệp Excel:", self))
        self.target = QLineEdit(self)
        self.target.setMinimumWidth(200)
        out.addWidget(self.target, 1)
        self.export_button = QPushButton("Xuất Excel", self)
        self.export_button.clicked.connect(self.export)
        out.addWidget(self.export_button)
        layout.addLayout(out)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = QChart()
        self.chart.setTitle("Số cuộc PBGDPL theo hình thức (số thứ tự như bảng bên dưới)")
        self.chart.legend().setVisible(False)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(330)  # lower, QtCharts elides the axis labels to "..."
        layout.addWidget(self.chart_view, 3)
        self.tabs = QTabWidget(self)
        self.sheet_tables: list[QTableWidget] = []
        layout.addWidget(self.tabs, 3)
        self.year.valueChanged.connect(self._retarget)
        self._retarget()

    def _retarget(self) -> None:
        period = str(self.period.currentData())
        self.target.setText(
            str(self.ui.paths.data_dir / "outputs" / f"tong-hop-{self.year.value()}-{period}.xlsx")
        )

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            self.result = office_of(self.ui).rollup(self.year.value(), str(self.period.currentData()))
        except DomainError as exc:
            self.summary.setText(exc.message)
            return
        r = self.result
        share = r.settled_share
        self.summary.setText(
            f"{len(r.wards_reporting)}/{r.wards_total} xã/phường có số liệu. "
            f"{r.total('sessions_by_form'):,} cuộc PBGDPL, {r.total('participants_by_form'):,} lượt người; "
            f"{r.cases_received:,} vụ việc hòa giải".replace(",", ".")
            + (f", hòa giải thành {share * 100:.1f}%".replace(".", ",") if share is not None else "")
            + "."
        )
        self._chart(r)
        self.tabs.clear()
        self.sheet_tables = []
        for sheet in rollup_sheets(r):
            t = table(self.tabs, list(sheet.headers))
            fill(t, [list(row) for row in sheet.rows])
            self.tabs.addTab(t, sheet.title)
            self.sheet_tables.append(t)
        self.sheet_tables[-1].cellDoubleClicked.connect(self._drill)

    def _chart(self, r: Rollup) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        forms = r.totals.get("sessions_by_form", {})
        order = sorted(forms, key=lambda k: -forms[k])  # the table's order: STT 1 = the most sessions
        keys = list(reversed(order))  # horizontal bars are drawn bottom-up
        bars = QBarSet("Số cuộc")
        bars.append([float(forms[k]) for k in keys])
        series = QHorizontalBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([str(order.index(k) + 1) for k in keys])  # full names elide to "..." at this height
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max(forms.values(), default=1))
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)

    def _drill(self, row: int, _column: int) -> None:
        item = self.sheet_tables[-1].item(row, 1)
        window = self.window()
        if item is None or not hasattr(window, "show_page"):
            return
        page = window.show_page("office_ward_file")
        page.show_ward(item.text())

    def export(self) -> None:
        try:
            target = office_of(self.ui).export_rollup(
                self.year.value(), str(self.period.currentData()), Path(self.target.text())
            )
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        self.ui.messages.info(self, f"Đã ghi tệp {target}")

    def open_annex(self) -> AnnexDialog:
        dialog = AnnexDialog(self.ui, self.year.value(), self)
        delete_when_closed(dialog)
        dialog.open()
        return dialog


class AnnexDialog(QDialog):
    """The wards proposed for recognition of a year ("Đạt" or "Đã công nhận"), the decision's number and
    date, and the annex PDF made in the background and shown in the preview (print, print preview, open)."""

    def __init__(self, ui: UiContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.year = ui, year
        self.setWindowTitle(f"Phụ lục quyết định công nhận đạt chuẩn tiếp cận pháp luật năm {year}")
        self.annex = RecognitionAnnex(office_of(ui))
        layout = QVBoxLayout(self)
        problem = ""
        try:
            self.rows = self.annex.proposed(year)
            number, decided = self.annex.default_decision(year)
        except DomainError as exc:  # e.g. not an office database
            self.rows, number, decided, problem = [], "", None, exc.message
        self.summary = QLabel(self, wordWrap=True)
        layout.addWidget(self.summary)
        self.table = table(self, ["STT", "Tên đơn vị", "Loại", "Trạng thái hồ sơ"])
        fill(self.table, [[str(i), p.name, p.kind, p.status.label] for i, p in enumerate(self.rows, 1)])
        self.table.setMaximumHeight(scaled(120))
        layout.addWidget(self.table)
        form = QFormLayout()
        self.number = QLineEdit(number, self)
        self.number.setPlaceholderText("ví dụ 15/QĐ-UBND (để trống: điền tay sau khi in)")
        self.date = QLineEdit(format_date(decided) if decided else "", self)
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.target = QLineEdit(str(ui.paths.data_dir / "outputs" / f"phu-luc-cong-nhan-{year}.pdf"), self)
        form.addRow("Số quyết định:", self.number)
        form.addRow("Ngày quyết định:", self.date)
        form.addRow("Lưu vào tệp:", self.target)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.make_button = QPushButton("Tạo phụ lục", self)
        self.make_button.clicked.connect(self.make)
        self.close_button = QPushButton("Đóng", self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.preview = PdfPreview(self)
        self.preview.caption.setText("Chưa tạo phụ lục. Kiểm tra số, ngày quyết định rồi bấm “Tạo phụ lục”.")
        layout.addWidget(self.preview, 1)
        self.summary.setText(
            problem
            or (
                f"Năm {year}: {len(self.rows)} xã, phường, đặc khu có hồ sơ “Đạt” hoặc “Đã công nhận”."
                if self.rows
                else f"Năm {year} chưa có xã, phường, đặc khu nào ở trạng thái “Đạt” hoặc “Đã công nhận”."
            )
        )
        self.make_button.setEnabled(bool(self.rows))
        fits = client_room(self)  # a 1366×768 screen at 150 % leaves about 910×480
        self.resize(min(scaled(900), fits.width()), min(scaled(640), fits.height()))

    def make(self) -> None:
        try:
            decided_on = parse_optional_date(self.date.text(), field="date", label="Ngày quyết định")
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        number, target, year = self.number.text(), Path(self.target.text().strip()), self.year
        outputs = self.ui.paths.data_dir / "outputs"
        if target.parent == outputs:
            outputs.mkdir(parents=True, exist_ok=True)
        self.ui.tasks.run(
            lambda _p: self.annex.write_pdf(year, target, number=number, decided_on=decided_on),
            on_done=self._made,
            label="Đang tạo phụ lục…",
            parent=self,
            cancellable=False,
        )

    def _made(self, path: Path) -> None:
        self.preview.show_file(path, f"Phụ lục năm {self.year}: {len(self.rows)} đơn vị")


def create_page(ui: UiContext) -> Page:
    return OfficeRollupPage(ui)
