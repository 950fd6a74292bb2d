"""One editor per value type (bool, int, money, points, date, set of options) for manual values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QWidget

from pbgdpl_desktop.domain.dates import format_date, parse_date
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.money import format_money, parse_money
from pbgdpl_desktop.scoring.catalogue import BOOL, DATE, MONEY, SET
from pbgdpl_desktop.scoring.fmt import points as fmt_points
from pbgdpl_desktop.ui.widgets.checklists import checked_values, fill_checklist, set_checked

NOT_SET = "— chưa nhập —"


def option_label(code: str) -> str:
    return DigitalActivity.label_of(code)


class ValueEditor:
    """Wraps a widget; ``value()`` parses it (``ValidationError`` with the label on bad text). ``widget`` is a
    combo (yes/no), a checklist (set of options) or a line edit (everything else)."""

    def __init__(self, kind: str, label: str, options: tuple[str, ...], parent: QWidget) -> None:
        self.kind, self.label, self.options = kind, label, options
        self.combo: QComboBox | None = None
        self.checklist: QListWidget | None = None
        self.edit: QLineEdit | None = None
        self.widget: QWidget
        if kind == BOOL:
            self.widget = self.combo = QComboBox(parent)
            self.combo.addItems([NOT_SET, "Có", "Không"])
        elif kind == SET:
            self.widget = self.checklist = QListWidget(parent)
            self.checklist.setMaximumHeight(150)
            fill_checklist(self.checklist, [(option_label(code), code) for code in options])
        else:
            self.widget = self.edit = QLineEdit(parent)
            self.edit.setPlaceholderText(
                {DATE: "dd/mm/yyyy", MONEY: "số tiền (đồng)", "points": "điểm, ví dụ 4,5"}.get(kind, "số")
            )

    def set_value(self, value: Any) -> None:
        if self.combo is not None:
            self.combo.setCurrentIndex(0 if value is None else 1 if value else 2)
        elif self.checklist is not None:
            set_checked(self.checklist, value or ())
        elif self.edit is not None:
            self.edit.setText(self._text(value))

    def _text(self, value: Any) -> str:
        if value is None:
            return ""
        if self.kind == DATE:
            return format_date(value if isinstance(value, date) else date.fromisoformat(str(value)))
        if self.kind == MONEY:
            return format_money(int(value), unit=False)
        if self.kind == "points":
            return fmt_points(Decimal(str(value)))
        return str(value)

    def value(self) -> Any:
        if self.combo is not None:
            return {0: None, 1: True, 2: False}[self.combo.currentIndex()]
        if self.checklist is not None:
            return sorted(checked_values(self.checklist))
        assert self.edit is not None
        text = self.edit.text().strip()
        if not text:
            return None
        if self.kind == DATE:
            return parse_date(text, field=self.label, label=self.label)
        if self.kind == MONEY:
            return parse_money(text, field=self.label, label=self.label)
        if self.kind == "points":
            try:
                return Decimal(text.replace(",", "."))
            except InvalidOperation:
                raise ValidationError(f"{self.label}: “{text}” không phải là số điểm.") from None
        if not text.isdigit():
            raise ValidationError(f"{self.label}: “{text}” không phải là số nguyên không âm.")
        return int(text)

    def set_enabled(self, enabled: bool) -> None:
        self.widget.setEnabled(enabled)
