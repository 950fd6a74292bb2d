"""A record dialog that was changed asks before its changes are thrown away (Esc, "Đóng", the title bar's ×),
and Ctrl+S saves it.

"Changed" means: what the fields show differs from what they showed when the dialog opened (a snapshot of every
editor's text, choice and tick) — typing a letter and deleting it again is no change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from pbgdpl_desktop.ui.widgets.keys import guard_wheel

QUESTION = "Bạn đã sửa nội dung nhưng chưa lưu. Bỏ các thay đổi này?"


def snapshot(root: QWidget) -> tuple[object, ...]:
    """What the editors inside ``root`` show, in a comparable form."""
    state: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            state.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QComboBox):
            state.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QTableWidget):
            state.append(
                tuple(
                    (item.text() if (item := widget.item(row, column)) is not None else None)
                    for row in range(widget.rowCount())
                    for column in range(widget.columnCount())
                )
            )
        elif isinstance(widget, QListWidget):
            state.append(
                tuple(
                    (widget.item(row).text(), widget.item(row).checkState().value)
                    for row in range(widget.count())
                )
            )
    return tuple(state)


class DiscardGuard(QObject):
    """Installed on a record dialog by ``frame_record_dialog``; ``request_close`` is what "Đóng" calls."""

    def __init__(self, dialog: QDialog, submit: Callable[[], object]) -> None:
        super().__init__(dialog)
        self.setObjectName("discard_guard")
        self.dialog = dialog
        self.baseline: tuple[object, ...] | None = None
        self._asking = False
        dialog.installEventFilter(self)
        save = QShortcut(QKeySequence.StandardKey.Save, dialog)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(submit)

    def changed(self) -> bool:
        return self.baseline is not None and snapshot(self.dialog) != self.baseline

    def request_close(self) -> None:
        if not self.changed():
            self.dialog.reject()
            return
        if self._asking:
            return
        self._asking = True
        ui = getattr(self.dialog, "ui", None)
        messages = getattr(ui, "messages", None)
        if messages is not None:
            messages.confirm(
                self.dialog,
                QUESTION,
                self._discard,
                yes_text="Bỏ thay đổi",
                no_text="Tiếp tục sửa",
                on_no=self._keep,
            )
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.dialog.windowTitle(), QUESTION, parent=self.dialog)
        discard = box.addButton("Bỏ thay đổi", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Tiếp tục sửa", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._discard() if box.clickedButton() is discard else self._keep())
        box.open()

    def _discard(self) -> None:
        self._asking = False
        self.baseline = None  # no second question on the way out
        self.dialog.reject()

    def _keep(self) -> None:
        self._asking = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is not getattr(self, "dialog", None):  # Qt may call in while __init__ runs
            return False
        kind = event.type()
        if kind == QEvent.Type.Show and self.baseline is None:
            self.baseline = snapshot(self.dialog)
            guard_wheel(self.dialog)
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.request_close()
            return True
        elif kind == QEvent.Type.Close and self.dialog.isVisible() and self.changed():
            event.ignore()
            self.request_close()
            return True
        return False
