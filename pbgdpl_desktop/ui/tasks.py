"""The one runner for work longer than ~100 ms (reports, exports, imports, scoring a year).

``TaskRunner.run(fn, on_done=…)`` calls ``fn(progress)`` on a worker thread, shows a progress dialog with
Cancel, and delivers the result (or the error) back on the GUI thread. Errors go to ``on_error`` or to the
message service; a ``Cancelled`` error is shown as nothing. Dialogs never start their own threads.
In tests, ``TaskRunner(synchronous=True)`` runs ``fn`` at once on the calling thread (Picard's fake pool)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from pbgdpl_desktop.domain.errors import Cancelled

log = logging.getLogger(__name__)


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


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, signals: _Signals) -> None:
        super().__init__()
        self.fn, self.progress, self.signals = fn, progress, signals

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - every error is routed to the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Runs work off the GUI thread. ``finished`` is emitted after each task's callbacks (for tests)."""

    finished = Signal()

    def __init__(
        self, messages: Any = None, *, synchronous: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.messages = messages
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer at a time on SQLite
        self._live: set[_Signals] = set()
        self._updating = False

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
                self._failed(exc, on_error, parent, None)
            else:
                self._done(result, on_done, None)
            return progress
        signals = _Signals()
        dialog = self._dialog(label, parent, cancellable)
        progress = Progress(signals.progress.emit)
        state = {"finished": False}
        if dialog is not None:
            dialog.canceled.connect(progress.cancel)
            signals.progress.connect(lambda d, t, txt: self._on_progress(dialog, state, d, t, txt))
        signals.done.connect(
            lambda result: self._deliver(state, lambda: self._done(result, on_done, dialog, signals))
        )
        signals.failed.connect(
            lambda exc: self._deliver(state, lambda: self._failed(exc, on_error, parent, dialog, signals))
        )
        self._live.add(signals)
        self._pool.start(_Job(fn, progress, signals))
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _dialog(label: str, parent: QWidget | None, cancellable: bool) -> QProgressDialog | None:
        dialog = QProgressDialog(label, "Hủy" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("Đang xử lý")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if not cancellable:
            dialog.setCancelButton(None)
        return dialog

    def _on_progress(self, dialog: QProgressDialog, state: dict, done: int, total: int, text: str) -> None:
        # A modal QProgressDialog.setValue() runs a nested processEvents(): never start another update or
        # deliver the result from inside it (that re-entrancy hung QPdfDocument.load in a test).
        if state["finished"] or self._updating:
            return
        self._updating = True
        try:
            if total:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(text)
        finally:
            self._updating = False

    def _deliver(self, state: dict, call: Callable[[], None]) -> None:
        """Run the done/failed callbacks on the GUI thread, but only once a progress update has returned."""
        if self._updating:
            QTimer.singleShot(0, lambda: self._deliver(state, call))
            return
        state["finished"] = True
        call()

    def _close(self, dialog: QProgressDialog | None, signals: _Signals | None) -> None:
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        if signals is not None:
            self._live.discard(signals)

    def _done(
        self,
        result: Any,
        on_done: Callable[[Any], None] | None,
        dialog: QProgressDialog | None,
        signals: _Signals | None = None,
    ) -> None:
        self._close(dialog, signals)
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
        dialog: QProgressDialog | None,
        signals: _Signals | None = None,
    ) -> None:
        self._close(dialog, signals)
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
