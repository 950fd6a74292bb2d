"""Mediation helpers: the team choices, and a small form dialog that never blocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import DateEdit, MoneyEdit


def team_items(ui: UiContext, *, with_all: str | None = None) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [(t.name, t.id) for t in ui.services.mediation.teams.all()]
    return [(with_all, None), *items] if with_all else items


class FormDialog(QDialog):
    """A small form (label → widget) whose "Lưu" calls ``on_submit(values)``, a service call returning what it
    changed. A DomainError raised there is shown and the dialog stays open with everything typed; success
    closes it. Opened with ``open()``."""

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
        name: str = "mediation_form_dialog",
    ) -> None:
        super().__init__(parent)
        self.ui, self._on_submit = ui, on_submit
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.widgets: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        for key, label, widget in fields:
            widget.setParent(self)
            widget.setObjectName(f"{key}_field")
            self.widgets[key] = widget
            form.addRow(label, widget)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> dict[str, Any]:
        return {key: widget_value(w) for key, w in self.widgets.items()}

    def submit(self) -> bool:
        if not self.ui.run_action(self, lambda: self._on_submit(self.values())):
            return False
        self.accept()
        return True


def widget_value(widget: QWidget) -> Any:
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
    box = QSpinBox()
    box.setRange(minimum, maximum)
    if empty_text:
        box.setSpecialValueText(empty_text)
    box.setValue(value if value is not None else minimum)
    return box


def optional_int(value: int, minimum: int) -> int | None:
    """A spin box at its minimum with special text means "not entered"."""
    return None if value == minimum else value
