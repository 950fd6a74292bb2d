"""The one small password prompt of encrypted copies (issue #15): opening a sealed bundle at the office and
restoring an encrypted backup ask the same way — no echo, Vietnamese buttons, opened with ``open()`` (never
``exec()``), deleted when closed; the password goes to ``on_password``, Hủy does nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from pbgdpl_desktop.ui.widgets.record_dialog import delete_when_closed


def ask_password(
    parent: QWidget,
    *,
    name: str,
    title: str,
    label: str,
    ok_text: str,
    on_password: Callable[[str], None],
) -> QInputDialog:
    """Open the prompt (window-modal) and return it (tests type into it and accept it)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(ok_text)
    dialog.setCancelButtonText("Hủy")
    dialog.textValueSelected.connect(on_password)
    delete_when_closed(dialog)
    dialog.open()
    return dialog
