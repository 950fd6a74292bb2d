"""Automatic and manual backups: one a day, thinned out over time, a second folder, the restore list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.persistence.backups import DAILY, list_backups, make_backup, newest_good_backup, rotate
from tests.builders import add_team


def test_a_daily_copy_once_a_day_and_manual_ones_on_request(services, tmp_path):
    first = services.backups.daily()
    assert first.info is not None and first.info.reason == DAILY and first.warning == ""
    assert services.backups.daily().info is None  # the same day: nothing more
    add_team(services)
    manual = services.backups.backup_now()
    assert manual.info is not None and manual.info.counts == {
        "dissemination_session": 0,
        "mediation_case": 0,
        "expenditure": 0,
    }
    assert sorted(b.reason for b in services.backups.all()) == [DAILY, "thu-cong"]


def test_the_same_content_is_kept_once(services):
    services.ctx.db.close()
    folder = services.backups.folder
    a = make_backup(services.ctx.db.path, folder, "thu-cong", now=datetime(2026, 11, 30, 9, 0))
    b = make_backup(services.ctx.db.path, folder, "thu-cong", now=datetime(2026, 11, 30, 9, 5))
    assert a.path == b.path and len(list_backups(folder)) == 1


def test_rotation_keeps_days_then_weeks_then_months(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 11, 30)
    for age in range(
        400
    ):  # a daily copy every day for more than a year (small stand-ins: rotation reads names)
        day = today - timedelta(days=age)
        (folder / f"pbgdpl-{day:%Y%m%d}-080000-{DAILY}.db").write_bytes(age.to_bytes(2, "big") * 8)
    removed = rotate(folder, keep_daily=7, keep_weekly=4, keep_monthly=12, today=today)
    kept = sorted((today - b.created.date()).days for b in list_backups(folder))
    assert kept[:7] == list(range(7))  # every day of the last week
    assert len(kept) == 7 + 4 + 12 and max(kept) < 7 + 28 + 12 * 31
    assert len(removed) == 400 - len(kept) and not any(p.exists() for p in removed)


def test_a_missing_second_folder_is_said_and_the_copy_still_made(services, tmp_path):
    services.backups.set_second_folder(str(tmp_path / "usb"))
    outcome = services.backups.backup_now()
    assert outcome.info is not None and outcome.info.path.exists()
    assert "Không thấy thư mục sao lưu thứ hai" in outcome.warning
    (tmp_path / "usb").mkdir()
    outcome = services.backups.backup_now()
    assert outcome.warning == "" and (tmp_path / "usb" / outcome.info.path.name).exists()


def test_restore_latest_takes_the_newest_copy_that_checks_out(services, paths, capsys):
    add_team(services)
    good = services.backups.backup_now().info
    services.ctx.db.close()
    # a newer copy that is damaged: skipped
    broken = paths.backups_dir / "pbgdpl-20991231-000000-thu-cong.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 4000)
    assert newest_good_backup(paths.backups_dir).path == good.path
    code = main(["restore", "--latest", "--data-dir", str(paths.data_dir)])
    assert code == 0, capsys.readouterr().err
    assert good.path.name in capsys.readouterr().out


def test_the_log_keeps_no_citizen_data(paths, capsys):
    code = main(
        ["restore", "--from", str(paths.data_dir / "Nguyễn Văn Ánh.db"), "--data-dir", str(paths.data_dir)]
    )
    assert code == 3 and "Nguyễn Văn Ánh" in capsys.readouterr().err  # the clerk is told
    log = paths.log_file.read_text(encoding="utf-8")
    assert "StorageError" in log and "Nguyễn" not in log  # the log is not


@pytest.mark.parametrize("keep", [0, 1])
def test_rotation_never_touches_other_reasons(services, keep):
    services.ctx.db.close()
    folder = services.backups.folder
    make_backup(services.ctx.db.path, folder, "truoc-khoi-phuc", now=datetime(2020, 1, 1))
    rotate(folder, keep_daily=1, keep_weekly=keep, keep_monthly=keep, today=date(2026, 11, 30))
    assert [b.reason for b in list_backups(folder)] == ["truoc-khoi-phuc"]
