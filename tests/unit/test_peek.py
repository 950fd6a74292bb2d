"""#17 §1: the launch's peek (``persistence.peek``) reads the overview's figures through ``sqlite3`` before
SQLAlchemy is imported. It must give the figures ``overview_sql`` gives, answer "would sign-in ask for a
password?" exactly as the launcher's sign-in does, and refuse every file the normal open must handle first.
The remembered verdict (``services.reports.overview``) is valid only while its key holds."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from pbgdpl_desktop.persistence.peek import HEAD_REVISION, needs_password, peek_overview
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.services.reports.overview import (
    REMEMBERED_FILE,
    REMEMBERED_MAX_BYTES,
    forget_remembered,
    from_counts,
    overview_figures,
    remember,
    with_remembered,
)

PW = "Mat-khau-dai-12345"
YEARS = (2024, 2025, 2026, 2027)


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def test_the_head_revision_is_the_migrations_head():
    from pbgdpl_desktop.persistence.db import head_revision

    assert head_revision() == HEAD_REVISION


@pytest.mark.parametrize("year", YEARS)
def test_the_peek_gives_the_figures_of_overview_sql(demo_services, paths, year):
    from pbgdpl_desktop.persistence.repos.overview_sql import data_version, year_counts

    today = demo_services.ctx.clock.today()
    peeked = peek_overview(paths.db_path, year, today)
    assert peeked is not None
    with demo_services.ctx.db.read() as session:
        assert peeked.counts == year_counts(session, year, today)
        assert peeked.data_version == data_version(session)
    figures = overview_figures(demo_services.ctx, year)
    assert replace(from_counts(peeked.counts, year), data_version=peeked.data_version) == figures
    if year == 2026:  # the probe can fail: the demo year has every kind of record
        assert peeked.counts.sessions_total and peeked.counts.cases_by_outcome and peeked.counts.spent_total


def _launcher_would_ask(services) -> bool:
    """What ``ui.launcher._sign_in`` decides (it then shows the password dialog)."""
    users = services.users
    return not (users.login_single_user() is not None or not users.needs_login())


def _peek_asks(paths) -> bool:
    with closing(_ro(paths.db_path)) as con:
        return needs_password(con)


def test_the_sign_in_answer_is_the_launchers(services, paths):
    cases = []

    def check(label: str) -> None:
        asks = _peek_asks(paths)  # before the launcher's sign-in (which writes)
        shown = peek_overview(paths.db_path, 2026, date(2026, 11, 30)) is not None
        launcher = _launcher_would_ask(services)
        services.users.act_as(None)
        cases.append((label, asks, launcher))
        assert asks == launcher, label
        assert shown is not asks, label  # never figures before a password

    check("no account")
    services.users.create_first_admin("quantri", PW)
    check("one account with a password")
    services.users.add("canbo", "clerk", PW)
    services.users.act_as(None)
    check("two accounts")
    services.users.login("quantri", PW)
    services.users.set_single_user("canbo")
    services.users.act_as(None)
    check("one single-user account")
    services.users.login("quantri", PW)
    services.users.set_disabled("canbo")
    services.users.act_as(None)
    check("the single-user account disabled")
    with closing(sqlite3.connect(paths.db_path)) as con, con:
        con.execute("UPDATE app_user SET locked_until = '2099-01-01 00:00:00.000000' WHERE name = 'canbo'")
    check("the single-user account locked")
    services.users.login("quantri", PW)
    services.users.set_single_user(None)
    services.users.act_as(None)
    check("single-user turned off")
    assert {asks for _, asks, _ in cases} == {True, False}  # both answers were met


def _copy(paths, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(paths.db_path, target)
    return target


def test_the_peek_refuses_what_the_normal_open_must_handle(services, paths, tmp_path):
    today = date(2026, 11, 30)
    assert peek_overview(paths.db_path, 2026, today) is not None  # the probe can fail
    assert peek_overview(tmp_path / "missing.db", 2026, today) is None
    assert peek_overview(tmp_path, 2026, today) is None  # a folder
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert peek_overview(garbage, 2026, today) is None
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert peek_overview(empty, 2026, today) is None
    older = _copy(paths, tmp_path, "older.db")
    with closing(sqlite3.connect(older)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '0018_speed_keys'")
    assert peek_overview(older, 2026, today) is None  # must be migrated first
    office = _copy(paths, tmp_path, "office.db")
    with closing(sqlite3.connect(office)) as con, con:
        con.execute("INSERT OR REPLACE INTO app_meta(key, value) VALUES ('sync_mode', 'upper-office')")
    assert peek_overview(office, 2026, today) is None
    ward = _copy(paths, tmp_path, "ward.db")
    with closing(sqlite3.connect(ward)) as con, con:
        con.execute("INSERT OR REPLACE INTO app_meta(key, value) VALUES ('sync_mode', 'ward')")
    assert peek_overview(ward, 2026, today) is not None


def test_the_peek_writes_nothing(demo_services, paths):
    before = paths.db_path.read_bytes()
    assert peek_overview(paths.db_path, 2026, date(2026, 11, 30)) is not None
    assert paths.db_path.read_bytes() == before


# ------------------------------------------------------------------------------------ remembered result
def _computed(services, year: int = 2026):
    return services.reports.complete_overview(overview_figures(services.ctx, year))


def test_a_remembered_result_is_shown_while_nothing_changed(demo_services, paths):
    today = demo_services.ctx.clock.today()
    computed = _computed(demo_services)
    assert computed.complete and computed.reminders
    remember(computed, paths.data_dir, paths.db_path, today)
    stored = paths.data_dir / REMEMBERED_FILE
    if os.name == "posix":
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    figures = overview_figures(demo_services.ctx, 2026)
    shown = with_remembered(figures, paths.data_dir, paths.db_path, today)
    assert shown.remembered and not shown.complete
    assert (shown.verdict, shown.verdict_detail, shown.reminders) == (
        computed.verdict,
        computed.verdict_detail,
        computed.reminders,
    )
    assert shown.figures == figures.figures
    # the launch's path: the peek's figures with the same key
    peeked = peek_overview(paths.db_path, 2026, today)
    assert peeked is not None
    early = replace(from_counts(peeked.counts, 2026), data_version=peeked.data_version)
    assert with_remembered(early, paths.data_dir, paths.db_path, today) == shown


def test_a_change_of_data_rules_date_or_year_invalidates_it(demo_services, paths):
    today = demo_services.ctx.clock.today()
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)

    def valid(at: date = today, year: int = 2026) -> bool:
        figures = overview_figures(demo_services.ctx, year)
        return with_remembered(figures, paths.data_dir, paths.db_path, at).remembered

    assert valid()
    assert not valid(today + timedelta(days=1))
    assert not valid(year=2025)
    # a local rule file (an edited or imported ruleset version)
    rules = paths.data_dir / "rulesets" / "local"
    rules.mkdir(parents=True)
    (rules / "v9.json").write_text("{}", encoding="utf-8")
    assert not valid()
    shutil.rmtree(paths.data_dir / "rulesets")
    assert valid()
    # a record deleted (a soft delete: an update through the app)
    with closing(_ro(paths.db_path)) as con:
        (case_id,) = con.execute(
            "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND outcome = 'in_progress' LIMIT 1"
        ).fetchone()
    demo_services.mediation.cases.delete(case_id)
    assert not valid()
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    assert valid()
    # a setting changed
    demo_services.settings.set("ui.font_point_size", 12)
    assert not valid()
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    assert valid()
    # the deleted record brought back from the recycle bin
    demo_services.recycle.restore("case", case_id)
    assert not valid()


def test_a_broken_remembered_file_is_ignored(demo_services, paths):
    today = demo_services.ctx.clock.today()
    (paths.data_dir / REMEMBERED_FILE).write_text("{not json", encoding="utf-8")
    figures = overview_figures(demo_services.ctx, 2026)
    assert with_remembered(figures, paths.data_dir, paths.db_path, today) == figures
    (paths.data_dir / REMEMBERED_FILE).write_text(json.dumps({"key": 1}), encoding="utf-8")
    assert with_remembered(figures, paths.data_dir, paths.db_path, today) == figures


def _shown(services, paths, today: date) -> bool:
    figures = overview_figures(services.ctx, 2026)
    return with_remembered(figures, paths.data_dir, paths.db_path, today).remembered


def test_a_remembered_file_that_is_not_ours_is_not_read(demo_services, paths):
    """Review of #17 §1: truncated, too large, readable or writable by others, not a regular file — ignored
    (a pipe without blocking the start); a folder in its place is replaced by the next result."""
    today = demo_services.ctx.clock.today()
    stored = paths.data_dir / REMEMBERED_FILE
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    good = stored.read_bytes()
    assert _shown(demo_services, paths, today)
    stored.write_bytes(good[: len(good) // 2])  # cut short (a full disk, a crash while copying)
    assert not _shown(demo_services, paths, today)
    # a valid content padded past the limit: not read into memory at all
    stored.write_bytes(good + b" " * REMEMBERED_MAX_BYTES)
    if os.name == "posix":
        stored.chmod(0o600)
    assert not _shown(demo_services, paths, today)
    stored.write_bytes(good)
    assert _shown(demo_services, paths, today)
    if os.name == "posix":
        for mode in (0o644, 0o620, 0o604):  # others could read it (names of people) or have written it
            stored.chmod(mode)
            assert not _shown(demo_services, paths, today)
        stored.chmod(0o600)
        assert _shown(demo_services, paths, today)
        # a link to a file elsewhere
        elsewhere = paths.data_dir / "elsewhere.json"
        stored.rename(elsewhere)
        stored.symlink_to(elsewhere)
        assert not _shown(demo_services, paths, today)
        stored.unlink()
        os.mkfifo(stored, 0o600)  # opening a pipe for reading waits for a writer: not here
        assert not _shown(demo_services, paths, today)
        forget_remembered(paths.data_dir)
        assert not stored.exists() and not stored.is_symlink()
    stored.mkdir()
    (stored / "x").write_text("x", encoding="utf-8")
    assert not _shown(demo_services, paths, today)
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    assert stored.is_file() and _shown(demo_services, paths, today)
    stored.unlink()
    stored.mkdir()
    forget_remembered(paths.data_dir)  # what a restore does first: it must not fail on a folder
    assert not stored.exists()
    forget_remembered(paths.data_dir)  # nothing there: nothing to do


def test_another_file_in_the_same_place_does_not_match(demo_services, paths, tmp_path):
    """Review of #17 §1: a file put in the ward file's place (a restore from the command line, which knows no
    data folder, or a copy over it) with the same data version is another file: its verdict is not shown."""
    today = demo_services.ctx.clock.today()
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    assert _shown(demo_services, paths, today)
    demo_services.ctx.db.close()
    copy = tmp_path / "copy.db"
    shutil.copyfile(paths.db_path, copy)
    os.replace(copy, paths.db_path)  # the same bytes, the same data version: still another file
    peeked = peek_overview(paths.db_path, 2026, today)
    assert peeked is not None
    early = replace(from_counts(peeked.counts, 2026), data_version=peeked.data_version)
    assert not with_remembered(early, paths.data_dir, paths.db_path, today).remembered


def test_the_starts_own_sign_in_keeps_it(demo_services, paths):
    """Review of #17 §1: in "một người dùng" mode every start signs in (an audit entry, the account's last
    sign-in time) after the peek: the verdict the launch showed remembered must still hold for the page, or
    it would drop back to "Đang tính…" until the recomputation. A data change still invalidates it."""
    today = demo_services.ctx.clock.today()
    assert demo_services.users.single_user()  # the demo ward works so
    remember(_computed(demo_services), paths.data_dir, paths.db_path, today)
    peeked = peek_overview(paths.db_path, 2026, today)
    assert peeked is not None
    early = replace(from_counts(peeked.counts, 2026), data_version=peeked.data_version)
    assert with_remembered(early, paths.data_dir, paths.db_path, today).remembered
    assert demo_services.users.login_single_user() is not None  # what the launcher does next
    assert _shown(demo_services, paths, today)
    with closing(_ro(paths.db_path)) as con:
        (case_id,) = con.execute(
            "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND outcome = 'in_progress' LIMIT 1"
        ).fetchone()
    demo_services.mediation.cases.delete(case_id)
    assert not _shown(demo_services, paths, today)


_KILLED_WRITER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode=" + sys.argv[2])
con.execute("PRAGMA wal_autocheckpoint=0")
con.execute("PRAGMA cache_size=5")  # the rollback journal's case: pages spill into the file before commit
con.execute("BEGIN IMMEDIATE")  # a save that completed: one session less in 2026, the counter moved
con.execute("UPDATE dissemination_session SET deleted_at = '2026-11-29T00:00:00' WHERE id = (SELECT id"
            " FROM dissemination_session WHERE deleted_at IS NULL AND substr(held_on, 1, 4) = '2026' LIMIT 1)")
con.execute("UPDATE sync_state SET last_change_seq = last_change_seq + 1 WHERE id = 1")
con.execute("COMMIT")
con.execute("BEGIN IMMEDIATE")  # a save under way when the process is killed
con.execute("UPDATE dissemination_session SET deleted_at = '2026-11-30T00:00:00' WHERE deleted_at IS NULL")
con.execute("UPDATE sync_state SET last_change_seq = last_change_seq + 1000 WHERE id = 1")
con.execute("CREATE TABLE junk(x)")
con.execute("INSERT INTO junk SELECT randomblob(4000) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL"
            " SELECT i + 1 FROM c WHERE i < 2000) SELECT i FROM c)")
print("saving", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_writer_killed_mid_save_gives_no_stale_figures(demo_services, paths, journal):
    """Review of #17 §1: a copy of the app killed (kill -9) while saving leaves a WAL with committed and
    uncommitted frames, or — a file in rollback-journal mode, as a backup copy is — a hot journal. The peek
    must show what the normal open will (the committed save, not the half one), or nothing."""
    import signal
    import subprocess
    import sys

    today = demo_services.ctx.clock.today()
    before = overview_figures(demo_services.ctx, 2026).data_version
    assert before is not None
    demo_services.ctx.db.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(paths.db_path), journal], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "saving"
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()
    peeked = peek_overview(paths.db_path, 2026, today)
    if journal == "delete":  # a read-only connection cannot roll the journal back: no preview
        assert peeked is None
        return
    reopened = open_services(paths, clock=demo_services.ctx.clock)  # recovers from the WAL
    try:
        figures = overview_figures(reopened.ctx, 2026)
    finally:
        reopened.ctx.db.close()
    assert peeked is not None
    early = replace(from_counts(peeked.counts, 2026), data_version=peeked.data_version)
    assert (early.figures, early.data_version) == (figures.figures, figures.data_version)
    assert figures.data_version is not None and figures.data_version[0] == before[0] + 1  # not the half save
