"""One small service for every message box and confirmation (style.md §7).

Widgets never build a QMessageBox themselves and never call ``exec()``: boxes are shown non-modally-blocking
with ``open()`` and a callback, so no dialog can block a test or a script. Tests use ``FakeMessages``.
Standard buttons get Vietnamese texts (PySide6 ships no Vietnamese Qt translation)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pbgdpl_desktop.domain.errors import Cancelled, DomainError

log = logging.getLogger(__name__)

APP_TITLE = "Phần mềm Tư pháp cấp xã"


def describe_error(exc: BaseException, log_file: Path | None) -> tuple[str, bool]:
    """(Vietnamese text for the clerk, is_bug). Known problems show their message; bugs an apology + log path."""
    if isinstance(exc, DomainError):
        return exc.message, False
    where = f"\n\nChi tiết kỹ thuật đã được ghi vào tệp nhật ký:\n{log_file}" if log_file else ""
    return (
        "Xin lỗi, phần mềm gặp lỗi không mong muốn. Dữ liệu đã lưu trước đó không bị ảnh hưởng."
        f"{where}\n\nHãy gửi tệp nhật ký này cho bộ phận hỗ trợ."
    ), True


class MessageService:
    def __init__(self, log_file: Path | None = None) -> None:
        self.log_file = log_file
        self._open: list[QMessageBox] = []

    def _box(self, parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("message_box")
        self._open.append(box)
        box.finished.connect(lambda _r, b=box: self._forget(b))
        return box

    def _forget(self, box: QMessageBox) -> None:
        if box in self._open:
            self._open.remove(box)
        box.deleteLater()

    def info(self, parent: QWidget | None, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Information, text)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.open()

    def warn(self, parent: QWidget | None, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Warning, text)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.open()

    def error(self, parent: QWidget | None, error: BaseException | str) -> None:
        """Known problems: their Vietnamese message. Bugs: apology + log path + a copy button. Cancelled: nothing."""
        if isinstance(error, Cancelled):
            return
        if isinstance(error, str):
            text, is_bug = error, False
        else:
            text, is_bug = describe_error(error, self.log_file)
            if is_bug:
                log.error("unexpected error shown to the user", exc_info=error)
        box = self._box(parent, QMessageBox.Icon.Critical if is_bug else QMessageBox.Icon.Warning, text)
        if is_bug and not isinstance(error, str):
            details = "".join(traceback.format_exception(error))
            copy = box.addButton("Chép chi tiết", QMessageBox.ButtonRole.ActionRole)
            copy.clicked.disconnect()
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{text}\n\n{details}"))
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.open()

    def confirm(
        self,
        parent: QWidget | None,
        text: str,
        on_yes: Callable[[], object],
        *,
        yes_text: str = "Đồng ý",
        no_text: str = "Hủy",
        on_no: Callable[[], object] | None = None,
    ) -> None:
        box = self._box(parent, QMessageBox.Icon.Question, text)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.YesRole)
        no = box.addButton(no_text, QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)  # Enter on a deletion question keeps the record
        box.setEscapeButton(no)

        def finished(_result: int) -> None:
            if box.clickedButton() is yes:
                on_yes()
            elif on_no is not None:
                on_no()

        box.finished.connect(finished)
        box.open()


@dataclass
class Shown:
    kind: str  # info | warn | error | confirm
    text: str


@dataclass
class FakeMessages(MessageService):
    """For tests: records every message; confirmations are answered with ``answer`` at once."""

    answer: bool = True
    shown: list[Shown] = field(default_factory=list)
    log_file: Path | None = None

    def __post_init__(self) -> None:
        self._open = []

    def info(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(Shown("info", text))

    def warn(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(Shown("warn", text))

    def error(self, parent: QWidget | None, error: BaseException | str) -> None:
        if isinstance(error, Cancelled):
            return
        text = error if isinstance(error, str) else describe_error(error, self.log_file)[0]
        self.shown.append(Shown("error", text))

    def confirm(
        self,
        parent: QWidget | None,
        text: str,
        on_yes: Callable[[], object],
        *,
        yes_text: str = "Đồng ý",
        no_text: str = "Hủy",
        on_no: Callable[[], object] | None = None,
    ) -> None:
        self.shown.append(Shown("confirm", text))
        if self.answer:
            on_yes()
        elif on_no is not None:
            on_no()

    def texts(self, kind: str | None = None) -> list[str]:
        return [s.text for s in self.shown if kind is None or s.kind == kind]
