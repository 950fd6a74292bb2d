"""Small pieces shared by the office pages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.office.service import OfficeService
from pbgdpl_desktop.ui.context import UiContext


def office_of(ui: UiContext) -> OfficeService:
    return OfficeService(ui.services.ctx, ui.services.sync)


def allow(ui: UiContext, widget: QWidget, *actions: Action) -> bool:
    """Enable ``widget`` when the signed-in user may do one of ``actions`` (no account yet: anything); else grey
    it out with the reason as its tooltip. The office's services refuse the same calls (issue #15)."""
    actor = ui.services.ctx.actor
    allowed = actor is None or any(actor.may(a) for a in actions)
    widget.setEnabled(allowed)
    if actor is not None and not allowed:
        widget.setToolTip(actor.refusal_of(actions[0]).message)
    elif widget.toolTip().startswith("Người dùng “"):
        widget.setToolTip("")
    return allowed


def year_box(ui: UiContext, parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(2020, 2100)
    box.setValue(ui.services.ctx.clock.today().year)
    return box


def table(parent: QWidget, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[object]]) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
            t.setItem(r, c, QTableWidgetItem(text))
