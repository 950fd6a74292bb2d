"""Windows that fit the clerk's screen: the room a top-level window may take, and dialogs sized to it.

The room is the screen's available geometry (the taskbar left out), or a smaller "desk" when
``selftest --screen WxH`` simulates one. A dialog framed by ``frame_record_dialog`` keeps its button box below a
scroll area and is sized, when first shown, to what its content asks for but never more than the room; a
dialog in two columns (``two_columns``) stacks them when side by side they would not fit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QDialog, QFrame, QScrollArea, QWidget

# Room kept for the window manager's title bar (logical pixels): a window placed at the top of the room with
# this much less height still fits once decorated (Xvfb without a window manager draws none).
TITLE_BAR = 30
BORDER = 4  # and for the window's border on the other sides

BASE_POINT_SIZE = 10  # the text size the pixel widths in the code were chosen for

_desk: QRect | None = None


def text_scale() -> float:
    """How much larger the application's text is than ``BASE_POINT_SIZE`` (the "Cỡ chữ giao diện" setting)."""
    size = QGuiApplication.font().pointSizeF()
    return max(size, 1.0) / BASE_POINT_SIZE


def scaled(pixels: int) -> int:
    """A width chosen for 10 pt text, at the application's text size."""
    return round(pixels * text_scale())


def line_height() -> int:
    """The height of one line of the application's text."""
    return QFontMetrics(QGuiApplication.font()).height()


def set_desk(rect: QRect | None) -> None:
    """Limit every window to ``rect`` (logical pixels), e.g. a 1366×728 desk on a bigger screen; None: the
    screen's available geometry alone."""
    global _desk
    _desk = QRect(rect) if rect is not None else None


def room(widget: QWidget | None = None) -> QRect:
    """The area a top-level window may cover on ``widget``'s screen (logical pixels)."""
    if _desk is not None and QGuiApplication.platformName() == "offscreen":
        return QRect(_desk)  # the offscreen platform's screen is an arbitrary 800×800: the desk alone counts
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    if _desk is not None:
        area = area.intersected(_desk) if area.intersects(_desk) else QRect(_desk)
    return area


def client_room(widget: QWidget | None = None) -> QSize:
    """The largest client size of a top-level window: the room less a title bar and borders."""
    area = room(widget)
    return QSize(max(area.width() - 2 * BORDER, 100), max(area.height() - TITLE_BAR - BORDER, 100))


class FitScroll(QScrollArea):
    """A frameless scroll area that resizes its content to fill it: it scrolls only when it is smaller than the
    content needs. When the content's layout changes (rows wrap, a page rearranges itself) the content is
    resized at once; a plain QScrollArea waits for its own next resize."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fit_scroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
        return super().eventFilter(watched, event)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a ``FitScroll``."""
    return FitScroll(content, parent)


def two_columns(dialog: QDialog, columns: QBoxLayout) -> None:
    """``columns`` (a horizontal box of the dialog's form) stacks top to bottom when, side by side, they would
    not fit the room; decided when the dialog is first shown."""
    dialog.setProperty("fit_columns", True)
    _filter(dialog).columns = columns


def fit_dialog(dialog: QDialog, scroll: QScrollArea) -> None:
    """Size ``dialog`` to its content, within the room, the first time it is shown."""
    _filter(dialog).scroll = scroll


class _DialogFit(QObject):
    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self.setObjectName("dialog_fit")
        self.dialog = dialog
        self.scroll: QScrollArea | None = None
        self.columns: QBoxLayout | None = None
        self.done = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # getattr: Qt may deliver an event while __init__ is still setting the attributes up
        if watched is getattr(self, "dialog", None) and event.type() == QEvent.Type.Show and not self.done:
            self.done = True
            self.fit()
        return False

    def fit(self) -> None:
        limit = client_room(self.dialog.parentWidget() or self.dialog)
        if self.columns is not None:
            self._choose_columns(limit.width())
        wanted = self._wanted_size()
        if self.dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # the size the dialog asked for
            wanted = wanted.expandedTo(self.dialog.size())
        size = wanted.boundedTo(limit)
        self.dialog.resize(size)
        self.dialog.move(
            self._position(size)
        )  # moved: Qt's own placement knows neither the desk nor the room

    def _position(self, size: QSize) -> QPoint:
        """Centred over the parent window, moved inside the room with a title bar's height to spare."""
        area = room(self.dialog.parentWidget() or self.dialog)
        parent = self.dialog.parentWidget()
        centre = parent.window().frameGeometry().center() if parent is not None else area.center()
        x = centre.x() - size.width() // 2
        y = centre.y() - (size.height() + TITLE_BAR) // 2
        x = max(area.left(), min(x, area.right() + 1 - size.width() - 2 * BORDER))
        y = max(area.top(), min(y, area.bottom() + 1 - size.height() - TITLE_BAR - BORDER))
        return QPoint(x, y)

    def _chrome(self) -> QSize:
        """What the dialog adds around its scroll area (margins, error line, button box)."""
        layout = self.dialog.layout()
        if layout is None or self.scroll is None:
            return QSize(0, 0)
        outer = layout.sizeHint()
        inner = self.scroll.sizeHint()
        return QSize(max(outer.width() - inner.width(), 0), max(outer.height() - inner.height(), 0))

    def _wanted_size(self) -> QSize:
        layout = self.dialog.layout()
        inner = self.scroll.widget() if self.scroll is not None else None
        if self.scroll is None or inner is None:
            return layout.sizeHint() if layout is not None else self.dialog.sizeHint()
        content = inner.sizeHint()
        chrome = self._chrome()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return QSize(content.width() + chrome.width() + bar, content.height() + chrome.height())

    def _choose_columns(self, width: int) -> None:
        assert self.columns is not None
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
        self.columns.activate()
        content = self.scroll.widget() if self.scroll is not None else None
        needed = (content.minimumSizeHint() if content is not None else self.columns.minimumSize()).width()
        if needed + self._chrome().width() > width:
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
        self.dialog.setProperty("fit_stacked", self.columns.direction() == QBoxLayout.Direction.TopToBottom)


def _filter(dialog: QDialog) -> _DialogFit:
    found = dialog.findChild(_DialogFit, "dialog_fit", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else _DialogFit(dialog)
