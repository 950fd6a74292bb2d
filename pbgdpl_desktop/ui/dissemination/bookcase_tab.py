"""Tủ sách pháp luật: titles, copies, location; lending and returning; the legal document catalogue."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.services.dissemination.dto import BookcaseItemDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new
from pbgdpl_desktop.ui.widgets.tables import current_of, fill_rows, make_table

HEADERS = ["Tên sách, tài liệu", "Số bản", "Đang cho mượn", "Nơi để", "Ngày nhập"]


class BookcaseTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.items: list[BookcaseItemDTO] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Tên sách, tài liệu mới")
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, 10_000)
        self.location_edit = QLineEdit()
        self.location_edit.setPlaceholderText("Nơi để")
        self.add_button = QPushButton("Thêm vào tủ sách")
        mark_new(self.add_button)
        self.borrower_edit = QLineEdit()
        self.borrower_edit.setPlaceholderText("Họ tên người mượn")
        self.lend_button = QPushButton("Cho mượn")
        self.return_button = QPushButton("Nhận trả")
        self.table = make_table(
            None, HEADERS, name="bookcase_table", row_numbers=False, widths=(420, 80, 110, 280)
        )
        add_row = FlowLayout()
        for widget in (self.title_edit, self.copies_spin, self.location_edit, self.add_button):
            add_row.addWidget(widget)
        loan_row = FlowLayout()
        for widget in (self.borrower_edit, self.lend_button, self.return_button):
            loan_row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(loan_row)
        self.add_button.clicked.connect(self.add_item)
        self.lend_button.clicked.connect(self.lend)
        self.return_button.clicked.connect(self.give_back)
        self.reload()

    def reload(self) -> None:
        library = self.ui.services.dissemination.library
        self.items = library.bookcase()
        fill_rows(
            self.table,
            [
                [
                    item.title,
                    str(item.copies),
                    str(item.on_loan),
                    item.location,
                    format_date(item.acquired_on),
                ]
                for item in self.items
            ],
        )
        year = self.ui.services.ctx.clock.today().year
        f = self.ui.services.dissemination.facts(year)
        self.summary.setText(
            f"Tủ sách pháp luật: {f.bookcase_titles} đầu sách, {f.bookcase_copies} bản; "
            f"{f.bookcase_loans} lượt mượn trong năm {year}."
        )

    def _current(self) -> BookcaseItemDTO | None:
        return current_of(self.table, self.items)

    def add_item(self) -> None:
        library = self.ui.services.dissemination.library
        if self.ui.run_action(
            self,
            lambda: library.save_item(
                self.title_edit.text(),
                self.copies_spin.value(),
                self.location_edit.text(),
                acquired_on=self.ui.services.ctx.clock.today(),
            )[1],
        ):
            self.title_edit.clear()

    def lend(self) -> None:
        item = self._current()
        if item is None:
            self.ui.messages.info(self, "Hãy chọn một đầu sách.")
            return
        library = self.ui.services.dissemination.library
        if self.ui.run_action(
            self,
            lambda: library.lend(item.id, self.borrower_edit.text(), self.ui.services.ctx.clock.today())[1],
        ):
            self.borrower_edit.clear()

    def give_back(self) -> None:
        item = self._current()
        library = self.ui.services.dissemination.library
        open_loans = [x for x in library.loans(item.id) if x.returned_on is None] if item else []
        if not open_loans:
            self.ui.messages.info(self, "Đầu sách đã chọn không có bản nào đang cho mượn.")
            return
        self.ui.run_action(
            self, lambda: library.give_back(open_loans[-1].id, self.ui.services.ctx.clock.today())
        )

    def refresh(self, changes: Changes) -> None:
        if DISSEMINATION in changes:
            self.reload()
