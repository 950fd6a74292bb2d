"""On the ward's Đồng bộ page: the office's replies — register the office's key (fingerprint read on the
phone), import a reply bundle, and read the council's notes per indicator and the decision of a year."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.office.dto import REQUESTS
from pbgdpl_desktop.services.office.inbox import ReplyInbox
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import fill, table, year_box


class RepliesBox(QGroupBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Trả lời của cơ quan cấp trên (Sở Tư pháp)", parent)
        self.ui = ui
        self.inbox = ReplyInbox(ui.services.ctx)
        form = QFormLayout(self)
        self.office_key = QLabel("", self)
        form.addRow("Mã khóa của Sở đã đăng ký:", self.office_key)
        row = QHBoxLayout()
        self.file = QLineEdit(self)
        self.file.setPlaceholderText("tệp khóa .pem của Sở hoặc gói trả lời .pbgdpl.zip")
        self.register_button = QPushButton("Đăng ký khóa của Sở", self)
        self.register_button.clicked.connect(self.register_key)
        self.import_button = QPushButton("Nhận gói trả lời", self)
        self.import_button.clicked.connect(self.import_reply)
        row.addWidget(self.file, 1)
        row.addWidget(self.register_button)
        row.addWidget(self.import_button)
        form.addRow(row)
        self.result = QLabel("", self)
        self.result.setWordWrap(True)
        form.addRow(self.result)
        self.year = year_box(ui, self)
        self.year.valueChanged.connect(self.load)
        form.addRow("Năm đánh giá:", self.year)
        self.decision = QLabel("", self)
        self.decision.setWordWrap(True)
        form.addRow("Quyết định:", self.decision)
        self.notes = table(self, ["Chỉ tiêu", "Loại ý kiến", "Điểm thẩm định", "Ghi chú của Hội đồng"])
        form.addRow(self.notes)
        self.load()

    def load(self) -> None:
        self.office_key.setText(self.inbox.office_fingerprint() or "chưa đăng ký")
        year = self.year.value()
        fill(
            self.notes,
            [[n.code, REQUESTS.get(n.request, n.request), n.value, n.note] for n in self.inbox.notes(year)],
        )
        d = self.inbox.decision(year)
        if d is None:
            self.decision.setText("Chưa có.")
        else:
            number = f" — Quyết định số {d.number} ngày {format_date(d.decided_on)}" if d.number else ""
            self.decision.setText(f"{d.status.label}{number}")

    def _run(self, action: str) -> None:
        path = Path(self.file.text().strip())
        try:
            if action == "register":
                text = f"Đã đăng ký khóa của Sở: {self.inbox.register_office_key(path)}. Hãy đối chiếu qua điện thoại."
            else:
                text = self.inbox.import_reply(path)
        except DomainError as exc:
            self.result.setText(exc.message)
            self.ui.messages.error(self, exc)
            return
        self.result.setText(text)
        self.load()

    def register_key(self) -> None:
        self._run("register")

    def import_reply(self) -> None:
        self._run("import")
