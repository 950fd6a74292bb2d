"""Tab "Thù lao hòa giải viên": eligible cases of a mediator at the rate in force on each result date, fee
requests (due within 5 working days), recording the payment or the refusal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.services.mediation.dto import EligibleCaseDTO, FeeRequestDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.mediation.common import record_table
from pbgdpl_desktop.ui.widgets import DateEdit, MoneyEdit
from pbgdpl_desktop.ui.widgets.combos import fill_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.form_dialog import FormDialog, line
from pbgdpl_desktop.ui.widgets.tables import (
    ID_ROLE,
    cell,
    fill_rows_with_ids,
    money_cell,
    selected_id,
)

ELIGIBLE_HEADERS = ["Chọn / vụ việc", "Kết quả", "Ngày kết thúc", "Các bên", "Mức chi", "Định mức áp dụng"]
REQUEST_HEADERS = [
    "Hòa giải viên",
    "Tổ",
    "Ngày đề nghị",
    "Hạn chi",
    "Số vụ",
    "Số tiền",
    "Đã chi",
    "Ngày chi",
    "Tình trạng",
]


class FeesTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: FormDialog | None = None
        self._eligible: list[EligibleCaseDTO] = []
        self._requests: dict[str, FeeRequestDTO] = {}
        self.mediator_combo = QComboBox(self)
        self.mediator_combo.setObjectName("fee_mediator_combo")
        self.eligible = record_table(self, ELIGIBLE_HEADERS, "fee_eligible_table")
        self.requested_on = DateEdit(ui.services.ctx.clock.today(), self)
        self.note = line("", "ghi chú (ví dụ: quý II)")
        self.note.setParent(self)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("fee_total_label")
        self.create_button = QPushButton("Lập đề nghị chi thù lao", self)
        self.requests = record_table(self, REQUEST_HEADERS, "fee_request_table")
        self.pay_button = QPushButton("Ghi đã chi…", self)
        self.refuse_button = QPushButton("Từ chối…", self)
        self._layout()
        self.mediator_combo.currentIndexChanged.connect(self._load_eligible)
        self.eligible.itemChanged.connect(self._update_total)
        self.create_button.clicked.connect(self.create_request)
        self.pay_button.clicked.connect(self.open_payment_dialog)
        self.refuse_button.clicked.connect(self.open_refuse_dialog)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Hòa giải viên:", self))
        top.addWidget(self.mediator_combo, 1)
        make = FlowLayout()
        make.add_labelled("Ngày đề nghị:", self.requested_on)
        make.addWidget(self.note)
        make.addWidget(self.total_label)
        make.addWidget(self.create_button)
        pay = FlowLayout()
        pay.addWidget(QLabel("<b>Các đề nghị chi thù lao</b> (UBND chi trong 5 ngày làm việc)", self))
        pay.addWidget(self.pay_button)
        pay.addWidget(self.refuse_button)
        eligible = QLabel(
            "Vụ việc đủ điều kiện (hòa giải thành, không thành, chấm dứt theo yêu cầu) chưa được đề nghị:",
            self,
        )
        eligible.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(eligible)
        layout.addWidget(self.eligible, 2)
        layout.addLayout(make)
        layout.addLayout(pay)
        layout.addWidget(self.requests, 2)

    def reload(self) -> None:
        items = [
            (f"{m.full_name} – {m.team_name or 'đã thôi'}", m.id)
            for m in self.ui.services.mediation.mediators.all()
        ]
        fill_combo(self.mediator_combo, items)
        self._load_eligible()
        self._load_requests()

    def _load_eligible(self) -> None:
        mediator_id = self.mediator_combo.currentData()
        self._eligible = self.ui.services.mediation.fees.eligible_cases(mediator_id) if mediator_id else []
        self.eligible.blockSignals(True)
        rows = []
        for e in self._eligible:
            first = cell(f"{e.number_text} – {e.team_name}")
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            rows.append(
                (
                    e.case_id,
                    [
                        first,
                        cell(e.outcome.label),
                        cell(e.result_date),
                        cell(e.parties),
                        money_cell(e.amount),
                        cell(e.norm_source),
                    ],
                )
            )
        fill_rows_with_ids(self.eligible, rows)
        self.eligible.blockSignals(False)
        self._update_total()

    def checked_case_ids(self) -> list[str]:
        firsts = (self.eligible.item(r, 0) for r in range(self.eligible.rowCount()))
        return [i.data(ID_ROLE) for i in firsts if i is not None and i.checkState() == Qt.CheckState.Checked]

    def _update_total(self) -> None:
        ids = set(self.checked_case_ids())
        total = sum(e.amount for e in self._eligible if e.case_id in ids)
        self.total_label.setText(f"{len(ids)} vụ việc – <b>{format_money(total)}</b>")
        self.create_button.setEnabled(bool(ids))

    def _load_requests(self) -> None:
        requests = self.ui.services.mediation.fees.requests()
        self._requests = {r.id: r for r in requests}
        fill_rows_with_ids(
            self.requests,
            [
                (
                    r.id,
                    [
                        cell(r.mediator_name),
                        cell(r.team_name),
                        cell(r.requested_on),
                        cell(r.due_on),
                        cell(r.cases_count, align_right=True),
                        money_cell(r.total_amount),
                        money_cell(r.paid_amount),
                        cell(r.paid_on),
                        cell(r.status_label),
                    ],
                )
                for r in requests
            ],
        )

    # ------------------------------------------------------------------ actions
    def create_request(self) -> FeeRequestDTO | None:
        mediator_id = self.mediator_combo.currentData()
        request: FeeRequestDTO | None = None

        def create() -> Changes:
            nonlocal request
            request, changes = self.ui.services.mediation.fees.create_request(
                mediator_id, self.checked_case_ids(), self.requested_on.value(), self.note.text()
            )
            return changes

        if not self.ui.run_action(self, create) or request is None:
            return None
        self.note.clear()
        self.ui.messages.info(
            self,
            f"Đã lập đề nghị chi thù lao {format_money(request.total_amount)} cho "
            f"{request.mediator_name} ({request.cases_count} vụ việc). "
            f"Hạn chi: {format_date(request.due_on)}.",
        )
        return request

    def _selected_request(self) -> FeeRequestDTO | None:
        request = self._requests.get(selected_id(self.requests) or "")
        if request is None:
            self.ui.messages.info(self, "Hãy chọn một đề nghị chi thù lao.")
        return request

    def open_payment_dialog(self) -> FormDialog | None:
        r = self._selected_request()
        if r is None:
            return None
        amount = MoneyEdit()
        amount.set_amount(r.total_amount)
        fields = [
            ("paid_on", "Ngày chi", DateEdit(self.ui.services.ctx.clock.today())),
            ("amount", "Số tiền đã chi (đồng)", amount),
        ]

        def save(v: dict[str, Any]) -> Changes:
            return self.ui.services.mediation.fees.record_payment(r.id, v["paid_on"], v["amount"])[1]

        self.dialog = FormDialog(
            self.ui,
            f"Ghi đã chi thù lao – {r.mediator_name}",
            fields,
            save,
            self,
            name="fee_payment_dialog",
            intro="Khi sổ chi (Kinh phí) ghi khoản chi gắn với đề nghị này, việc chi được ghi tự động.",
        )
        self.dialog.open()
        return self.dialog

    def open_refuse_dialog(self) -> FormDialog | None:
        r = self._selected_request()
        if r is None:
            return None
        fields = [
            ("on", "Ngày từ chối", DateEdit(self.ui.services.ctx.clock.today())),
            ("reason", "Lý do (bằng văn bản)", line()),
        ]

        def save(v: dict[str, Any]) -> Changes:
            return self.ui.services.mediation.fees.refuse(r.id, v["on"], v["reason"])[1]

        self.dialog = FormDialog(
            self.ui,
            "Từ chối đề nghị chi thù lao",
            fields,
            save,
            self,
            ok_text="Từ chối",
            name="fee_refuse_dialog",
        )
        self.dialog.open()
        return self.dialog
