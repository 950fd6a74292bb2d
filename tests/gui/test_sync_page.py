"""The Đồng bộ page of the ward: export with a plain summary, "nothing new", the history, the fingerprint,
where the file went, and the explicit question before personal data leaves the PC."""

from __future__ import annotations

import json
import re
import zipfile

from pbgdpl_desktop.ui.pages.sync import FULL_PRIVACY_QUESTION, SyncPage
from pbgdpl_desktop.ui.tasks import TaskRunner


def test_export_from_the_page_shows_summary_file_and_history(qtbot, demo_ui, tmp_path):
    page = SyncPage(demo_ui)
    qtbot.addWidget(page)
    page.show()
    assert re.fullmatch(r"([0-9a-f]{4} ){7}[0-9a-f]{4}", page.fingerprint.text())
    assert page.fingerprint.text() == demo_ui.services.sync.key_info().fingerprint
    page.folder.setText(str(tmp_path / "usb"))
    page.export_button.click()
    text = page.result.text()
    assert re.match(r"Gói số 1: \d+ bản ghi mới, 0 sửa, 0 xóa, từ \d\d/\d\d đến \d\d/\d\d", text), text
    (bundle,) = (tmp_path / "usb").iterdir()
    assert f"Tệp đã ghi: {bundle}" in text
    assert page.history.rowCount() == 1 and page.history.item(0, 3).text() == str(bundle)
    page.export_button.click()
    assert page.result.text().startswith("Không có gì mới để gửi")
    assert page.history.rowCount() == 1
    assert demo_ui.messages.texts("error") == []


def test_personal_data_leaves_only_after_the_clerk_confirms(qtbot, ui_for, demo_services, tmp_path):
    for answer, expected in ((False, 0), (True, 1)):
        ui = ui_for(demo_services, answer=answer)
        page = SyncPage(ui)
        qtbot.addWidget(page)
        page.folder.setText(str(tmp_path / "out"))
        page.personal.setChecked(True)
        page.full.setChecked(True)
        page.export_button.click()
        assert ui.messages.texts("confirm") == [FULL_PRIVACY_QUESTION]
        written = sorted((tmp_path / "out").glob("*.pbgdpl.zip")) if (tmp_path / "out").exists() else []
        assert len(written) == expected
    manifest = json.loads(zipfile.ZipFile(written[0]).read("manifest.json"))
    assert manifest["privacy"] == "full"


def test_export_runs_in_the_background_with_progress(qtbot, ui_for, demo_services, tmp_path):
    ui = ui_for(demo_services)
    ui.tasks = TaskRunner(ui.messages)  # the real runner: a worker thread and a progress dialog
    page = SyncPage(ui)
    qtbot.addWidget(page)
    page.folder.setText(str(tmp_path / "bg"))
    with qtbot.waitSignal(ui.tasks.finished, timeout=120_000):
        page.export_button.click()
    assert page.result.text().startswith("Gói số 1:")
    assert page.history.rowCount() == 1


def test_the_page_attaches_the_years_assessment_and_dossier_when_asked(qtbot, demo_ui, tmp_path):
    page = SyncPage(demo_ui)
    qtbot.addWidget(page)
    assert not page.attach_year.isEnabled()
    page.attach.setChecked(True)
    assert page.attach_year.isEnabled()
    page.attach_year.setValue(2026)
    page.folder.setText(str(tmp_path / "usb"))
    page.export_button.click()
    assert demo_ui.messages.texts("error") == []
    (bundle,) = (tmp_path / "usb").iterdir()
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        result = json.loads(zf.read("attachments/assessment-2026.json"))
        dossier = zf.read("attachments/dossier-2026.pdf")
    assert {"attachments/assessment-2026.json", "attachments/dossier-2026.pdf"} <= names
    listed = json.dumps(manifest)
    assert "attachments/assessment-2026.json" in listed and "attachments/dossier-2026.pdf" in listed
    assert result["year"] == 2026 and dossier.startswith(b"%PDF")


def test_settings_shows_the_key_and_saves_the_public_key(qtbot, demo_ui, tmp_path):
    from pbgdpl_desktop.ui.pages.settings import SettingsPage

    page = SettingsPage(demo_ui)
    qtbot.addWidget(page)
    box = page.key_box
    assert box.fingerprint.text() == demo_ui.services.sync.key_info().fingerprint
    assert re.fullmatch(r"([0-9a-f]{4} ){7}[0-9a-f]{4}", box.fingerprint.text())
    usb = tmp_path / "usb"
    box.save_to(usb / "khoa.pem")
    assert (usb / "khoa.pem").read_bytes() == demo_ui.services.sync.key_pair().public_pem
    assert str(usb / "khoa.pem") in box.message.text()
    assert [p.name for p in usb.iterdir()] == ["khoa.pem"]  # no temporary file left beside it
    box.save_to(usb)  # a folder, not a file: a clear message, nothing written
    (error,) = demo_ui.messages.texts("error")
    assert "là một thư mục" in error
    assert [p.name for p in usb.iterdir()] == ["khoa.pem"]


def test_the_page_seals_to_the_office_key_once_it_is_registered(
    qtbot, ui_for, services, _template_db, clock, tmp_path
):
    """Issue #15: "Mã hóa bằng khóa của cơ quan cấp trên" is offered with personal data once the office's key
    file with its receiving key is registered; the bundle written is sealed to it and no plain copy is left."""
    from pbgdpl_desktop.services.office.inbox import ReplyInbox
    from pbgdpl_desktop.sync import crypto
    from tests.helpers.bundles import open_office, small_ward

    small_ward(services)
    ui = ui_for(services)
    page = SyncPage(ui)
    qtbot.addWidget(page)
    page.personal.setChecked(True)
    assert not page.seal_office.isEnabled() and page.bundle_password.isEnabled()  # no office key yet
    office = open_office(tmp_path / "office", _template_db, clock)
    try:
        key_file = office.sync.export_public_key(tmp_path / "so.pem")
        seal = office.sync.box_key().fingerprint
    finally:
        office.ctx.db.close()
    page.show()
    ui.subscribe(page.refresh)  # as the main window forwards changes
    page.replies.file.setText(str(key_file))
    page.replies._run("register")  # "Đăng ký khóa của Sở" in the same page
    assert ReplyInbox(services.ctx).office_fingerprint() is not None
    assert page.seal_office.isEnabled() and seal in page.seal_office.toolTip()
    page.seal_office.setChecked(True)
    assert not page.bundle_password.isEnabled()
    page.folder.setText(str(tmp_path / "usb"))
    page.export_button.click()
    assert ui.messages.texts("error") == []
    (sealed,) = (tmp_path / "usb").iterdir()
    assert crypto.is_sealed_to_key(sealed) and str(sealed) in page.result.text()
    page.personal.setChecked(False)
    assert not page.seal_office.isEnabled() and not page.bundle_password.isEnabled()
