"""Rows that wrap and pages that ask only the height they need.

``FlowLayout``: a row of filters or buttons that wraps onto the next line when the window is narrow (Qt's flow
layout example), so a toolbar never widens the window: at 150 % or with a large text size the row becomes two.

A wrapping row, like a word-wrapped label, has a height that depends on the width, and Qt then asks a widget
for the height it would *like* at that width — every table at its 192 px size hint — so a page in a scroll area
would scroll although it fits. ``least_height_for_width`` answers the least it needs instead (wrapped rows,
tables at their minimum); ``FitTabs`` answers it for the tab on show only (a hidden tab's rows do not
count), and ``Page`` (ui/pages/base.py) answers it for a page."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QWidget,
)

VERTICAL = (QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.BottomToTop)


class FlowLayout(QLayout):
    """Items left to right, wrapping; in each line the items that expand (a search box) share the spare width.

    ``addWidget`` as for any layout; ``add_labelled`` keeps a caption with its field on the same line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._pairs: list[QWidget] = []  # kept alive until a parent widget owns them
        self.setContentsMargins(0, 0, 0, 0)

    def add_labelled(self, text: str, field: QWidget) -> QWidget:
        """``text`` and ``field`` side by side, wrapped together."""
        pair = QWidget(self.parentWidget())
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(text, pair))
        row.addWidget(field, 1)
        pair.setSizePolicy(field.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        self._pairs.append(pair)
        self.addWidget(pair)
        return pair

    # ------------------------------------------------------------------ QLayout
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Everything on one line."""
        visible = self._visible()
        width = sum(item.sizeHint().width() for item in visible) + self._gap() * max(len(visible) - 1, 0)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest single item; the height of one line (the real height comes from heightForWidth)."""
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # ------------------------------------------------------------------ arranging
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        widget = self.parentWidget()
        style = widget.style() if widget is not None else None
        metric = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else -1
        return metric if metric >= 0 else 6

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, int]]] = []
        line: list[tuple[QLayoutItem, int]] = []
        used = 0
        for item in self._visible():
            hint = min(max(item.sizeHint().width(), item.minimumSize().width()), item.maximumSize().width())
            item_width = min(hint, max(width, item.minimumSize().width()))
            if line and used + gap + item_width > width:
                lines.append(line)
                line, used = [], 0
            used += (gap if line else 0) + item_width
            line.append((item, item_width))
        if line:
            lines.append(line)
        return lines

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        y = area.y()
        for index, line in enumerate(self._lines(area.width())):
            if index:
                y += gap
            height = max(item.sizeHint().height() for item, _ in line)
            if apply:
                self._place_line(line, QRect(area.x(), y, area.width(), height), gap)
            y += height
        return y - area.y() + margins.top() + margins.bottom()

    @staticmethod
    def _place_line(line: list[tuple[QLayoutItem, int]], rect: QRect, gap: int) -> None:
        spare = rect.width() - sum(width for _, width in line) - gap * (len(line) - 1)
        growing = [item for item, _ in line if item.expandingDirections() & Qt.Orientation.Horizontal]
        x = rect.x()
        for item, width in line:
            if spare > 0 and item in growing:
                width = min(width + spare // len(growing), item.maximumSize().width())
            height = min(item.sizeHint().height(), rect.height())
            top = rect.y() + (rect.height() - height) // 2
            item.setGeometry(QRect(QPoint(x, top), QSize(width, height)))
            x += width + gap


def least_height_for_width(widget: QWidget, width: int) -> int:
    """The least height at which ``widget``'s layout, ``width`` wide, lays everything out without overlap:
    what a vertical box gives its items when short of room — an item with a height-for-width (a wrapping row,
    a wrapped label, a ``FitTabs``) its height at that width, any other item its minimum. -1 when the layout
    has no height-for-width (then the widget's minimum height is all that counts)."""
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth():
        return -1
    if not isinstance(layout, QBoxLayout) or layout.direction() not in VERTICAL:
        return layout.totalHeightForWidth(width)
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    heights = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None or item.isEmpty():
            continue
        heights.append(
            item.heightForWidth(inner) if item.hasHeightForWidth() else item.minimumSize().height()
        )
    spacing = max(layout.spacing(), 0) * max(len(heights) - 1, 0)
    return sum(heights) + spacing + margins.top() + margins.bottom()


class FitTabs(QTabWidget):
    """A tab widget whose height for a width is the least its current tab needs (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        current = self.currentWidget()
        stack = current.parentWidget() if current is not None else None
        if current is None or stack is None:
            return super().heightForWidth(width)
        chrome_w = max(self.width() - stack.width(), 0) if self.isVisible() else 0
        chrome_h = self.minimumSizeHint().height() - stack.minimumSizeHint().height()
        least = least_height_for_width(current, width - chrome_w)
        return max(least + chrome_h, self.minimumSizeHint().height())
