"""Demo assessments (2024 under QĐ 25, 2026 under QĐ 27); filled by its issue."""

from __future__ import annotations

from pbgdpl_desktop.services.demo_context import DemoContext


def fill(ctx: DemoContext) -> None:
    """Add the demo assessments through the services."""
