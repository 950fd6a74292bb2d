"""Settings → Dữ liệu và sao lưu: "Sao lưu ngay", the restore list (the newest good copy chosen first), and
the launcher's restore: the file swapped under the app's own lock, then the app reopens on it."""

from __future__ import annotations

from pbgdpl_desktop.ui.dialogs.backups import BackupsDialog
from pbgdpl_desktop.ui.launcher import _restore_and_reopen
from pbgdpl_desktop.ui.pages.settings import SettingsPage
from tests.builders import add_team
from tests.helpers.qt import grab


def test_backup_now_then_restore_the_chosen_copy(qtbot, ui, paths):
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.data_box.backup_button.click()
    assert "Đã sao lưu vào" in page.data_box.message.text()
    assert page.data_box.summary.text().startswith("1 bản")
    add_team(ui.services)  # made after the copy: gone once it is restored
    newest = ui.services.backups.backup_now().info
    assert newest is not None
    add_team(ui.services, "Tổ hòa giải tổ dân phố số 2")  # the current file: in no copy yet
    # a damaged copy, newer than both: listed, marked, never chosen
    broken = paths.backups_dir / "pbgdpl-20991231-000000-thu-cong.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 4000)
    asked = []
    ui.on_restore = asked.append
    dialog = BackupsDialog(ui, page)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 4).text().startswith("Không dùng được")
    assert dialog.selected() is not None and dialog.selected().path == newest.path
    grab(dialog, "backups_dialog")
    dialog.table.selectRow(2)  # the first copy, before the team
    first = dialog.selected()
    dialog.restore_selected()  # FakeMessages answers yes
    assert asked == [first.path]
    services = _restore_and_reopen(ui.services, paths, first.path)
    assert services is not None
    try:
        assert services.mediation.teams.all() == []
        assert [b.reason for b in services.backups.all()].count("truoc-khoi-phuc") == 1
    finally:
        services.ctx.db.close()


def test_a_damaged_copy_is_refused_with_its_reason(qtbot, ui, paths):
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    (paths.backups_dir / "pbgdpl-20991231-000000-thu-cong.db").write_bytes(b"not a database" * 100)
    dialog = BackupsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert "không phải là cơ sở dữ liệu" in dialog.error.text()
