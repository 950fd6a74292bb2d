"""A record dialog built from a list of fields (label → widget) instead of a Designer form, and the small
field widgets it is usually given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.widgets.basic import DateEdit, MoneyEdit
from pbgdpl_desktop.ui.widgets.fit import scaled
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext


class FormDialog(QDialog):
    """A small form (label → widget) whose save button calls ``on_submit(values)``, a service call returning
    what it changed. A refusal is shown and the dialog stays open with everything typed; success closes it.
    Opened with ``open()``; ``widgets`` holds the fields by key."""

    def __init__(
        self,
        ui: UiContext,
        title: str,
        fields: Sequence[tuple[str, str, QWidget]],
        on_submit: Callable[[dict[str, Any]], Changes],
        parent: QWidget | None = None,
        *,
        ok_text: str = "Lưu",
        intro: str = "",
        name: str = "form_dialog",
    ) -> None:
        super().__init__(parent)
        self.ui, self._on_submit = ui, on_submit
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.widgets: dict[str, QWidget] = {}
        parts: list[QWidget | QLayout] = []
        if intro:
            intro_label = QLabel(intro, self)
            intro_label.setWordWrap(True)
            parts.append(intro_label)
        form = QFormLayout()
        for key, text, widget in fields:
            widget.setParent(self)
            widget.setObjectName(f"{key}_field")
            self.widgets[key] = widget
            form.addRow(text, widget)
        parts.append(form)
        self.save_button = frame_record_dialog(self, parts, self.submit, save_text=ok_text, close_text="Hủy")
        self.resize(scaled(460), 1)  # wanted, not a minimum: on a small screen the dialog may be narrower

    def values(self) -> dict[str, Any]:
        return {key: widget_value(w) for key, w in self.widgets.items()}

    def submit(self) -> bool:
        if not self.ui.run_action(self, lambda: self._on_submit(self.values())):
            return False
        self.accept()
        return True


def widget_value(widget: QWidget) -> Any:
    """What a field of a ``FormDialog`` holds (``MoneyEdit`` raises ValidationError on bad text)."""
    if isinstance(widget, DateEdit):
        return widget.value()
    if isinstance(widget, MoneyEdit):
        return widget.amount()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(type(widget))


def line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def spin(value: int | None, minimum: int, maximum: int, empty_text: str = "") -> QSpinBox:
    """A spin box; with ``empty_text`` its minimum shows that text and means "not entered" (``optional_int``)."""
    box = QSpinBox()
    box.setRange(minimum, maximum)
    if empty_text:
        box.setSpecialValueText(empty_text)
    box.setValue(value if value is not None else minimum)
    return box


def optional_int(value: int, minimum: int) -> int | None:
    """A spin box at its minimum with special text means "not entered"."""
    return None if value == minimum else value
