"""GUI fixtures: a UiContext over the test's services with a recording message service and a synchronous runner."""

from __future__ import annotations

import pytest

from pbgdpl_desktop.ui.application import get_application
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.messages import FakeMessages
from pbgdpl_desktop.ui.tasks import TaskRunner


@pytest.fixture
def ui_for(qapp, paths):
    """Build a UiContext over given services (``ui_for(services)``)."""
    get_application()

    def build(services, *, answer: bool = True) -> UiContext:
        messages = FakeMessages(answer=answer)
        return UiContext(
            services=services, messages=messages, tasks=TaskRunner(messages, synchronous=True), paths=paths
        )

    return build


@pytest.fixture
def ui(ui_for, services):
    return ui_for(services)


@pytest.fixture
def demo_ui(ui_for, demo_services):
    return ui_for(demo_services)
