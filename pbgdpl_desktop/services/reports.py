"""Reports and printing: gathers data from the services and calls ``pbgdpl_desktop.reports`` (filled by its issue)."""

from __future__ import annotations

from pbgdpl_desktop.services.context import ServiceContext


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
