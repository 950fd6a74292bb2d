"""What every page and dialog gets: the services, the message service, the task runner, the paths."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import Services
from pbgdpl_desktop.ui.messages import MessageService
from pbgdpl_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget


@dataclass
class UiContext:
    services: Services
    messages: MessageService
    tasks: TaskRunner
    paths: RuntimePaths
    # set by the launcher: close the database, restore this backup copy in its place, reopen the window
    on_restore: Callable[[Path], None] | None = None
    _listeners: list[Callable[[Changes], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def notify(self, changes: Changes) -> None:
        """Tell every page what a service call changed (they refresh only what they show)."""
        if not changes:
            return
        for listener in list(self._listeners):
            listener(changes)

    def run_action(
        self, parent: QWidget, action: Callable[[], Changes], error_label: QLabel | None = None
    ) -> bool:
        """Run ``action`` (a service call returning what it changed) for the widget ``parent``.

        A refusal (``DomainError``) is shown to the clerk through the message service — and in ``error_label``
        when the form has one — and gives False, with nothing the clerk typed lost. Success clears
        ``error_label``, tells every page what changed and gives True."""
        try:
            changes = action()
        except DomainError as exc:
            if error_label is not None:
                error_label.setText(exc.message)
            self.messages.error(parent, exc)
            return False
        if error_label is not None:
            error_label.clear()
        self.notify(changes)
        return True
