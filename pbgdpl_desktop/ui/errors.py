"""Uncaught exceptions in the GUI: logged with the traceback, shown as a short Vietnamese message."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QApplication

from pbgdpl_desktop.ui.messages import MessageService

log = logging.getLogger("pbgdpl_desktop.crash")


def install_excepthook(messages: MessageService) -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught exception", exc_info=(kind, value, tb))
        try:
            messages.error(QApplication.activeWindow(), value)
        except Exception:
            log.exception("could not show the error message")

    sys.excepthook = hook
    threading.excepthook = _log_thread_exception


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    exc_info = (args.exc_type, args.exc_value, args.exc_traceback) if args.exc_value is not None else True
    log.error("uncaught exception in thread %s", args.thread, exc_info=exc_info)
