"""Entry that forgives (#12 §6): the wheel guard, "Hủy" as the default answer, the question before changes are
thrown away, Ctrl+S, and the window's shortcuts (Ctrl+1…8, Ctrl+N, Ctrl+F, F1)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.ui.application import get_application
from pbgdpl_desktop.ui.dialogs.help import HelpDialog
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.messages import MessageService
from pbgdpl_desktop.ui.widgets.basic import SearchBox
from pbgdpl_desktop.ui.widgets.form_dialog import FormDialog, line
from pbgdpl_desktop.ui.widgets.keys import guard_wheel
from tests.helpers.qt import type_text


def _wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_never_changes_an_unfocused_spin_box(qtbot):
    get_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    spin, other = QSpinBox(holder), QLineEdit(holder)
    spin.setRange(0, 100)
    spin.setValue(10)
    layout.addWidget(spin)
    layout.addWidget(other)
    guard_wheel(holder)  # what the main window does for each page and the frame for each dialog
    holder.show()
    qtbot.waitExposed(holder)
    other.setFocus()
    _wheel(spin)
    assert spin.value() == 10
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not hand it the focus either
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin)
    assert spin.value() == 11


def test_a_question_defaults_to_cancel(qtbot):
    get_application()
    parent = QWidget()
    qtbot.addWidget(parent)
    answered = []
    MessageService().confirm(parent, "Xóa vụ việc số 5?", lambda: answered.append("yes"), yes_text="Xóa")
    box = parent.findChild(QMessageBox)
    assert box is not None
    assert box.defaultButton().text() == "Hủy"
    assert box.escapeButton().text() == "Hủy"
    box.defaultButton().click()
    assert answered == []


def _form(ui, saved: list[dict]) -> FormDialog:
    def submit(values: dict) -> Changes:
        saved.append(values)
        return Changes()

    dialog = FormDialog(ui, "Thêm tổ hòa giải", [("name", "Tên tổ", line())], submit)
    dialog.open()
    return dialog


def test_a_changed_dialog_asks_before_discarding(qtbot, ui_for, services):
    saved: list[dict] = []
    keep_ui = ui_for(services, answer=False)  # the clerk answers "Tiếp tục sửa"
    dialog = _form(keep_ui, saved)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed yet: closes without a question
    assert not dialog.isVisible()
    assert keep_ui.messages.texts("confirm") == []

    dialog = _form(keep_ui, saved)
    qtbot.addWidget(dialog)
    type_text(dialog.widgets["name"], "Tổ 5")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "Esc threw typed text away without asking"
    assert "chưa lưu" in keep_ui.messages.texts("confirm")[0]
    dialog.close()  # the title bar's ×
    assert dialog.isVisible()
    assert dialog.widgets["name"].text() == "Tổ 5"
    dialog.reject()  # the test's own way out: reject() is not the clerk's Esc

    discard_ui = ui_for(services, answer=True)  # "Bỏ thay đổi"
    dialog = _form(discard_ui, saved)
    qtbot.addWidget(dialog)
    type_text(dialog.widgets["name"], "Tổ 6")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert saved == []


def test_ctrl_s_saves_a_record_dialog(qtbot, ui):
    saved: list[dict] = []
    dialog = _form(ui, saved)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    type_text(dialog.widgets["name"], "Tổ 7")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.widgets["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved == [{"name": "Tổ 7"}]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_window_shortcuts_and_buttons_that_need_a_row(qtbot, demo_ui):
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    year = window.current_page().findChild(QSpinBox)
    assert (
        year is not None and year.focusPolicy() == Qt.FocusPolicy.StrongFocus
    )  # the page's boxes are guarded
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().key == "mediation"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().key == "settings"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page.key == "dissemination"

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, SearchBox)
    assert focused.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
    assert [d.windowTitle() for d in dialogs] == ["Thêm buổi phổ biến pháp luật"]
    dialogs[0].reject()

    cases = window.show_page("mediation").cases
    window.current_page().tabs.setCurrentWidget(cases)
    assert not cases.open_button.isEnabled() and not cases.delete_button.isEnabled()  # no row selected
    cases.view.selectRow(0)
    assert cases.open_button.isEnabled() and cases.delete_button.isEnabled()
    cases.view.clearSelection()
    assert not cases.delete_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(HelpDialog)
    assert guide is not None and guide.isVisible()
    assert "Phím tắt" in guide.browser.toPlainText()
    assert "Ctrl+N" in guide.browser.toPlainText()
    guide.close()


def test_restore_from_the_deleted_list(qtbot, ui):
    from pbgdpl_desktop.ui.dialogs.deleted import DeletedDialog
    from tests.builders import session_input

    session, _ = ui.services.dissemination.sessions.save(session_input(title="Tuyên truyền Luật Hôn nhân"))
    ui.services.dissemination.sessions.delete(session.id)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    page = window.show_page("dissemination")
    button = page.findChild(QPushButton, "dissemination_deleted_button")
    button.click()
    dialog = page.findChild(DeletedDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Tuyên truyền Luật Hôn nhân"
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert ui.services.dissemination.sessions.get(session.id).data.title == "Tuyên truyền Luật Hôn nhân"
    assert dialog.table.rowCount() == 0
    assert page.sessions.model.rowCount() == 1  # the list shows it again
