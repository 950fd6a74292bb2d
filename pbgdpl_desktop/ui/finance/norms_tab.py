"""Danh mục & định mức: the category catalogue (add, stop using, delete when unused) and the norm table —
TT 56/2023 ceilings with their effective dates and the province's own resolutions overriding them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.finance import Category, ProvincialOverride, variant_label
from pbgdpl_desktop.domain.norms import Norm
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import DateEdit, MoneyEdit
from pbgdpl_desktop.ui.widgets.combos import fill_combo
from pbgdpl_desktop.ui.widgets.fit import scrolling
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table, money_cell, selected_of, set_widths

NORM_HEADERS = ("Mã nội dung", "Loại", "Mức tối đa", "Đơn vị", "Hiệu lực từ", "Căn cứ", "Ngày ban hành")
CATEGORY_HEADERS = ("Mã", "Tên nội dung chi", "Đơn vị", "Theo số lượng", "Căn cứ", "Đang dùng")


class NormsTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.norm_table = make_table(self, NORM_HEADERS, name="finance_norm_table", single=True)
        self.category_table = make_table(self, CATEGORY_HEADERS, name="finance_category_table", single=True)
        self.norms: list[tuple[Norm, str, date | None]] = []
        self.categories: list[Category] = []
        self._build_override_form()
        self._build_category_form()
        content = QWidget(self)  # tables and forms scroll together when the window is low
        layout = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(self.norm_table, 3)
        top.addWidget(self.override_box, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.category_table, 3)
        bottom.addWidget(self.category_box, 2)
        layout.addLayout(top, 1)
        layout.addLayout(bottom, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content, self))
        self.reload()

    def _build_override_form(self) -> None:
        box = self.override_box = QGroupBox("Định mức riêng của tỉnh (nghị quyết HĐND tỉnh)", self)
        self.code_combo, self.variant_combo = QComboBox(box), QComboBox(box)
        self.amount_edit, self.effective_edit = (
            MoneyEdit(box),
            DateEdit(self.ui.services.ctx.clock.today(), box),
        )
        self.resolution_edit, self.resolution_date_edit = (
            QLineEdit(box),
            DateEdit(self.ui.services.ctx.clock.today(), box),
        )
        self.resolution_edit.setPlaceholderText("ví dụ Nghị quyết 12/2025/NQ-HĐND")
        self.add_override_button = QPushButton("Thêm định mức của tỉnh", box)
        self.delete_override_button = QPushButton("Xóa định mức tỉnh đang chọn", box)
        form = QFormLayout(box)
        for label, widget in (
            ("Nội dung chi", self.code_combo),
            ("Loại", self.variant_combo),
            ("Mức tối đa (đồng)", self.amount_edit),
            ("Hiệu lực từ ngày", self.effective_edit),
            ("Số nghị quyết", self.resolution_edit),
            ("Ngày ban hành", self.resolution_date_edit),
        ):
            form.addRow(label, widget)
        form.addRow(self.add_override_button)
        form.addRow(self.delete_override_button)
        self.code_combo.currentIndexChanged.connect(self._code_changed)
        self.add_override_button.clicked.connect(self.add_override)
        self.delete_override_button.clicked.connect(self.delete_override)

    def _build_category_form(self) -> None:
        box = self.category_box = QGroupBox("Thêm hoặc sửa nội dung chi", self)
        self.new_code, self.new_name, self.new_unit = QLineEdit(box), QLineEdit(box), QLineEdit(box)
        self.new_ref, self.new_needs_quantity = QLineEdit(box), QCheckBox("Tính theo số lượng", box)
        self.add_category_button = QPushButton("Thêm nội dung mới", box)
        self.update_category_button = QPushButton("Lưu thay đổi nội dung đang chọn", box)
        self.toggle_category_button = QPushButton("Ngừng dùng / dùng lại nội dung đang chọn", box)
        self.delete_category_button = QPushButton("Xóa nội dung đang chọn", box)
        form = QFormLayout(box)
        for label, widget in (
            ("Mã", self.new_code),
            ("Tên", self.new_name),
            ("Đơn vị tính", self.new_unit),
            ("Căn cứ", self.new_ref),
        ):
            form.addRow(label, widget)
        form.addRow(self.new_needs_quantity)
        for button in (
            self.add_category_button,
            self.update_category_button,
            self.toggle_category_button,
            self.delete_category_button,
        ):
            form.addRow(button)
        self.add_category_button.clicked.connect(self.add_category)
        self.update_category_button.clicked.connect(self.update_category)
        self.category_table.itemSelectionChanged.connect(self._category_selected)
        self.toggle_category_button.clicked.connect(self.toggle_category)
        self.delete_category_button.clicked.connect(self.delete_category)

    def reload(self) -> None:
        catalogue = self.ui.services.finance.catalogue
        self.norms = catalogue.norm_details()
        fill_rows(
            self.norm_table,
            [
                [
                    n.category,
                    variant_label(n.variant),
                    money_cell(n.amount),
                    n.unit,
                    format_date(n.effective_from),
                    n.source,
                    format_date(issued),
                ]
                for n, _number, issued in self.norms
            ],
        )
        self.categories = catalogue.categories(include_inactive=True)
        fill_rows(
            self.category_table,
            [
                [
                    c.code,
                    c.name,
                    c.unit,
                    "✓" if c.needs_quantity else "",
                    c.legal_ref,
                    "✓" if c.active else "ngừng",
                ]
                for c in self.categories
            ],
        )
        set_widths(self.norm_table, (150, 180, 95, 85, 85, 230, 90))
        set_widths(self.category_table, (175, 300, 75, 95, 220, 70))
        fill_combo(self.code_combo, [(code, code) for code in sorted({n.category for n, _, _ in self.norms})])
        self._code_changed()

    def _code_changed(self) -> None:
        code = self.code_combo.currentData()
        variants = sorted({n.variant for n, _, _ in self.norms if n.category == code})
        fill_combo(self.variant_combo, [(variant_label(v), v) for v in variants])

    def add_override(self) -> None:
        def action() -> Changes:
            return self.ui.services.finance.catalogue.add_override(
                ProvincialOverride(
                    self.code_combo.currentData(),
                    self.variant_combo.currentData() or "",
                    self.amount_edit.amount("Mức chi"),
                    self.effective_edit.value(),
                    self.resolution_edit.text(),
                    self.resolution_date_edit.value(),
                )
            )[1]

        self.ui.run_action(self, action)

    def delete_override(self) -> None:
        selected = selected_of(self.norm_table, self.norms)
        norm_id = selected[0].id if selected is not None else None
        if norm_id is not None:
            self.ui.run_action(self, lambda: self.ui.services.finance.catalogue.delete_override(norm_id))

    def add_category(self) -> None:
        self.ui.run_action(
            self,
            lambda: self.ui.services.finance.catalogue.add_category(
                self.new_code.text(),
                self.new_name.text(),
                legal_ref=self.new_ref.text(),
                unit=self.new_unit.text(),
                needs_quantity=self.new_needs_quantity.isChecked(),
            )[1],
        )

    def _category_selected(self) -> None:
        category = selected_of(self.category_table, self.categories)
        if category is None:
            return
        for edit, value in (
            (self.new_code, category.code),
            (self.new_name, category.name),
            (self.new_unit, category.unit),
            (self.new_ref, category.legal_ref),
        ):
            edit.setText(value)
        self.new_needs_quantity.setChecked(category.needs_quantity)

    def update_category(self) -> None:
        category = selected_of(self.category_table, self.categories)
        if category is None:
            self.ui.messages.warn(self, "Chọn một nội dung chi trong bảng để sửa.")
            return
        self.ui.run_action(
            self,
            lambda: self.ui.services.finance.catalogue.update_category(
                category.id,
                self.new_name.text(),
                legal_ref=self.new_ref.text(),
                unit=self.new_unit.text(),
                needs_quantity=self.new_needs_quantity.isChecked(),
            )[1],
        )

    def toggle_category(self) -> None:
        category = selected_of(self.category_table, self.categories)
        if category is not None:
            self.ui.run_action(
                self, lambda: self.ui.services.finance.catalogue.set_active(category.id, not category.active)
            )

    def delete_category(self) -> None:
        category = selected_of(self.category_table, self.categories)
        if category is None:
            return
        self.ui.messages.confirm(
            self,
            f"Xóa nội dung chi “{category.name}”?",
            lambda: self.ui.run_action(
                self, lambda: self.ui.services.finance.catalogue.delete_category(category.id)
            ),
            yes_text="Xóa",
        )
