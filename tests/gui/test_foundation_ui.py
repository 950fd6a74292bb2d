"""First-run dialog, main window shell, settings page, the paged table model and the task runner."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pbgdpl_desktop.domain.errors import Cancelled, ValidationError
from pbgdpl_desktop.domain.text import fold
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.ui.dialogs.ward_profile import FirstRunDialog
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.models.paged_table import Column, PagedTableModel
from pbgdpl_desktop.ui.pages import PAGES
from pbgdpl_desktop.ui.pages.placeholder import UNDER_CONSTRUCTION, PlaceholderPage
from pbgdpl_desktop.ui.pages.sync import SyncPage
from pbgdpl_desktop.ui.tasks import TaskRunner
from tests.helpers.qt import grab, type_text


def test_first_run_dialog_picks_the_ward_by_typing_without_diacritics(qtbot, ui):
    dialog = FirstRunDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.profile_form.form
    type_text(form.province_list.filter_edit, "ha noi")
    assert form.province_list.visible_labels() == ["Thành phố Hà Nội"]
    assert form.province_list.select_value(lambda p: p.code == "01")
    assert form.receiving_office_edit.text() == "Sở Tư pháp thành phố Hà Nội"
    type_text(form.commune_list.filter_edit, "hoan kiem")
    assert form.commune_list.visible_labels() == ["Phường Hoàn Kiếm"]
    form.commune_list.select_value(lambda c: c.code == "00070")
    assert form.commune_name_edit.text() == "Phường Hoàn Kiếm"
    assert form.commune_type_edit.text() == "Phường — mã 00070"
    type_text(form.chairman_edit, "Nguyễn Văn Thành")
    type_text(form.clerk_edit, "Đặng Thị Thu Hà")
    type_text(form.address_edit, "Số 126 phố Hàng Trống")
    grab(dialog, "first_run_dialog")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    profile = ui.services.ward.get()
    assert profile.commune_code == "00070" and profile.commune_name == "Phường Hoàn Kiếm"
    assert profile.chairman == "Nguyễn Văn Thành" and profile.clerk_name == "Đặng Thị Thu Hà"
    assert profile.receiving_office == "Sở Tư pháp thành phố Hà Nội"


def test_first_run_dialog_keeps_input_and_explains_a_missing_commune(qtbot, ui):
    dialog = FirstRunDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.profile_form.form
    form.province_list.select_value(lambda p: p.code == "79")
    type_text(form.chairman_edit, "Trần Thị Bích")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "Chưa chọn xã/phường/đặc khu" in dialog.error_label.text()
    assert form.chairman_edit.text() == "Trần Thị Bích"
    assert ui.services.ward.get() is None


def test_main_window_shell_paints_before_the_file_is_open_then_fills(qtbot, demo_ui):
    """#17: the launch shows the window without services (navigation, "Đang mở dữ liệu…"), and ``attach``
    fills it; a page the clerk picked in the shell is the one built."""
    window = MainWindow(None, first_page_after_paint=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.ward_label.text() == "Đang mở dữ liệu…"
    assert window.nav.count() == len(PAGES) and not window.pages
    assert not window.menuBar().isEnabled()
    window.new_record()  # Ctrl+N in the shell: nothing to act on, and no error
    window.nav.setCurrentRow(2)  # chosen while the file opens
    assert not window.pages
    window.attach(demo_ui)
    qtbot.waitUntil(lambda: bool(window.pages))  # now, or just after the first paint
    assert list(window.pages) == ["mediation"]
    assert window.current_page() is window.pages["mediation"]
    assert window.menuBar().isEnabled()
    assert window.ward_label.text() != "Đang mở dữ liệu…"
    assert window.db_label.text().startswith("CSDL: ")


def test_main_window_shows_every_page_and_the_status_bar(qtbot, demo_ui):
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Tổng quan",
        "Phổ biến GDPL",
        "Hòa giải",
        "Kinh phí",
        "Chuẩn tiếp cận pháp luật",
        "Báo cáo & in ấn",
        "Đồng bộ",
        "Cài đặt",
    ]
    for entry in PAGES:
        page = window.show_page(entry.key)
        assert window.current_page() is page
        if isinstance(page, PlaceholderPage):
            notices = [w.text() for w in page.findChildren(QLabel)]
            assert any(UNDER_CONSTRUCTION in text for text in notices)
    assert isinstance(window.page("sync"), SyncPage)
    assert "Phường Hoàn Kiếm" in window.ward_label.text()
    assert str(demo_ui.services.ctx.db.path) in window.db_label.text()
    assert demo_ui.messages.texts("error") == []
    window.show_page("sync")
    grab(window, "main_window_sync")
    window.show_page("settings")
    grab(window, "main_window_settings")


def test_settings_page_edits_the_ward_and_settings(qtbot, demo_ui):
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    page = window.show_page("settings")
    page.profile_form.form.chairman_edit.setText("Lê Văn Mới")
    page.save_ward()
    assert demo_ui.services.ward.get().chairman == "Lê Văn Mới"
    page.setting_widgets["budget.minimum_per_year"].setText("20.000.000")
    page.setting_widgets["mediation.start_deadline_days"].setValue(4)
    page.save_settings()
    assert demo_ui.services.settings.get("budget.minimum_per_year") == 20_000_000
    assert demo_ui.services.settings.get("mediation.start_deadline_days") == 4
    page.setting_widgets["budget.minimum_per_year"].setText("1,5 triệu")
    page.save_settings()
    assert "không phải số tiền hợp lệ" in page.settings_message.text()
    assert demo_ui.services.settings.get("budget.minimum_per_year") == 20_000_000


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    amount: int


class ListSource:
    """A real (in-memory) source with the same contract as the SQL ones: count/page with search and sort."""

    def __init__(self, n: int) -> None:
        self.rows = [Row(str(i), f"Nguyễn Văn {i}" if i % 2 else f"Trần Thị {i}", i * 1000) for i in range(n)]
        self.pages_asked = 0

    def _select(self, query: ListQuery) -> list[Row]:
        rows = [r for r in self.rows if fold(query.search) in fold(r.name)]
        if query.sort_key:
            rows.sort(key=lambda r: getattr(r, query.sort_key), reverse=query.descending)
        return rows

    def count(self, query: ListQuery) -> int:
        return len(self._select(query))

    def page(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        self.pages_asked += 1
        return self._select(query)[offset : offset + limit]


def test_paged_table_model_contract(qtmodeltester):
    source = ListSource(1000)
    model = PagedTableModel(source, [Column("name", "Họ và tên"), Column("amount", "Số tiền", "money")])
    qtmodeltester.check(model)
    assert model.rowCount() == 1000
    assert model.index(999, 1).data() == "999.000 đ"
    assert source.pages_asked == 2  # only the blocks painted or asked for are fetched
    model.set_query(model.query.with_search("nguyen"))
    assert model.rowCount() == 500
    model.sort(1, Qt.SortOrder.DescendingOrder)  # re-runs the query sorted, no proxy over all rows
    assert model.row_at(0).amount == 999_000
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).amount == 1_000


def test_task_runner_delivers_results_and_errors_on_the_gui_thread(qtbot, ui):
    runner = TaskRunner(ui.messages)
    results = []
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run(lambda progress: sum(range(10)), on_done=results.append)
    assert results == [45]

    def fails(progress):
        raise ValidationError("Ngày kết thúc trước ngày bắt đầu.")

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run(fails)
    assert ui.messages.texts("error") == ["Ngày kết thúc trước ngày bắt đầu."]

    def cancelled(progress):
        raise Cancelled()

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run(cancelled)
    assert len(ui.messages.shown) == 1  # a cancelled task shows nothing
    assert runner.wait()


def test_bug_in_a_task_shows_an_apology_with_the_log_path(qtbot, ui):
    ui.messages.log_file = ui.paths.log_file
    runner = TaskRunner(ui.messages, synchronous=True)
    runner.run(lambda progress: 1 / 0)
    [text] = ui.messages.texts("error")
    assert "Xin lỗi" in text and str(ui.paths.log_file) in text and "ZeroDivisionError" not in text


def test_designer_forms_are_compiled_and_current():
    from pbgdpl_desktop.ui.build_forms import stale_forms

    assert stale_forms() == []


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_every_page_module_builds(qtbot, demo_ui, key):
    import importlib

    page = importlib.import_module(f"pbgdpl_desktop.ui.pages.{key}").create_page(demo_ui)
    qtbot.addWidget(page)
    assert page.key == key
    headings = [label.text() for label in page.findChildren(QLabel) if label.text().startswith("<h2>")]
    assert len(headings) == 1, f"page {key} needs one heading, has {headings}"


def test_uncaught_exception_is_logged_and_shown_without_traceback(qtbot, ui, caplog):
    import sys

    from pbgdpl_desktop.ui.errors import install_excepthook

    saved = sys.excepthook
    ui.messages.log_file = ui.paths.log_file
    install_excepthook(ui.messages)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            with caplog.at_level("ERROR"):
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    [text] = ui.messages.texts("error")
    assert "Xin lỗi" in text and "boom" not in text and "Traceback" not in text
    assert any("uncaught exception" in r.message for r in caplog.records)


def test_result_is_never_delivered_inside_a_progress_update(qtbot, ui):
    """A shown modal QProgressDialog.setValue() runs a nested event loop; the done callback used to run inside
    it (and QPdfDocument.load then hung the Reports page). It must run after the update has returned."""
    import threading

    from PySide6.QtWidgets import QApplication, QProgressDialog

    runner = TaskRunner(ui.messages)
    release = threading.Event()

    def work(progress):
        progress.update(0, 200, "Đang chuẩn bị…")
        release.wait(20)
        for i in range(1, 201):
            progress.update(i, 200)
        return "xong"

    import inspect

    seen = []

    def inside_update() -> bool:
        return any(frame.function == "_on_progress" for frame in inspect.stack())

    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.run(work, on_done=lambda result: seen.append((result, inside_update())))
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
            ),
            timeout=10_000,
        )
        release.set()
    assert seen == [("xong", False)]
    assert runner.wait()


def test_emitting_signals_keeps_python_alive(qapp):
    """PySide6 6.12.0 dropped a reference to True on every Signal.emit(); after some hundreds of emits the
    interpreter aborted ("bool_dealloc"). The pinned version must not do that."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        changed = Signal(int)

    source = Source()
    received = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(500):
        source.changed.emit(i)
    assert len(received) == 500
    assert sys.getrefcount(True) >= before - 5  # a few refs may move elsewhere, never one per emit


