"""The end of every record dialog's Save: run the service call, keep the dialog and its input on a refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import Changes

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


def save_and_close(
    dialog: QDialog, ui: UiContext, action: Callable[[], Changes], error_label: QLabel | None = None
) -> bool:
    """Call ``action`` (a service call returning ``Changes``). On a refusal show its Vietnamese message in
    ``error_label`` and through the message service, keep everything typed and return False; on success
    tell every page what changed and close the dialog."""
    if not ui.run_action(dialog, action, error_label):
        return False
    dialog.accept()
    return True


def frame_record_dialog(
    dialog: QDialog,
    body: QWidget,
    form_layout: QLayout,
    placeholder: QWidget,
    evidence: QWidget,
    submit: Callable[[], None],
) -> QPushButton:
    """The frame shared by the Designer-form record dialogs: the evidence list takes the form's placeholder,
    Lưu calls ``submit`` (which keeps the dialog open on a refusal), Đóng rejects. Returns the Lưu button."""
    form_layout.replaceWidget(placeholder, evidence)
    placeholder.hide()
    buttons = QDialogButtonBox(dialog)
    save = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)
    return save
