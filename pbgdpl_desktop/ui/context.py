"""What every page and dialog gets: the services, the message service, the task runner, the paths."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import Services
from pbgdpl_desktop.ui.messages import MessageService
from pbgdpl_desktop.ui.tasks import TaskRunner


@dataclass
class UiContext:
    services: Services
    messages: MessageService
    tasks: TaskRunner
    paths: RuntimePaths
    _listeners: list[Callable[[Changes], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def notify(self, changes: Changes) -> None:
        """Tell every page what a service call changed (they refresh only what they show)."""
        if not changes:
            return
        for listener in list(self._listeners):
            listener(changes)
