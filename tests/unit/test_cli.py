"""The command line as a clerk or a script uses it: real processes, real files, exit codes."""

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pbgdpl_desktop import __version__


def run(*args: str, data_dir: Path, preexec=None, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PBGDPL_DATA_DIR": str(data_dir), **extra}
    return subprocess.run(
        [sys.executable, "-m", "pbgdpl_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        preexec_fn=preexec,
    )


def test_help_lists_the_commands(data_dir):
    result = run("--help", data_dir=data_dir)
    assert result.returncode == 0
    for command in ("demo", "selftest", "check", "backup", "restore", "--db", "--data-dir"):
        assert command in result.stdout


def test_demo_then_selftest_then_check(data_dir):
    db = data_dir / "demo.db"
    demo = run("demo", "--db", str(db), data_dir=data_dir)
    assert demo.returncode == 0, demo.stderr
    selftest = run("selftest", "--db", str(db), data_dir=data_dir)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "Tự kiểm tra: tốt" in selftest.stdout
    check = run("check", "--db", str(db), data_dir=data_dir)
    assert check.returncode == 0, check.stdout
    again = run("demo", "--db", str(db), data_dir=data_dir)  # an existing ward is never overwritten
    assert again.returncode == 0 and "không thêm dữ liệu mẫu" in again.stdout


def test_corrupt_db_refused_with_message_and_untouched(data_dir):
    bad = data_dir / "bad.db"
    bad.write_bytes(b"PK\x03\x04 a zip file, not a database" * 20)
    before = bad.read_bytes()
    for command in (("selftest", "--db", str(bad)), ("check", "--db", str(bad)), ("demo", "--db", str(bad))):
        result = run(*command, data_dir=data_dir)
        assert result.returncode == 3, (command, result.stdout, result.stderr)
        assert "không phải là cơ sở dữ liệu" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert bad.read_bytes() == before


def test_backup_and_restore_commands(data_dir):
    db = data_dir / "ward.db"
    assert run("demo", "--db", str(db), data_dir=data_dir).returncode == 0
    out = data_dir / "copy.db"
    result = run("backup", "--db", str(db), "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as con:
        con.execute("UPDATE ward_profile SET chairman = 'Đã sửa sau sao lưu'")
        con.commit()
    # the demo ward works as its clerk ("một người dùng"): only the administrator restores (issue #15)
    result = run("restore", "--db", str(db), "--from", str(out), data_dir=data_dir)
    assert result.returncode != 0 and "chỉ người quản trị" in result.stderr
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT chairman FROM ward_profile").fetchone()[0] == "Đã sửa sau sao lưu"
    result = run(
        "restore",
        "--db",
        str(db),
        "--from",
        str(out),
        "--user",
        "quantri",
        data_dir=data_dir,
        PBGDPL_PASSWORD="quantri-demo",
    )
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT chairman FROM ward_profile").fetchone()[0] == "Nguyễn Văn Thành"
    assert list((data_dir / "backups").glob("ward-*-truoc-khoi-phuc.db"))


def _limit_file_size():  # runs in the child before exec: files can't grow past 256 KiB ("disk full")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_backup_on_a_full_disk_leaves_nothing_half_written(data_dir):
    db = data_dir / "big.db"
    assert run("demo", "--db", str(db), data_dir=data_dir).returncode == 0
    with closing(sqlite3.connect(db)) as con:
        con.execute("CREATE TABLE IF NOT EXISTS app_meta_padding(x)")  # make the file larger than the limit
        con.executemany("INSERT INTO app_meta_padding VALUES (?)", [("x" * 1000,)] * 1500)
        con.commit()
    if db.stat().st_size <= 256 * 1024:  # pragma: no cover - guard for the test's own premise
        pytest.fail("test database too small to hit the limit")
    out_dir = data_dir / "out"
    out_dir.mkdir()
    result = run(
        "backup", "--db", str(db), "--out", str(out_dir / "b.db"), data_dir=data_dir, preexec=_limit_file_size
    )
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert "ổ đĩa đã đầy" in result.stderr
    assert list(out_dir.iterdir()) == []


def test_output_into_a_closed_pipe_is_not_reported_as_a_bug(data_dir):
    db = data_dir / "demo.db"
    assert run("demo", "--db", str(db), data_dir=data_dir).returncode == 0
    env = {**os.environ, "PBGDPL_DATA_DIR": str(data_dir)}
    # like `pbgdpl-desktop score … --json | head -0`: the reader is gone before the first line is written
    proc = subprocess.Popen(
        [sys.executable, "-m", "pbgdpl_desktop", "score", "--db", str(db), "--year", "2026", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert stderr == ""  # no "unexpected error", no "Exception ignored … BrokenPipeError"


def test_version_is_printed(data_dir):
    result = run("--version", data_dir=data_dir)
    assert result.returncode == 0 and result.stdout.strip() == f"pbgdpl-desktop {__version__}"


def test_a_window_without_a_screen_says_how_to_run_it(data_dir):
    """`--demo` on a server or a fresh container: a Vietnamese message and exit 3, before Qt's own plugin
    trace and abort, and before anything is written."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "pbgdpl_desktop", "--demo", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert "Không tìm thấy màn hình" in result.stderr and "xvfb-run" in result.stderr
    assert "qt.qpa" not in result.stderr and "Traceback" not in result.stderr
    assert not (data_dir / "demo.db").exists()


def test_display_problems_are_named():
    from pbgdpl_desktop.app import display_problem

    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) == ""
    assert "DISPLAY" in display_problem({})
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) == ""
