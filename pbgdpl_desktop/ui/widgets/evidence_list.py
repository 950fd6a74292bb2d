"""Evidence files of one record: add (copied into the data directory), open with the system viewer, remove."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.ui.signing.badge import badge
from pbgdpl_desktop.ui.widgets import files

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.context import UiContext

ID_ROLE = 256


class EvidenceList(QWidget):
    changed = Signal()

    def __init__(self, ui: UiContext, owner_table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.owner_table = owner_table
        self.owner_id: str | None = None
        self.deadline: date | None = None
        self.pending: list[Path] = []  # files chosen before the record was saved
        self.list = QListWidget(self)
        self.add_button = QPushButton("Đính kèm tệp…", self)
        self.open_button = QPushButton("Mở", self)
        self.remove_button = QPushButton("Gỡ", self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._choose)
        self.open_button.clicked.connect(self._open)
        self.remove_button.clicked.connect(self._remove)

    def set_deadline(self, deadline: date | None) -> None:
        """The day a signed evidence PDF had to be signed by (shown beside its signature), if any."""
        self.deadline = deadline
        self.reload()

    def set_owner(self, owner_id: str | None) -> None:
        self.owner_id = owner_id
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.owner_id:
            for dto in self.ui.services.evidence.list_for(self.owner_table, self.owner_id):
                mark = badge(dto.signature, self.deadline)  # a signed PDF: what checking its signature found
                item = QListWidgetItem(
                    f"{dto.original_name} ({dto.size_bytes / 1024:.0f} KB)" + (f" — {mark}" if mark else "")
                )
                if dto.signature is not None and dto.signature.problem:
                    item.setToolTip(dto.signature.problem)
                item.setData(ID_ROLE, (dto.link_id, dto.sha256))
                self.list.addItem(item)
        for path in self.pending:
            item = QListWidgetItem(f"{path.name} (sẽ lưu cùng bản ghi)")
            item.setData(ID_ROLE, (None, str(path)))
            self.list.addItem(item)

    def add_file(self, path: Path) -> None:
        """Attach now if the record exists, else keep it for ``save_pending``."""

        def add() -> Changes:
            if self.owner_id:
                return self.ui.services.evidence.attach(path, self.owner_table, self.owner_id)[1]
            self.ui.services.evidence.check_file(path)
            self.pending.append(Path(path))
            return Changes()

        if self.ui.run_action(self, add):
            self.reload()
            self.changed.emit()

    def save_pending(self, owner_id: str) -> None:
        self.owner_id = owner_id
        files, self.pending = self.pending, []
        for path in files:
            self.add_file(path)
        self.reload()

    def _choose(self) -> None:
        paths = files.open_file_names(
            self,
            "Chọn tệp minh chứng",
            "Ảnh, PDF, văn bản (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;Mọi tệp (*)",
        )
        for path in paths:
            self.add_file(Path(path))

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        link_id, ref = item.data(ID_ROLE)
        try:
            path = self.ui.services.evidence.path_for_viewing(ref) if link_id else Path(ref)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        link_id, ref = item.data(ID_ROLE)
        if link_id is None:
            self.pending = [p for p in self.pending if str(p) != ref]
            self.reload()
            return

        def do_remove() -> None:
            self.ui.notify(self.ui.services.evidence.detach(link_id))
            self.reload()
            self.changed.emit()

        self.ui.messages.confirm(self, f"Gỡ tệp “{item.text()}” khỏi bản ghi này?", do_remove, yes_text="Gỡ")
