"""One editor per value type (bool, int, money, points, date, set of options) for manual values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from pbgdpl_desktop.domain.dates import format_date, parse_date
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.money import format_money, parse_money
from pbgdpl_desktop.scoring.catalogue import BOOL, DATE, MONEY, SET
from pbgdpl_desktop.scoring.fmt import points as fmt_points

NOT_SET = "— chưa nhập —"


def option_label(code: str) -> str:
    try:
        return DigitalActivity(code).label
    except ValueError:
        return code


class ValueEditor:
    """Wraps a widget; ``value()`` parses it (``ValidationError`` with the label on bad text)."""

    def __init__(self, kind: str, label: str, options: tuple[str, ...], parent: QWidget) -> None:
        self.kind, self.label, self.options = kind, label, options
        if kind == BOOL:
            self.widget: QWidget = QComboBox(parent)
            self.widget.addItems([NOT_SET, "Có", "Không"])
        elif kind == SET:
            self.widget = QListWidget(parent)
            self.widget.setMaximumHeight(150)
            for code in options:
                item = QListWidgetItem(option_label(code))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.widget.addItem(item)
        else:
            self.widget = QLineEdit(parent)
            self.widget.setPlaceholderText(
                {DATE: "dd/mm/yyyy", MONEY: "số tiền (đồng)", "points": "điểm, ví dụ 4,5"}.get(kind, "số")
            )

    def set_value(self, value: Any) -> None:
        if self.kind == BOOL:
            self.widget.setCurrentIndex(0 if value is None else 1 if value else 2)
        elif self.kind == SET:
            chosen = set(value or ())
            for i in range(self.widget.count()):
                item = self.widget.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        else:
            self.widget.setText(self._text(value))

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
        if self.kind == BOOL:
            return {0: None, 1: True, 2: False}[self.widget.currentIndex()]
        if self.kind == SET:
            return sorted(
                self.widget.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.widget.count())
                if self.widget.item(i).checkState() == Qt.CheckState.Checked
            )
        text = self.widget.text().strip()
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
