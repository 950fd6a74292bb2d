"""Tổng hợp năm: planned vs spent per category and source, by month, % used, the minimum check, and a bar
chart by category (QtCharts); exports the summary to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.finance import YearSummary
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_value_text
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.finance.common import year_items
from pbgdpl_desktop.ui.widgets import files
from pbgdpl_desktop.ui.widgets.combos import fill_combo
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table, money_cell

HEADERS = (
    "Nội dung chi",
    "Nguồn",
    "Dự toán",
    "Đã chi",
    "Còn lại",
    "% sử dụng",
    *(f"T{m}" for m in range(1, 13)),
)
SHORT = 34  # characters of a category name on the chart axis


def short_name(name: str) -> str:
    return name if len(name) <= SHORT else name[: SHORT - 1].rstrip() + "…"


class SummaryTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.summary: YearSummary | None = None
        self.year_combo = QComboBox(self)
        fill_combo(self.year_combo, [(str(y), y) for y in year_items(ui)])
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton("Xuất Excel…", self)
        self.table = make_table(
            self,
            HEADERS,
            name="finance_summary_table",
            select_rows=False,
            stretch=(),
            widths=(260, 160, *[105] * (len(HEADERS) - 2)),
        )
        self.chart = QChart()
        self.chart.setTitle("Dự toán và đã chi theo nội dung chi")
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setObjectName("finance_summary_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm", self))
        top.addWidget(self.year_combo)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        splitter.setSizes([240, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.year_combo.currentIndexChanged.connect(self.reload)
        self.export_button.clicked.connect(self._choose_export)
        self.reload()

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def reload(self) -> None:
        summary = self.summary = self.ui.services.finance.summary.year_summary(self.year)
        rows = []
        for r in summary.rows:
            pct = "" if r.percent_used is None else percent_value_text(r.percent_used)
            rows.append(
                [
                    r.category_name,
                    r.source.label if r.source else "",
                    money_cell(r.planned),
                    money_cell(r.spent),
                    money_cell(r.planned - r.spent),
                    pct,
                    *(money_cell(v) if v else "" for v in r.by_month),
                ]
            )
        pct = "" if summary.percent_used is None else percent_value_text(summary.percent_used)
        rows.append(
            [
                "Tổng cộng",
                "",
                money_cell(summary.planned_total),
                money_cell(summary.spent_total),
                money_cell(summary.planned_total - summary.spent_total),
                pct,
                *(money_cell(v) if v else "" for v in summary.spent_by_month),
            ]
        )
        fill_rows(self.table, rows)
        text = (
            f"Năm {summary.year}: dự toán {format_money(summary.planned_total)}, đã chi "
            f"{format_money(summary.spent_total)} ({pct or '—'})."
        )
        if summary.minimum_required is not None:
            verdict = "chưa đạt" if summary.below_minimum else "đạt"
            text += f" Mức tối thiểu {format_money(summary.minimum_required)}: dự toán {verdict}."
        self.status_label.setText(text)
        self._draw_chart(summary)

    def _draw_chart(self, summary: YearSummary) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        rows = list(reversed(summary.by_category))  # horizontal bars are drawn bottom-up
        planned, spent = QBarSet("Dự toán"), QBarSet("Đã chi")
        for r in rows:
            planned.append(r.planned / 1_000_000)
            spent.append(r.spent / 1_000_000)
        series = QHorizontalBarSeries()
        series.append(planned)
        series.append(spent)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([short_name(r.category_name) for r in rows])
        small = QFont()
        small.setPointSize(8)
        names.setLabelsFont(small)
        values = QValueAxis()
        values.setTitleText("triệu đồng")
        values.setLabelFormat("%.0f")
        values.setLabelsFont(small)
        top = max([r.planned for r in rows] + [r.spent for r in rows] + [1]) / 1_000_000
        values.setRange(0, top)
        values.applyNiceNumbers()
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _choose_export(self) -> None:
        path = files.save_file_name(
            self,
            "Xuất tổng hợp kinh phí",
            f"tong-hop-kinh-phi-{self.year}.xlsx",
            "Tệp Excel (*.xlsx)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        finance, year = self.ui.services.finance, self.year
        self.ui.tasks.run(
            lambda _p: finance.exports.summary(year, path),
            label="Đang xuất tổng hợp kinh phí…",
            on_done=lambda p: self.ui.messages.info(self, f"Đã xuất tổng hợp kinh phí ra tệp:\n{p}"),
            parent=self,
        )
