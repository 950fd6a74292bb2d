"""The real threaded TaskRunner under load (issue #21 §2, #12 §4): hundreds of tasks with progress and
Cancel while the GUI thread builds charts, and the worker thread never calls into Qt at all — every call the
worker thread makes into a PySide6/shiboken object (from the task on, also in the runner's code after it
returns) is recorded by a profile hook and fails the test."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QValueAxis
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from pbgdpl_desktop.domain.errors import Cancelled
from pbgdpl_desktop.ui.tasks import TaskRunner

TASKS = 240


def _qt_calls_off_main(calls: list[str]):
    """A profile function for threads started from ``threading``: any C call into a Qt binding is noted."""

    def profile(frame, event, arg):
        if event != "c_call" or threading.current_thread() is threading.main_thread():
            return
        owner = getattr(arg, "__self__", None)
        module = getattr(arg, "__module__", None) or type(owner).__module__ or ""
        if module.startswith(("PySide6", "shiboken6", "Shiboken")):
            calls.append(f"{threading.current_thread().name}: {getattr(arg, '__qualname__', arg)!r}")

    return profile


def _chart_work(chart: QChart) -> None:
    """What the overview does on the GUI thread: replace series and axes."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()
    bars = QBarSet("n")
    bars.append([1.0, 2.0, 3.0])
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    names, values = QBarCategoryAxis(), QValueAxis()
    names.append(["a", "b", "c"])
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(values)


def test_hundreds_of_threaded_tasks_with_progress_and_cancel(qtbot, ui):
    calls: list[str] = []
    profile = _qt_calls_off_main(calls)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        parent.show()
        chart = QChart()
        runner = TaskRunner(ui.messages)
        results: list[int] = []
        worker_threads: set[str] = set()

        def work(n: int):
            def fn(progress):
                # profile the worker thread from here on: also what the runner does after fn returns
                if sys.getprofile() is None:
                    sys.setprofile(profile)
                worker_threads.add(threading.current_thread().name)
                for step in range(1, 6):
                    progress.update(step, 5, f"Bước {step}")
                    if progress.cancelled:
                        raise Cancelled()
                    progress.check()
                return n

            return fn

        def done(n: int) -> None:
            results.append(n)
            _chart_work(chart)

        progresses = []
        for n in range(TASKS):
            before = set(parent.findChildren(QProgressDialog))
            progresses.append(runner.run(work(n), on_done=done, on_error=lambda e: None, parent=parent))
            (dialog,) = set(parent.findChildren(QProgressDialog)) - before
            if n % 3 == 0:  # the clerk presses Hủy on some (the dialog's own signal, on the GUI thread)
                dialog.findChild(QPushButton).click()
            _chart_work(chart)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=120_000)
        assert runner.wait(10_000)
    finally:
        runner.run(lambda progress: sys.setprofile(None))  # the worker thread may be reused
        runner.wait(10_000)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert calls == [], calls[:5]
    assert worker_threads and threading.main_thread().name not in worker_threads
    assert len(results) + len([p for p in progresses if p.cancelled]) >= TASKS - 1
    assert all(p.cancelled for p in progresses[::3])
    assert ui.messages.shown == []  # cancelled tasks show nothing
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert parent.findChildren(QProgressDialog) == []  # every progress dialog died on the GUI thread


def test_a_worker_error_reaches_on_error_on_the_gui_thread(qtbot, ui):
    runner = TaskRunner(ui.messages)
    seen: list[tuple[str, str]] = []

    def fails(progress):
        raise ValueError("hỏng")

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run(fails, on_error=lambda exc: seen.append((str(exc), threading.current_thread().name)))
    assert seen == [("hỏng", threading.main_thread().name)]
