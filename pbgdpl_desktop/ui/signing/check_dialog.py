"""Kiểm tra chữ ký: choose a PDF (and optionally the deadline it had to be signed by) and read what its
signatures say: signed or not, intact or changed, who signed, when, and whether the certificate chains to
a trusted root imported in Settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.signing.service import SignatureReport
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.files import open_file_name


class CheckSignatureDialog(QDialog):
    def __init__(self, ui: UiContext, pdf: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # transient: gone when closed (#21)
        self.ui = ui
        self.report: SignatureReport | None = None
        self.setWindowTitle("Kiểm tra chữ ký số")
        self.path = QLineEdit(str(pdf or ""))
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._choose)
        self.use_deadline = QCheckBox("Hạn ký:")
        self.deadline = QDateEdit(QDate.currentDate())
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.deadline.setCalendarPopup(True)
        self.check_button = QPushButton("Kiểm tra")
        self.check_button.clicked.connect(self.check)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setMinimumHeight(180)
        row = QHBoxLayout()
        row.addWidget(QLabel("Tệp PDF:"))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row2 = QHBoxLayout()
        row2.addWidget(self.use_deadline)
        row2.addWidget(self.deadline)
        row2.addStretch(1)
        row2.addWidget(self.check_button)
        roots = len(ui.services.signing.files.roots())
        note = QLabel(
            f"Chứng thư gốc tin cậy đã nhập: {roots}. Nhập thêm trong Cài đặt › Chữ ký số."
            if roots
            else "Chưa nhập chứng thư gốc nào: mọi chữ ký sẽ là “chưa tin cậy” (Cài đặt › Chữ ký số)."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(row2)
        layout.addWidget(note)
        layout.addWidget(self.output, 1)
        layout.addWidget(buttons)
        if pdf is not None:
            self.check()

    def _choose(self) -> None:
        chosen = open_file_name(self, "Chọn tệp PDF cần kiểm tra", "Tệp PDF (*.pdf)")
        if chosen:
            self.path.setText(chosen)
            self.check()

    def check(self) -> None:
        text = self.path.text().strip()
        if not text or not Path(text).is_file():
            self.output.setPlainText("Hãy chọn một tệp PDF có thật.")
            return
        deadline: date | None = self.deadline.date().toPython() if self.use_deadline.isChecked() else None  # type: ignore[assignment]
        try:
            self.report = self.ui.services.signing.check(Path(text), deadline)
        except DomainError as exc:
            self.output.setPlainText(exc.message)
            return
        self.output.setPlainText("\n".join(self.report.lines()))
