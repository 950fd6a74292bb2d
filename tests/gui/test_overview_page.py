"""Tổng quan page over the demo ward and over an empty database."""

from __future__ import annotations

import json

from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
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
    page.refresh(Changes.of(MEDIATION))
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


def _in_progress_cases(services) -> list[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"{services.ctx.db.path.absolute().as_uri()}?mode=ro", uri=True)) as con:
        return [
            row[0]
            for row in con.execute(
                "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND outcome = 'in_progress'"
                " AND substr(received_on, 1, 4) = '2026'"
            )
        ]


def test_a_later_load_wins_over_an_earlier_one_delivered_late(qtbot, demo_services, paths) -> None:
    """Review of #17 §1, with the real threaded runner: the data change while a load's two steps are on their
    way; the earlier load's figures and verdict must not be shown after the later load's (they were), nor
    stay remembered. Then long use: data changed and the year switched back and forth many times — the last
    state shown is this data's, nothing piles up on the page."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from pbgdpl_desktop.services.reports.overview import (
        REMEMBERED_FILE,
        overview_figures,
        remembered_key,
    )
    from pbgdpl_desktop.ui.context import UiContext
    from pbgdpl_desktop.ui.messages import FakeMessages
    from pbgdpl_desktop.ui.pages.overview import OverviewPage
    from pbgdpl_desktop.ui.tasks import TaskRunner

    shown: list = []

    class Watched(OverviewPage):
        def show_overview(self, overview) -> None:
            shown.append(overview)
            super().show_overview(overview)

    messages = FakeMessages()
    tasks = TaskRunner(messages)  # a worker thread, results delivered by the GUI loop
    ui = UiContext(services=demo_services, messages=messages, tasks=tasks, paths=paths)
    page = Watched(ui, year=2026)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitExposed(page)

    def settled() -> bool:
        return not tasks.pending and page.overview is not None and page.overview.complete

    page.load()
    qtbot.waitUntil(settled, timeout=60_000)
    cases = _in_progress_cases(demo_services)
    assert len(cases) >= 4

    del shown[:]
    page.load()
    assert tasks.wait()  # its figures read, not yet delivered
    page.refresh(demo_services.mediation.cases.delete(cases.pop()))  # a newer load
    qtbot.waitUntil(settled, timeout=60_000)
    versions = [o.data_version for o in shown]
    assert versions == sorted(versions), versions  # never an older state after a newer one
    now = overview_figures(demo_services.ctx, 2026)
    assert page.overview.data_version == now.data_version and page.overview.figures == now.figures
    stored = json.loads((paths.data_dir / REMEMBERED_FILE).read_text(encoding="utf-8"))
    today = demo_services.ctx.clock.today()
    assert stored["key"] == remembered_key(paths.data_dir, paths.db_path, 2026, today, now.data_version)

    charts = (page.sessions_chart, page.cases_chart, page.spending_chart)

    def live() -> list[str]:  # deferred deletions (the finished tasks' progress dialogs) done first
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return sorted(type(child).__name__ for child in page.findChildren(QObject))

    objects = live()
    axes = [len(chart.axes()) for chart in charts]
    for round_ in range(8):
        if round_ % 2 and cases:
            page.refresh(demo_services.mediation.cases.delete(cases.pop()))
        page.year.setValue(2025)
        page.year.setValue(2026)
        page.refresh(Changes.of(MEDIATION))
    qtbot.waitUntil(settled, timeout=120_000)
    now = overview_figures(demo_services.ctx, 2026)
    assert page.overview.year == 2026 and page.overview.figures == now.figures
    assert page.overview.data_version == now.data_version
    assert [len(chart.axes()) for chart in charts] == axes
    # no paint watchers, chart parts or dialogs left (a finished task's dialog goes on a later turn)
    qtbot.waitUntil(lambda: len(live()) <= len(objects), timeout=10_000)
    tasks.wait()
