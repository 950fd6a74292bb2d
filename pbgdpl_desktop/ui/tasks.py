"""The one runner for work longer than ~100 ms (reports, exports, imports, scoring a year).

``TaskRunner.run(fn, on_done=…)`` calls ``fn(progress)`` on a worker thread, shows a progress dialog with
Cancel, and delivers the result (or the error) back on the GUI thread. Errors go to ``on_error`` or to the
message service; a ``Cancelled`` error is shown as nothing. Dialogs never start their own threads.
In tests, ``TaskRunner(synchronous=True)`` runs ``fn`` at once on the calling thread (Picard's fake pool).

Threads (issue #21, #12 §4): the worker is a plain Python thread that never creates, connects, disconnects
or deletes a QObject — it gets a plain callable and puts plain tuples into a ``queue.Queue``. A ``QTimer``
owned by the runner (GUI thread) drains that queue; progress dialogs are made, updated and deleted there,
and cancellation is a ``threading.Event``. (A per-job QObject whose signal connections were torn down on
the worker thread deadlocked against the GUI thread's chart code: Qt's signal lock against the GIL.)"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from pbgdpl_desktop.domain.errors import Cancelled

log = logging.getLogger(__name__)

POLL_MS = 10  # how often the GUI thread looks for results while a task runs


class Progress:
    """Handed to the work function: report progress, check for cancellation."""

    def __init__(self, emit: Callable[[int, int, str], None] | None = None) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        if self._emit is not None:
            self._emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user pressed Cancel."""
        if self._cancel.is_set():
            raise Cancelled()


@dataclass
class _Job:
    """What the GUI thread keeps of a running task (the worker sees only ``fn`` and ``progress``)."""

    number: int
    fn: Callable[[Progress], Any]
    progress: Progress
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    parent: QWidget | None
    dialog: QProgressDialog | None = None


class _Worker:
    """One plain thread at a time runs the jobs in order (one writer on SQLite); it exits when idle."""

    def __init__(self, results: queue.Queue[tuple[str, int, Any]]) -> None:
        self._results = results
        self._lock = threading.Lock()
        self._jobs: deque[tuple[int, Callable[[Progress], Any], Progress]] = deque()
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition(self._lock)
        self._busy = 0

    def submit(self, number: int, fn: Callable[[Progress], Any], progress: Progress) -> None:
        with self._lock:
            self._jobs.append((number, fn, progress))
            self._busy += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="pbgdpl-task", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._jobs:
                    self._thread = None
                    return
                number, fn, progress = self._jobs.popleft()
            try:
                result = fn(progress)
            except BaseException as exc:  # noqa: BLE001 - every error is routed to the GUI thread
                self._results.put(("failed", number, exc))
            else:
                self._results.put(("done", number, result))
            finally:
                del fn, progress
                with self._lock:
                    self._busy -= 1
                    self._idle.notify_all()

    def wait(self, msecs: int) -> bool:
        with self._lock:
            return self._idle.wait_for(lambda: self._busy == 0, timeout=msecs / 1000)


class TaskRunner(QObject):
    """Runs work off the GUI thread. ``finished`` is emitted after each task's callbacks (for tests)."""

    finished = Signal()

    def __init__(
        self, messages: Any = None, *, synchronous: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.messages = messages
        self.synchronous = synchronous
        self._results: queue.Queue[tuple[str, int, Any]] = queue.Queue()
        self._worker = _Worker(self._results)
        self._jobs: dict[int, _Job] = {}
        self._numbers = itertools.count(1)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self._draining = False

    def run(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str = "Đang xử lý…",
        parent: QWidget | None = None,
        cancellable: bool = True,
    ) -> Progress:
        if self.synchronous:
            progress = Progress()
            try:
                result = fn(progress)
            except BaseException as exc:  # noqa: BLE001
                self._failed(exc, on_error, parent)
            else:
                self._done(result, on_done)
            return progress
        number = next(self._numbers)
        results = self._results
        progress = Progress(lambda done, total, text: results.put(("progress", number, (done, total, text))))
        job = _Job(number, fn, progress, on_done, on_error, parent)
        job.dialog = self._dialog(label, parent, cancellable, progress)
        self._jobs[number] = job
        self._worker.submit(number, fn, progress)
        if not self._timer.isActive():
            self._timer.start()
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait until no task runs on the worker (their callbacks run later, on the GUI thread's loop)."""
        return self._worker.wait(msecs)

    @property
    def pending(self) -> int:
        """Tasks whose callbacks have not run yet."""
        return len(self._jobs)

    # ------------------------------------------------------------------ internals (GUI thread only)
    @staticmethod
    def _dialog(label: str, parent: QWidget | None, cancellable: bool, progress: Progress) -> QProgressDialog:
        dialog = QProgressDialog(label, "Hủy" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("Đang xử lý")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if cancellable:
            dialog.canceled.connect(progress.cancel)
        else:
            dialog.setCancelButton(None)
        return dialog

    def _drain(self) -> None:
        """Deliver what the worker put in the queue: of many progress reports only the last of each task is
        shown. A modal QProgressDialog.setValue() runs a nested event loop, in which this timer may fire
        again: that nested call returns at once (no re-entrancy, no result delivered inside an update)."""
        if self._draining:
            return
        self._draining = True
        try:
            latest: dict[int, tuple[int, int, str]] = {}
            while True:
                try:
                    kind, number, payload = self._results.get_nowait()
                except queue.Empty:
                    break
                job = self._jobs.get(number)
                if job is None:
                    continue
                if kind == "progress":
                    latest[number] = payload
                    continue
                latest.pop(number, None)
                del self._jobs[number]
                self._close(job.dialog)
                if kind == "done":
                    self._done(payload, job.on_done)
                else:
                    self._failed(payload, job.on_error, job.parent)
            for number, report in latest.items():
                if number in self._jobs:
                    self._on_progress(self._jobs[number], *report)
        finally:
            self._draining = False
            if not self._jobs:
                self._timer.stop()

    @staticmethod
    def _on_progress(job: _Job, done: int, total: int, text: str) -> None:
        dialog = job.dialog
        if dialog is None:
            return
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    @staticmethod
    def _close(dialog: QProgressDialog | None) -> None:
        if dialog is not None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _done(self, result: Any, on_done: Callable[[Any], None] | None) -> None:
        try:
            if on_done is not None:
                on_done(result)
        finally:
            self.finished.emit()

    def _failed(
        self,
        exc: BaseException,
        on_error: Callable[[BaseException], None] | None,
        parent: QWidget | None,
    ) -> None:
        try:
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                on_error(exc)
            elif self.messages is not None:
                self.messages.error(parent, exc)
            else:
                log.error("task failed", exc_info=exc)
        finally:
            self.finished.emit()
