"""Tổng quan: where the ward stands in a year — key figures, three charts (QtCharts), the standard's current
verdict and the deadline reminders. Data comes off the GUI thread in two steps (#17 §1): the cards' and the
charts' figures (``overview_figures``: a few SQL aggregates, no feature service), then the verdict and the
reminders (``ReportService.complete_overview``: the features' services and the scoring). The charts are
built on the GUI thread once the data has arrived (``show_overview``), never by the worker.

At launch the page may exist before the services (``OverviewPage.preview``): the launcher shows the figures
it read through ``persistence.peek`` (and the remembered verdict and reminders, if still valid) while the file
opens; ``attach`` then gives the same page its services and it goes on loading as usual — no second page, no
flicker. This module imports neither SQLAlchemy nor the services registry."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import ASSESSMENT, DISSEMINATION, FINANCE, MEDIATION, Changes
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.services.reports.overview import (
    REMEMBERED_NOTE,
    Overview,
    forget_remembered,
    overview_figures_remembered,
    remember,
)
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.fit import scaled

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

log = logging.getLogger(__name__)

WATCHED = {DISSEMINATION, MEDIATION, FINANCE, ASSESSMENT}
NARROW = 860  # a page narrower than this (10 pt pixels) shows one chart a row
NARROW_CARDS = 3  # figure cards a row when narrow


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setMargins(chart.margins() * 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(scaled(220))  # lower, QtCharts elides every axis label to "..."
    return chart, view


def value_axis(top: float, label_format: str) -> QValueAxis:
    """0 … a round number above ``top`` with whole-number steps (no "0 0 0 1" on an empty chart)."""
    step = max(1, math.ceil(top / 5))
    axis = QValueAxis()
    axis.setRange(0, step * max(1, math.ceil(top / step + 0.05)))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat(label_format)
    return axis


class _AfterPaint(QObject):
    """Runs ``then`` once, just after ``widget``'s next Paint event has been handled; then lets go."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            self.deleteLater()
            QTimer.singleShot(0, watched, then)  # not called once the page is gone
        return False


