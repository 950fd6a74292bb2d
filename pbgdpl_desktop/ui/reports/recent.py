"""The list of documents made recently on this machine (newest first); a click previews one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from pbgdpl_desktop.domain.dates import format_datetime
from pbgdpl_desktop.services.reports.service import ReportOutput


class RecentOutputs(QListWidget):
    def __init__(self, on_pick: Callable[[ReportOutput], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recent_outputs")
        self._on_pick = on_pick
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._picked)
        self.itemClicked.connect(self._picked)

    def set_outputs(self, outputs: Sequence[ReportOutput]) -> None:
        self.clear()
        if not outputs:
            item = QListWidgetItem("Chưa tạo văn bản nào.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            return
        for output in outputs:
            item = QListWidgetItem(
                f"{output.title} — {format_datetime(output.created_at)}\n{output.path.name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, output)
            item.setToolTip(str(output.path))
            self.addItem(item)

    def _picked(self, item: QListWidgetItem) -> None:
        output = item.data(Qt.ItemDataRole.UserRole)
        if output is not None:
            self._on_pick(output)
