"""The frame of every record dialog (a dialog that edits one record and saves it): the form, the red line that
repeats a refusal, one button box (Lưu / Đóng); and the end of its Save. A changed dialog asks before
closing without saving, and Ctrl+S saves (``ui/widgets/discard.py``).

The form scrolls and the button box stays below it, and the dialog opens no larger than the screen
(``ui/widgets/fit.py``), so Lưu and Đóng are always on screen.

One rule for their life (issue #21): a framed dialog is deleted once it has finished (Lưu, Đóng, Esc, the
window's ×) — ``deleteLater``, so the ``accepted``/``finished`` handlers still read it. A page that keeps a
reference must not use it after the dialog closed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.widgets.discard import DiscardGuard
from pbgdpl_desktop.ui.widgets.fit import fit_dialog, scrolling

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

ERROR_STYLE = "color: #b00020;"  # a refusal shown on a form (record dialogs, the settings page)


def frame_record_dialog(
    dialog: QDialog,
    parts: Sequence[QWidget | QLayout],
    submit: Callable[[], object],
    *,
    error: QLabel | None = None,
    save_text: str = "Lưu",
    close_text: str = "Đóng",
) -> QPushButton:
    """Lay out ``dialog``: its ``parts`` top to bottom, the ``error`` label (styled here; placed under the parts
    unless one of them already holds it), then the button box — ``save_text`` calls ``submit`` (which keeps
    the dialog open on a refusal), ``close_text`` rejects. Returns the save button."""
    layout = QVBoxLayout(dialog)
    content = QWidget(dialog)
    content.setObjectName("record_dialog_content")
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            inner.addLayout(part)
        else:
            inner.addWidget(part)
    scroll = scrolling(content, dialog)
    layout.addWidget(scroll, 1)
    fit_dialog(dialog, scroll)
    if error is not None:
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        if not error.objectName():
            error.setObjectName("error_label")
        if not any(isinstance(p, QWidget) and p.isAncestorOf(error) for p in parts):
            layout.addWidget(error)
    buttons = QDialogButtonBox(dialog)
    save = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(submit)
    guard = DiscardGuard(dialog, submit)  # Esc/Đóng/× ask before throwing changes away; Ctrl+S saves
    buttons.rejected.connect(guard.request_close)
    layout.addWidget(buttons)
    delete_when_closed(dialog)
    return save


def delete_when_closed(dialog: QDialog) -> None:
    """The rule of every dialog and transient window: gone (with all its widgets) once it has finished."""
    dialog.finished.connect(dialog.deleteLater)


def place_evidence(form_layout: QLayout, placeholder: QWidget, evidence: QWidget) -> None:
    """Put the evidence list where a Designer form left its placeholder."""
    form_layout.replaceWidget(placeholder, evidence)
    placeholder.hide()


def save_and_close(
    dialog: QDialog, ui: UiContext, action: Callable[[], Changes], error_label: QLabel | None = None
) -> bool:
    """The end of a record dialog's Save: run ``action`` (a service call returning ``Changes``) with
    ``ui.run_action`` — a refusal is shown (also in ``error_label``), everything typed is kept and False is
    returned — then close the dialog."""
    if not ui.run_action(dialog, action, error_label):
        return False
    dialog.accept()
    return True


def offer_add_another(dialog: QDialog, reopen: Callable[[], object]) -> QPushButton | None:
    """Give a new-record dialog a "Lưu và thêm tiếp" button: it saves like "Lưu", and once the dialog has
    closed ``reopen`` opens a fresh one (a clerk typing a paper logbook enters many records in a row)."""
    box = dialog.findChild(QDialogButtonBox)
    if box is None:
        return None
    save = next(
        (b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole), None
    )
    if save is None:
        return None
    again = box.addButton("Lưu và thêm tiếp", QDialogButtonBox.ButtonRole.ActionRole)
    again.setObjectName("save_and_add_another")
    wanted = {"again": False}

    def after_accept() -> None:
        if wanted["again"]:
            QTimer.singleShot(0, reopen)

    def save_then_reopen() -> None:
        wanted["again"] = True
        save.click()  # the dialog's own Save: a refusal keeps it open and nothing reopens
        wanted["again"] = False

    dialog.accepted.connect(after_accept)
    again.clicked.connect(save_then_reopen)
    return again
