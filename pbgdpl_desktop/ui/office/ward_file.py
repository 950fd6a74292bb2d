"""Hồ sơ một xã/phường, in four tabs: the assessment re-computed by the office beside the ward's own result and
the council's appraisal (differences highlighted; services/office/ward_file.py); the documents the ward sent
with their signature checks (ward_documents.py); the review status with its history (a stale save shows the
conflict message) and the signed reply bundle; the ward's records as received (read-only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date, format_datetime, parse_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.office.dto import REQUESTS, DecisionFileDTO, ReviewStatus
from pbgdpl_desktop.services.office.ward_file import (
    VERDICTS,
    IndicatorLine,
    Recomputed,
    WardDocument,
    WardFileService,
)
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import (
    allow,
    decision_badge,
    fill,
    office_of,
    open_decision,
    table,
    year_box,
)
from pbgdpl_desktop.ui.office.ward_documents import WardDocuments
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets import files

DIFF_COLOUR = QColor(255, 236, 179)  # a line where the ward's and the office's value or verdict differ
COMPARE_HEADERS = [
    "Mã",
    "Tiêu chí / chỉ tiêu",
    "Xã: giá trị",
    "Xã: kết quả",
    "Cơ quan: giá trị",
    "Cơ quan: kết quả",
    "Hội đồng",
    "Ghi chú Hội đồng",
]

# starting widths (the last column takes what is left); full texts in the tooltips
COMPARE_WIDTHS = {0: 90, 1: 260, 2: 140, 3: 105, 4: 140, 5: 120, 6: 75, 7: 120}


class OfficeWardFilePage(Page):
    key = "office_ward_file"
    title = "Hồ sơ một xã/phường"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self._version = 0
        self._docs_for: tuple[str, int, int] | None = None  # ward, year, rows held: documents shown for
        self.recomputed: Recomputed | None = None
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
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._assessment_tab(), "Đánh giá và thẩm định")
        self.documents = WardDocuments(ui, self.tabs)
        self.documents.set_reload(lambda: self._load_documents(force=True))
        self.tabs.addTab(self.documents, "Tài liệu và chữ ký số")
        self.tabs.addTab(self._status_tab(), "Trạng thái và trả lời")
        self.tabs.addTab(self._records_tab(), "Dữ liệu xã đã gửi")
        layout.addWidget(self.tabs, 1)
        self.error = QLabel("", self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.ward.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        self.tables.currentCellChanged.connect(lambda *_: self._show_rows())
        self.compare.currentCellChanged.connect(lambda row, *_: self._pick_line(row))
        self.only_differences.toggled.connect(lambda _: self._fill_compare())
        self._load_wards()

    # ------------------------------------------------------------------ building
    def _assessment_tab(self) -> QWidget:
        tab = QWidget(self)
        col = QVBoxLayout(tab)
        self.own = QLabel("", tab)
        self.own.setWordWrap(True)
        col.addWidget(self.own)
        self.privacy = QLabel("", tab)
        self.privacy.setWordWrap(True)
        col.addWidget(self.privacy)
        self.only_differences = QCheckBox("Chỉ hiện các dòng khác nhau", tab)
        col.addWidget(self.only_differences)
        self.compare = table(tab, COMPARE_HEADERS)
        header = self.compare.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the council's note takes what is left; the user may widen any
        for column, width in COMPARE_WIDTHS.items():
            self.compare.setColumnWidth(column, width)
        self.compare.setWordWrap(False)
        self.compare.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        col.addWidget(self.compare, 1)
        col.addWidget(self._appraisal_box(tab))
        return tab

    def _status_tab(self) -> QWidget:
        tab = QWidget(self)
        row = QHBoxLayout(tab)
        row.addWidget(self._status_box(tab), 3)
        row.addWidget(self._reply_box(tab), 2)
        return tab

    def _records_tab(self) -> QWidget:
        tab = QWidget(self)
        row = QHBoxLayout(tab)
        self.tables = table(tab, ["Bảng", "Số bản ghi"])
        header = (
            self.tables.horizontalHeader()
        )  # the count always whole; a long table name elided, not scrolled
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tables.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tables.setMaximumWidth(380)
        row.addWidget(self.tables)
        self.rows = table(tab, ["Mã bản ghi", "Nội dung (chỉ xem)"])
        row.addWidget(self.rows, 1)
        return tab

    def _appraisal_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Thẩm định của Hội đồng (chọn một dòng ở trên để điền mã chỉ tiêu)", parent)
        grid = QGridLayout(box)
        self.code = QLineEdit(box)
        self.code.setPlaceholderText("ví dụ 1.2")
        self.value = QLineEdit(box)
        self.request = QComboBox(box)
        for key, label in REQUESTS.items():
            self.request.addItem(label, key)
        self.note = QLineEdit(box)
        self.by = QLineEdit(box)
        for col, (label, widget) in enumerate(
            (
                ("Chỉ tiêu:", self.code),
                ("Điểm/kết quả:", self.value),
                ("Loại ý kiến:", self.request),
                ("Người thẩm định:", self.by),
            )
        ):
            grid.addWidget(QLabel(label, box), 0, 2 * col)
            grid.addWidget(widget, 0, 2 * col + 1)
        grid.addWidget(QLabel("Ghi chú:", box), 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 5)
        self.appraise_button = QPushButton("Lưu ý kiến thẩm định", box)
        self.appraise_button.clicked.connect(self.save_appraisal)
        grid.addWidget(self.appraise_button, 1, 6, 1, 2)
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
        pdf_row = QHBoxLayout()  # the decision's own PDF: the next reply carries it to the ward
        self.decision_pdf = QLabel("", box)
        self.decision_pdf.setObjectName("office_decision_pdf")
        self.decision_pdf.setWordWrap(True)
        self.attach_decision_button = QPushButton("Đính kèm quyết định (PDF)…", box)
        self.attach_decision_button.clicked.connect(self.choose_decision_pdf)
        self.open_decision_button = QPushButton("Mở", box)
        self.open_decision_button.clicked.connect(lambda: open_decision(self.ui, self, self._decision_file()))
        self.attach_decision_button.setEnabled(False)
        self.open_decision_button.setEnabled(False)
        form.addRow("Tệp quyết định:", self.decision_pdf)  # its own row: the name and the badge wrap
        pdf_row.addStretch(1)
        pdf_row.addWidget(self.attach_decision_button)
        pdf_row.addWidget(self.open_decision_button)
        form.addRow(pdf_row)
        self.history = table(box, ["Trạng thái", "Ngày", "Người", "Ghi lúc", "Ghi chú"])
        form.addRow(self.history)
        return box

    def _reply_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Gửi trả lời cho xã/phường (gói có ký)", parent)
        col = QVBoxLayout(box)
        col.addWidget(QLabel("Ý kiến thẩm định của năm, gửi kèm trong gói:", box))
        self.appraisals = table(box, ["Chỉ tiêu", "Thẩm định", "Loại", "Ghi chú", "Người"])
        col.addWidget(self.appraisals, 1)
        col.addWidget(QLabel("Thư mục ghi gói:", box))
        self.reply_folder = QLineEdit(str(self.ui.paths.data_dir / "replies"), box)
        col.addWidget(self.reply_folder)
        self.reply_button = QPushButton("Ghi gói trả lời", box)
        self.reply_button.clicked.connect(self.write_reply)
        col.addWidget(self.reply_button)
        self.reply_result = QLabel("", box)
        self.reply_result.setWordWrap(True)
        col.addWidget(self.reply_result)
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
        """Bundles may have been imported meanwhile: the re-computation follows the import stamp (a file read
        when nothing changed) and the documents are checked again when the ward's rows changed."""
        if self.ward.count() != len(self.ui.services.sync.wards()):
            self._load_wards()
        else:
            self.reload()

    def _code(self) -> str | None:
        data = self.ward.currentData()
        return str(data) if data else None

    def _apply_role(self) -> None:
        """Grey out what the signed-in user's role may not do (the services refuse it too, issue #15):
        appraising and the review's moves are the appraiser's, the recognition decision the leader's."""
        ui = self.ui
        allow(ui, self.appraise_button, Action.OFFICE_APPRAISE)
        allow(ui, self.status_button, Action.OFFICE_APPRAISE, Action.OFFICE_APPROVE)
        decides = allow(ui, self.decision_number, Action.OFFICE_APPROVE)
        allow(ui, self.decision_on, Action.OFFICE_APPROVE)
        allow(ui, self.status_note, Action.OFFICE_APPRAISE, Action.OFFICE_APPROVE)
        actor = ui.services.ctx.actor
        appraises = actor is None or actor.may(Action.OFFICE_APPRAISE)
        model = self.status.model()
        if isinstance(model, QStandardItemModel):
            for row in range(model.rowCount()):
                item = model.item(row)
                recognise = self.status.itemData(row) == ReviewStatus.RECOGNISED.value
                item.setEnabled(decides if recognise else appraises)
        allow(ui, self.reply_button, Action.OFFICE_REPLY)
        if actor is not None and not self.by.text().strip():  # who acts: the signed-in user, still editable
            self.by.setText(actor.display_name or actor.name)

    def reload(self) -> None:
        self._apply_role()
        code = self._code()
        office = office_of(self.ui)
        if code is None:
            self.own.setText("Chưa có xã/phường nào được đăng ký.")
            return
        counts = office.ward_records(code)
        fill(self.tables, [[name, n] for name, n in sorted(counts.items())])
        for r in range(self.tables.rowCount()):  # the whole name when elided
            item = self.tables.item(r, 0)
            if item is not None:
                item.setToolTip(item.text())
        year = self.year.value()
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
        pdf = office.decision_pdf(code, year)
        self.decision_pdf.setText(
            "chưa đính kèm (đính kèm sau khi ghi “Đã công nhận”)"
            if pdf is None
            else f"{pdf.name} — {decision_badge(self.ui, pdf)}"
        )
        self.open_decision_button.setEnabled(pdf is not None)
        # the leader's step, once the review is recognised (the service refuses it otherwise too)
        if allow(self.ui, self.attach_decision_button, Action.OFFICE_APPROVE):
            self.attach_decision_button.setEnabled(review.status is ReviewStatus.RECOGNISED)
        self._recompute(code, year)
        self._load_documents()

    # ------------------------------------------------------------------ the assessment, re-computed
    def _service(self) -> WardFileService:
        return WardFileService(self.ui.services.ctx, self.ui.services.signing)

    def _recompute(self, code: str, year: int) -> None:
        service = self._service()

        def work(_progress: object) -> Recomputed | str:
            try:
                return service.recompute(code, year)
            except DomainError as exc:
                return exc.message

        self.ui.tasks.run(
            work,
            on_done=self._show_recomputed,
            on_error=lambda exc: self.ui.messages.error(self, exc),
            label="Đang tính lại kết quả đánh giá của xã/phường…",
            parent=self,
            cancellable=False,
        )

    def _show_recomputed(self, result: Recomputed | str) -> None:
        if isinstance(result, str):
            self.recomputed = None
            self.own.setText(result)
            self.privacy.setText("")
            self.privacy.setToolTip("")
        else:
            self.recomputed = result
            self.own.setText(f"{result.summary()} Bộ tiêu chí: {result.ruleset}.")
            self.privacy.setText(result.privacy_note())
            self.privacy.setToolTip(result.privacy_detail())
        self._fill_compare()

    def _shown_lines(self) -> list[IndicatorLine]:
        if self.recomputed is None:
            return []
        lines = list(self.recomputed.lines)
        return [x for x in lines if x.differs] if self.only_differences.isChecked() else lines

    def _fill_compare(self) -> None:
        lines = self._shown_lines()
        fill(
            self.compare,
            [
                [
                    "  " * x.level + x.code,
                    x.title,
                    x.ward_value,
                    VERDICTS.get(x.ward_verdict, x.ward_verdict),
                    x.office_value,
                    VERDICTS.get(x.office_verdict, x.office_verdict),
                    x.appraised,
                    x.appraisal_note,
                ]
                for x in lines
            ],
        )
        for row, x in enumerate(lines):
            items = [self.compare.item(row, c) for c in range(self.compare.columnCount())]
            for c, item in enumerate(items):
                if item is None:
                    continue
                if c in (1, 2, 4, 6, 7):
                    item.setToolTip(item.text())
                if x.level == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if x.differs:
                    item.setBackground(DIFF_COLOUR)
                    shown = item.toolTip()
                    item.setToolTip(
                        (shown + "\n" if shown else "") + "Xã và cơ quan tính ra khác nhau ở dòng này."
                    )

    def _pick_line(self, row: int) -> None:
        lines = self._shown_lines()
        if 0 <= row < len(lines):
            self.code.setText(lines[row].code)

    # ------------------------------------------------------------------ documents
    def _load_documents(self, *, force: bool = False) -> None:
        code = self._code()
        if code is None:
            return
        year = self.year.value()
        key = (code, year, sum(office_of(self.ui).ward_records(code).values()))
        if not force and self._docs_for == key:
            return
        self._docs_for = key
        service = self._service()
        roots = len(self.ui.services.signing.files.roots())

        def work(_progress: object) -> list[WardDocument]:
            try:
                return service.documents(code, year)
            except DomainError:
                return []

        self.ui.tasks.run(
            work,
            on_done=lambda docs: self.documents.show_documents(docs, roots),
            on_error=lambda exc: self.ui.messages.error(self, exc),
            label="Đang kiểm tra chữ ký số của các tệp xã gửi…",
            parent=self,
            cancellable=False,
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

    def _decision_file(self) -> DecisionFileDTO | None:
        code = self._code()
        return None if code is None else office_of(self.ui).decision_pdf(code, self.year.value())

    def choose_decision_pdf(self) -> None:
        chosen = files.open_file_name(
            self, "Chọn tệp quyết định công nhận (PDF đã ký)", "Tệp PDF (*.pdf);;Mọi tệp (*)"
        )
        if chosen:
            self.attach_decision(Path(chosen))

    def attach_decision(self, path: Path) -> None:
        """Attach the recognition decision's PDF to the review shown (the leader's step)."""
        code = self._code()
        if code is not None:
            self._run(
                lambda: office_of(self.ui).attach_decision_pdf(
                    code, self.year.value(), path, by=self.by.text()
                )
            )

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
