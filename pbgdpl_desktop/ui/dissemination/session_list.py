"""Columns of the session list (PagedTableModel over services' SessionListSource)."""

from __future__ import annotations

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.ui.models.paged_table import Column


def _form(value: DisseminationForm | None) -> str:
    return value.label if value else ""


def _groups(value: tuple[TargetGroup, ...]) -> str:
    return ", ".join(g.label for g in value or ())


def session_columns() -> list[Column]:
    return [
        Column("held_on", "Ngày", "date", width=90),
        Column("title", "Tiêu đề, nội dung", width=300),
        Column("form", "Hình thức", formatter=_form, width=190),
        Column("place", "Địa điểm", sortable=False, width=170),
        Column("residential_group", "Tổ dân phố/thôn", sortable=False, width=110),
        Column("target_groups", "Đối tượng", sortable=False, formatter=_groups, width=170),
        Column("attendance_total", "Số người", "int", width=70),
        Column("speakers_text", "Người trình bày", sortable=False, width=170),
        Column("laws_text", "Văn bản pháp luật", sortable=False),
    ]
