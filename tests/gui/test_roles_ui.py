"""Each role in the window (issue #15): what it may not do is greyed out, and the service refuses it anyway;
the restore of an encrypted backup asks its password (Settings → Dữ liệu)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtWidgets import QInputDialog

from pbgdpl_desktop.domain.users import PermissionDenied
from pbgdpl_desktop.ui.dialogs.privacy import PrivacyDialog
from pbgdpl_desktop.ui.pages.settings import SettingsPage
from tests.builders import add_team

PW = "mat-khau-dai-1"


def _sign_in(services, role):
    services.users.create_first_admin("quantri", PW)
    if role != "admin":
        services.users.add("nguoidung", role, PW)
        services.users.login("nguoidung", PW)


def _page(qtbot, ui):
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    return page


# role → (backup, restore, accounts, personal data dialog, anonymise)
EXPECTED = {
    "admin": (True, True, True, True, True),
    "clerk": (True, False, False, True, False),
    "viewer": (False, False, False, False, False),
    "reviewer": (False, False, False, False, False),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_only_what_it_may_do(qtbot, ui, services, role):
    _sign_in(services, role)
    page = _page(qtbot, ui)
    data, users = page.data_box, page.users_box
    dialog = PrivacyDialog(ui, page)
    qtbot.addWidget(dialog)
    shown = (
        data.backup_button.isEnabled(),
        data.restore_button.isEnabled() and data.restore_encrypted_button.isEnabled(),
        users.users_button.isEnabled(),
        users.privacy_button.isEnabled(),
        dialog.may_anonymise,
    )
    assert shown == EXPECTED[role]
    # the privacy preferences are the administrator's; the text size is everybody's own
    privacy = page.setting_widgets["privacy.mediation_retention_years"]
    assert privacy.isEnabled() == (role == "admin")
    assert page.setting_widgets["ui.font_point_size"].isEnabled()
    backup, restore, accounts, _personal, anonymise = EXPECTED[role]
    # … and what is greyed out is refused by the service when called anyway
    calls = [
        (backup, lambda: services.backups.backup_now()),
        (accounts, lambda: services.users.add("moi", "clerk", PW)),
        (anonymise, lambda: services.privacy.set_retention_years(3)),
    ]
    for allowed, call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    if not restore:
        enc = services.ctx.data_dir / "x.db.enc"
        enc.write_bytes(b"PBGDPL-ENC1\n")
        with pytest.raises(PermissionDenied):
            services.backups.open_encrypted(enc, PW)


def _teams(path):
    with closing(sqlite3.connect(path)) as con:
        return [r[0] for r in con.execute("SELECT name FROM mediation_team")]


def _answer(qtbot, page, password):
    dialog = page.data_box.password_dialog
    assert isinstance(dialog, QInputDialog) and dialog.isVisible()
    assert dialog.textEchoMode().name == "Password"
    dialog.setTextValue(password)
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()


def test_the_restore_of_an_encrypted_copy_asks_its_password(qtbot, ui, services, tmp_path):
    _sign_in(services, "admin")
    add_team(services)
    enc = services.backups.encrypted_copy(tmp_path / "usb" / "saoluu.db.enc", PW)
    asked = []
    ui.on_restore = asked.append
    page = _page(qtbot, ui)
    before = sorted(p.name for p in services.backups.folder.iterdir())
    page.data_box.ask_encrypted_restore(enc)
    _answer(qtbot, page, PW + "sai")
    assert "mật khẩu không đúng" in page.data_box.message.text()
    assert asked == [] and sorted(p.name for p in services.backups.folder.iterdir()) == before
    # a flipped byte is refused the same way
    blob = bytearray(enc.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    bad = tmp_path / "hong.db.enc"
    bad.write_bytes(bytes(blob))
    page.data_box.ask_encrypted_restore(bad)
    _answer(qtbot, page, PW)
    assert "bị sửa hay hỏng" in page.data_box.message.text() and asked == []
    # the right password: one confirmation (FakeMessages says yes), then the launcher restores the plain copy
    page.data_box.ask_encrypted_restore(enc)
    _answer(qtbot, page, PW)
    assert len(asked) == 1 and _teams(asked[0]) == ["Tổ hòa giải tổ dân phố số 1"]


def test_the_sync_page_seals_a_bundle_with_personal_data(qtbot, ui_for, demo_services, tmp_path):
    from pbgdpl_desktop.sync import crypto
    from pbgdpl_desktop.ui.pages.sync import SEALED, SyncPage

    ui = ui_for(demo_services)
    page = SyncPage(ui)
    qtbot.addWidget(page)
    page.folder.setText(str(tmp_path / "usb"))
    assert not page.bundle_password.isEnabled()  # only a bundle with personal data is sealed
    page.personal.setChecked(True)
    assert page.bundle_password.isEnabled()
    page.bundle_password.setText(PW)
    page.export_button.click()  # FakeMessages confirms the personal data
    (sealed,) = (tmp_path / "usb").iterdir()
    assert sealed.name.endswith(".pbgdpl.zip.enc") and crypto.is_encrypted(sealed)
    assert SEALED in page.result.text() and str(sealed) in page.result.text()


def test_a_viewer_cannot_export_a_bundle(qtbot, ui, services):
    from pbgdpl_desktop.ui.pages.sync import SyncPage

    _sign_in(services, "viewer")
    page = SyncPage(ui)
    qtbot.addWidget(page)
    assert not page.export_button.isEnabled()
    with pytest.raises(PermissionDenied):
        services.sync.exporter.export(services.ctx.data_dir / "out")


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_rule_files_are_the_administrators_in_the_window_and_in_the_service(qtbot, ui, services, role):
    from pbgdpl_desktop.ui.assessment.rules import RulesTab

    _sign_in(services, role)
    tab = RulesTab(ui, lambda: 2026, lambda: None)
    qtbot.addWidget(tab)
    admin = role == "admin"
    assert tab.save_button.isEnabled() is admin and tab.import_button.isEnabled() is admin
    if admin:
        services.assessment.rulesets.save_edits("qd25_2021", 1, {"TC2.CT4": {"points": 4}})
    else:
        assert "không có quyền sửa, nhập bộ tiêu chí" in tab.save_button.toolTip()
        with pytest.raises(PermissionDenied):
            services.assessment.rulesets.save_edits("qd25_2021", 1, {"TC2.CT4": {"points": 4}})


def test_single_user_start_asks_nothing_and_a_clerk_still_cannot_restore(qtbot, ui, services):
    """ "Một người dùng" with a công chức: the window opens without a prompt, the audit names that user, and
    the restore dialog refuses (the service decides, not only the greyed button)."""
    from pbgdpl_desktop.ui.dialogs.backups import BackupsDialog
    from pbgdpl_desktop.ui.launcher import _sign_in as start_sign_in

    services.users.create_first_admin("quantri", PW)
    services.users.add("chuyenvien", "clerk", PW)
    services.users.set_single_user("chuyenvien")
    services.users.logout()
    services.backups.backup_now()
    assert start_sign_in(services) is True  # no login dialog: it would block here
    assert services.ctx.actor is not None and services.ctx.actor.name == "chuyenvien"
    login = next(e for e in services.audit.entries() if e.action == "login")
    assert (login.actor, login.detail) == ("chuyenvien", "một người dùng")
    asked = []
    ui.on_restore = asked.append
    dialog = BackupsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert asked == [] and "quản trị" in dialog.error.text()
    assert ui.messages.texts("confirm") == []
