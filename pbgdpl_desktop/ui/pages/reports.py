"""Báo cáo & in ấn: pick a document, a year and a period, generate it off the GUI thread, preview and print
it, and find it again in the recent outputs list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import DISSEMINATION, MEDIATION, WARD, Changes
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.reports.service import ReportOutput
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.reports.options import ReportOptions
from pbgdpl_desktop.ui.reports.preview import PdfPreview
from pbgdpl_desktop.ui.reports.recent import RecentOutputs
from pbgdpl_desktop.ui.signing.check_dialog import CheckSignatureDialog
from pbgdpl_desktop.ui.signing.sign_dialog import SignDialog


class ReportsPage(Page):
    key = "reports"
    title = "Báo cáo & in ấn"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.reports = ui.services.reports
        self.options = ReportOptions(ui.services.ctx.clock.today().year)
        self.options.set_teams(self.reports.teams())
        self.options.generate_requested.connect(self.generate)
        self.missing = QLabel()
        self.missing.setObjectName("missing_profile")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #8a4b00;")
        self.recent = RecentOutputs(self.show_output)
        self.preview = PdfPreview()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(f"<h2>{self.title}</h2>"))
        left_layout.addWidget(self.missing)
        left_layout.addWidget(self.options)
        left_layout.addWidget(QLabel("<b>Văn bản đã tạo gần đây</b>"))
        left_layout.addWidget(self.recent, 1)
        self.sign_button = QPushButton("Ký số…")
        self.sign_button.setToolTip("Ký số văn bản đang xem bằng token hoặc tệp .p12")
        self.sign_button.setEnabled(False)
        self.sign_button.clicked.connect(self.open_sign_dialog)
        self.check_button = QPushButton("Kiểm tra chữ ký…")
        self.check_button.clicked.connect(self.open_check_dialog)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign_button)
        sign_row.addWidget(self.check_button)
        left_layout.addLayout(sign_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 620])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.last_output: ReportOutput | None = None
        self.current_path: Path | None = None
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_shortcut.activated.connect(self.print_current)
        self.options.cert_kind.currentIndexChanged.connect(self.suggest_certificate_number)
        self._reload()
        self.suggest_certificate_number()

    def suggest_certificate_number(self) -> None:
        """Numbers never repeat within a year (the register): start the next batch at the first free one."""
        kind = self.options.cert_kind.currentData()
        if kind:
            self.options.first_number.setValue(self.ui.services.signing.certificates.next_number(kind))

    def _reload(self) -> None:
        missing = self.reports.missing_profile_fields()
        self.missing.setText(
            "Hồ sơ xã/phường còn thiếu: "
            + ", ".join(missing)
            + ". Văn bản sẽ in “…” ở các chỗ đó (bổ sung trong Cài đặt)."
            if missing
            else ""
        )
        self.missing.setVisible(bool(missing))
        self.recent.set_outputs(self.reports.recent())
        self.options.set_sessions(
            self.ui.services.dissemination.attendees.sessions_with_lists(self.options.year.value())
        )

    def refresh(self, changes: Changes) -> None:
        if WARD in changes:
            self._reload()
        if MEDIATION in changes:
            self.options.set_teams(self.reports.teams())
        if DISSEMINATION in changes:
            self.options.set_sessions(
                self.ui.services.dissemination.attendees.sessions_with_lists(self.options.year.value())
            )

    def page_shown(self) -> None:
        self._reload()

    def generate(self) -> None:
        try:
            request = self.options.request()
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        label = f"Đang tạo: {self.reports.title(request)}…"
        self.options.generate.setEnabled(False)
        self.ui.tasks.run(
            lambda progress: self.reports.generate(request, progress.update),
            on_done=self._generated,
            on_error=self._failed,
            label=label,
            parent=self,
            cancellable=False,
        )

    def _generated(self, output: ReportOutput) -> None:
        self.options.generate.setEnabled(True)
        self.last_output = output
        self.show_output(output)
        if output.kind == "certificates":
            self.suggest_certificate_number()
        self.recent.set_outputs(self.reports.recent())
        if output.missing_fields:
            self.ui.messages.warn(self, output.missing_message)

    def _failed(self, exc: BaseException) -> None:
        self.options.generate.setEnabled(True)
        self.ui.messages.error(self, exc)

    def print_current(self) -> None:
        """Ctrl+P: the print dialog for the document in the preview (a note when there is none)."""
        if self.preview.print_dialog() is None:
            self.ui.messages.info(self, "Chưa có văn bản PDF để in. Hãy tạo hoặc chọn một văn bản trước.")

    def show_output(self, output: ReportOutput) -> None:
        self.preview.show_file(output.path, output.title)
        self.current_path = output.path
        self.sign_button.setEnabled(output.path.suffix.lower() == ".pdf")

    def open_sign_dialog(self) -> SignDialog | None:
        if self.current_path is None or not self.current_path.is_file():
            self.ui.messages.info(self, "Hãy tạo hoặc chọn một văn bản PDF trước khi ký.")
            return None
        dialog = SignDialog(self.ui, self.current_path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._signed(dialog))
        dialog.open()
        return dialog

    def _signed(self, dialog: SignDialog) -> None:
        done = dialog.result_document
        if done is not None:
            self.preview.show_file(done.path, done.path.name)
            self.current_path = done.path
            self.ui.messages.info(self, f"Đã ký số vào tệp {done.path}.")

    def open_check_dialog(self) -> CheckSignatureDialog:
        pdf = self.current_path if self.current_path and self.current_path.suffix.lower() == ".pdf" else None
        dialog = CheckSignatureDialog(self.ui, pdf, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def create_page(ui: UiContext) -> Page:
    return ReportsPage(ui)
