"""Nothing a clerk closes stays alive (issue #21 §1): every dialog of the app (the list the screen check
uses) is deleted once closed, with all its widgets; the overview's charts keep a constant number of axes
and series however often they reload."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCharts import QAbstractAxis, QAbstractSeries
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from pbgdpl_desktop.ui.desk_dialogs import DIALOGS
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.pages.overview import OverviewPage


def _settle() -> None:
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(qtbot, demo_ui):
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("spec", DIALOGS, ids=[spec.title for spec in DIALOGS])
def test_a_closed_dialog_is_deleted_with_all_its_widgets(window, spec):
    def open_and_close() -> list:
        opened = spec.open(window)
        if opened is None:
            pytest.fail(f"“{spec.title}” has nothing to open on the demo ward")
        for dialog in reversed(opened.dialogs):
            dialog.reject()
        _settle()
        return list(opened.dialogs)

    open_and_close()  # warm-up: the page behind the dialog is built on first use
    before = len(QApplication.allWidgets())
    dialogs = open_and_close()
    assert not any(shiboken6.isValid(d) for d in dialogs), f"“{spec.title}” survived its closing"
    assert len(QApplication.allWidgets()) == before


def test_overview_reloads_keep_axes_and_series_constant(qtbot, demo_ui):
    def counted() -> tuple[int, int]:
        """Live axes and series anywhere (a removed axis has no parent: only a walk of the wrappers sees it)."""
        _settle()
        gc.collect()
        alive = [o for o in gc.get_objects() if isinstance(o, QObject) and shiboken6.isValid(o)]
        return (
            sum(isinstance(o, QAbstractAxis) for o in alive),
            sum(isinstance(o, QAbstractSeries) for o in alive),
        )

    before = counted()  # what earlier tests of this process still hold
    page = OverviewPage(demo_ui)
    qtbot.addWidget(page)
    page.load()
    overview = page.overview
    assert overview is not None
    first = counted()
    assert (first[0] - before[0], first[1] - before[1]) == (6, 3)  # three charts: two axes and a series each
    for _ in range(100):
        page.show_overview(overview)
    assert counted() == first
