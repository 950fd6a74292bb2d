"""Data safety under faults (issue 11): a second writer, two writers at the SQL level, kill -9 during a save,
an import, every migration step, a restore, a backup and a report, a full disk. After each: the file passes
``integrity_check``, opens, holds every acknowledged write, no number is used twice, and no half-written file
sits under a final name. The other side of each test is ``tests/faults/child.py`` in a separate process,
which says on stdout what it wrote and kills itself at a chosen point (no timing involved)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import DatabaseCorruptError, DatabaseInUseError, ReadOnlyError, StorageError
from pbgdpl_desktop.persistence.backups import list_backups, make_backup
from pbgdpl_desktop.persistence.db import (
    backup_database,
    check_database,
    head_revision,
    integrity_problems,
    open_database,
    read_revision,
    restore_database,
)
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from tests.builders import add_team, session_input

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TWO_WRITERS_SECONDS = float(os.environ.get("PBGDPL_TWO_WRITERS_SECONDS", "30"))


def child(scenario: str, data_dir: Path, *args: str, preexec=None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.child", scenario, str(data_dir), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        preexec_fn=preexec,
    )


def finish(proc: subprocess.Popen, timeout: float = 180) -> tuple[list[str], str, int]:
    out, err = proc.communicate(timeout=timeout)
    return out.splitlines(), err, proc.returncode


def ids_in(lines: list[str]) -> list[str]:
    return [line.split()[1] for line in lines if line.startswith("ok ")]


def live_ids(db: Path, table: str) -> set[str]:
    with closing(sqlite3.connect(db)) as con:
        return {r[0] for r in con.execute(f"SELECT id FROM {table} WHERE deleted_at IS NULL")}


def change_seq_duplicates(db: Path) -> list[tuple[int, int]]:
    with closing(sqlite3.connect(db)) as con:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if "change_seq" in {c[1] for c in con.execute(f"PRAGMA table_info('{r[0]}')")}
        ]
        union = " UNION ALL ".join(f"SELECT change_seq FROM {t}" for t in tables)
        return con.execute(
            f"SELECT change_seq, count(*) FROM ({union}) GROUP BY 1 HAVING count(*) > 1"
        ).fetchall()


def healthy(db: Path) -> None:
    """Integrity, schema current after a normal open, and no shared change_seq."""
    assert integrity_problems(db) == []
    open_database(db).close()
    assert check_database(db).ok, check_database(db).problems
    assert change_seq_duplicates(db) == []


@pytest.fixture
def ward_db(services, paths: RuntimePaths) -> Path:
    """The test's database with one team, closed (children open it)."""
    add_team(services)
    services.ctx.db.close()
    return paths.db_path


# ----------------------------------------------------------------------------------------- one writer
def test_a_second_writer_is_refused_and_a_reader_still_works(ward_db, paths):
    holder = child("hold", paths.data_dir)
    assert holder.stdout.readline().startswith("ready")
    with pytest.raises(DatabaseInUseError) as info:
        open_database(ward_db)
    assert "đang được mở trên máy này" in info.value.message and "chỉ đọc" in info.value.message
    reader = open_services(paths, read_only=True)  # the app's "Mở chỉ đọc" and the reading commands
    assert [t.name for t in reader.mediation.teams.all()] == ["Tổ hòa giải tổ dân phố số 1"]
    with pytest.raises(ReadOnlyError):
        reader.dissemination.sessions.save(session_input())
    reader.ctx.db.close()
    # a writer that dies holds nothing: the lock is the operating system's, gone with the process
    holder.send_signal(signal.SIGKILL)
    finish(holder)
    open_database(ward_db).close()


def test_writing_commands_refuse_while_the_app_writes(ward_db, paths, tmp_path):
    holder = child("hold", paths.data_dir)
    assert holder.stdout.readline().startswith("ready")
    copy = tmp_path / "copy.db"
    backup_database(ward_db, copy)  # a backup reads: allowed while the app runs
    with pytest.raises(DatabaseInUseError):
        restore_database(copy, ward_db, paths.backups_dir)
    finish(holder)  # closes its stdin: the app ends and lets go of the file
    assert restore_database(copy, ward_db, paths.backups_dir) is not None


def test_two_writers_at_the_sql_level_never_share_a_number(ward_db, paths):
    """Without the one-writer lock, two processes saving cases of the same team for 30 s: BEGIN IMMEDIATE
    and the unique indexes keep every number unique; a busy moment is a clean Vietnamese refusal."""
    with closing(sqlite3.connect(ward_db)) as con:
        team_id = con.execute("SELECT id FROM mediation_team").fetchone()[0]
    procs = [child("save-cases", paths.data_dir, team_id, str(TWO_WRITERS_SECONDS), "no") for _ in range(2)]
    results = [finish(p, timeout=TWO_WRITERS_SECONDS + 120) for p in procs]
    acked = []
    for lines, err, code in results:
        assert code == 0, err[-2000:]
        assert lines[-1] == "done"
        acked += [line.split() for line in lines if line.startswith("ok ")]
        errors = [line for line in lines if line.startswith("err ")]
        assert all(e.split()[1] in ("StorageError", "ConflictError") for e in errors), errors[:5]
    assert len(acked) > 20, "the writers did not get going"
    numbers = Counter((year, number) for _, _, year, number in acked)
    assert [k for k, n in numbers.items() if n > 1] == []
    assert {case_id for _, case_id, _, _ in acked} <= live_ids(ward_db, "mediation_case")
    healthy(ward_db)
    print(
        f"two writers: {len(acked)} cases saved, {sum(len(r[0]) for r in results) - len(acked) - 4} refusals"
    )


