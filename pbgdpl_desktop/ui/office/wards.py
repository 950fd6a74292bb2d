"""Xã/phường của tỉnh: every commune of the province (registered or not), its key fingerprint, bundles
received and review status; "chỉ xã chưa gửi" lists those that sent nothing for the year."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.dates import format_datetime
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import fill, office_of, table, year_box
from pbgdpl_desktop.ui.pages.base import Page

HEADERS = ["Mã", "Xã/phường", "Đăng ký", "Số gói", "Nhận gần nhất", "Trạng thái hồ sơ", "Mã khóa"]


class OfficeWardsPage(Page):
    key = "office_wards"
    title = "Xã/phường của tỉnh"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{self.title}</h2>", self)
        layout.addWidget(heading)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Năm:", self))
        self.year = year_box(ui, self)
        bar.addWidget(self.year)
        self.missing_only = QCheckBox("Chỉ xã/phường chưa gửi số liệu của năm", self)
        bar.addWidget(self.missing_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel("", self)
        layout.addWidget(self.summary)
        self.table = table(self, HEADERS)
        layout.addWidget(self.table, 1)
        self.year.valueChanged.connect(self.reload)
        self.missing_only.toggled.connect(self.reload)
        self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        office = office_of(self.ui)
        year = self.year.value()
        try:
            rows = office.missing(year) if self.missing_only.isChecked() else office.wards(year)
        except DomainError as exc:
            self.summary.setText(exc.message)
            fill(self.table, [])
            return
        fill(
            self.table,
            [
                [
                    w.ward_code,
                    w.name,
                    "Đã đăng ký" if w.registered else "Chưa",
                    w.bundles,
                    format_datetime(w.last_import) if w.last_import else "—",
                    w.status.label,
                    w.fingerprint,
                ]
                for w in rows
            ],
        )
        sent = sum(1 for w in rows if w.bundles)
        what = "chưa gửi số liệu năm " + str(year) if self.missing_only.isChecked() else f"{sent} đã gửi gói"
        self.summary.setText(f"{len(rows)} xã/phường; {what}.")


def create_page(ui: UiContext) -> Page:
    return OfficeWardsPage(ui)
