"""The office's pages offscreen: the navigation of an upper-office database shows them instead of the
ward's record pages; the registry lists every commune; the ward file saves an appraisal and a status and
shows the conflict message on a stale save; the roll-up draws its chart and exports Excel."""

from __future__ import annotations

import openpyxl
import pytest

from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.ui.main_window import MainWindow
from pbgdpl_desktop.ui.office import OFFICE_PAGES
from pbgdpl_desktop.ui.office.imports import OfficeImportPage
from pbgdpl_desktop.ui.office.rollup import OfficeRollupPage
from pbgdpl_desktop.ui.office.ward_file import OfficeWardFilePage
from pbgdpl_desktop.ui.office.wards import OfficeWardsPage
from tests.helpers.bundles import small_ward
from tests.helpers.office import office_of, open_office

YEAR = 2026


@pytest.fixture
def office_ui(ui_for, services, _template_db, clock, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    assert office_of(office_svc).import_paths([record.path]).ok
    ui = ui_for(office_svc)
    ui.bundle = record.path
    yield ui
    office_svc.ctx.db.close()


def test_office_mode_navigation_shows_the_office_pages(qtbot, office_ui):
    window = MainWindow(office_ui)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [e.title for e in OFFICE_PAGES]
    assert "Hòa giải" not in titles
    for entry in OFFICE_PAGES:
        page = window.show_page(entry.key)
        assert type(page).__name__ != "PlaceholderPage", entry.key
    assert office_ui.messages.texts("error") == []


def test_wards_page_lists_the_province_and_the_missing(qtbot, office_ui):
    page = OfficeWardsPage(office_ui)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    assert page.table.rowCount() == 126
    codes = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    row = codes.index("00070")
    assert page.table.item(row, 2).text() == "Đã đăng ký" and page.table.item(row, 3).text() == "1"
    page.missing_only.setChecked(True)
    assert page.table.rowCount() == 125
    assert "00070" not in [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def test_ward_file_appraisal_status_conflict_and_reply(qtbot, office_ui, tmp_path):
    page = OfficeWardFilePage(office_ui)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    assert page.ward.currentData() == "00070"
    assert page.tables.rowCount() > 0
    page.tables.setCurrentCell(0, 0)
    assert page.rows.rowCount() > 0
    page.code.setText("1.1")
    page.value.setText("3")
    page.note.setText("Thiếu biên bản")
    page.by.setText("Chị Lan")
    page.appraise_button.click()
    assert page.appraisals.rowCount() == 1 and page.appraisals.item(0, 3).text() == "Thiếu biên bản"
    # someone else saves first: the page's version is stale
    office_of(office_ui.services).set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Anh Minh")
    page.status.setCurrentIndex(page.status.findData(ReviewStatus.MORE_REQUESTED.value))
    page.status_note.setText("Bổ sung biên bản")
    page.status_button.click()
    assert "vừa được người khác cập nhật bởi Anh Minh" in page.error.text()
    assert page.status_note.text() == "Bổ sung biên bản"  # nothing the user typed is lost
    page.status_button.click()  # having seen the current state, the user saves again
    assert page.error.text() == ""
    assert office_of(office_ui.services).review("00070", YEAR).status is ReviewStatus.MORE_REQUESTED
    page.reply_folder.setText(str(tmp_path / "replies"))
    page.reply_button.click()
    assert "Gói trả lời số 1" in page.reply_result.text()
    assert len(list((tmp_path / "replies").glob("*.pbgdpl.zip"))) == 1


def test_rollup_page_chart_tables_and_excel(qtbot, office_ui, tmp_path):
    page = OfficeRollupPage(office_ui)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    page.run_button.click()
    assert page.summary.text().startswith("1/126 xã/phường có số liệu.")
    assert page.tabs.count() == 5
    assert len(page.chart.series()) == 1
    target = tmp_path / "th.xlsx"
    page.target.setText(str(target))
    page.export_button.click()
    assert office_ui.messages.texts("info") == [f"Đã ghi tệp {target}"]
    wb = openpyxl.load_workbook(target, read_only=True)
    assert "Từng xã phường" in wb.sheetnames
    wb.close()


def test_import_page_reports_each_bundle_and_keeps_the_history(qtbot, office_ui):
    page = OfficeImportPage(office_ui)
    qtbot.addWidget(page)
    assert page.history.rowCount() == 1 and page.history.item(0, 0).text() == "00070"
    page.source.setText(str(office_ui.bundle.parent))
    page.import_button.click()
    text = page.report.toPlainText()
    assert "đã có (không thay đổi)" in text and "Tổng: 1 gói" in text
    assert office_ui.messages.texts("error") == []
    page.source.setText(str(office_ui.bundle.parent / "khong-co.pbgdpl.zip"))
    page.import_button.click()
    assert "TỪ CHỐI" in page.report.toPlainText()


def test_ward_reads_the_office_reply_on_its_sync_page(qtbot, ui_for, services, office_ui, tmp_path):
    from pbgdpl_desktop.ui.pages.sync import SyncPage

    office = office_of(office_ui.services)
    office.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản họp", by="Hội đồng", request="more")
    office.set_status("00070", YEAR, ReviewStatus.MORE_REQUESTED, version=0, by="Chị Lan")
    reply = office.reply("00070", tmp_path / "replies")
    office_ui.services.sync.export_public_key(tmp_path / "so.pem")
    ward_ui = ui_for(services)
    page = SyncPage(ward_ui)
    qtbot.addWidget(page)
    box = page.replies
    box.year.setValue(YEAR)
    assert box.office_key.text() == "chưa đăng ký"
    box.file.setText(str(reply.path))
    box.import_button.click()
    assert "Chưa đăng ký khóa" in box.result.text() and box.notes.rowCount() == 0
    box.file.setText(str(tmp_path / "so.pem"))
    box.register_button.click()
    assert box.office_key.text() == office_ui.services.sync.key_info().fingerprint
    box.file.setText(str(reply.path))
    box.import_button.click()
    assert box.notes.rowCount() == 1
    assert [box.notes.item(0, c).text() for c in range(4)] == [
        "1.1",
        "Yêu cầu bổ sung",
        "3",
        "Thiếu biên bản họp",
    ]
    assert box.decision.text() == "Yêu cầu bổ sung"


def test_rollup_page_needs_no_sideways_scrolling_at_150_percent(qtbot, office_ui):
    """At 150 % a 1366-pixel screen leaves 910 logical pixels: the navigation and the roll-up page side by
    side must fit (the workbook path beside the year and period pushed "Xuất Excel" off the right edge)."""
    from pbgdpl_desktop.ui.desk_check import Desk

    room = Desk(1366, 768).logical_room(1.5).width()
    window = MainWindow(office_ui)
    qtbot.addWidget(window)
    page = window.show_page("office_rollup")
    assert isinstance(page, OfficeRollupPage)
    nav = window.nav.sizeHint().width()
    assert nav + page.minimumSizeHint().width() <= room, (nav, page.minimumSizeHint().width())


def test_ward_file_page_needs_no_sideways_scrolling_at_150_percent(qtbot, office_ui):
    """The ward file's four tabs beside the navigation fit the 910 logical pixels of a 1366-pixel screen at
    150 % (the appraisal form's four fields in one row and the status beside the reply pushed it wider)."""
    from pbgdpl_desktop.ui.desk_check import Desk

    room = Desk(1366, 768).logical_room(1.5).width()
    window = MainWindow(office_ui)
    qtbot.addWidget(window)
    page = window.show_page("office_ward_file")
    assert isinstance(page, OfficeWardFilePage)
    nav = window.nav.sizeHint().width()
    widths = {
        page.tabs.tabText(i): page.tabs.widget(i).minimumSizeHint().width() for i in range(page.tabs.count())
    }
    assert nav + page.minimumSizeHint().width() <= room, (nav, page.minimumSizeHint().width(), widths)


def test_selftest_opens_the_office_pages_without_error(qtbot, office_ui, capsys):
    """The self-test's page part on an office database shows the office's pages (it used to try the ward's
    record pages, which an office database does not have: six errors)."""
    from PySide6.QtWidgets import QApplication

    from pbgdpl_desktop.ui.selftest import _open_every_page

    problems = _open_every_page(QApplication.instance(), office_ui)
    assert problems == []
    shown = capsys.readouterr().out
    for entry in OFFICE_PAGES:
        assert f"trang “{entry.title}”: mở được" in shown
    assert office_ui.messages.texts("error") == []


def test_settings_show_the_server_url_without_its_password(qtbot, ui_for, pg_database, tmp_path, clock):
    from sqlalchemy.engine import make_url

    from pbgdpl_desktop.ui.pages.settings_data import DataBox
    from tests.helpers.postgres import open_server_office

    url = make_url(pg_database).set(password="hemmelig").render_as_string(hide_password=False)
    svc = open_server_office(url, tmp_path / "office", clock)
    try:
        box = DataBox(ui_for(svc))
        qtbot.addWidget(box)
        shown = box.location.text()
        assert shown == svc.ctx.db.location and shown.startswith("postgresql")
        assert "hemmelig" not in shown and not shown.endswith(".server")
        assert "***" in shown
    finally:
        svc.ctx.db.close()


def test_status_bar_names_the_server_and_database_without_user_or_password(
    qtbot, ui_for, pg_database, tmp_path, clock
):
    from sqlalchemy.engine import make_url

    from tests.helpers.postgres import open_server_office

    parsed = make_url(pg_database)
    url = parsed.set(password="hemmelig").render_as_string(hide_password=False)
    svc = open_server_office(url, tmp_path / "office", clock)
    try:
        window = MainWindow(ui_for(svc))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(window.pages))
        shown = window.db_label.text()
        assert shown == f"CSDL: máy chủ localhost/{parsed.database}"  # a unix socket: this machine
        assert "hemmelig" not in shown and str(parsed.username) not in shown and ".server" not in shown
    finally:
        svc.ctx.db.close()


def test_server_name_keeps_host_port_and_database_only() -> None:
    from pbgdpl_desktop.ui.main_window import server_name

    assert server_name("postgresql://sotp:***@maychu:5433/pbgdpl_sotp") == "máy chủ maychu:5433/pbgdpl_sotp"
    assert server_name("postgresql://sotp@maychu/pbgdpl_sotp") == "máy chủ maychu/pbgdpl_sotp"
    assert (
        server_name("postgresql://sotp@/pbgdpl_sotp?host=/run/postgresql") == "máy chủ localhost/pbgdpl_sotp"
    )
    assert server_name("postgresql://sotp@/pbgdpl_sotp?host=db.stp.vn") == "máy chủ db.stp.vn/pbgdpl_sotp"


def test_status_bar_names_the_file_of_a_file_database(qtbot, office_ui):
    window = MainWindow(office_ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.pages))
    assert window.db_label.text() == f"CSDL: {office_ui.services.ctx.db.path}"


