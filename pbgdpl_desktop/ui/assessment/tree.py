"""The result tree: criteria → indicators → sub-items with coloured verdicts, value, score and source; the
office's note of an indicator (when its reply has one) in the last column."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from pbgdpl_desktop.scoring import AssessmentResult, NodeResult
from pbgdpl_desktop.ui.assessment.common import background, foreground, score_text

CODE_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Mã", "Nội dung", "Giá trị", "Điểm", "Kết quả", "Nguồn", "Ý kiến của Sở")
OFFICE_COLUMN = 6


class ResultTree(QTreeWidget):
    node_selected = Signal(str)  # code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessment_tree")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setAlternatingRowColors(False)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        header = self.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 135), (2, 110), (3, 70), (4, 150), (5, 75), (6, 150)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(col, width)
        header.setStretchLastSection(False)
        self._items: dict[str, QTreeWidgetItem] = {}
        self.setColumnHidden(OFFICE_COLUMN, True)
        self.currentItemChanged.connect(self._changed)

    def show_office_notes(self, notes: dict[str, tuple[str, str]]) -> None:
        """``notes``: code → (short text, full text). The column shows only when the year has notes; a note
        whose code is not in the tree (another rule file) is left to the page's summary."""
        for item in self._items.values():
            item.setText(OFFICE_COLUMN, "")
            item.setToolTip(OFFICE_COLUMN, "")
        for code, (short, full) in notes.items():
            noted = self._items.get(code)
            if noted is not None:
                noted.setText(OFFICE_COLUMN, short)
                noted.setToolTip(OFFICE_COLUMN, full)
                noted.setForeground(OFFICE_COLUMN, QBrush(QColor("#8a2b00")))
        self.setColumnHidden(OFFICE_COLUMN, not notes)

    def office_text(self, code: str) -> str:
        item = self._items.get(code)
        return "" if item is None else item.text(OFFICE_COLUMN)

    def show_result(self, result: AssessmentResult) -> None:
        current = self.current_code()
        expanded = {code for code, item in self._items.items() if item.isExpanded()}
        first = not self._items
        self.setColumnHidden(3, result.total is None)  # no points under pass/fail rules
        self.blockSignals(True)
        self.clear()
        self._items = {}
        for criterion in result.criteria:
            self.addTopLevelItem(self._item(criterion))
        for disq in result.disqualifiers:
            self.addTopLevelItem(self._item(disq))
        for code, item in self._items.items():
            item.setExpanded(first and item.parent() is None or code in expanded)
        self.blockSignals(False)
        if current in self._items:
            self.setCurrentItem(self._items[current])

    def clear_result(self) -> None:
        self.clear()
        self._items = {}

    def _item(self, node: NodeResult) -> QTreeWidgetItem:
        source = "" if node.children else ("Nhập tay" if node.source == "manual" else "Tự tính")
        title = node.title + (" ⚠" if node.unconfirmed else "")
        item = QTreeWidgetItem(
            [
                node.code,
                title,
                "" if node.children else node.display,
                score_text(node.points, node.max_points),
                node.verdict.label,
                source,
            ]
        )
        item.setData(0, CODE_ROLE, node.code)
        item.setToolTip(
            1, node.title + ("\n(chưa xác nhận — cần đối chiếu văn bản)" if node.unconfirmed else "")
        )
        item.setToolTip(4, node.reason)
        item.setBackground(4, background(node.verdict))
        item.setForeground(4, foreground(node.verdict))
        if node.level in ("criterion", "disqualifier"):
            font = item.font(1)
            font.setBold(True)
            for col in range(len(COLUMNS)):
                item.setFont(col, font)
        self._items[node.code] = item
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def current_code(self) -> str | None:
        item = self.currentItem()
        return None if item is None else item.data(0, CODE_ROLE)

    def select(self, code: str) -> None:
        item = self._items.get(code)
        if item is not None:
            parent = item.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            self.setCurrentItem(item)

    def verdict_text(self, code: str) -> str:
        item = self._items.get(code)
        return "" if item is None else item.text(4)

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.node_selected.emit(current.data(0, CODE_ROLE))
