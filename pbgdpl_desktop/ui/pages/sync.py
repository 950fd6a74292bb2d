"""Đồng bộ page (ward): export a signed bundle for the office above, with progress and a plain summary; the
history of exports; the key's fingerprint to read out on the phone; where each file was written.
Import of the office's reply bundles comes with issue #12."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.services.sync.attachments import assessment_attachments
from pbgdpl_desktop.services.sync.dto import OFFICE, ExportOutcome
from pbgdpl_desktop.services.sync.encrypted import encrypt_bundle
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.tasks import Progress
from pbgdpl_desktop.ui.widgets.sync_key import SyncKeyBox
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table

SEALED = "Gói đã mã hóa (bản chưa mã hóa đã xóa)"
SEALED_TO_OFFICE = "Gói đã mã hóa bằng khóa của cơ quan cấp trên (bản chưa mã hóa đã xóa)"
FULL_PRIVACY_QUESTION = (
    "Gói sẽ chứa cả họ tên, năm sinh, địa chỉ của các bên và nội dung vụ việc hòa giải. Chỉ chọn khi cơ quan "
    "cấp trên yêu cầu bằng văn bản. Tiếp tục?"
)


class SyncPage(Page):
    key = "sync"
    title = "Đồng bộ"

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        sync = ui.services.sync
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.title}</h2>", self))
        intro = QLabel(
            "Tạo gói dữ liệu có chữ ký số để gửi Sở Tư pháp (chép vào USB hoặc gửi thư điện tử). Mỗi gói chỉ "
            "chứa những gì thay đổi từ gói trước.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.key_box = SyncKeyBox(ui, self)
        self.fingerprint = self.key_box.fingerprint
        layout.addWidget(self.key_box)

        box = QGroupBox("Xuất gói dữ liệu", self)
        form = QFormLayout(box)
        self.folder = QLineEdit(str(ui.paths.data_dir / "goi-dong-bo"), self)
        self.folder.setObjectName("sync_folder")
        choose = QPushButton("Chọn…", self)
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow("Ghi vào thư mục", row)
        self.full = QCheckBox("Gói đầy đủ (mọi bản ghi, không chỉ phần thay đổi)", self)
        self.personal = QCheckBox("Gửi cả thông tin cá nhân (họ tên, địa chỉ, nội dung vụ việc)", self)
        self.evidence = QCheckBox("Kèm tệp minh chứng", self)
        for check in (self.full, self.personal, self.evidence):
            form.addRow(check)
        # issue #15: a bundle with personal data can be sealed with a password for the trip (AES-GCM)
        self.bundle_password = QLineEdit(self)
        self.bundle_password.setObjectName("sync_bundle_password")
        self.bundle_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.bundle_password.setPlaceholderText(
            "để trống: không mã hóa; báo mật khẩu cho cấp trên qua điện thoại"
        )
        self.bundle_password.setEnabled(False)
        form.addRow("Mật khẩu mã hóa gói", self.bundle_password)
        # or sealed to the office's receiving key, registered with its key file: no password to pass on
        self.seal_office = QCheckBox("Mã hóa bằng khóa của cơ quan cấp trên (không cần mật khẩu)", self)
        self.seal_office.setObjectName("sync_seal_office")
        self.seal_office.setEnabled(False)
        form.addRow(self.seal_office)
        self.personal.toggled.connect(self._update_sealing)
        self.seal_office.toggled.connect(self._update_sealing)
        self.attach = QCheckBox("Kèm kết quả tự đánh giá và hồ sơ đề nghị công nhận của năm", self)
        self.attach.setObjectName("sync_attach")
        self.attach.setToolTip(
            "Gói mang theo kết quả chấm điểm (tệp .json) và hồ sơ PDF của năm đã chọn, có chữ ký như dữ liệu."
        )
        self.attach_year = QSpinBox(self)
        self.attach_year.setObjectName("sync_attach_year")
        self.attach_year.setRange(2022, 2100)
        self.attach_year.setValue(ui.services.ctx.clock.today().year)
        self.attach_year.setEnabled(False)
        self.attach.toggled.connect(self.attach_year.setEnabled)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach)
        attach_row.addWidget(self.attach_year)
        attach_row.addStretch(1)
        form.addRow(attach_row)
        self.export_button = QPushButton("Xuất gói", self)
        self.export_button.setObjectName("sync_export")
        self.export_button.clicked.connect(self.export)
        form.addRow(self.export_button)
        self.result = QLabel(self)
        self.result.setObjectName("sync_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        layout.addWidget(box)

        layout.addWidget(QLabel("<b>Các gói đã xuất</b>", self))
        self.history = make_table(
            self, ["Gói số", "Ngày xuất", "Nội dung", "Tệp"], name="sync_history", widths=(60, 110, 360)
        )
        layout.addWidget(self.history, 1)
        office = sync.mode() == OFFICE
        if not office:  # the office's replies (issue 14)
            from pbgdpl_desktop.ui.office.ward_replies import RepliesBox

            self.replies = RepliesBox(ui, self)
            layout.addWidget(self.replies)
        read_only = ui.services.ctx.db.read_only
        actor = ui.services.ctx.actor
        may_send = actor is None or actor.may(Action.SYNC)
        self.export_button.setEnabled(not office and not read_only and may_send)
        if office:
            self.result.setText(
                "Tệp dữ liệu này của cơ quan cấp trên: nhập gói bằng lệnh pbgdpl-desktop import."
            )
        self.load()

    def load(self) -> None:
        sync = self.ui.services.sync
        self.key_box.load()
        rows = [
            (r.seq, f"{r.created_at.astimezone():%d/%m/%Y %H:%M}", r.summary, str(r.path))
            for r in sync.exporter.history()
        ]
        fill_rows(self.history, rows)
        self._update_sealing()

    def _update_sealing(self) -> None:
        """The two ways of sealing a bundle with personal data: a password, or the office's registered key
        (offered only once it is registered: its fingerprint in the tooltip)."""
        personal = self.personal.isChecked()
        seal = self.ui.services.sync.office_seal_fingerprint()
        self.seal_office.setEnabled(personal and seal is not None)
        if seal is None:
            self.seal_office.setChecked(False)
            self.seal_office.setToolTip(
                "Cần đăng ký tệp khóa công khai của Sở Tư pháp có kèm khóa mã hóa (mục Gói trả lời)."
            )
        else:
            self.seal_office.setToolTip(f"Khóa mã hóa của cơ quan cấp trên đã đăng ký: {seal}")
        self.bundle_password.setEnabled(personal and not self.seal_office.isChecked())

    def page_shown(self) -> None:
        self.load()

    def refresh(self, changes: Changes) -> None:
        if self.isVisible():
            self.load()

    def export(self) -> None:
        if self.personal.isChecked():
            self.ui.messages.confirm(
                self, FULL_PRIVACY_QUESTION, self._export, yes_text="Gửi cả thông tin cá nhân"
            )
        else:
            self._export()

    def _export(self) -> None:
        folder = Path(self.folder.text().strip() or self.ui.paths.data_dir / "goi-dong-bo")
        full, privacy = self.full.isChecked(), "full" if self.personal.isChecked() else "minimal"
        evidence = self.evidence.isChecked()
        year = self.attach_year.value() if self.attach.isChecked() else None
        to_office = privacy == "full" and self.seal_office.isChecked()
        password = self.bundle_password.text() if privacy == "full" and not to_office else ""
        services = self.ui.services

        def work(progress: Progress) -> ExportOutcome:
            if to_office:
                services.sync.check_can_seal_for_office()  # before any file is written
            with tempfile.TemporaryDirectory(prefix="pbgdpl-attach-") as tmp:
                attachments: list[Path] = []
                if year is not None:
                    progress.update(0, 0, f"Đang chấm điểm và lập hồ sơ năm {year}…")
                    attachments = assessment_attachments(services, year, Path(tmp))
                outcome = services.sync.exporter.export(
                    folder,
                    full=full,
                    privacy=privacy,
                    evidence=evidence,
                    attachments=attachments,
                    progress=lambda done, total: progress.update(done, total, "Đang ghi gói…"),
                )
            if to_office and outcome.record is not None:
                progress.update(0, 0, "Đang mã hóa gói…")
                sealed = services.sync.seal_for_office(outcome.record.path)
                return ExportOutcome(outcome.record, f"{outcome.message}. {SEALED_TO_OFFICE}: {sealed}")
            if password and outcome.record is not None:
                progress.update(0, 0, "Đang mã hóa gói…")
                sealed = encrypt_bundle(outcome.record.path, password)
                return ExportOutcome(outcome.record, f"{outcome.message}. {SEALED}: {sealed}")
            return outcome

        def done(outcome: ExportOutcome) -> None:
            if outcome.record is None:
                self.result.setText(outcome.message)
            elif SEALED in outcome.message or SEALED_TO_OFFICE in outcome.message:
                self.result.setText(outcome.message)
            else:
                self.result.setText(f"{outcome.message}. Tệp đã ghi: {outcome.record.path}")
            self.load()

        self.ui.tasks.run(work, on_done=done, label="Đang xuất gói dữ liệu…", parent=self, cancellable=False)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục ghi gói", self.folder.text())
        if folder:
            self.folder.setText(folder)


def create_page(ui: UiContext) -> Page:
    return SyncPage(ui)
