"""Dữ liệu cá nhân (issue #15): the retention rule for closed mediation cases — preview the cases, then
anonymise their parties (administrator only, asked once) — and everything stored about one person, exported
for a request from that person."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from pbgdpl_desktop.domain.changes import SETTINGS, Changes
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.core.privacy import RetentionItem
from pbgdpl_desktop.ui.widgets import files
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog
from pbgdpl_desktop.ui.widgets.tables import cell, make_table

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

HEADERS = ("Vụ việc", "Ngày có kết quả", "Các bên")


class PrivacyDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle("Dữ liệu cá nhân")
        privacy = ui.services.privacy
        self.years = QSpinBox(self)
        self.years.setObjectName("retention_years")
        self.years.setRange(1, 50)
        self.years.setValue(privacy.retention_years() or 5)
        self.years.setSuffix(" năm")
        preview = QPushButton("Xem trước", self)
        preview.clicked.connect(self.load)
        self.anonymise_button = QPushButton("Ẩn danh các vụ việc này…", self)
        self.anonymise_button.setObjectName("anonymise_button")
        self.anonymise_button.clicked.connect(self.ask_anonymise)
        actor = ui.services.ctx.actor  # only the administrator anonymises (the service refuses others too)
        self.may_anonymise = actor is None or actor.may(Action.PRIVACY)
        top = QHBoxLayout()
        top.addWidget(QLabel("Vụ việc hòa giải đã kết thúc quá", self))
        top.addWidget(self.years)
        top.addWidget(preview)
        top.addWidget(self.anonymise_button)
        top.addStretch(1)
        self.table = make_table(self, HEADERS, name="retention_table", row_numbers=False)
        self.items: list[RetentionItem] = []
        self.person = QLineEdit(self)
        self.person.setObjectName("person_name")
        self.person.setPlaceholderText("họ tên (gõ có dấu hay không dấu đều được)")
        person_row = QHBoxLayout()
        person_row.addWidget(QLabel("Dữ liệu về một người:", self))
        person_row.addWidget(self.person, 1)
        self.error = QLabel(self)
        frame_record_dialog(
            self,
            [top, self.table, person_row],
            self.export_person,
            error=self.error,
            save_text="Xuất dữ liệu của người này…",
        )
        self.resize(820, 520)
        self.load()

    def load(self) -> None:
        def run() -> Changes:
            self.items = self.ui.services.privacy.preview(self.years.value())
            return Changes()

        self.ui.run_action(self, run, self.error)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            for c, text in enumerate((item.number_text, item.result_text, item.parties)):
                self.table.setItem(r, c, cell(text))
        self.anonymise_button.setEnabled(bool(self.items) and self.may_anonymise)

    def ask_anonymise(self) -> None:
        years = self.years.value()
        self.ui.messages.confirm(
            self,
            f"Xóa tên, năm sinh, địa chỉ các bên của {len(self.items)} vụ việc đã kết thúc quá {years} năm? "
            "Không lấy lại được (trừ từ bản sao lưu cũ).",
            lambda: self.anonymise(years),
            yes_text="Ẩn danh",
        )

    def anonymise(self, years: int) -> None:
        privacy = self.ui.services.privacy

        done: list[int] = []

        def run() -> Changes:
            changes = privacy.set_retention_years(years)
            count, more = privacy.anonymise(years)
            done.append(count)
            return changes | more

        self.ui.run_action(self, run, None)
        self.load()
        if done:
            self.error.setText(f"Đã ẩn danh {done[0]} vụ việc.")

    def export_person(self) -> None:
        name = self.person.text()
        if not name.strip():
            self.error.setText("Hãy nhập họ tên người cần xuất dữ liệu.")
            return
        target = files.save_file_name(
            self, "Xuất dữ liệu cá nhân", "du-lieu-ca-nhan.json", "JSON (*.json);;Excel (*.xlsx)"
        )
        if not target:
            return

        def run() -> Changes:
            path, count = self.ui.services.privacy.export_person(name, Path(target))
            self.error.setText(f"Đã xuất {count} bản ghi về “{name}” ra {path}.")
            return Changes.of(SETTINGS)

        self.ui.run_action(self, run, None)
