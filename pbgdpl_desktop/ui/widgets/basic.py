"""Small input widgets with Vietnamese formats: dates dd/MM/yyyy (optionally unknown), money in whole đồng, a
debounced search box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.money import format_money, parse_money
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.ui.widgets.keys import SEARCH_PROPERTY

DATE_FORMAT = "dd/MM/yyyy"


class DateEdit(QDateEdit):
    """A date field that shows and accepts dd/MM/yyyy (Qt's Vietnamese default is a short d/M/yy).

    The one date edit of the app, Designer forms included (forms/*.ui promote QDateEdit to ``DateEdit`` from
    this module): uic builds custom widgets as ``DateEdit(parent)``, hence the parent accepted first."""

    def __init__(self, value: date | QWidget | None = None, parent: QWidget | None = None) -> None:
        if isinstance(value, QWidget):  # Designer-generated code passes the parent first
            value, parent = None, value
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setMaximumDate(QDate(2100, 12, 31))
        self.set_date(value or date.today())

    def set_date(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date:
        qd = self.date()
        return date(qd.year(), qd.month(), qd.day())


class OptionalDate(QWidget):
    """A date with a "chưa có" tick box (plan dates, due dates, completion dates may be unknown)."""

    def __init__(self, label: str | QWidget = "có", parent: QWidget | None = None) -> None:
        text = label if isinstance(label, str) else "có"
        if isinstance(label, QWidget):  # built by a Designer form (uic passes the parent only)
            parent = label
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = DateEdit()
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_date(value)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None


class MoneyEdit(QLineEdit):
    """Whole đồng; accepts "1500000", "1.500.000", "1,500,000 đ"; shows "1.500.000" when focus leaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("ví dụ 1.500.000")
        self.editingFinished.connect(self._reformat)

    def _reformat(self) -> None:
        try:
            self.setText(format_money(parse_money(self.text()), unit=False))
        except ValidationError:
            pass  # the form shows the message when it validates

    def set_amount(self, amount: int | None) -> None:
        self.setText("" if amount is None else format_money(amount, unit=False))

    def amount(self, label: str = "Số tiền") -> int:
        """The amount typed; raises ValidationError with a Vietnamese message."""
        return parse_money(self.text(), label=label)


class SearchBox(QLineEdit):
    """Emits ``searchChanged`` 250 ms after the last keystroke, with NFC text."""

    searchChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(
        self, placeholder: str = "Tìm kiếm (không cần gõ dấu)…", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setProperty(SEARCH_PROPERTY, True)  # Ctrl+F comes here (ui/widgets/keys.py)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _t: self._timer.start())

    def flush(self) -> None:
        """Emit now (Enter, or tests that do not want to wait for the debounce)."""
        self._timer.stop()
        self.searchChanged.emit(nfc(self.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        super().keyPressEvent(event)
        if event.text() in ("\r", "\n"):
            self.flush()
