""" "Đã xóa": the records deleted on a page (sessions, speakers, plan tasks; teams, mediators, cases; expenses),
newest deletion first, and "Khôi phục" to bring the selected one back with everything it had."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date, format_datetime
from pbgdpl_desktop.services.core.recycle import MODULES, DeletedRecord
from pbgdpl_desktop.ui.widgets.keys import needs_selection
from pbgdpl_desktop.ui.widgets.record_dialog import ERROR_STYLE
from pbgdpl_desktop.ui.widgets.tables import cell, make_table, selected_of

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

HEADERS = ("Loại", "Bản ghi", "Ngày", "Xóa lúc")


class DeletedDialog(QDialog):
    def __init__(self, ui: UiContext, module: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.module = ui, module
        self.setObjectName("deleted_dialog")
        self.setWindowTitle(f"Đã xóa — {MODULES[module]}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intro = QLabel(
            "Những bản ghi đã xóa ở trang này. Chọn một dòng rồi bấm “Khôi phục” để đưa bản ghi trở lại.",
            self,
        )
        self.intro.setWordWrap(True)
        self.table = make_table(
            self, HEADERS, name="deleted_table", single=True, row_numbers=False, stretch=[1]
        )
        self.error = QLabel(self)
        self.error.setObjectName("error_label")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Khôi phục", self)
        self.restore_button.setObjectName("restore_button")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.records: list[DeletedRecord] = []
        needs_selection(self.table, self.restore_button)
        self.reload()
        self.resize(760, 420)

    def reload(self) -> None:
        self.records = self.ui.services.recycle.deleted(self.module)
        self.table.clearSelection()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            texts = (
                record.kind_label,
                record.title,
                format_date(record.record_date),
                format_datetime(record.deleted_at),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, cell(text))
        if not self.records:
            self.intro.setText("Chưa có bản ghi nào bị xóa ở trang này.")
        self.restore_button.setEnabled(False)

    def restore_selected(self) -> None:
        record = selected_of(self.table, self.records)
        if record is None:
            return
        if self.ui.run_action(
            self, lambda: self.ui.services.recycle.restore(record.kind, record.id), self.error
        ):
            self.ui.messages.info(self, f"Đã khôi phục: {record.kind_label} “{record.title}”.")
            self.reload()


def open_deleted(ui: UiContext, module: str, parent: QWidget | None = None) -> DeletedDialog:
    dialog = DeletedDialog(ui, module, parent)
    dialog.open()
    return dialog


def heading_row(ui: UiContext, title: str, module: str, parent: QWidget) -> QHBoxLayout:
    """A page's heading with its "Đã xóa…" button on the right."""
    row = QHBoxLayout()
    row.addWidget(QLabel(f"<h2>{title}</h2>", parent))
    row.addStretch(1)
    button = QPushButton("Đã xóa…", parent)
    button.setObjectName(f"{module}_deleted_button")
    button.setToolTip("Xem và khôi phục những bản ghi đã xóa ở trang này")
    button.clicked.connect(lambda: open_deleted(ui, module, parent))
    row.addWidget(button)
    return row