# ----------------------------------------------------------------------------------------- kill -9
def test_kill_during_saves_loses_no_acknowledged_write(ward_db, paths):
    kills = 8
    acknowledged: list[str] = []
    for round_ in range(kills):
        proc = child("save-sessions", paths.data_dir)
        assert proc.stdout.readline().startswith("ready")
        for _ in range(3 + 4 * round_):  # a different moment each round, chosen by the acks, not a clock
            line = proc.stdout.readline()
            assert line.startswith("ok "), line + proc.stderr.read()[-2000:]
            acknowledged.append(line.split()[1])
        proc.send_signal(signal.SIGKILL)
        finish(proc)
        assert integrity_problems(ward_db) == []
    assert set(acknowledged) <= live_ids(ward_db, "dissemination_session")
    healthy(ward_db)


def _logbook(services, tmp_path: Path, rows: int) -> Path:
    path = services.dissemination.imports.export_template(tmp_path / "so.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    for n in range(rows):
        ws.append([f"{(n % 28) + 1:02d}/03/2026", "08:00", f"Phổ biến pháp luật lần {n}", "Loa truyền thanh"])
    wb.save(path)
    return path


def test_kill_during_an_import_leaves_all_or_nothing(services, paths, tmp_path):
    book = _logbook(services, tmp_path, 120)
    services.ctx.db.close()
    before = live_ids(paths.db_path, "dissemination_session")
    survived = 0
    for statements in (1, 3, 6, 10, 40):  # statements of the commit: begin, counter, inserts, links, commit
        proc = child("import", paths.data_dir, str(book), str(statements))
        lines, err, code = finish(proc)
        rows = int(lines[0].split()[1])
        assert code in (-signal.SIGKILL, 0), err[-2000:]
        now = live_ids(paths.db_path, "dissemination_session")
        assert len(now - before) in (0, rows), (statements, len(now - before))
        assert integrity_problems(paths.db_path) == []
        survived += code == -signal.SIGKILL
        if now != before:
            break
    assert survived >= 1
    healthy(paths.db_path)


def _upgrade_points(data_dir: Path) -> tuple[int, list[int]]:
    lines, err, code = finish(child("count-upgrade", data_dir))
    assert code == 0, err[-2000:]
    total = int(lines[0].split()[1])
    stamps = [int(x) for x in lines[1].split()[1:]]
    return total, stamps


def test_kill_during_each_migration_step_never_bricks_the_file(tmp_path):
    """An old file upgraded to head; the process killed inside every revision (first statement, middle,
    right after the revision stamp): the file always opens again, as the old version, then upgrades."""
    probe = tmp_path / "probe"
    probe.mkdir()
    shutil.copyfile(DATA / "schema_0001_foundation.db", probe / "pbgdpl.db")
    total, stamps = _upgrade_points(probe)
    bounds = [0, *stamps]
    points = sorted({p for a, b in zip(bounds, bounds[1:], strict=False) for p in (a + 1, (a + b) // 2, b)})
    assert len(stamps) == 6 and points[-1] < total  # revisions 0002 … 0007
    for point in points:
        work = tmp_path / f"kill-{point}"
        work.mkdir()
        shutil.copyfile(DATA / "schema_0001_foundation.db", work / "pbgdpl.db")
        lines, err, code = finish(child("upgrade", work, str(point)))
        assert code == -signal.SIGKILL, (point, lines, err[-2000:])
        db = work / "pbgdpl.db"
        assert integrity_problems(db) == []
        assert read_revision(db)[0] == "0001_foundation", point  # one transaction: all or nothing
        assert "dở dang" not in " ".join(check_database(db).problems)
        lines, err, code = finish(child("upgrade", work, "0"))
        assert code == 0 and lines == [f"done {head_revision()}"], err[-2000:]
        healthy(db)
        # the copies made before each attempt: the same content is kept once
        assert len([b for b in list_backups(work / "backups") if b.reason.startswith("truoc-nang-cap")]) == 1
    print(f"migration kills: {len(points)} of {total} statements, all survived")


@pytest.mark.parametrize("when", ["before", "after"])
def test_kill_during_a_restore_or_a_backup(ward_db, paths, tmp_path, when):
    source = make_backup(ward_db, tmp_path / "saved", "thu-cong").path
    with closing(sqlite3.connect(ward_db)) as con:  # the current file differs from the copy
        con.execute("UPDATE mediation_team SET name = 'Tổ mới đổi tên'")
        con.commit()
    _, err, code = finish(child("restore", paths.data_dir, str(source), when))
    assert code == -signal.SIGKILL, err[-2000:]
    with closing(sqlite3.connect(ward_db)) as con:
        name = con.execute("SELECT name FROM mediation_team").fetchone()[0]
    assert name == ("Tổ mới đổi tên" if when == "before" else "Tổ hòa giải tổ dân phố số 1")
    healthy(ward_db)
    target = tmp_path / "out" / "copy.db"
    _, err, code = finish(child("backup", paths.data_dir, str(target), when))
    assert code == -signal.SIGKILL, err[-2000:]
    assert target.exists() is (when == "after")  # never a half-written file under the final name
    if target.exists():
        assert integrity_problems(target) == []


def test_kill_during_a_report_write(ward_db, paths, tmp_path):
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _, err, code = finish(child("report", paths.data_dir, str(target), "before"))
    assert code == -signal.SIGKILL, err[-2000:]
    assert not target.exists()
    _, err, code = finish(child("report", paths.data_dir, str(target), "after"))
    assert code == -signal.SIGKILL, err[-2000:]
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes().rstrip().endswith(b"%%EOF")
    healthy(ward_db)


def _limit_file_size() -> None:  # in the child before exec: no file may grow past 2 MiB ("disk full")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2 * 1024 * 1024, 2 * 1024 * 1024))


def test_a_full_disk_is_a_clear_message_and_keeps_every_acknowledged_write(ward_db, paths):
    lines, err, code = finish(child("fill", paths.data_dir, preexec=_limit_file_size), timeout=600)
    assert code == 0, err[-2000:]
    refusals = [line for line in lines if line.startswith("err ")]
    assert len(refusals) == 1 and "StorageError" in refusals[0] and "ổ đĩa đã đầy" in refusals[0]
    assert "Traceback" not in err
    acked = ids_in(lines)
    assert len(acked) > 10
    assert set(acked) <= live_ids(ward_db, "dissemination_session")
    healthy(ward_db)


# ----------------------------------------------------------------------------------------- files
def test_an_empty_or_truncated_file_is_never_replaced_by_a_new_ward(tmp_path):
    empty = tmp_path / "empty" / "pbgdpl.db"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(empty)
    assert "rỗng" in info.value.message and "khôi phục" in info.value.message
    assert empty.read_bytes() == b""
    cut = tmp_path / "cut" / "pbgdpl.db"
    cut.parent.mkdir()
    cut.write_bytes((DATA / "schema_0001_foundation.db").read_bytes()[:50])
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(cut)
    assert "cắt cụt" in info.value.message


def test_backup_never_overwrites_the_database_or_its_companions(ward_db, tmp_path):
    for target in (ward_db, Path(f"{ward_db}-wal"), tmp_path):
        with pytest.raises(StorageError):
            backup_database(ward_db, target)
    assert integrity_problems(ward_db) == []


def test_a_damaged_backup_source_is_blamed_on_the_source(tmp_path):
    src = tmp_path / "src.db"
    src.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 8000)
    with pytest.raises(DatabaseCorruptError) as info:
        backup_database(src, tmp_path / "out.db")
    assert str(src) in info.value.message and not (tmp_path / "out.db").exists()


def test_a_half_upgraded_file_is_told_apart_and_the_newest_good_backup_proposed(tmp_path):
    """What an older version's non-transactional upgrade left: revision 0001 stamped, 0002's tables there."""
    backups = tmp_path / "backups"
    good = tmp_path / "good.db"
    shutil.copyfile(DATA / "schema_0001_foundation.db", good)
    make_backup(good, backups, "hang-ngay")
    broken = tmp_path / "pbgdpl.db"
    shutil.copyfile(good, broken)
    with closing(sqlite3.connect(broken)) as con:
        con.execute("CREATE TABLE dissemination_session (id TEXT PRIMARY KEY)")
        con.commit()
    problems = " ".join(check_database(broken).problems)
    assert "dở dang" in problems and "sẽ được nâng cấp" not in problems
    before = broken.read_bytes()
    for _ in range(2):
        with pytest.raises(DatabaseCorruptError) as info:
            open_database(broken, backups_dir=backups)
        assert "dở dang" in info.value.message and "hang-ngay" in info.value.message
    assert broken.read_bytes() == before
    assert len(list_backups(backups)) == 1  # no copy of the broken file, let alone two


def test_revision_0006_renumbers_what_two_writers_left(tmp_path):
    db = tmp_path / "pbgdpl.db"
    shutil.copyfile(DATA / "schema_0005_assessment.db", db)
    assert change_seq_duplicates(db) != []
    open_database(db).close()
    with closing(sqlite3.connect(db)) as con:
        numbers = con.execute(
            "SELECT case_number, search_folded FROM mediation_case ORDER BY received_on"
        ).fetchall()
        renumbered = json.loads(
            con.execute("SELECT value FROM app_meta WHERE key = 'renumbered_cases'").fetchone()[0]
        )
    assert [n for n, _ in numbers] == [1, 4, 3]  # the case entered second gets the next free number
    assert numbers[1][1].startswith("4/2026 ")
    assert [(r["from"], r["to"]) for r in renumbered] == [(1, 4)]
    healthy(db)
