"""The record dialog's sync line (issue #13): which bundle last carried the case, or that a change waits."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from pbgdpl_desktop.persistence.models.mediation import MediationCase
from pbgdpl_desktop.ui.mediation.case_dialog import CaseDialog
from tests.helpers.bundles import small_ward


def _line(ui, qtbot, case_id: str) -> str:
    dialog = CaseDialog(ui, ui.services.mediation.cases.get(case_id))
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "sync_status_label")
    assert label is not None
    return label.text()


def test_the_case_dialog_says_which_bundle_carried_the_case(ui, qtbot, tmp_path):
    small_ward(ui.services)
    with ui.services.ctx.db.read() as session:
        case_id = session.scalars(select(MediationCase.id)).one()
    assert "chưa xuất gói nào" in _line(ui, qtbot, case_id)
    record = ui.services.sync.exporter.export(tmp_path / "out").record
    assert _line(ui, qtbot, case_id).startswith(f"Đã gửi trong gói số {record.seq} (")
    new = CaseDialog(ui, None)
    qtbot.addWidget(new)
    assert new.findChild(QLabel, "sync_status_label") is None  # a new case has no sync line