class OverviewPage(Page):
    key = "overview"
    title = "Tổng quan"

    def __init__(
        self, ui: UiContext | None, parent: QWidget | None = None, *, year: int | None = None
    ) -> None:
        """``ui`` None: a preview before the services are open (``preview``); ``attach`` gives them."""
        super().__init__(ui, parent)  # type: ignore[arg-type]  # a preview's ``ui`` comes with ``attach``
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year if year is not None else ui.services.ctx.clock.today().year if ui else 2000)
        self.year.setEnabled(ui is not None)
        self.year.valueChanged.connect(self.load)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<h2>{self.title}</h2>"))
        head.addStretch(1)
        head.addWidget(QLabel("Năm:"))
        head.addWidget(self.year)
        self.cards = QGridLayout()
        self.card_labels: list[QLabel] = []
        side = self._side_panel()
        self.sessions_chart, sessions_view = _chart("Hoạt động PBGDPL theo tháng (tháng 1–12)")
        self.cases_chart, cases_view = _chart("Vụ việc hòa giải theo kết quả")
        self.spending_chart, spending_view = _chart("Kinh phí đã chi theo nội dung (triệu đồng)")
        self.chart_views = (sessions_view, cases_view, spending_view)
        self.charts = QGridLayout()
        self.body = QHBoxLayout()
        self.body.addLayout(self.charts, 3)
        self.body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.cards)
        layout.addLayout(self.body, 1)
        self.narrow: bool | None = None
        self._arrange(narrow=False)
        self.overview: Overview | None = None
        self._stale = True
        self._loads = 0  # the number of the latest load: what an earlier one delivers late is dropped

    @classmethod
    def preview(cls, overview: Overview) -> OverviewPage:
        """The page as the launcher shows it before the services are open: ``overview``'s figures (and the
        remembered verdict and reminders, if any); the year cannot be changed until ``attach``."""
        page = cls(None, year=overview.year)
        page.show_overview(overview)
        return page

    @property
    def attached(self) -> bool:
        return self.ui is not None

    def attach(self, ui: UiContext) -> None:
        """The services are open: the page loads as usual the next time it is shown (``page_shown``)."""
        self.ui = ui
        self._stale = True
        self.year.setEnabled(True)

    # ------------------------------------------------------------------ arrangement
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(narrow=self.width() < scaled(NARROW))

    def _arrange(self, *, narrow: bool) -> None:
        """Wide: two charts side by side over the third, the standard and reminders on the right. Narrow (150 %
        on a small screen): one chart a row, full width, the standard and reminders below them."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        cells = (
            ((0, 0, 1, 1), (1, 0, 1, 1), (2, 0, 1, 1))
            if narrow
            else ((0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 2))
        )
        for view, cell in zip(self.chart_views, cells, strict=True):
            self.charts.removeWidget(view)
            self.charts.addWidget(view, *cell)
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        for index, card in enumerate(self.card_labels):
            self.cards.removeWidget(card)
            self.cards.addWidget(card, *self._card_cell(index))

    def _card_cell(self, index: int) -> tuple[int, int]:
        return divmod(index, NARROW_CARDS) if self.narrow else (0, index)

    def _side_panel(self) -> QVBoxLayout:
        """The standard's verdict and the reminders list, right of the charts."""
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict.setMargin(6)
        self.verdict.setMinimumHeight(110)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reminders = QListWidget()
        self.reminders.setObjectName("reminders")
        self.reminders.setWordWrap(True)
        self.reminders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reminders.itemActivated.connect(self._open_reminder)
        side = QVBoxLayout()
        side.addWidget(QLabel("<b>Chuẩn tiếp cận pháp luật</b>"))
        side.addWidget(self.verdict)
        side.addWidget(QLabel("<b>Việc sắp đến hạn, quá hạn</b>"))
        side.addWidget(self.reminders, 1)
        return side

    def page_shown(self) -> None:
        if self._stale and self.attached:
            self.load()

    def refresh(self, changes: Changes) -> None:
        self._forget_remembered()  # it no longer matches, and may name people whose data just changed
        if WATCHED & set(changes.topics):
            self._stale = True
            if self.isVisible() and self.attached:
                self.load()

    def load(self) -> None:
        if not self.attached:
            return
        year = self.year.value()
        self._stale = False
        self._loads += 1
        number = self._loads
        ctx = self.ui.services.ctx
        self.ui.tasks.run(
            # with the remembered verdict and reminders when nothing they depend on changed since
            lambda progress: overview_figures_remembered(ctx, year),
            on_done=lambda figures: self._figures_loaded(figures, number),
            label="Đang tổng hợp số liệu…",
            parent=self,
            cancellable=False,
        )

    def _figures_loaded(self, figures: Overview, number: int) -> None:
        """The first step shown at once; the verdict and the reminders follow (a year changed or the data
        changed meanwhile: the later load shows instead)."""
        if number != self._loads or figures.year != self.year.value():
            return
        self.show_overview(figures)
        if figures.complete:
            return
        if self.isVisible():
            # the second step's imports on the worker hold the GIL for long stretches, and painting this
            # Python widget needs it too: the figures are painted first, then the second step starts. The
            # page, not one of its labels: a label may be scrolled out of view (a small or 800×800 screen
            # puts the verdict below the charts) and would never paint; the page is repainted here in case
            # the figures are those a preview already showed (the same texts: no repaint of their own)
            _AfterPaint(self, lambda: self._complete(figures, number))
            self.update()
        else:
            self._complete(figures, number)

    def _complete(self, figures: Overview, number: int) -> None:
        if number != self._loads or figures.year != self.year.value():
            return
        services = self.ui.services

        def complete() -> Overview:
            # ``services.reports`` builds the features' services the first time: on the worker, not here
            overview = services.reports.complete_overview(figures)
            ctx = services.ctx
            if not ctx.db.is_server and ctx.db.path is not None:
                try:
                    remember(overview, ctx.data_dir, Path(ctx.db.path), ctx.clock.today())
                except OSError as exc:  # the next start computes again: nothing is lost
                    log.warning("overview result not remembered: %s", exc)
            return overview

        self.ui.tasks.run(
            lambda progress: complete(),
            on_done=lambda overview: self._completed(overview, number),
            label="Đang tính kết quả tạm tính…",
            parent=self,
            cancellable=False,
        )

    def _completed(self, overview: Overview, number: int) -> None:
        if number == self._loads and overview.year == self.year.value():
            self.show_overview(overview)
        else:  # computed from data read before the latest load: what it remembered must not stay either
            self._forget_remembered()

    def _forget_remembered(self) -> None:
        ctx = self.ui.services.ctx if self.attached else None
        if ctx is not None and not ctx.db.is_server:
            forget_remembered(ctx.data_dir)

    def _open_reminder(self, item: QListWidgetItem) -> None:
        """A reminder opens its record: the case, the fee request's list, the assessment's procedure."""
        target = item.data(Qt.ItemDataRole.UserRole)
        if not self.attached:  # a preview: the records open once the file is
            return
        window = self.window()
        if target and hasattr(window, "open_record"):
            window.open_record(*target)

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self._cards(overview)
        remembered = f"<br><i>{escape(REMEMBERED_NOTE)}</i>" if overview.remembered else ""
        self.verdict.setText(
            f"<b>{escape(overview.verdict)}</b><br>{escape(overview.verdict_detail)}{remembered}"
        )
        self.reminders.clear()
        for reminder in overview.reminders:
            item = QListWidgetItem(("⚠ " if reminder.late else "• ") + reminder.text)
            if reminder.target is not None:
                item.setData(Qt.ItemDataRole.UserRole, reminder.target)
                item.setToolTip("Bấm đúp hoặc Enter để mở")
            self.reminders.addItem(item)
        if not overview.complete and not overview.remembered:
            self.reminders.addItem("Đang tải các việc sắp đến hạn…")
        elif not overview.reminders:
            self.reminders.addItem("Không có việc nào sắp đến hạn.")
        self._sessions(overview)
        self._cases(overview)
        self._spending(overview)

    def _cards(self, overview: Overview) -> None:
        """The figure cards are made once and updated (no removed widgets left floating)."""
        while len(self.card_labels) < len(overview.figures):
            card = QLabel()
            card.setObjectName(f"figure_{len(self.card_labels)}")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setWordWrap(True)
            card.setMargin(8)
            self.card_labels.append(card)
            self.cards.addWidget(card, *self._card_cell(len(self.card_labels) - 1))
        for card, figure in zip(self.card_labels, overview.figures, strict=False):
            card.setText(
                f"<div style='font-size:11pt'>{escape(figure.label)}</div>"
                f"<div style='font-size:20pt; font-weight:bold'>{escape(figure.value)}</div>"
                f"<div style='color:#555'>{escape(figure.detail)}</div>"
            )

    @staticmethod
    def _reset(chart: QChart) -> None:
        """Empty a chart before it is drawn again. ``removeAllSeries`` deletes the series; a removed axis is
        only unparented, so it is deleted here (100 reloads left 600 axes alive: issue #21)."""
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()

    def _sessions(self, overview: Overview) -> None:
        self._reset(self.sessions_chart)
        bars = QBarSet("Số hoạt động")
        bars.append([float(v) for v in overview.sessions_by_month])
        series = QBarSeries()
        series.append(bars)
        self.sessions_chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append([str(m) for m in range(1, 13)])
        months.setTruncateLabels(False)  # "10", "11", "12" fit under their bars; QtCharts would print "..."
        values = value_axis(max(overview.sessions_by_month), "%d")
        self.sessions_chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        self.sessions_chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(values)

    def _cases(self, overview: Overview) -> None:
        if not overview.cases_by_outcome:
            self.cases_chart.setTitle("Vụ việc hòa giải theo kết quả — chưa có vụ việc")
        else:
            self.cases_chart.setTitle("Vụ việc hòa giải theo kết quả")
        self._hbars(
            self.cases_chart,
            [(label, float(n)) for label, n in overview.cases_by_outcome],
            "%d",
            "Chưa có vụ việc",
        )

    def _spending(self, overview: Overview) -> None:
        # the amount goes into the category label in the Vietnamese format (QtCharts' own value labels
        # print "29.5" with a decimal point, which reads as 29.500 to a Vietnamese clerk)
        rows = [
            (
                f"{label if len(label) <= 32 else label[:31] + '…'} — {format_money(amount)}",
                amount / 1_000_000,
            )
            for label, amount in overview.spent_by_category
        ]
        self._hbars(self.spending_chart, rows, "%.0f", "Chưa có khoản chi", value_labels=False)

    def _hbars(
        self,
        chart: QChart,
        rows: list[tuple[str, float]],
        label_format: str,
        empty: str,
        *,
        value_labels: bool = True,
    ) -> None:
        """Horizontal bars: long Vietnamese labels stay readable on the category axis (a pie legend elides)."""
        self._reset(chart)
        rows = list(reversed(rows))  # the largest / first row on top
        bars = QBarSet("")
        bars.append([value for _, value in rows])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(value_labels)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([label for label, _ in rows] or [empty])
        values = value_axis(max([value for _, value in rows] + [0]), label_format)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)


def create_page(ui: UiContext) -> Page:
    return OverviewPage(ui)
