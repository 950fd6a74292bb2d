"""The left-hand form of the Reports page: which document, which year and period, certificate options,
where to save. Produces a ``ReportRequest``; knows nothing about generation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.services.core.names_lists import FILE_FILTER, preview_names
from pbgdpl_desktop.services.reports.service import CERTIFICATE_LABELS, KINDS, PERIOD_LABELS, ReportRequest
from pbgdpl_desktop.ui.widgets import OptionalDate, files
from pbgdpl_desktop.ui.widgets.combos import fill_combo, make_combo
from pbgdpl_desktop.ui.widgets.people_table import PeopleTable
from pbgdpl_desktop.ui.widgets.record_dialog import delete_when_closed

PERIODIC_KINDS = ("periodic", "statistics")


class ReportOptions(QWidget):
    generate_requested = Signal()

    def __init__(
        self, year: int, teams: list[tuple[str, str]] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.team = QComboBox()
        self.team.setObjectName("team")
        self.set_teams(teams or [])
        self.kind = make_combo([(label, key) for key, (label, _) in KINDS.items()])
        self.kind.setObjectName("report_kind")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.period = make_combo([(label, key) for key, label in PERIOD_LABELS.items()], "year")
        self.target = QLineEdit()
        self.target.setPlaceholderText("Để trống: lưu vào thư mục văn bản của phần mềm")
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self._browse_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Văn bản:", self.kind)
        form.addRow("Năm:", self.year)
        form.addRow("Kỳ báo cáo:", self.period)
        form.addRow("Tổ hòa giải:", self.team)
        form.addRow("Lưu vào tệp:", target_row)
        self.final = QCheckBox("Bản chính thức (bỏ chữ “Dự thảo”)")
        self.final.setObjectName("final")
        self.final.setToolTip(
            "Văn bản ghi ngày trước khi hết kỳ (năm, 6 tháng) được in chữ “DỰ THẢO” cho đến khi đánh dấu ô này."
        )
        form.addRow("", self.final)
        self.certificates = self._certificate_box()
        self.generate = QPushButton("Tạo văn bản")
        self.generate.setObjectName("generate")
        self.generate.setDefault(True)
        self.generate.clicked.connect(self.generate_requested)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.certificates)
        layout.addWidget(self.generate)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._dialog: QFileDialog | None = None

    def _certificate_box(self) -> QGroupBox:
        box = QGroupBox("Giấy chứng nhận / Giấy khen")
        self.cert_kind = make_combo([(label, key) for key, label in CERTIFICATE_LABELS.items()])
        self.source = make_combo(
            [
                ("Gõ hoặc dán danh sách (từ Excel)", "typed"),
                ("Người tham dự một buổi phổ biến", "session"),
                ("Tệp danh sách (.xlsx, .ods, .csv)", "file"),
            ]
        )
        self.source.setObjectName("names_source")
        self.people = PeopleTable(box)
        self.people.setMinimumHeight(120)
        self.session = QComboBox()
        self.session.setObjectName("attendee_session")
        self.session.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session.setMinimumContentsLength(20)
        self.names = QLineEdit()
        self.names.setObjectName("names_file")
        self.names.setPlaceholderText("Tệp .xlsx, .ods hoặc .csv, mỗi dòng một người")
        self.names.textChanged.connect(self._names_file_changed)
        self.names_column = QComboBox()
        self.names_column.setObjectName("names_column")
        self.names_column.activated.connect(lambda _index: self._preview_names())
        self.names_preview = QLabel()
        self.names_preview.setObjectName("names_preview")
        self.names_preview.setWordWrap(True)
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self._browse_names)
        self.file_row = QWidget(box)
        row = QHBoxLayout(self.file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.names, 1)
        row.addWidget(browse)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            "Ví dụ: Đã tham gia Hội nghị phổ biến pháp luật về đất đai ngày 09/11/2026"
        )
        self.first_number = QSpinBox()
        self.first_number.setRange(1, 99999)
        self.decision_number = QLineEdit()
        self.decision_number.setPlaceholderText("Giấy khen: số quyết định khen thưởng, ví dụ 215/QĐ-UBND")
        self.decision_date = OptionalDate("ngày quyết định")
        form = QFormLayout(box)
        form.addRow("Loại giấy:", self.cert_kind)
        form.addRow("Danh sách người:", self.source)
        form.addRow(self.people)
        form.addRow("Buổi phổ biến:", self.session)
        form.addRow("Tệp danh sách:", self.file_row)
        form.addRow("Cột họ tên:", self.names_column)
        form.addRow(self.names_preview)
        form.addRow("Nội dung:", self.reason)
        form.addRow("Số bắt đầu:", self.first_number)
        self._form = form
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        form.addRow("Quyết định khen thưởng:", self.decision_number)
        form.addRow("", self.decision_date)
        return box

    def set_sessions(self, sessions: list[tuple[str, str]]) -> None:
        """(id, label) of the sessions that have an attendee list."""
        if sessions:
            fill_combo(self.session, [(label, session_id) for session_id, label in sessions])
        else:
            fill_combo(self.session, [("Chưa có buổi nào có danh sách người tham dự", None)])

    def _source_changed(self) -> None:
        source = self.source.currentData()
        for widget, wanted in (
            (self.people, "typed"),
            (self.session, "session"),
            (self.file_row, "file"),
            (self.names_column, "file"),
            (self.names_preview, "file"),
        ):
            self._form.setRowVisible(widget, source == wanted)

    def set_teams(self, teams: list[tuple[str, str]]) -> None:
        """(id, name) of the mediation teams; the case book is for all of them or one."""
        fill_combo(self.team, [("Tất cả các tổ", None), *((name, team_id) for team_id, name in teams)])

    def _kind_changed(self) -> None:
        key = self.kind.currentData()
        self.period.setEnabled(key in PERIODIC_KINDS)
        self.team.setEnabled(key == "case-book")
        self.certificates.setVisible(key == "certificates")

    def request(self) -> ReportRequest:
        key = self.kind.currentData()
        source = self.source.currentData()
        names = clean(self.names.text()) if source == "file" else ""
        people = tuple((p.name, p.unit) for p in self.people.people()) if source == "typed" else ()
        session_id = self.session.currentData() if source == "session" else None
        if key == "certificates":
            if source == "file" and not names:
                raise ValidationError("Hãy chọn tệp danh sách tên (.xlsx, .ods hoặc .csv).", field="names")
            if source == "typed" and not people:
                raise ValidationError("Hãy gõ hoặc dán ít nhất một tên vào bảng.", field="names")
            if source == "session" and not session_id:
                raise ValidationError(
                    "Chưa có buổi phổ biến nào có danh sách người tham dự (trang Phổ biến GDPL → Người tham dự…).",
                    field="names",
                )
        target = clean(self.target.text())
        return ReportRequest(
            kind=key,
            year=self.year.value(),
            period=self.period.currentData() if key in PERIODIC_KINDS else "year",
            target=Path(target) if target else None,
            names_file=Path(names) if names else None,
            names_column=self.names_column.currentData() if names else None,
            people=people,
            session_id=session_id,
            certificate_kind=self.cert_kind.currentData(),
            reason=clean(self.reason.text()),
            first_number=self.first_number.value(),
            team_id=self.team.currentData() if key == "case-book" else None,
            final=self.final.isChecked(),
            decision_number=clean(self.decision_number.text()),
            decision_date=self.decision_date.value(),
        )

    def _browse_target(self) -> None:
        extension = KINDS[self.kind.currentData()][1]
        kind = "Excel (*.xlsx)" if extension == ".xlsx" else "PDF (*.pdf)"
        self._open_dialog(QFileDialog.AcceptMode.AcceptSave, kind, self.target)

    def _browse_names(self) -> None:
        self._open_dialog(QFileDialog.AcceptMode.AcceptOpen, FILE_FILTER, self.names)

    def _names_file_changed(self) -> None:
        self.names_column.clear()  # another file: its column is chosen from its own data
        self._preview_names()

    def _preview_names(self) -> None:
        """The first names of the chosen file and the column they come from; the clerk may pick another."""
        path = clean(self.names.text())
        picked = self.names_column.currentData() if self.names_column.count() else None
        if not path or not Path(path).is_file():
            self.names_column.clear()
            self.names_preview.clear()
            return
        try:
            preview = preview_names(Path(path), name_column=picked)
        except ValidationError as exc:
            self.names_preview.setText(exc.message)
            return
        self.names_column.clear()
        for index, label in enumerate(preview.labels):
            self.names_column.addItem(label, index)
        self.names_column.setCurrentIndex(preview.columns.name)
        if preview.problem:
            self.names_preview.setText(preview.problem)
            return
        shown = "; ".join(preview.names[:5])
        self.names_preview.setText(
            f"{preview.total} người. Xem trước: {shown}" + ("…" if preview.total > 5 else "")
        )

    def _open_dialog(self, mode: QFileDialog.AcceptMode, name_filter: str, field: QLineEdit) -> None:
        dialog = QFileDialog(self, "Chọn tệp", files.start_path(), name_filter)
        dialog.setAcceptMode(mode)
        if mode == QFileDialog.AcceptMode.AcceptOpen:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(field.setText)
        dialog.fileSelected.connect(files.remember)
        delete_when_closed(dialog)
        self._dialog = dialog  # keep it alive while open
        dialog.open()