def test_settings_show_the_file_of_a_file_database(qtbot, office_ui):
    from pbgdpl_desktop.ui.pages.settings_data import DataBox

    box = DataBox(office_ui)
    qtbot.addWidget(box)
    assert box.location.text() == str(office_ui.services.ctx.db.path)


@pytest.mark.parametrize(
    ("role", "appraise", "recognise", "reply", "imports"),
    [
        ("reviewer", True, False, True, True),
        ("leader", False, True, True, True),
        ("viewer", False, False, False, False),
    ],
)
def test_office_pages_grey_out_what_the_role_may_not_do(
    qtbot, office_ui, role, appraise, recognise, reply, imports
):
    from PySide6.QtGui import QStandardItemModel

    from pbgdpl_desktop.domain.users import PermissionDenied

    users = office_ui.services.users
    users.create_first_admin("quantri", "mat-khau-dai-1")
    users.add("nguoi", role, "mat-khau-dai-1")
    users.login("nguoi", "mat-khau-dai-1")
    page = OfficeWardFilePage(office_ui)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    assert page.by.text() == "nguoi"  # the signed-in user acts, unless another name is typed
    assert page.appraise_button.isEnabled() is appraise
    assert page.decision_number.isEnabled() is recognise and page.reply_button.isEnabled() is reply
    assert page.status_button.isEnabled() is (appraise or recognise)
    model = page.status.model()
    assert isinstance(model, QStandardItemModel)
    row = page.status.findData(ReviewStatus.RECOGNISED.value)
    assert model.item(row).isEnabled() is recognise
    assert model.item(page.status.findData(ReviewStatus.PASSED.value)).isEnabled() is appraise
    if not appraise:
        assert "không có quyền" in page.appraise_button.toolTip()
        # the service refuses it too, whatever the window shows
        with pytest.raises(PermissionDenied):
            office_of(office_ui.services).appraise("00070", YEAR, "1.1", "3", note="x", by="y")
    imports_page = OfficeImportPage(office_ui)
    qtbot.addWidget(imports_page)
    assert imports_page.import_button.isEnabled() is imports


