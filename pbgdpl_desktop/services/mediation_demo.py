"""Demo data for Hòa giải ở cơ sở (``pbgdpl-desktop demo``); filled by its issue."""

from __future__ import annotations

from pbgdpl_desktop.services.demo_context import DemoContext


def fill(ctx: DemoContext) -> None:
    """Add realistic records for ``ctx.years`` through the services (not raw SQL)."""
