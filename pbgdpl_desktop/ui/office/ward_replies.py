"""On the ward's Đồng bộ page: the office's replies — register the office's key (fingerprint read on the
phone), import a reply bundle, read the council's notes per indicator and the decision of a year, and accept
or decline the rule files and norm tables the office offered (what each changes is listed first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pbgdpl_desktop.domain.changes import ASSESSMENT, SETTINGS, Changes
from pbgdpl_desktop.domain.dates import format_date, format_datetime
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.office.dto import REQUESTS, DecisionFileDTO, OfferDTO
from pbgdpl_desktop.services.office.inbox import ReplyInbox
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import decision_badge, fill, open_decision, table, year_box
from pbgdpl_desktop.ui.widgets.fit import scaled


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
        pdf_row = QHBoxLayout()  # the decision's own PDF, when the office sent it, and its digital signature
        self.decision_pdf = QLabel("", self)
        self.decision_pdf.setObjectName("decision_pdf")
        self.decision_pdf.setWordWrap(True)
        self.open_decision_button = QPushButton("Mở quyết định", self)
        self.open_decision_button.clicked.connect(self.open_decision)
        pdf_row.addWidget(self.decision_pdf, 1)
        pdf_row.addWidget(self.open_decision_button)
        form.addRow("Tệp quyết định:", pdf_row)
        self.notes = table(self, ["Chỉ tiêu", "Loại ý kiến", "Điểm thẩm định", "Ghi chú của Hội đồng"])
        form.addRow(self.notes)
        offers_title = QLabel(
            "<b>Tệp Sở gửi (bộ tiêu chí, bảng định mức) — chọn một dòng rồi nhận hoặc không nhận</b>"
        )
        form.addRow(offers_title)
        self.offers = table(
            self,
            ["Loại", "Tệp", "Mã — phiên bản", "Gói trả lời số", "Trạng thái", "Thay đổi so với đang dùng"],
        )
        self.offers.setWordWrap(True)
        self.offers.setMinimumHeight(
            scaled(130)
        )  # two offers with a few change lines each, without scrolling
        form.addRow(self.offers)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("Nhận và cài tệp đã chọn", self)
        self.accept_button.clicked.connect(self.accept_offer)
        self.decline_button = QPushButton("Không nhận", self)
        self.decline_button.clicked.connect(self.decline_offer)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.decline_button)
        form.addRow(buttons)
        self._offers: list[OfferDTO] = []
        self._pdf: DecisionFileDTO | None = None
        self.offers.itemSelectionChanged.connect(self._enable)
        self.load()

    def load(self) -> None:
        self.office_key.setText(self.inbox.office_fingerprint() or "chưa đăng ký")
        year = self.year.value()
        fill(
            self.notes,
            [[n.code, REQUESTS.get(n.request, n.request), n.value, n.note] for n in self.inbox.notes(year)],
        )
        d = self.inbox.decision(year)
        self._pdf = None if d is None else d.pdf
        if d is None:
            self.decision.setText("Chưa có.")
        else:
            number = f" — Quyết định số {d.number} ngày {format_date(d.decided_on)}" if d.number else ""
            self.decision.setText(f"{d.status.label}{number}")
        if self._pdf is None:
            self.decision_pdf.setText("Sở chưa gửi tệp quyết định của năm này.")
        else:
            self.decision_pdf.setText(f"{self._pdf.name} — {decision_badge(self.ui, self._pdf)}")
        self.open_decision_button.setEnabled(self._pdf is not None)
        self._offers = self.inbox.offers()
        fill(
            self.offers,
            [
                [
                    o.kind_label,
                    o.name,
                    f"{o.offer_key} — phiên bản {o.version}",
                    str(o.reply_seq),
                    o.status_label
                    + (f" ({format_datetime(o.decided_at)}, {o.decided_by})" if o.decided_at else ""),
                    "\n".join(o.changes),
                ]
                for o in self._offers
            ],
        )
        self.offers.resizeRowsToContents()
        self._enable()

    def open_decision(self) -> None:
        open_decision(self.ui, self, self._pdf)

    def _selected(self) -> OfferDTO | None:
        rows = {i.row() for i in self.offers.selectedIndexes()}
        return self._offers[min(rows)] if rows and min(rows) < len(self._offers) else None

    def _enable(self) -> None:
        o = self._selected()
        pending = o is not None and o.status == "pending"
        actor = (
            self.ui.services.ctx.actor
        )  # installing is the administrator's; the service refuses the others
        action = Action.RULES if o is not None and o.kind == "rules" else Action.NORMS
        may = actor is None or actor.may(action)
        self.accept_button.setEnabled(pending and may)
        self.accept_button.setToolTip("" if may or actor is None else actor.refusal_of(action).message)
        self.decline_button.setEnabled(pending)

    def accept_offer(self) -> None:
        o = self._selected()
        if o is None:
            return
        try:
            text, changes = self.inbox.accept_offer(o.id)
        except DomainError as exc:
            self.result.setText(exc.message)
            self.ui.messages.error(self, exc)
            return
        self.result.setText(text)
        self.load()
        self.ui.notify(changes)

    def decline_offer(self) -> None:
        o = self._selected()
        if o is None:
            return

        def decline() -> None:
            try:
                self.result.setText(self.inbox.decline_offer(o.id))
            except DomainError as exc:
                self.ui.messages.error(self, exc)
            self.load()

        self.ui.messages.confirm(
            self,
            f"Không nhận {o.kind_label.lower()} {o.name} (phiên bản {o.version})? Tệp sẽ không được cài.",
            decline,
            yes_text="Không nhận",
            no_text="Để sau",
        )

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
        if action == "register":  # the Đồng bộ page now offers sealing to the office's key
            self.ui.notify(Changes.of(SETTINGS))
        if action == "import":  # the assessment page shows the notes beside its indicators
            self.ui.notify(Changes.of(ASSESSMENT))

    def register_key(self) -> None:
        self._run("register")

    def import_reply(self) -> None:
        self._run("import")
