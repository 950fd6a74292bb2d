"""Tổng quan page over the demo ward and over an empty database."""

from __future__ import annotations

from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.pages.overview import create_page
from tests.helpers.qt import grab


def test_demo_ward_figures_charts_verdict_reminders(qtbot, demo_ui, demo_services) -> None:
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    page.page_shown()
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=60_000)
    facts = demo_services.dissemination.facts(2026)
    overview = page.overview
    assert overview is not None and overview.year == 2026
    assert overview.figures[0].value == str(facts.sessions_total)
    assert sum(overview.sessions_by_month) == sum(facts.sessions_by_month.values())
    bars = page.sessions_chart.series()[0]
    assert isinstance(bars, QBarSeries) and bars.barSets()[0].count() == 12
    outcome_bars = page.cases_chart.series()[0]
    assert isinstance(outcome_bars, QHorizontalBarSeries)
    assert round(outcome_bars.barSets()[0].sum()) == sum(n for _, n in overview.cases_by_outcome) > 0
    assert isinstance(page.spending_chart.series()[0], QHorizontalBarSeries)
    assert overview.verdict in page.verdict.text() and "&lt;" in page.verdict.text()  # "< 100 %" escaped
    assert page.reminders.count() == len(overview.reminders) > 0
    grab(page, "overview_demo")
    page.year.setValue(2025)
    qtbot.waitUntil(lambda: page.overview.year == 2025 and page.overview.complete, timeout=60_000)
    assert page.overview.figures[0].value == str(demo_services.dissemination.facts(2025).sessions_total)


def test_empty_year_says_not_assessed_and_no_reminders(qtbot, ui) -> None:
    page = create_page(ui)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    page.page_shown()
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=30_000)
    assert page.overview.figures[0].value == "0"
    assert "chưa có vụ việc" in page.cases_chart.title()
    assert page.reminders.count() == 1 and "Gửi hồ sơ đến Sở Tư pháp" in page.reminders.item(0).text()
    assert page.overview.verdict in page.verdict.text()
    assert page.overview.verdict == "Chưa có dữ liệu"  # not "Đạt 1/3 tiêu chí" over empty books
    assert "Đạt" not in page.verdict.text()
    page.refresh(Changes.of("mediation"))
    qtbot.waitUntil(lambda: not ui.tasks.pending, timeout=30_000)
    grab(page, "overview_empty")


def test_a_reminder_opens_its_record(qtbot, demo_ui) -> None:
    from PySide6.QtCore import Qt

    from pbgdpl_desktop.ui.main_window import MainWindow
    from pbgdpl_desktop.ui.mediation.case_dialog import CaseDialog

    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page()
    if page.overview is None:
        page.page_shown()
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=60_000)
    rows = [page.reminders.item(i) for i in range(page.reminders.count())]
    case_items = [item for item in rows if (item.data(Qt.ItemDataRole.UserRole) or ("",))[0] == "case"]
    assert case_items, "the demo ward has a case reminder"
    case_id = case_items[0].data(Qt.ItemDataRole.UserRole)[1]
    page.reminders.itemActivated.emit(case_items[0])
    assert window.current_page().key == "mediation"
    dialog = window.current_page().cases.dialog
    assert isinstance(dialog, CaseDialog) and dialog.isVisible()
    assert dialog.case is not None and dialog.case.id == case_id
    dialog.reject()
    steps = [item for item in rows if (item.data(Qt.ItemDataRole.UserRole) or ("",))[0] == "assessment"]
    assert steps, "the demo ward has a procedure step to remind of"
    page.reminders.itemActivated.emit(steps[0])
    assert window.current_page().key == "assessment"


def test_the_figures_show_before_the_verdict_and_reminders(qtbot, demo_ui, demo_services) -> None:
    """#17 §1: the first step (SQL aggregates) fills the cards and charts and says the rest is coming."""
    from pbgdpl_desktop.services.reports.overview import PENDING, overview_figures

    page = create_page(demo_ui)
    qtbot.addWidget(page)
    figures = overview_figures(demo_services.ctx, 2026)
    page.show_overview(figures)
    assert PENDING in page.verdict.text()
    assert page.reminders.count() == 1 and "Đang tải" in page.reminders.item(0).text()
    assert page.card_labels[0].text().count(figures.figures[0].value) == 1
    assert page.sessions_chart.series()[0].barSets()[0].sum() == sum(figures.sessions_by_month) > 0


def test_the_second_step_waits_for_the_figures_to_be_painted(qtbot, demo_ui) -> None:
    """#17 §1: the verdict's step imports every feature on the worker and holds the GIL for long stretches;
    it starts once the figures are painted, not before (with synchronous tasks it ran inside ``load``)."""
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitExposed(page)
    page.load()
    qtbot.waitUntil(lambda: page.overview is not None, timeout=60_000)
    first = page.overview
    assert first is not None and not first.complete  # shown alone first
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=60_000)
    assert page.overview.figures == first.figures
