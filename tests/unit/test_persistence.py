"""Opening, creating, upgrading, refusing and backing up the ward database — on real SQLite files."""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import (
    DatabaseCorruptError,
    DatabaseNewerError,
    NetworkPathError,
    StorageError,
)
from pbgdpl_desktop.persistence.db import (
    backup_database,
    check_database,
    head_revision,
    open_database,
    restore_database,
)
from pbgdpl_desktop.persistence.netpath import network_share_reason
from tests.builders import ward_profile

DATA = Path(__file__).parents[1] / "data"


def _rows(path, sql):
    with closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchall()


def test_new_database_is_made_by_the_migrations(tmp_path):
    db = open_database(tmp_path / "new.db")
    try:
        assert db.report.created and db.report.backup_path is None
        with db.engine.connect() as con:
            assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.close()
    assert _rows(tmp_path / "new.db", "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    result = check_database(tmp_path / "new.db")
    assert result.ok, result.problems  # models and migrations agree, integrity ok


def test_first_released_schema_is_upgraded_with_a_backup_first(tmp_path):
    copy = tmp_path / "ward.db"
    shutil.copyfile(DATA / "schema_0001_foundation.db", copy)
    before = copy.read_bytes()
    db = open_database(copy, backups_dir=tmp_path / "backups")
    try:
        assert db.report.from_revision == "0001_foundation"
        assert db.report.to_revision == head_revision()
        backup = db.report.backup_path
        assert backup is not None and backup.parent == tmp_path / "backups"
        assert "truoc-nang-cap-0001_foundation" in backup.name
        # the backup is the file as it was: same schema revision and same data
        assert _rows(backup, "SELECT version_num FROM alembic_version") == [("0001_foundation",)]
        assert _rows(backup, "SELECT commune_name FROM ward_profile") == [("Phường Hoàn Kiếm",)]
        from pbgdpl_desktop.services.core.context import ServiceContext
        from pbgdpl_desktop.services.registry import Services

        services = Services.build(ServiceContext(db=db, data_dir=tmp_path))
        profile = services.ward.get()
        assert profile is not None and profile.chairman == "Nguyễn Văn Thành"
        assert services.settings.get("mediation.long_running_days") == 45
    finally:
        db.close()
    assert copy.read_bytes() != before
    assert check_database(copy).ok


def test_database_of_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        con.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseNewerError) as info:
        open_database(path)
    assert "phiên bản phần mềm mới hơn" in info.value.message
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    "content",
    [b"this is a Word document, not a database" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["not-sqlite", "damaged-sqlite"],
)
def test_corrupt_or_foreign_file_is_refused_untouched(tmp_path, content):
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(path)
    assert "Tệp" in info.value.message
    assert path.read_bytes() == content
    # nothing written beside it but the lock files (persistence/lock.py), which hold no data
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["broken.db"]


def test_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE customers(name TEXT)")
        con.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(path)
    assert "không phải của phần mềm này" in info.value.message
    assert path.read_bytes() == before


def test_unwritable_location_gives_a_clear_message(tmp_path):
    # A path under a regular file can never be created (works for root too, unlike permission bits).
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as info:
        open_database(blocker / "x.db")
    assert "Không tạo được tệp dữ liệu" in info.value.message
    assert blocker.read_text() == "not a folder"


MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//nas/share /media/phong\\040tu\\040phap cifs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_network_shares_are_detected():
    assert network_share_reason(Path("/mnt/nfs/ward.db"), mounts=MOUNTS, platform="linux")
    assert network_share_reason(Path("/media/phong tu phap/x.db"), mounts=MOUNTS, platform="linux")
    assert network_share_reason(Path("/home/clerk/ward.db"), mounts=MOUNTS, platform="linux") is None
    assert network_share_reason(Path("/tmp/ward.db"), mounts=MOUNTS, platform="linux") is None
    assert network_share_reason(Path("//server/share/ward.db"), mounts="", platform="linux")
    assert network_share_reason(Path("\\\\SERVER\\tuphap\\ward.db"), mounts="", platform="win32")


def test_network_share_refused_with_a_clear_message(tmp_path):
    with pytest.raises(NetworkPathError) as info:
        open_database(Path("//server/share/ward.db"))
    assert "ổ mạng" in info.value.message


def test_sync_columns_are_stamped_on_every_write(services):
    profile = ward_profile()
    services.ward.save(profile)
    with services.ctx.db.raw_connection() as con:
        first = con.execute(
            "SELECT id, revision, change_seq, created_at, updated_at FROM ward_profile"
        ).fetchone()
    services.ward.save(profile.__class__(**{**profile.__dict__, "chairman": "Lê Văn Tám"}))
    with services.ctx.db.raw_connection() as con:
        second = con.execute("SELECT id, revision, change_seq, created_at FROM ward_profile").fetchone()
        last = con.execute("SELECT last_change_seq FROM sync_state").fetchone()[0]
    assert len(first[0]) == 36 and first[1] == 1
    assert second[0] == first[0] and second[1] == 2 and second[2] > first[2]
    assert second[3] == first[3]
    assert last >= second[2]


def test_backup_and_restore_round_trip(services, tmp_path):
    services.ward.save(ward_profile(chairman="Nguyễn Văn A"))
    db_path = services.ctx.db.path
    backup = backup_database(db_path, tmp_path / "copy.db")
    services.ward.save(ward_profile(chairman="Người khác"))
    services.ctx.db.close()
    safety = restore_database(backup, db_path, tmp_path / "backups")
    assert safety is not None and safety.exists()
    assert _rows(db_path, "SELECT chairman FROM ward_profile") == [("Nguyễn Văn A",)]
    assert _rows(safety, "SELECT chairman FROM ward_profile") == [("Người khác",)]


def test_restore_refuses_a_bad_backup_and_keeps_the_database(services, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    db_path = services.ctx.db.path
    services.ctx.db.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseCorruptError):
        restore_database(bad, db_path)
    assert db_path.read_bytes() == before
