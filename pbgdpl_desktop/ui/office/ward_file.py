"""Hồ sơ một xã/phường: the ward's records as received (read-only), its own result beside the council's
appraisal, the review status with its history (a stale save shows the conflict message), and the signed
reply bundle back to the ward."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date, format_datetime, parse_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.office.dto import REQUESTS, VERDICT_LABELS, ReviewStatus
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import fill, office_of, table, year_box
from pbgdpl_desktop.ui.pages.base import Page

OWN_RESULT_NOTE = (
    "Kết quả bên trái là kết quả xã/phường tự đánh giá và gửi kèm gói; phần mềm chưa tính lại tại cơ quan."
)


class OfficeWardFilePage(Page):
    key = "office_ward_file"
    title = "Hồ sơ một xã/phường"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self._version = 0
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.title}</h2>", self))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Xã/phường:", self))
        self.ward = QComboBox(self)
        self.ward.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ward.setMinimumContentsLength(28)
        bar.addWidget(self.ward)
        bar.addWidget(QLabel("Năm:", self))
        self.year = year_box(ui, self)
        bar.addWidget(self.year)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QSplitter(self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("<b>Dữ liệu xã đã gửi</b> (chỉ xem)", left))
        self.tables = table(left, ["Bảng", "Số bản ghi"])
        left_layout.addWidget(self.tables)
        self.rows = table(left, ["Mã bản ghi", "Nội dung"])
        left_layout.addWidget(self.rows, 1)
        self.own = QLabel("", left)
        self.own.setWordWrap(True)
        left_layout.addWidget(self.own)
        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self._appraisal_box(right))
        right_layout.addWidget(self._status_box(right))
        right_layout.addWidget(self._reply_box(right))
        self.error = QLabel("", right)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        right_layout.addWidget(self.error)
        right_layout.addStretch(1)
        split.addWidget(left)
        split.addWidget(right)
        layout.addWidget(split, 1)
        self.ward.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        self.tables.currentCellChanged.connect(lambda *_: self._show_rows())
        self._load_wards()

    # ------------------------------------------------------------------ building
    def _appraisal_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Thẩm định của Hội đồng (theo chỉ tiêu)", parent)
        form = QFormLayout(box)
        self.code = QLineEdit(box)
        self.code.setPlaceholderText("ví dụ 1.2")
        self.value = QLineEdit(box)
        self.request = QComboBox(box)
        for key, label in REQUESTS.items():
            self.request.addItem(label, key)
        self.note = QLineEdit(box)
        self.by = QLineEdit(box)
        form.addRow("Chỉ tiêu:", self.code)
        form.addRow("Điểm/kết quả thẩm định:", self.value)
        form.addRow("Loại ý kiến:", self.request)
        form.addRow("Ghi chú:", self.note)
        form.addRow("Người thẩm định:", self.by)
        self.appraise_button = QPushButton("Lưu ý kiến thẩm định", box)
        self.appraise_button.clicked.connect(self.save_appraisal)
        form.addRow(self.appraise_button)
        self.appraisals = table(box, ["Chỉ tiêu", "Thẩm định", "Loại", "Ghi chú", "Người"])
        form.addRow(self.appraisals)
        return box

    def _status_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Trạng thái hồ sơ", parent)
        form = QFormLayout(box)
        self.current = QLabel("", box)
        form.addRow("Hiện tại:", self.current)
        self.status = QComboBox(box)
        for value, label in ReviewStatus.choices():
            self.status.addItem(label, value)
        self.status_note = QLineEdit(box)
        self.decision_number = QLineEdit(box)
        self.decision_on = QLineEdit(box)
        self.decision_on.setPlaceholderText("dd/mm/yyyy")
        form.addRow("Chuyển sang:", self.status)
        form.addRow("Ghi chú:", self.status_note)
        form.addRow("Số quyết định công nhận:", self.decision_number)
        form.addRow("Ngày quyết định:", self.decision_on)
        self.status_button = QPushButton("Lưu trạng thái", box)
        self.status_button.clicked.connect(self.save_status)
        form.addRow(self.status_button)
        self.history = table(box, ["Trạng thái", "Ngày", "Người", "Ghi lúc", "Ghi chú"])
        form.addRow(self.history)
        return box

    def _reply_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Gửi trả lời cho xã/phường (gói có ký)", parent)
        row = QHBoxLayout(box)
        self.reply_folder = QLineEdit(str(self.ui.paths.data_dir / "replies"), box)
        self.reply_button = QPushButton("Ghi gói trả lời", box)
        self.reply_button.clicked.connect(self.write_reply)
        row.addWidget(self.reply_folder, 1)
        row.addWidget(self.reply_button)
        self.reply_result = QLabel("", box)
        self.reply_result.setWordWrap(True)
        row.addWidget(self.reply_result)
        return box

    # ------------------------------------------------------------------ data
    def _load_wards(self) -> None:
        self.ward.blockSignals(True)
        self.ward.clear()
        for w in self.ui.services.sync.wards():
            self.ward.addItem(f"{w.ward_code} — {w.name}", w.ward_code)
        self.ward.blockSignals(False)
        self.reload()

    def show_ward(self, code: str) -> None:
        index = self.ward.findData(code)
        if index >= 0:
            self.ward.setCurrentIndex(index)

    def page_shown(self) -> None:
        if self.ward.count() != len(self.ui.services.sync.wards()):
            self._load_wards()

    def _code(self) -> str | None:
        data = self.ward.currentData()
        return str(data) if data else None

    def reload(self) -> None:
        code = self._code()
        office = office_of(self.ui)
        if code is None:
            self.own.setText("Chưa có xã/phường nào được đăng ký.")
            return
        counts = office.ward_records(code)
        fill(self.tables, [[name, n] for name, n in sorted(counts.items())])
        year = self.year.value()
        try:
            rollup = office.rollup(year)
        except DomainError as exc:
            self.own.setText(exc.message)
            return
        verdict = rollup.verdicts.get(code)
        self.own.setText(
            f"Kết quả tự đánh giá năm {year}: {VERDICT_LABELS.get(verdict or '', 'chưa gửi')}. {OWN_RESULT_NOTE}"
        )
        fill(
            self.appraisals,
            [
                [a.code, a.value, REQUESTS.get(a.request, a.request), a.note, a.appraised_by]
                for a in office.appraisals(code, year)
            ],
        )
        review = office.review(code, year)
        self._version = review.version
        when = f" ({format_date(review.status_on)}, {review.updated_by})" if review.status_on else ""
        self.current.setText(f"{review.status.label}{when}")
        fill(
            self.history,
            [
                [e.status.label, format_date(e.status_on), e.by, format_datetime(e.at), e.note]
                for e in review.history
            ],
        )

    def _show_rows(self) -> None:
        code = self._code()
        item = self.tables.item(self.tables.currentRow(), 0)
        if code is None or item is None:
            return
        rows = office_of(self.ui).ward_rows(code, item.text(), limit=500)
        fill(
            self.rows,
            [
                [row_id, json.dumps(json.loads(data)["fields"], ensure_ascii=False)[:300]]
                for row_id, data in rows
            ],
        )

    # ------------------------------------------------------------------ actions
    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except DomainError as exc:
            self.error.setText(exc.message)
            self.ui.messages.error(self, exc)
            return False
        self.error.setText("")
        self.reload()
        return True

    def save_appraisal(self) -> None:
        code = self._code()
        if code is None:
            return
        self._run(
            lambda: office_of(self.ui).appraise(
                code,
                self.year.value(),
                self.code.text(),
                self.value.text(),
                note=self.note.text(),
                by=self.by.text(),
                request=str(self.request.currentData()),
            )
        )

    def save_status(self) -> None:
        code = self._code()
        if code is None:
            return

        def action() -> None:
            text = self.decision_on.text().strip()
            decided = parse_date(text, field="decision_on", label="Ngày quyết định") if text else None
            office_of(self.ui).set_status(
                code,
                self.year.value(),
                str(self.status.currentData()),
                version=self._version,
                by=self.by.text(),
                note=self.status_note.text(),
                decision_number=self.decision_number.text(),
                decision_on=decided,
            )

        if not self._run(action):
            self.reload_version_only()

    def reload_version_only(self) -> None:
        """After a conflict the form keeps what the user typed; the current state is shown above it."""
        code = self._code()
        if code is not None:
            review = office_of(self.ui).review(code, self.year.value())
            self._version = review.version
            self.current.setText(f"{review.status.label} (vừa được {review.updated_by} cập nhật)")

    def write_reply(self) -> None:
        code = self._code()
        if code is None:
            return
        out = Path(self.reply_folder.text())

        def action() -> None:
            outcome = office_of(self.ui).reply(code, out, year=self.year.value(), by=self.by.text())
            self.reply_result.setText(f"{outcome.message}\nTệp: {outcome.path}")

        self._run(action)


def create_page(ui: UiContext) -> Page:
    return OfficeWardFilePage(ui)