def test_first_run_lists_answer_the_keyboard(qtbot, ui):
    dialog = FirstRunDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keyboard focus needs an active window
    form = dialog.profile_form.form
    provinces = form.province_list
    type_text(provinces.filter_edit, "ha noi")  # one match: chosen without a click
    assert provinces.current_value().code == "01"
    assert form.receiving_office_edit.text() == "Sở Tư pháp thành phố Hà Nội"
    assert form.commune_list.visible_labels(), "the communes of Hà Nội are listed at once"
    provinces.filter_edit.clear()
    type_text(provinces.filter_edit, "thanh pho")  # several matches: Down moves into the list
    assert len(provinces.visible_labels()) > 1
    provinces.filter_edit.setFocus()
    qtbot.keyClick(provinces.filter_edit, Qt.Key.Key_Down)
    assert provinces.view.hasFocus()
    assert provinces.view.currentIndex().isValid()  # Hà Nội, still chosen, or the first match
    row = provinces.view.currentIndex().row()
    qtbot.keyClick(provinces.view, Qt.Key.Key_Down)
    assert provinces.view.currentIndex().row() == row + 1
    qtbot.keyClick(provinces.view, Qt.Key.Key_Return)
    assert not provinces.view.hasFocus()  # Enter chose and moved on
    assert provinces.current_value() is not None