def test_import_page_asks_the_password_of_a_sealed_bundle(
    qtbot, ui_for, services, _template_db, clock, tmp_path
):
    from PySide6.QtWidgets import QLineEdit

    from pbgdpl_desktop.services.sync.encrypted import encrypt_bundle

    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        office_svc.sync.register(record.path, registered_by="Chuyên viên A")
        path = encrypt_bundle(record.path, "mat-khau-goi-2026")
        ui = ui_for(office_svc)
        page = OfficeImportPage(ui)
        qtbot.addWidget(page)
        page.source.setText(str(path.parent))  # the folder: its sealed bundle is found there
        for password, imported in (("mat-khau-sai-1", 0), ("mat-khau-goi-2026", 1)):
            page.import_button.click()
            dialog = page.password_dialog
            assert dialog is not None and dialog.textEchoMode() is QLineEdit.EchoMode.Password
            assert path.name in dialog.labelText()
            dialog.setTextValue(password)
            dialog.accept()
            qtbot.waitUntil(
                lambda n=imported: page.history.rowCount() == n and page.report.toPlainText() != ""
            )
            bundles = [w.bundles for w in office_of(office_svc).wards(YEAR) if w.ward_code == "00070"]
            assert bundles == [imported]
            if not imported:
                assert "từ chối" in page.report.toPlainText()
                assert ui.messages.texts("error") and "mật khẩu" in ui.messages.texts("error")[-1].lower()
                page.report.clear()
        assert "1 đã nhập" in page.report.toPlainText()
    finally:
        office_svc.ctx.db.close()


