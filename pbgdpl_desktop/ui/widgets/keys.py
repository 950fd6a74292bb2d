"""Keyboard and mouse habits of the whole app.

- **Wheel guard**: the mouse wheel never changes a spin box, date box or combo box that does not have the
  keyboard focus — it scrolls the page instead (a clerk scrolling a long form must not change "Số người
  tham dự" on the way). Those boxes take focus by click or Tab, not by the wheel.
- **New record / search**: a page's main "Thêm …" button is marked with :func:`mark_new`; Ctrl+N presses the
  visible one, Ctrl+F puts the cursor in the visible search box (``SearchBox``).
- **Selection**: Sửa/Xóa and the other buttons that act on one row are disabled until a row is selected."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

NEW_RECORD_PROPERTY = "pbgdpl_new_record"
SEARCH_PROPERTY = "pbgdpl_search"
WHEEL_GUARDED = "pbgdpl_wheel_guarded"


class WheelGuard(QObject):
    """The event filter of the spin and combo boxes of a page or dialog (installed by :func:`guard_wheel`, not
    on the whole application: an application-wide Python filter would run for every event of the app)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QAbstractSpinBox | QComboBox)
            and not watched.hasFocus()
        ):
            parent = watched.parentWidget()
            if parent is not None:
                QCoreApplication.sendEvent(parent, event)  # the page (its scroll area) scrolls instead
            return True
        return False


_GUARD: list[WheelGuard] = []


def guard_wheel(root: QWidget) -> None:
    """Every spin, date and combo box under ``root`` ignores the wheel unless it has the focus, and takes the
    focus by click or Tab only. Called for each page when it is built and each record dialog when shown."""
    if not _GUARD:
        app = QCoreApplication.instance()
        _GUARD.append(WheelGuard(app))
    guard = _GUARD[0]
    boxes: list[QWidget] = [*root.findChildren(QAbstractSpinBox), *root.findChildren(QComboBox)]
    for box in boxes:
        if box.property(WHEEL_GUARDED):
            continue
        box.setProperty(WHEEL_GUARDED, True)
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(guard)


def mark_new(button: QAbstractButton) -> QAbstractButton:
    """This button adds a record on its page (Ctrl+N presses it when it is visible)."""
    button.setProperty(NEW_RECORD_PROPERTY, True)
    tip = button.toolTip()
    button.setToolTip(f"{tip}\n(Ctrl+N)" if tip else "Ctrl+N")
    return button


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def press_new(page: QWidget) -> bool:
    """Press the visible "new record" button of ``page``; False when it has none."""
    for button in page.findChildren(QAbstractButton):
        if button.property(NEW_RECORD_PROPERTY) and _visible(button):
            button.click()
            return True
    return False


def focus_search(page: QWidget) -> bool:
    """Put the cursor in the visible search box of ``page`` (text selected); False when it has none."""
    for box in page.findChildren(QLineEdit):
        if box.property(SEARCH_PROPERTY) and _visible(box):
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()
            return True
    return False


class _NeedsSelection(QObject):
    """Owned by the view, so its connections die with the view (a model signal during the view's destruction
    must not reach a deleted view)."""

    def __init__(self, view: QAbstractItemView, buttons: tuple[QAbstractButton, ...]) -> None:
        super().__init__(view)
        self.view, self.buttons = view, buttons

    @Slot()
    def update(self) -> None:
        if not shiboken6.isValid(self.view):  # a table widget's model empties itself while the view dies
            return
        model = self.view.selectionModel()
        selected = model is not None and model.hasSelection()
        for button in self.buttons:
            if shiboken6.isValid(button):
                button.setEnabled(selected)


def needs_selection(view: QAbstractItemView, *buttons: QAbstractButton) -> None:
    """``buttons`` (Sửa…, Xóa…) are enabled only while ``view`` has a selected row; call after ``setModel``."""
    watcher = _NeedsSelection(view, buttons)
    selection = view.selectionModel()
    if selection is not None:
        selection.selectionChanged.connect(watcher.update)
    model = view.model()
    if model is not None:
        for signal in (model.modelReset, model.rowsRemoved, model.layoutChanged):
            signal.connect(watcher.update)
    watcher.update()
