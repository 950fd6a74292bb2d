"""Small pieces shared by the office pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.office.dto import DecisionFileDTO
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


def open_decision(ui: UiContext, parent: QWidget, pdf: DecisionFileDTO | None) -> None:
    """Open the decision's PDF in the PC's PDF reader (a missing file is said, not a traceback)."""
    if pdf is None:
        return
    if not Path(pdf.path).is_file():
        ui.messages.error(parent, f"Không tìm thấy tệp quyết định {pdf.name} ({pdf.path}).")
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf.path)))


_BADGES: dict[str, str] = {}


def decision_badge(ui: UiContext, pdf: DecisionFileDTO | None) -> str:
    """The decision PDF's digital signature checked on this PC (services.signing.check against the roots
    imported in Cài đặt › Chữ ký số), as the evidence badge: "✔ đã ký số: Tên, dd/mm/yyyy"; "chưa ký số" for a
    plain scan. Kept per file content and the roots trusted, so a page refresh does not check again."""
    if pdf is None or not Path(pdf.path).is_file():
        return ""
    from pbgdpl_desktop.ui.signing.badge import badge

    signing = ui.services.signing
    key = (
        pdf.sha256 + "|" + "|".join(sorted(hashlib.sha256(r).hexdigest() for r in signing.files.root_bytes()))
    )
    if key not in _BADGES:
        report = signing.check(Path(pdf.path))
        text = badge(report.as_result(ui.services.ctx.clock.now())) or report.label
        _BADGES[key] = text
    return _BADGES[key]
