"""Adding a legal document to the catalogue (number, title, kind, issue and effective dates)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.services.dissemination.dto import LegalDocumentDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import OptionalDate
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, save_and_close


class DocumentDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.saved: LegalDocumentDTO | None = None
        self.setWindowTitle("Thêm văn bản vào danh mục")
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("ví dụ 01/2026/NQ-HĐND")
        self.title_edit = QLineEdit()
        self.kind_edit = QLineEdit()
        self.kind_edit.setPlaceholderText("luật, nghị định, nghị quyết…")
        self.adopted = OptionalDate("ngày")
        self.effective = OptionalDate("từ ngày")
        self.error_label = QLabel()
        form = QFormLayout()
        for text, widget in (
            ("Số, ký hiệu", self.number_edit),
            ("Tên văn bản (*)", self.title_edit),
            ("Loại", self.kind_edit),
            ("Ngày ban hành", self.adopted),
            ("Có hiệu lực", self.effective),
        ):
            form.addRow(text, widget)
        self.save_button = frame_record_dialog(
            self, [form], self.submit, error=self.error_label, close_text="Hủy"
        )
        self.resize(560, 260)

    def submit(self) -> None:
        def add() -> Changes:
            self.saved, changes = self.ui.services.dissemination.library.add_document(
                self.number_edit.text(),
                self.title_edit.text(),
                self.kind_edit.text(),
                self.adopted.value(),
                self.effective.value(),
            )
            return changes

        save_and_close(self, self.ui, add, self.error_label)
