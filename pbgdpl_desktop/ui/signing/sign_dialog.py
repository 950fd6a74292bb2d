"""Ký số: sign a PDF with the USB token (choose the token and the certificate; the PIN is asked here and
forgotten when the dialog closes) or with a .p12 file, as the person with authority or as the agency."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.signing.service import SignedDocument
from pbgdpl_desktop.signing.keys import SigningKey
from pbgdpl_desktop.signing.roles import SignRole
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.files import open_file_name


class SignDialog(QDialog):
    def __init__(self, ui: UiContext, pdf: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # transient: gone when closed (#21)
        self.ui = ui
        self.pdf = Path(pdf)
        self.result_document: SignedDocument | None = None
        self.setWindowTitle("Ký số văn bản")
        self.token_radio = QRadioButton("Token (USB chữ ký số)")
        self.p12_radio = QRadioButton("Tệp chữ ký số (.p12/.pfx)")
        self.token_radio.setChecked(True)
        self.library = QLineEdit(str(ui.services.signing.library() or ""))
        self.library.setPlaceholderText("tệp .dll của trình điều khiển token")
        self.find_tokens = QPushButton("Tìm token")
        self.find_tokens.clicked.connect(self.load_tokens)
        self.token = QComboBox()
        self.p12_path = QLineEdit()
        self.p12_path.setPlaceholderText("chọn tệp .p12/.pfx")
        self.p12_browse = QPushButton("Chọn…")
        self.p12_browse.clicked.connect(self._choose_p12)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("không được lưu lại")
        self.role = QComboBox()
        self.role.addItem("Người có thẩm quyền ký (ký trước)", SignRole.PERSON)
        self.role.addItem("Cơ quan (ký sau, dấu đè lên chữ ký)", SignRole.AGENCY)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        lib_row = QHBoxLayout()
        lib_row.addWidget(self.library, 1)
        lib_row.addWidget(self.find_tokens)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12_path, 1)
        p12_row.addWidget(self.p12_browse)
        form = QFormLayout()
        form.addRow("Văn bản:", QLabel(self.pdf.name))
        form.addRow(self.token_radio)
        form.addRow("Thư viện PKCS#11:", lib_row)
        form.addRow("Token / chứng thư:", self.token)
        form.addRow(self.p12_radio)
        form.addRow("Tệp .p12:", p12_row)
        form.addRow("Mã PIN / mật khẩu:", self.secret)
        form.addRow("Ký với tư cách:", self.role)
        buttons = QDialogButtonBox()
        self.sign_button = buttons.addButton("Ký", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.finished.connect(self._forget_secret)

    def _forget_secret(self, _result: int) -> None:
        self.secret.clear()

    def _choose_p12(self) -> None:
        chosen = open_file_name(self, "Chọn tệp chữ ký số", "Tệp chữ ký số (*.p12 *.pfx)")
        if chosen:
            self.p12_path.setText(chosen)
            self.p12_radio.setChecked(True)

    def load_tokens(self) -> None:
        self.token.clear()
        try:
            tokens = self.ui.services.signing.tokens(
                Path(self.library.text()) if self.library.text() else None
            )
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        for info in tokens:
            for cert in info.certificates:
                self.token.addItem(
                    f"{info.label} — {cert.subject} ({cert.organisation})", (info.label, cert.label)
                )
        self.error.setText("" if self.token.count() else "Không thấy token nào có chứng thư. Hãy cắm token.")

    def key(self) -> SigningKey:
        signing = self.ui.services.signing
        if self.p12_radio.isChecked():
            if not self.p12_path.text():
                raise DomainError("Hãy chọn tệp chữ ký số .p12/.pfx.")
            return signing.p12_key(Path(self.p12_path.text()), self.secret.text())
        choice = self.token.currentData()
        if not choice:
            raise DomainError("Hãy bấm “Tìm token” rồi chọn chứng thư trên token.")
        library = Path(self.library.text()) if self.library.text() else None
        return signing.token_key(choice[0], self.secret.text(), choice[1], library)

    def sign(self) -> None:
        """Sign through the task runner (pyHanko takes seconds); the PIN leaves the field at once."""
        try:
            key = self.key()
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        finally:
            self.secret.clear()
        role = self.role.currentData()
        self.sign_button.setEnabled(False)
        self.ui.tasks.run(
            lambda _progress: self.ui.services.signing.sign(self.pdf, key, role),
            on_done=self._signed,
            on_error=self._failed,
            label="Đang ký số…",
            parent=self,
            cancellable=False,
        )

    def _signed(self, document: SignedDocument) -> None:
        self.sign_button.setEnabled(True)
        self.result_document = document
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.sign_button.setEnabled(True)
        if isinstance(exc, DomainError):
            self.error.setText(exc.message)
        else:
            self.ui.messages.error(self, exc)
