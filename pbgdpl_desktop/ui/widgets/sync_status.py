"""The record dialogs' sync line: "Đã gửi trong gói số N (…)" or that a change is not sent yet (#13)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel

from pbgdpl_desktop.ui.context import UiContext


def add_sync_status(ui: UiContext, dialog: QDialog, table: str, record_id: str) -> QLabel | None:
    """A grey line just above the dialog's buttons (``frame_record_dialog`` layout) telling which bundle
    last carried the record as it is now; nothing for a record that is not saved yet."""
    status = ui.services.sync.sent_status(table, record_id)
    layout = dialog.layout()
    if not status.text or not isinstance(layout, QBoxLayout):
        return None
    label = QLabel(status.text, dialog)
    label.setObjectName("sync_status_label")
    label.setStyleSheet("color: palette(mid);")
    label.setWordWrap(True)
    layout.insertWidget(max(0, layout.count() - 1), label)
    return label