def test_import_page_opens_a_bundle_sealed_to_the_office_without_asking(
    qtbot, ui_for, services, _template_db, clock, tmp_path
):
    """Issue #15: a bundle sealed to the office's receiving key needs no password: no prompt, imported."""
    from pbgdpl_desktop.services.office.inbox import ReplyInbox

    small_ward(services)
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        ReplyInbox(services.ctx).register_office_key(office_svc.sync.export_public_key(tmp_path / "so.pem"))
        record = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record
        office_svc.sync.register(record.path, registered_by="Chuyên viên A")
        services.sync.seal_for_office(record.path)
        ui = ui_for(office_svc)
        page = OfficeImportPage(ui)
        qtbot.addWidget(page)
        page.source.setText(str(record.path.parent))
        page.import_button.click()
        qtbot.waitUntil(lambda: page.history.rowCount() == 1)
        assert page.password_dialog is None
        assert "1 đã nhập" in page.report.toPlainText() and ui.messages.texts("error") == []
    finally:
        office_svc.ctx.db.close()


def test_desk_check_on_an_office_database_checks_its_pages_and_skips_the_wards_dialogs(
    qtbot, office_ui, capsys
):
    """``selftest --screen`` on an office database: the office's pages are checked, the dialogs of the ward's
    pages are skipped (they used to stop the check with an unexpected error)."""
    from PySide6.QtWidgets import QApplication

    from pbgdpl_desktop.ui.desk_check import Desk, check_desk
    from pbgdpl_desktop.ui.widgets.fit import set_desk

    set_desk(Desk(1366, 768).logical_room(1.0))
    try:
        window = MainWindow(office_ui)
        qtbot.addWidget(window)
        window.show()
        report = check_desk(QApplication.instance(), window, 1.0)
        window.close()
    finally:
        set_desk(None)
    shown = capsys.readouterr().out
    for entry in OFFICE_PAGES:
        assert f"trang “{entry.title}”" in shown
    assert "hộp thoại “Thêm buổi phổ biến pháp luật”: bỏ qua (không có ở chế độ này)" in shown
    assert "hộp thoại “Phụ lục quyết định công nhận”" in shown and report.problems == []


def test_office_window_start_up_prunes_the_ward_copies(qtbot, office_ui, qapp):
    """At start-up an office window drops ward copies that can no longer be used (services/office/ward_file.py
    ``prune``, in the background): here a copy of a ward the office holds no data of."""
    import json

    from pbgdpl_desktop.services.office.ward_file import WardFileService
    from pbgdpl_desktop.ui.launcher import _fill_window

    gone = WardFileService(office_ui.services.ctx).folder / "99999"
    gone.mkdir(parents=True)
    (gone / "stamp.json").write_text(json.dumps({"stamp": "1:1:x"}), "utf-8")
    window = MainWindow(None)
    qtbot.addWidget(window)
    _fill_window(qapp, window, office_ui)
    qtbot.waitUntil(lambda: not gone.exists())
