""" "What to fix": the failing items ordered by how little is missing, and why the year is not passed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pbgdpl_desktop.scoring import AssessmentResult
from pbgdpl_desktop.scoring.fmt import points as fmt_points


class FixList(QWidget):
    code_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fixes = QListWidget(self)
        self.fixes.setObjectName("assessment_fixes")
        self.blocking = QListWidget(self)
        self.blocking.setObjectName("assessment_blocking")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("<b>Cần khắc phục</b> (mục thiếu ít nhất xếp trước — bấm để xem chi tiết)", self)
        )
        layout.addWidget(self.fixes, 3)
        layout.addWidget(QLabel("<b>Lý do chưa đạt</b>", self))
        layout.addWidget(self.blocking, 2)
        self.fixes.itemActivated.connect(self._chosen)
        self.fixes.itemClicked.connect(self._chosen)

    def show_result(self, result: AssessmentResult) -> None:
        self.fixes.clear()
        for fix in result.fixes:
            lost = f" — mất {fmt_points(fix.points_lost)} điểm" if fix.points_lost else ""
            item = QListWidgetItem(f"{fix.code}  {fix.text}{lost}\n      {fix.title}")
            item.setData(Qt.ItemDataRole.UserRole, fix.code)
            self.fixes.addItem(item)
        if not result.fixes:
            self.fixes.addItem("Không có mục nào cần khắc phục.")
        self.blocking.clear()
        self.blocking.addItems(list(result.blocking) or ["Đạt chuẩn: không có lý do chặn."])

    def _chosen(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.code_chosen.emit(code)
