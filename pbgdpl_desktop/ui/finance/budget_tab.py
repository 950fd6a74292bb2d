"""Dự toán: planned amount per category and source for a year, adjustments with date and reason, and the
configurable minimum for the ward's PBGDPL + mediation budget."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.finance import BudgetLine, FundingSource
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.finance.common import category_items, source_items, year_items
from pbgdpl_desktop.ui.widgets import DateEdit, MoneyEdit
from pbgdpl_desktop.ui.widgets.combos import current_member, fill_combo, select_data
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table, money_cell, selected_of

HEADERS = ("Nội dung chi", "Nguồn", "Dự toán giao", "Điều chỉnh", "Sau điều chỉnh", "Đã chi", "% sử dụng")


class BudgetTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.year_combo = QComboBox(self)
        fill_combo(self.year_combo, [(str(y), y) for y in year_items(ui, next_year=True)])
        self.year_combo.setCurrentIndex(1)  # this year; the next one is there for planning
        self.table = make_table(
            self, HEADERS, name="finance_budget_table", widths=(340, 170, 120, 110, 120, 120)
        )
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.lines: list[BudgetLine] = []
        self._build_forms()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm", self))
        top.addWidget(self.year_combo)
        top.addWidget(self.status_label, 1)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        forms = FlowLayout()
        for box in (self.line_box, self.adjust_box, self.minimum_box):
            forms.addWidget(box)
        layout.addLayout(forms)
        self.year_combo.currentIndexChanged.connect(self.reload)
        self.reload()

    def _build_forms(self) -> None:
        self.line_box = QGroupBox("Dòng dự toán", self)
        self.category_combo, self.source_combo = QComboBox(self), QComboBox(self)
        fill_combo(self.category_combo, category_items(self.ui))
        fill_combo(self.source_combo, source_items())
        self.planned_edit, self.save_line_button = MoneyEdit(self), QPushButton("Lưu dòng dự toán", self)
        form = QFormLayout(self.line_box)
        form.addRow("Nội dung chi", self.category_combo)
        form.addRow("Nguồn", self.source_combo)
        form.addRow("Dự toán (đồng)", self.planned_edit)
        form.addRow(self.save_line_button)
        self.adjust_box = QGroupBox("Điều chỉnh dòng đang chọn", self)
        self.adjust_date, self.adjust_amount = (
            DateEdit(self.ui.services.ctx.clock.today(), self),
            MoneyEdit(self),
        )
        self.adjust_amount.setPlaceholderText("ví dụ 2.000.000 hoặc -500.000")
        self.adjust_reason, self.adjust_button = QLineEdit(self), QPushButton("Ghi điều chỉnh", self)
        form = QFormLayout(self.adjust_box)
        form.addRow("Ngày", self.adjust_date)
        form.addRow("Tăng (+) / giảm (−)", self.adjust_amount)
        form.addRow("Lý do", self.adjust_reason)
        form.addRow(self.adjust_button)
        self.minimum_box = QGroupBox("Mức tối thiểu cả năm (PBGDPL + hòa giải)", self)
        self.minimum_edit, self.minimum_button = MoneyEdit(self), QPushButton("Lưu mức tối thiểu", self)
        self.minimum_edit.setPlaceholderText("để trống nếu không quy định")
        form = QFormLayout(self.minimum_box)
        form.addRow("Tối thiểu (đồng)", self.minimum_edit)
        form.addRow(self.minimum_button)
        self.save_line_button.clicked.connect(self.save_line)
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.minimum_button.clicked.connect(self.save_minimum)
        self.table.itemSelectionChanged.connect(self._line_selected)

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def reload(self) -> None:
        finance = self.ui.services.finance
        self.lines = finance.budget.lines(self.year)
        summary = finance.summary.year_summary(self.year)
        spent = {(r.category_code, r.source): r.spent for r in summary.rows}
        rows = []
        for line in self.lines:
            used = spent.get((line.category_code, line.source), 0)
            pct = percent_text(used, line.adjusted_amount) if line.adjusted_amount else ""
            rows.append(
                [
                    line.category_name,
                    line.source.label,
                    money_cell(line.planned_amount),
                    money_cell(line.adjusted_amount - line.planned_amount),
                    money_cell(line.adjusted_amount),
                    money_cell(used),
                    pct,
                ]
            )
        fill_rows(self.table, rows)
        minimum = finance.budget.minimum()
        self.minimum_edit.set_amount(minimum)
        text = f"Tổng dự toán năm {self.year}: {format_money(summary.planned_total)}; đã chi {format_money(summary.spent_total)}."
        if minimum is not None:
            verdict = "CHƯA ĐẠT" if summary.below_minimum else "đạt"
            text += f" Mức tối thiểu {format_money(minimum)}: {verdict}."
        self.status_label.setText(text)

    def _line_selected(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        history = "; ".join(
            f"{format_date(a.adjusted_on)}: {format_money(a.delta)} ({a.reason})" for a in line.adjustments
        )
        self.adjust_box.setToolTip(history or "Chưa có điều chỉnh")
        select_data(self.category_combo, line.category_id, or_first=True)
        select_data(self.source_combo, line.source.value, or_first=True)
        self.planned_edit.set_amount(line.planned_amount)

    def selected_line(self) -> BudgetLine | None:
        return selected_of(self.table, self.lines)

    def save_line(self) -> None:
        def action() -> Changes:
            amount = self.planned_edit.amount("Dự toán")
            return self.ui.services.finance.budget.set_line(
                self.year,
                self.category_combo.currentData(),
                current_member(self.source_combo, FundingSource),
                amount,
            )[1]

        self.ui.run_action(self, action)

    def adjust_selected(self) -> None:
        line = self.selected_line()
        if line is None:
            self.ui.messages.warn(self, "Chọn một dòng dự toán trong bảng để điều chỉnh.")
            return

        def action() -> Changes:
            return self.ui.services.finance.budget.adjust(
                line.id,
                self.adjust_date.value(),
                self.adjust_amount.amount("Số tiền điều chỉnh"),
                self.adjust_reason.text(),
            )[1]

        if self.ui.run_action(self, action):
            self.adjust_amount.clear()
            self.adjust_reason.clear()

    def save_minimum(self) -> None:
        text = self.minimum_edit.text().strip()
        self.ui.run_action(
            self,
            lambda: self.ui.services.finance.budget.set_minimum(
                self.minimum_edit.amount("Mức tối thiểu") if text else None
            ),
        )
