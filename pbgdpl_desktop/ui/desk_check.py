"""Does every window fit the clerk's screen? (``pbgdpl-desktop selftest --screen 1366x768 [--scale 1.5]``)

On the real platform, the main window shows every page (and every tab of it), then every dialog of ``DIALOGS``
is opened over it. A window fits when its frame — with a title bar added where no window manager draws one
(Xvfb) — lies inside the room (the screen less the taskbar), its minimum size too, and every button of a
dialog's button box lies inside the room. Sizes are reported in screen pixels."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTabWidget, QWidget

from pbgdpl_desktop.ui.desk_dialogs import DIALOGS, PageNotInModeError
from pbgdpl_desktop.ui.widgets.fit import BORDER, TITLE_BAR, room

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SETTLE_ROUNDS = 5
TASKBAR = 40  # screen pixels kept for a taskbar: 768 → 728 on the common 1366×768 laptop


@dataclass(frozen=True)
class Desk:
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Desk:
        """ "1366x768" (or 1366×768) → Desk; ValueError on anything else."""
        width, _, height = text.lower().replace("×", "x").partition("x")
        desk = cls(int(width), int(height))
        if desk.width < 320 or desk.height < 240:
            raise ValueError(text)
        return desk

    def logical_room(self, ratio: float) -> QRect:
        """The desk less the taskbar, in Qt's logical pixels at device pixel ratio ``ratio``."""
        return QRect(0, 0, int(self.width / ratio), int((self.height - TASKBAR) / ratio))


class Report:
    """What was checked and what did not fit, in screen pixels."""

    def __init__(self, ratio: float) -> None:
        self.ratio = ratio
        self.problems: list[str] = []
        self.skipped: list[str] = []

    def px(self, size: QSize) -> str:
        return f"{round(size.width() * self.ratio)}×{round(size.height() * self.ratio)}"

    def check(self, name: str, window: QWidget, part: QWidget | None = None) -> None:
        """Check ``window``; ``part`` (a page) has its own minimum size reported beside it."""
        area = room(window)
        frames = decorated(window)
        frame, _ = frames[0]
        placed = next(((f, shift) for f, shift in frames if area.contains(f)), None)
        misfits = []
        if frame.width() > area.width() or frame.height() > area.height():
            misfits.append(f"cửa sổ {self.px(frame.size())}")
        elif placed is None:
            corner = f"{round(frame.x() * self.ratio)}, {round(frame.y() * self.ratio)}"
            misfits.append(f"cửa sổ lệch ra ngoài màn hình (góc trên trái {corner})")
        chrome = frame.size() - window.size()
        minimum = window.minimumSize().expandedTo(window.minimumSizeHint())
        if (
            minimum.width() + chrome.width() > area.width()
            or minimum.height() + chrome.height() > area.height()
        ):
            misfits.append(f"không thu nhỏ được dưới {self.px(minimum)}")
        misfits.extend(self._buttons_outside(window, area, placed[1] if placed else QPoint(0, 0)))
        verdict = "; ".join(misfits) if misfits else "vừa"
        own = ""
        if part is not None:
            own = f" (trang tối thiểu {self.px(part.minimumSizeHint())}{self._scrolls(part)})"
        print(f"  {name}: {self.px(frame.size())}{own} — {verdict}")
        if misfits:
            self.problems.append(f"{name} không vừa màn hình {self.px(area.size())}: {'; '.join(misfits)}")

    def _scrolls(self, page: QWidget) -> str:
        """Whether the page is larger than the window shows (its scroll area then scrolls)."""
        viewport = page.parentWidget()
        if viewport is None:
            return ""
        hidden = [
            word
            for word, over in (
                ("ngang", page.width() > viewport.width()),
                ("dọc", page.height() > viewport.height()),
            )
            if over
        ]
        return f", cuộn {' và '.join(hidden)}" if hidden else ""

    def _buttons_outside(self, window: QWidget, area: QRect, shift: QPoint) -> list[str]:
        outside = []
        for box in window.findChildren(QDialogButtonBox):
            if not box.isVisible():
                continue
            for button in box.buttons():
                rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size()).translated(shift)
                if button.isVisible() and not area.contains(rect):
                    outside.append(f"nút “{button.text()}” nằm ngoài màn hình")
        return outside


def decorated(window: QWidget) -> list[tuple[QRect, QPoint]]:
    """The frames ``window`` has or would have, each with how far its client area moves: the real frame when a
    window manager draws one; without one (Xvfb) a title bar and borders added either around the client area
    (a window placed by its client area, like the main window) or below and right of where it stands (a
    window placed by its frame, like a dialog: the client area then moves down)."""
    frame = window.frameGeometry()
    geometry = window.geometry()
    if frame != geometry:
        return [(frame, QPoint(0, 0))]
    grown = geometry.size() + QSize(2 * BORDER, TITLE_BAR + BORDER)
    return [
        (geometry.adjusted(-BORDER, -TITLE_BAR, BORDER, BORDER), QPoint(0, 0)),
        (QRect(geometry.topLeft(), grown), QPoint(BORDER, TITLE_BAR)),
    ]


def check_desk(app: QApplication, window: MainWindow, ratio: float) -> Report:
    """Show every page and tab, then every dialog, checking each; the report of what did not fit."""
    report = Report(ratio)
    print(f"Màn hình: {report.px(room(window).size())} điểm ảnh dành cho cửa sổ (tỉ lệ {ratio:g}).")
    for entry in window.entries:  # the pages of the file's mode (office mode: the office's pages)
        page = window.show_page(entry.key)
        for tab_name in _each_tab(app, page):
            label = f"trang “{entry.title}”" + (f" › “{tab_name}”" if tab_name else "")
            report.check(label, window, page)
    window.show_page(window.entries[0].key)
    settle(app)
    for spec in DIALOGS:
        try:
            opened = spec.open(window)
        except PageNotInModeError:  # a ward's dialog on an office database: its page is not in the navigation
            print(f"  hộp thoại “{spec.title}”: bỏ qua (không có ở chế độ này)")
            continue
        if opened is None:
            report.skipped.append(spec.title)
            print(f"  hộp thoại “{spec.title}”: bỏ qua (không có dữ liệu để mở)")
            continue
        settle(app)
        report.check(f"hộp thoại “{spec.title}”", opened.dialogs[-1])
        for dialog in reversed(opened.dialogs):
            dialog.reject()
            dialog.close()
        app.processEvents()
    return report


def settle(app: QApplication) -> None:
    """Let posted layout requests run (each level of nesting posts the next one)."""
    for _ in range(SETTLE_ROUNDS):
        app.processEvents()


def _each_tab(app: QApplication, page: QWidget) -> Iterator[str]:
    """Show each tab of the page's tab widgets in turn (the page itself first)."""
    settle(app)
    yield ""
    for tabs in page.findChildren(QTabWidget):
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            settle(app)
            yield tabs.tabText(index)
        tabs.setCurrentIndex(0)
