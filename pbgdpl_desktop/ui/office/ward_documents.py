"""The ward file's "Tài liệu và chữ ký số" tab: the evidence files, dossier and result the ward sent, each
PDF's digital-signature check as the ward stored it and as the office checks it now (its own trusted roots,
Cài đặt › Chữ ký số), with open / save a copy / check again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.office.ward_file import SignatureView, WardDocument, WardFileService
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import fill, table
from pbgdpl_desktop.ui.widgets import files

KINDS = {"evidence": "Minh chứng", "dossier": "Hồ sơ đề nghị", "assessment": "Kết quả tự đánh giá"}


def check_text(check: SignatureView | None) -> str:
    return "—" if check is None else check.label


def check_lines(title: str, check: SignatureView | None) -> list[str]:
    if check is None:
        return [f"{title}: chưa kiểm tra."]
    out = [f"{title}: {check.label}."]
    if check.status not in ("unsigned", "unreadable"):
        when = check.signed_at.astimezone().strftime("%d/%m/%Y %H:%M") if check.signed_at else "không rõ"
        out.append(
            f"  Người ký: {check.signer or '(không rõ)'} — {check.organisation or '(không rõ cơ quan)'}"
        )
        out.append(f"  Thời điểm ký: {when}")
        if check.before_deadline is not None:
            out.append(f"  Ký trước hạn: {'có' if check.before_deadline else 'KHÔNG (ký sau hạn)'}")
    if check.problem:
        out.append(f"  {check.problem}")
    if check.checked_at is not None:
        out.append(f"  Kiểm tra lúc {check.checked_at.astimezone():%d/%m/%Y %H:%M}")
    return out


class WardDocuments(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.documents: list[WardDocument] = []
        self._reload: Callable[[], None] = lambda: None
        layout = QVBoxLayout(self)
        self.roots = QLabel("", self)
        self.roots.setWordWrap(True)
        layout.addWidget(self.roots)
        self.table = table(self, ["Loại", "Tệp", "Chỉ tiêu", "Xã kiểm tra chữ ký", "Cơ quan kiểm tra lại"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 220, 80, 300)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Mở tệp", self)
        self.save_button = QPushButton("Lưu bản sao…", self)
        self.check_button = QPushButton("Kiểm tra lại chữ ký", self)
        for button in (self.open_button, self.save_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setMinimumHeight(120)
        layout.addWidget(self.detail, 1)
        self.table.currentCellChanged.connect(lambda *_: self._show_detail())
        self.open_button.clicked.connect(self.open_current)
        self.save_button.clicked.connect(self.save_current)
        self.check_button.clicked.connect(lambda: self._reload())

    def set_reload(self, reload: Callable[[], None]) -> None:
        self._reload = reload

    def show_documents(self, documents: list[WardDocument], roots: int) -> None:
        self.documents = documents
        self.roots.setText(
            f"Cơ quan đã nhập {roots} chứng thư gốc tin cậy (Cài đặt › Chữ ký số). "
            "Cột “Xã kiểm tra” là kết quả xã lưu khi đính kèm; “Cơ quan kiểm tra lại” là kiểm tra vừa làm tại đây."
            if roots
            else "Cơ quan chưa nhập chứng thư gốc tin cậy nào (Cài đặt › Chữ ký số): mọi chữ ký sẽ là "
            "“không thuộc gốc tin cậy”."
        )
        fill(
            self.table,
            [
                [
                    KINDS.get(d.kind, d.kind),
                    d.name if d.path is not None else f"{d.name} (không gửi kèm nội dung)",
                    d.indicator or "—",
                    check_text(d.ward_check),
                    check_text(d.office_check),
                ]
                for d in documents
            ],
        )
        for row, d in enumerate(documents):
            item = self.table.item(row, 1)
            if item is not None:
                item.setToolTip(d.name)
        if documents:
            self.table.setCurrentCell(0, 0)
        else:
            self.detail.setPlainText("Xã/phường chưa gửi tệp minh chứng hay hồ sơ nào cho năm này.")

    def current(self) -> WardDocument | None:
        row = self.table.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    def _show_detail(self) -> None:
        d = self.current()
        if d is None:
            return
        lines = [
            f"{KINDS.get(d.kind, d.kind)}: {d.name} ({d.size:,} byte)".replace(",", "."),
        ]
        if d.indicator:
            lines.append(
                f"Chỉ tiêu: {d.indicator}" + (f" — hạn {format_date(d.deadline)}" if d.deadline else "")
            )
        if d.is_pdf:
            lines += check_lines("Xã kiểm tra khi đính kèm", d.ward_check)
            lines += check_lines("Cơ quan kiểm tra lại", d.office_check)
        self.detail.setPlainText("\n".join(lines))

    def open_current(self) -> None:
        d = self.current()
        if d is None or d.path is None:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(d.path)))

    def save_current(self) -> None:
        d = self.current()
        if d is None:
            return
        target = files.save_file_name(self, "Lưu bản sao tệp xã gửi", d.name, "Mọi tệp (*)")
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> Path | None:
        d = self.current()
        if d is None:
            return None
        try:
            service = WardFileService(self.ui.services.ctx, self.ui.services.signing)
            return service.save_copy(d, target)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return None
