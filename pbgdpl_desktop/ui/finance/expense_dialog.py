"""Entering or editing one expenditure (Designer form: forms/finance_expense.ui).

Refusals come back from the service as Vietnamese messages; warnings (ceiling, repeated voucher, budget line)
are shown and the clerk confirms before saving. A mediator fee request chosen under "Chi cho" fills the
category, amount, number of cases and payee; saving records the payment on the request in the same unit of work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.finance import Expenditure, ExpenditureDraft, FundingSource, variant_label
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.services.dissemination.dto import SessionQuery
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.finance.common import category_items, source_items
from pbgdpl_desktop.ui.forms_generated.ui_finance_expense import Ui_ExpenseForm
from pbgdpl_desktop.ui.widgets import EvidenceList
from pbgdpl_desktop.ui.widgets.combos import current_member, fill_combo, select_data
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, place_evidence

LINK_KINDS = (
    ("Không gắn", ""),
    ("Buổi/hoạt động PBGDPL", "session"),
    ("Nhiệm vụ trong kế hoạch PBGDPL", "plan_task"),
    ("Đề nghị chi thù lao hòa giải viên", "fee_request"),
    ("Hỗ trợ tổ hòa giải (theo tháng)", "team"),
    ("Cuộc thi tìm hiểu pháp luật", "contest"),
)


class ExpenseDialog(QDialog):
    def __init__(
        self, ui: UiContext, expense: Expenditure | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui, self.expense = ui, expense
        self.saved: Expenditure | None = None
        self.setWindowTitle("Sửa khoản chi" if expense else "Thêm khoản chi")
        self.setObjectName("finance_expense_dialog")
        self.body = QWidget(self)
        self.form = Ui_ExpenseForm()
        self.form.setupUi(self.body)
        self.evidence = EvidenceList(ui, "expenditure", self.body)
        place_evidence(self.form.main_layout, self.form.evidence_placeholder, self.evidence)
        self.save_button = frame_record_dialog(self, [self.body], self.submit)
        self._fill_choices()
        self._connect()
        if expense is not None:
            self._load(expense)
        self._category_changed()
        self._link_kind_changed()
        self.resize(720, 700)

    # ------------------------------------------------------------------ setup
    def _fill_choices(self) -> None:
        f = self.form
        today = self.ui.services.ctx.clock.today()
        f.spent_on_edit.set_date(today)
        f.voucher_date_edit.set_date(today)
        fill_combo(f.category_combo, category_items(self.ui))
        fill_combo(f.source_combo, source_items())
        fill_combo(f.link_kind_combo, LINK_KINDS)

    def _connect(self) -> None:
        f = self.form
        f.category_combo.currentIndexChanged.connect(self._category_changed)
        f.variant_combo.currentIndexChanged.connect(self._show_norm)
        f.spent_on_edit.dateChanged.connect(self._date_changed)
        f.quantity_edit.valueChanged.connect(self._show_norm)
        f.link_kind_combo.currentIndexChanged.connect(self._link_kind_changed)
        f.link_target_combo.activated.connect(self._link_target_chosen)

    def _load(self, e: Expenditure) -> None:
        f = self.form
        f.spent_on_edit.set_date(e.spent_on)
        select_data(f.category_combo, e.category_id)
        self._category_changed()
        select_data(f.variant_combo, e.norm_variant)
        select_data(f.source_combo, e.source.value)
        f.amount_edit.set_amount(e.amount)
        f.quantity_edit.setValue(e.quantity or 0)
        f.voucher_number_edit.setText(e.voucher_number)
        f.voucher_date_edit.set_date(e.voucher_date or e.spent_on)
        f.payee_edit.setText(e.payee)
        f.description_edit.setPlainText(e.description)
        f.support_month_edit.setValue(e.support_month or 0)
        f.contest_name_edit.setText(e.contest_name)
        kind = next(
            (
                k
                for k, v in (
                    ("fee_request", e.fee_request_id),
                    ("team", e.team_id),
                    ("plan_task", e.plan_task_id),
                    ("session", e.session_id),
                )
                if v
            ),
            "contest" if e.contest_name else "",
        )
        select_data(f.link_kind_combo, kind)
        self._link_kind_changed()
        select_data(f.link_target_combo, e.fee_request_id or e.team_id or e.plan_task_id or e.session_id)
        self.evidence.set_owner(e.id)
        f.warnings_label.setText("\n".join(f"⚠ {w}" for w in e.warnings))

    # ------------------------------------------------------------------ reactions
    def _category_code(self) -> str:
        text = self.form.category_combo.currentText()
        return text.split(" — ", 1)[0] if text else ""

    def _category_changed(self) -> None:
        code = self._category_code()
        variants = self.ui.services.finance.catalogue.variants_of(code) if code else []
        items = [(variant_label(v), v) for v in variants]
        if "" not in variants:
            items.insert(0, ("— (không chọn: áp dụng mức cao nhất)" if variants else "—", ""))
        fill_combo(self.form.variant_combo, items)
        self._show_norm()

    def _date_changed(self) -> None:
        if self.expense is None:
            self.form.voucher_date_edit.set_date(self.form.spent_on_edit.value())
        self._show_norm()
        if self.form.link_kind_combo.currentData() in ("session", "plan_task"):
            self._link_kind_changed()

    def _show_norm(self) -> None:
        code, variant = self._category_code(), self.form.variant_combo.currentData() or ""
        finance = self.ui.services.finance
        category = next((c for c in finance.catalogue.categories() if c.code == code), None)
        unit = category.unit if category else ""
        self.form.quantity_edit.setSuffix(f" {unit}" if unit else "")
        norm = (
            finance.catalogue.applicable_norm(code, variant, self.form.spent_on_edit.value())
            if code
            else None
        )
        if norm is None:
            self.form.norm_label.setText("Không có định mức trần: chi theo chứng từ thực tế hợp pháp.")
            return
        quantity = self.form.quantity_edit.value() or 1
        self.form.norm_label.setText(
            f"Tối đa {format_money(norm.amount)}/{norm.unit} × {quantity} = {format_money(norm.amount * quantity)} "
            f"({norm.source}, hiệu lực từ {format_date(norm.effective_from)})"
        )

    # ------------------------------------------------------------------ links
    def _targets(self, kind: str) -> list[tuple[str, Any]]:
        services, year = self.ui.services, self.form.spent_on_edit.value().year
        if kind == "session":
            rows = services.dissemination.sessions.list_source().page(SessionQuery(year=year), 0, 2000)
            return [(f"{format_date(r.held_on)} – {r.title}", r.id) for r in rows]
        if kind == "plan_task":
            return [(t.data.title, t.id) for t in services.dissemination.plans.tasks_of_year(year)]
        if kind == "fee_request":
            requests = services.mediation.fees.requests(unpaid_only=True)
            if self.expense is not None and self.expense.fee_request_id:
                requests.insert(0, services.mediation.fees.get(self.expense.fee_request_id))
            return [(r.label, r.id) for r in requests]
        if kind == "team":
            return [(t.name, t.id) for t in services.mediation.teams.all()]
        return []

    def _link_kind_changed(self) -> None:
        f = self.form
        kind = f.link_kind_combo.currentData() or ""
        try:
            targets = self._targets(kind)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            targets = []
        fill_combo(f.link_target_combo, [("— chọn —", None), *targets])
        f.form_layout.setRowVisible(f.link_target_combo, kind not in ("", "contest"))
        f.form_layout.setRowVisible(f.support_month_edit, kind == "team")
        f.form_layout.setRowVisible(f.contest_name_edit, kind in ("contest", "session"))
        code = {"fee_request": MEDIATOR_FEE, "team": TEAM_SUPPORT, "contest": "CUOC_THI"}.get(kind)
        if code and self.expense is None:
            select_data(f.category_combo, self.ui.services.finance.catalogue.category_by_code(code).id)

    def _link_target_chosen(self) -> None:
        """A fee request fills amount, cases and payee; a team fills the monthly rate."""
        f, target = self.form, self.form.link_target_combo.currentData()
        kind = f.link_kind_combo.currentData()
        if not target or self.expense is not None:
            return
        if kind == "fee_request":
            request = self.ui.services.mediation.fees.get(target)
            f.amount_edit.set_amount(request.total_amount)
            f.quantity_edit.setValue(request.cases_count)
            f.payee_edit.setText(request.mediator_name)
            f.description_edit.setPlainText(
                f"Chi thù lao hòa giải viên {request.mediator_name} "
                f"({request.cases_count} vụ việc), {request.team_name}"
            )
        elif kind == "team":
            norm = self.ui.services.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", f.spent_on_edit.value())
            f.quantity_edit.setValue(1)
            f.support_month_edit.setValue(f.spent_on_edit.value().month)
            if norm is not None:
                f.amount_edit.set_amount(norm.amount)

    # ------------------------------------------------------------------ save
    def draft(self) -> ExpenditureDraft:
        """The expenditure as typed; raises ValidationError for an amount that cannot be read."""
        f = self.form
        kind, target = f.link_kind_combo.currentData() or "", f.link_target_combo.currentData()
        link = {
            key: (target if kind == key else None) for key in ("session", "plan_task", "fee_request", "team")
        }
        quantity, month = f.quantity_edit.value(), f.support_month_edit.value()
        return ExpenditureDraft(
            spent_on=f.spent_on_edit.value(),
            category_id=f.category_combo.currentData() or "",
            source=current_member(f.source_combo, FundingSource),
            amount=f.amount_edit.amount(),
            description=f.description_edit.toPlainText(),
            quantity=quantity or None,
            norm_variant=f.variant_combo.currentData() or "",
            voucher_number=f.voucher_number_edit.text(),
            voucher_date=f.voucher_date_edit.value() if f.voucher_number_edit.text().strip() else None,
            payee=f.payee_edit.text(),
            session_id=link["session"],
            plan_task_id=link["plan_task"],
            fee_request_id=link["fee_request"],
            team_id=link["team"],
            support_month=month if kind == "team" and month else None,
            contest_name=f.contest_name_edit.text() if kind in ("contest", "session") else "",
        )

    def submit(self) -> None:
        """Validate, show warnings and ask to confirm them, then save in one transaction."""
        try:
            draft = self.draft()
            warnings = self.ui.services.finance.ledger.check(draft, self.expense.id if self.expense else None)
        except DomainError as exc:
            self.form.warnings_label.setText("")
            self.ui.messages.error(self, exc)
            return
        self.form.warnings_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        if not warnings:
            self._save(draft)
            return
        text = (
            "Khoản chi có cảnh báo:\n\n"
            + "\n".join(f"• {w}" for w in warnings)
            + "\n\nVẫn lưu khoản chi này?"
        )
        self.ui.messages.confirm(self, text, lambda: self._save(draft), yes_text="Vẫn lưu")

    def _save(self, draft: ExpenditureDraft) -> None:
        def save() -> Changes:
            self.saved, changes = self.ui.services.finance.ledger.save(
                draft, self.expense.id if self.expense else None
            )
            return changes

        if self.ui.run_action(self, save) and self.saved is not None:
            self.evidence.save_pending(self.saved.id)
            self.accept()
