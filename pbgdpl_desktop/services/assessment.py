"""Chuẩn tiếp cận pháp luật — assessments, manual values, saved results (filled by its issue)."""

from __future__ import annotations

from pbgdpl_desktop.services.context import ServiceContext


class AssessmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
