"""Fitting the clerk's screen, offscreen: the check itself bites, the kit's pieces (wrapping rows, compact combos,
elided labels, fitted dialogs) behave, the main window fills the room and remembers its place, and the text
size is read at start. The real-screen check at 100–150 % is tests/desk/test_fits_the_screen.py."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

import pbgdpl_desktop.ui
from pbgdpl_desktop.ui.desk_check import Desk, Report
from pbgdpl_desktop.ui.desk_dialogs import DIALOGS
from pbgdpl_desktop.ui.dissemination.session_dialog import SessionDialog
from pbgdpl_desktop.ui.launcher import open_main_window
from pbgdpl_desktop.ui.main_window import GEOMETRY_KEY, MainWindow
from pbgdpl_desktop.ui.pages import PAGES
from pbgdpl_desktop.ui.pages.settings import FONT_SIZE_AT_NEXT_START
from pbgdpl_desktop.ui.widgets.combos import make_combo
from pbgdpl_desktop.ui.widgets.elided import ElidedLabel
from pbgdpl_desktop.ui.widgets.fit import TITLE_BAR, client_room, set_desk
from pbgdpl_desktop.ui.widgets.flow import FlowLayout

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a taskbar


@pytest.fixture
def desk():
    """``desk(rect)`` limits every window to ``rect`` for the test."""
    yield set_desk
    set_desk(None)


@pytest.fixture
def app_font(qapp):
    """The application font is global: put it back after a test that changes the text size."""
    font = QApplication.font()
    yield
    QApplication.setFont(font)


# ---------------------------------------------------------------- the check
def test_desk_sizes_are_parsed_and_leave_a_taskbar():
    assert Desk.parse("1366x768") == Desk(1366, 768) == Desk.parse("1366×768")
    assert Desk(1366, 768).logical_room(1.0) == LAPTOP
    assert Desk(1366, 768).logical_room(1.5) == QRect(0, 0, 910, 485)
    for bad in ("1366", "wide", "10x10"):
        with pytest.raises(ValueError):
            Desk.parse(bad)


def test_the_check_names_a_window_that_cannot_shrink_to_the_screen(qtbot, desk):
    desk(QRect(0, 0, 400, 300))
    window = QWidget()
    qtbot.addWidget(window)
    window.setMinimumSize(500, 200)
    window.show()
    report = Report(1.0)
    report.check("cửa sổ thử", window)
    assert len(report.problems) == 1
    assert "cửa sổ thử không vừa màn hình 400×300" in report.problems[0]
    assert "không thu nhỏ được dưới 500×200" in report.problems[0]


def test_the_check_names_a_button_below_the_screen(qtbot, desk):
    desk(QRect(0, 0, 400, 300))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = QDialogButtonBox(dialog)
    buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QWidget(dialog), 1)
    layout.addWidget(buttons)
    dialog.setGeometry(10, 200, 300, 150)
    dialog.show()
    report = Report(1.0)
    report.check("hộp thoại thử", dialog)
    assert "nút “Lưu” nằm ngoài màn hình" in report.problems[0]


def test_a_window_that_fits_passes(qtbot, desk):
    desk(LAPTOP)
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(10, TITLE_BAR + 10, 800, 600)
    window.show()
    report = Report(1.0)
    report.check("cửa sổ thử", window)
    assert report.problems == []


def test_every_dialog_of_the_app_is_in_the_check():
    """A new QDialog class must be added to ui/desk_dialogs.py, or the screen check would not open it."""
    classes = set()
    for info in pkgutil.walk_packages(pbgdpl_desktop.ui.__path__, "pbgdpl_desktop.ui."):
        if info.name.endswith((".build_forms", ".launcher")) or ".forms_generated" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == info.name:
                classes.add(value.__name__)
    assert classes, "no dialog classes found"
    assert classes <= {spec.kind for spec in DIALOGS}, classes - {spec.kind for spec in DIALOGS}


# ---------------------------------------------------------------- the kit
def test_a_flow_row_wraps_instead_of_widening(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder)
    buttons = [QPushButton(f"Nút số {i} khá dài", holder) for i in range(6)]
    for button in buttons:
        row.addWidget(button)
    one_line = row.sizeHint().height()
    assert row.heightForWidth(row.sizeHint().width()) == one_line
    narrow = buttons[0].sizeHint().width() * 2 + 20
    assert row.heightForWidth(narrow) >= 3 * one_line
    assert row.minimumSize().width() <= buttons[0].sizeHint().width() + 1
    holder.resize(narrow, row.heightForWidth(narrow))
    holder.show()
    qtbot.waitUntil(lambda: buttons[-1].geometry().bottom() > one_line)
    assert all(holder.rect().contains(b.geometry()) for b in buttons)


def test_a_combo_does_not_size_itself_to_its_longest_item(qtbot):
    long_item = "Nhiệm vụ " + "rất dài " * 40
    short = make_combo([("Ngắn", 1)])
    combo = make_combo([("Ngắn", 1), (long_item, 2)])
    qtbot.addWidget(short)
    qtbot.addWidget(combo)
    assert combo.sizeHint().width() == short.sizeHint().width()
    assert combo.view().minimumWidth() > combo.sizeHint().width()  # its list still shows the item whole


def test_an_elided_label_keeps_its_text_and_can_shrink(qtbot):
    label = ElidedLabel("CSDL: /một/đường/dẫn/rất/dài/tới/tệp/pbgdpl.db")
    qtbot.addWidget(label)
    assert label.text() == label.toolTip() == "CSDL: /một/đường/dẫn/rất/dài/tới/tệp/pbgdpl.db"
    assert label.minimumSizeHint().width() < label.sizeHint().width() // 4


def test_a_record_dialog_fits_the_screen_and_stacks_its_columns_when_narrow(qtbot, ui, desk):
    desk(QRect(0, 0, 800, 560))
    narrow = SessionDialog(ui)
    qtbot.addWidget(narrow)
    narrow.show()
    limit = client_room(narrow)
    assert narrow.width() <= limit.width() and narrow.height() <= limit.height()
    assert narrow.property("fit_stacked") is True
    report = Report(1.0)
    report.check("hộp thoại", narrow)  # on screen, and so are Lưu and Đóng
    assert report.problems == []
    for button in narrow.findChild(QDialogButtonBox).buttons():
        assert narrow.rect().contains(button.geometry().translated(button.parentWidget().pos()))
    desk(LAPTOP)
    wide = SessionDialog(ui)
    qtbot.addWidget(wide)
    wide.show()
    assert wide.property("fit_stacked") is False


# ---------------------------------------------------------------- the main window and the text size
def test_the_main_window_fills_the_room_and_no_page_raises_its_minimum(qtbot, demo_ui, desk):
    desk(LAPTOP)
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.show()
    assert window.size() == client_room(window)
    for entry in PAGES:
        window.show_page(entry.key)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= LAPTOP.width() and minimum.height() <= LAPTOP.height() - TITLE_BAR, (
            entry.key
        )
        assert window.size() == client_room(window), entry.key


def test_the_main_window_opens_where_the_clerk_left_it(qtbot, demo_ui, desk, app_font):
    desk(LAPTOP)
    first = open_main_window(demo_ui)
    qtbot.addWidget(first)
    first.showNormal()
    first.setGeometry(QRect(40, 60, 700, 500))
    first.close()
    assert QSettings().value(GEOMETRY_KEY) is not None
    again = open_main_window(demo_ui)
    qtbot.addWidget(again)
    assert again.geometry().size() == QSize(700, 500)
    again.close()


def test_the_text_size_is_read_at_start_and_a_change_waits_for_the_next_start(qtbot, demo_ui, app_font):
    demo_ui.services.settings.set("ui.font_point_size", 14)
    window = open_main_window(demo_ui)
    qtbot.addWidget(window)
    assert QApplication.font().pointSize() == 14
    assert window.nav.font().pointSize() == 15
    page = window.show_page("settings")
    page.setting_widgets["ui.font_point_size"].setValue(16)
    page.save_settings()
    assert FONT_SIZE_AT_NEXT_START in page.settings_message.text()
    assert demo_ui.services.settings.get("ui.font_point_size") == 16
    assert QApplication.font().pointSize() == 14  # applied at the next start, as the message says
    page.setting_widgets["mediation.start_deadline_days"].setValue(5)
    page.save_settings()
    assert FONT_SIZE_AT_NEXT_START not in page.settings_message.text()
