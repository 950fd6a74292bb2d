"""The ledger list (sổ theo dõi chi): filters, diacritic-insensitive search, paged from SQL, totals, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.finance import Expenditure, short_warning
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.finance.ledger import ledger_query
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.finance.common import category_items, source_items, year_items
from pbgdpl_desktop.ui.finance.expense_dialog import ExpenseDialog
from pbgdpl_desktop.ui.models.paged_table import ROW_ROLE, Column, PagedTableModel, configure_table_view
from pbgdpl_desktop.ui.widgets import SearchBox, files
from pbgdpl_desktop.ui.widgets.combos import fill_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.record_dialog import offer_add_another

COLUMNS = (
    Column("spent_on", "Ngày chi", "date", width=85),
    Column("category_name", "Nội dung chi", width=170),
    Column("source", "Nguồn", sortable=False, width=120, formatter=lambda s: s.label),
    Column("amount", "Số tiền", "money", width=105),
    Column(
        "warnings",
        "Cảnh báo",
        sortable=False,
        width=175,
        formatter=lambda w: "⚠ " + "; ".join(short_warning(x) for x in w) if w else "",
    ),
    Column("description", "Diễn giải", sortable=False, width=185),
    Column("quantity", "SL", "int", sortable=False, width=40),
    Column("voucher_number", "Chứng từ", width=70),
    Column("payee", "Người nhận", width=130),
    Column("link_text", "Chi cho", sortable=False),
)


class LedgerTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.year_combo, self.month_combo = QComboBox(self), QComboBox(self)
        self.category_combo, self.source_combo = QComboBox(self), QComboBox(self)
        self.search = SearchBox("Tìm theo diễn giải, người nhận, chứng từ (không cần dấu)…", self)
        fill_combo(self.year_combo, [("Mọi năm", None), *[(str(y), y) for y in year_items(ui)]])
        self.year_combo.setCurrentIndex(1)
        fill_combo(self.month_combo, [("Cả năm", None), *[(f"Tháng {m}", m) for m in range(1, 13)]])
        fill_combo(self.source_combo, source_items(with_all=True))
        self.reload_categories()
        self.model = PagedTableModel(ui.services.finance.ledger.list_source(), COLUMNS, self._query(), self)
        self.table = QTableView(self)
        self.table.setObjectName("finance_ledger_table")
        configure_table_view(self.table, self.model)
        self.total_label = QLabel(self)
        self.add_button, self.edit_button = QPushButton("Thêm khoản chi…", self), QPushButton("Sửa…", self)
        mark_new(self.add_button)
        self.delete_button, self.export_button = QPushButton("Xóa", self), QPushButton("Xuất Excel…", self)
        self._layout()
        for combo in (self.year_combo, self.month_combo, self.category_combo, self.source_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.searchChanged.connect(lambda _t: self.apply_filters())
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        needs_selection(self.table, self.edit_button, self.delete_button)
        self.export_button.clicked.connect(self._choose_export)
        self._update_total()

    def _layout(self) -> None:
        filters = FlowLayout()
        for label, widget in (
            ("Năm", self.year_combo),
            ("Tháng", self.month_combo),
            ("Nội dung", self.category_combo),
            ("Nguồn", self.source_combo),
        ):
            filters.add_labelled(label, widget)
        filters.addWidget(self.search)
        buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        buttons.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def reload_categories(self) -> None:
        fill_combo(self.category_combo, category_items(self.ui, with_all=True, include_inactive=True))

    # ------------------------------------------------------------------ query
    def _query(self) -> ListQuery:
        self.month_combo.setEnabled(self.year_combo.currentData() is not None)
        old = getattr(self, "model", None)
        query = ListQuery(
            search=self.search.text(),
            sort_key=old.query.sort_key if old else "spent_on",
            descending=old.query.descending if old else True,
        )
        for key, combo in (
            ("year", self.year_combo),
            ("month", self.month_combo),
            ("category_id", self.category_combo),
            ("source", self.source_combo),
        ):
            query = query.with_filter(key, combo.currentData())
        return query

    def apply_filters(self) -> None:
        self.model.set_query(self._query())
        self._update_total()

    def refresh(self) -> None:
        self.model.invalidate()
        self._update_total()

    def _update_total(self) -> None:
        query = ledger_query(self.model.query)
        total = self.ui.services.finance.ledger.total(query)
        self.total_label.setText(f"{self.model.rowCount()} khoản chi — tổng cộng {format_money(total)}")

    # ------------------------------------------------------------------ actions
    def selected(self) -> Expenditure | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def open_dialog(self, expense: Expenditure | None) -> ExpenseDialog:
        dialog = ExpenseDialog(self.ui, expense, self)
        if expense is None:
            offer_add_another(dialog, lambda: self.open_dialog(None))
        dialog.open()
        return dialog

    def edit_selected(self) -> ExpenseDialog | None:
        expense = self.selected()
        return None if expense is None else self.open_dialog(self.ui.services.finance.ledger.get(expense.id))

    def delete_selected(self) -> None:
        expense = self.selected()
        if expense is None:
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.finance.ledger.delete(expense.id))

        self.ui.messages.confirm(
            self,
            f"Xóa khoản chi {format_money(expense.amount)} ngày "
            f"{expense.spent_on:%d/%m/%Y} ({expense.description})?",
            do_delete,
            yes_text="Xóa",
        )

    def _choose_export(self) -> None:
        path = files.save_file_name(
            self, "Xuất sổ theo dõi chi", "so-theo-doi-chi.xlsx", "Tệp Excel (*.xlsx)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        query = ledger_query(self.model.query)
        finance = self.ui.services.finance
        self.ui.tasks.run(
            lambda _p: finance.exports.ledger(query, path),
            label="Đang xuất sổ theo dõi chi…",
            on_done=lambda p: self.ui.messages.info(self, f"Đã xuất sổ theo dõi chi ra tệp:\n{p}"),
            parent=self,
        )
