"""An office database on a PostgreSQL server (issue #14): imports of two wards by two separate processes at
the same time, neither waiting for the other; two staff saving the same review, the second told so; the
schema the revisions make there equals the models; a server URL never shows its password; what makes no
sense on a server (file backups) is refused in Vietnamese."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from pbgdpl_desktop.app import main
from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.domain.errors import ConflictError, DomainError
from pbgdpl_desktop.persistence.db import SERVER_BACKUP_MESSAGE, safe_url
from pbgdpl_desktop.persistence.schema_check import engine_schema_differences
from pbgdpl_desktop.services.core.runtime import RuntimePaths, resolve_paths
from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.services.registry import open_services
from pbgdpl_desktop.services.sync.dto import ALREADY, IMPORTED
from tests.conftest import TEST_NOW
from tests.helpers.bundles import small_ward
from tests.helpers.office import office_of, rename_ward
from tests.helpers.postgres import open_server_office

YEAR = 2026
WAIT = 120  # seconds a process waits for the other before the test fails (never reached when all is well)


def _ward_bundle(folder: Path, template: Path, commune: str | None) -> Path:
    """A small ward's full bundle (Phường Hoàn Kiếm, or renamed to ``commune``) — its own database and key."""
    folder.mkdir(parents=True)
    paths = RuntimePaths(folder, folder / "ward.db")
    shutil.copyfile(template, paths.db_path)
    svc = open_services(paths, clock=FixedClock(TEST_NOW))
    try:
        small_ward(svc)
        if commune:
            rename_ward(svc, commune)
        record = svc.sync.exporter.export(folder / "out", full=True).record
        assert record is not None
        return record.path
    finally:
        svc.ctx.db.close()


def _row_counts(url: str, folder: Path) -> dict[str, int]:
    svc = open_server_office(url, folder, FixedClock(TEST_NOW))
    try:
        with svc.ctx.db.read() as session:
            rows = session.execute(text("SELECT ward_code, count(*) FROM office_row GROUP BY ward_code"))
            return {str(code): int(n) for code, n in rows}
    finally:
        svc.ctx.db.close()


# ----------------------------------------------------------------------------------------- processes
def _hold_an_import_open(url: str, folder: str, bundle: str, written, other_done, result) -> None:
    """Process A: import its ward inside one transaction, then keep that transaction open until process B
    says it has imported its own ward (had A locked the tables, B could not have finished)."""
    svc = open_server_office(url, Path(folder), FixedClock(TEST_NOW))
    try:
        with svc.ctx.db.bulk():
            batch = office_of(svc).import_paths([Path(bundle)])
            written.set()
            result["a_saw_b_finish_while_open"] = other_done.wait(WAIT)
        result["a_ok"] = batch.ok
        result["a_text"] = batch.text()
    finally:
        svc.ctx.db.close()


def _import_meanwhile(url: str, folder: str, bundle: str, other_written, done, result) -> None:
    """Process B: once A holds its transaction open, import another ward and commit."""
    svc = open_server_office(url, Path(folder), FixedClock(TEST_NOW))
    try:
        assert other_written.wait(WAIT)
        batch = office_of(svc).import_paths([Path(bundle)])
        result["b_ok"] = batch.ok
        result["b_text"] = batch.text()
        done.set()
    finally:
        svc.ctx.db.close()


def test_two_processes_import_two_wards_at_once_without_waiting(
    pg_database, _template_db, services, tmp_path
):
    first = _ward_bundle(tmp_path / "w1", _template_db, None)
    second = _ward_bundle(tmp_path / "w2", _template_db, "Phường Ba Đình")
    office = open_server_office(pg_database, tmp_path / "office", FixedClock(TEST_NOW))
    try:
        office.sync.register(first, registered_by="Chuyên viên A")
        office.sync.register(second, registered_by="Chuyên viên A")
        codes = sorted(w.ward_code for w in office.sync.wards())
    finally:
        office.ctx.db.close()
    assert len(codes) == 2

    ctx = multiprocessing.get_context("spawn")  # real separate processes, nothing shared but the server
    with ctx.Manager() as manager:
        written, done, result = manager.Event(), manager.Event(), manager.dict()
        a = ctx.Process(
            target=_hold_an_import_open,
            args=(pg_database, str(tmp_path / "pa"), str(first), written, done, result),
        )
        b = ctx.Process(
            target=_import_meanwhile,
            args=(pg_database, str(tmp_path / "pb"), str(second), written, done, result),
        )
        a.start()
        b.start()
        a.join(3 * WAIT)
        b.join(3 * WAIT)
        outcome = dict(result)
    assert (a.exitcode, b.exitcode) == (0, 0), outcome
    assert outcome["a_ok"] and outcome["b_ok"], outcome
    assert outcome["a_saw_b_finish_while_open"], "ward B's import waited for ward A's transaction"

    counts = _row_counts(pg_database, tmp_path / "office")
    alone = _row_counts_alone(first, second, tmp_path, _template_db)
    assert counts == alone and set(counts) == set(codes) and all(n > 0 for n in counts.values())


def _row_counts_alone(first: Path, second: Path, tmp_path: Path, template: Path) -> dict[str, int]:
    """The rows the same two bundles give when imported one after the other into an SQLite office."""
    from tests.helpers.bundles import open_office

    svc = open_office(tmp_path / "sqlite-office", template, FixedClock(TEST_NOW))
    try:
        for bundle in (first, second):
            svc.sync.register(bundle, registered_by="A")
        assert office_of(svc).import_paths([first, second]).ok
        with svc.ctx.db.read() as session:
            rows = session.execute(text("SELECT ward_code, count(*) FROM office_row GROUP BY ward_code"))
            return {str(code): int(n) for code, n in rows}
    finally:
        svc.ctx.db.close()


def _hold_until_the_other_waits(url: str, folder: str, bundle: str, written, result) -> None:
    """Process A of the same-ward test: import, then keep the transaction open until process B is seen
    waiting for the ward's lock (polled on the server, with a deadline), then commit."""
    svc = open_server_office(url, Path(folder), FixedClock(TEST_NOW))
    try:
        with svc.ctx.db.bulk():
            batch = office_of(svc).import_paths([Path(bundle)])
            written.set()
            deadline = time.monotonic() + WAIT
            waiting = 0
            with svc.ctx.db.engine.connect() as watcher:
                while waiting == 0 and time.monotonic() < deadline:
                    waiting = watcher.execute(
                        text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                    ).scalar_one()
                    watcher.rollback()
            result["b_waited"] = waiting > 0
        result["a"] = [r.status for r in batch.reports]
    finally:
        svc.ctx.db.close()


def _import_after(url: str, folder: str, bundle: str, other_written, result) -> None:
    svc = open_server_office(url, Path(folder), FixedClock(TEST_NOW))
    try:
        assert other_written.wait(WAIT)
        result["b"] = [r.status for r in office_of(svc).import_paths([Path(bundle)]).reports]
    finally:
        svc.ctx.db.close()


def test_two_processes_importing_the_same_bundle_take_turns(pg_database, _template_db, services, tmp_path):
    bundle = _ward_bundle(tmp_path / "w1", _template_db, None)
    office = open_server_office(pg_database, tmp_path / "office", FixedClock(TEST_NOW))
    try:
        office.sync.register(bundle, registered_by="Chuyên viên A")
    finally:
        office.ctx.db.close()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        written, result = manager.Event(), manager.dict()
        a = ctx.Process(
            target=_hold_until_the_other_waits,
            args=(pg_database, str(tmp_path / "pa"), str(bundle), written, result),
        )
        b = ctx.Process(
            target=_import_after, args=(pg_database, str(tmp_path / "pb"), str(bundle), written, result)
        )
        a.start()
        b.start()
        a.join(3 * WAIT)
        b.join(3 * WAIT)
        outcome = dict(result)
    assert (a.exitcode, b.exitcode) == (0, 0), outcome
    assert outcome["b_waited"], outcome
    assert (outcome["a"], outcome["b"]) == ([IMPORTED], [ALREADY]), outcome  # no duplicate key, no traceback


# ----------------------------------------------------------------------------------------- reviews
def test_two_staff_save_the_same_review_the_second_is_told(pg_database, services, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    lan = open_server_office(pg_database, tmp_path / "lan", FixedClock(TEST_NOW))
    minh = open_server_office(pg_database, tmp_path / "minh", FixedClock(TEST_NOW))
    try:
        lan.sync.register(record.path, registered_by="Chị Lan")
        assert office_of(lan).import_paths([record.path]).ok
        lan_office, minh_office = office_of(lan), office_of(minh)  # two PCs: two connections, two screens
        lan_screen = lan_office.review("00070", YEAR)
        minh_screen = minh_office.review("00070", YEAR)
        assert lan_screen.version == minh_screen.version == 0
        lan_office.set_status("00070", YEAR, ReviewStatus.MORE_REQUESTED, version=0, by="Chị Lan")
        with pytest.raises(ConflictError) as exc:
            minh_office.set_status(
                "00070", YEAR, ReviewStatus.PASSED, version=minh_screen.version, by="Anh Minh"
            )
        assert "vừa được người khác cập nhật bởi Chị Lan" in exc.value.message
        after = minh_office.review("00070", YEAR)
        assert (after.status, after.version, after.updated_by) == (ReviewStatus.MORE_REQUESTED, 1, "Chị Lan")
        # Anh Minh reloads and saves on top: allowed
        minh_office.set_status("00070", YEAR, ReviewStatus.RECEIVED, version=after.version, by="Anh Minh")
        assert [e.by for e in lan_office.review("00070", YEAR).history] == ["Chị Lan", "Anh Minh"]
    finally:
        lan.ctx.db.close()
        minh.ctx.db.close()


# ----------------------------------------------------------------------------------------- schema, URL
def test_the_revisions_make_the_models_schema_on_the_server(pg_database, tmp_path):
    svc = open_server_office(pg_database, tmp_path / "office", FixedClock(TEST_NOW))
    try:
        assert engine_schema_differences(svc.ctx.db.engine) == []
        with svc.ctx.db.read() as session:
            names = session.execute(
                text(
                    "SELECT conname FROM pg_constraint WHERE conname LIKE 'fk_dissemination_session_speaker%'"
                )
            )
            assert sorted(r[0] for r in names) == [
                "fk_dissemination_session_speaker_session_id_disseminati_7113",
                "fk_dissemination_session_speaker_speaker_id_speaker",
            ]
            partial = session.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ux_mediation_case_number_live'")
            ).scalar()
            assert partial is not None and "WHERE (deleted_at IS NULL)" in partial
    finally:
        svc.ctx.db.close()


def test_a_password_never_shows_and_file_backups_are_refused(pg_database, tmp_path, capsys, caplog):
    url = make_url(pg_database).set(password="hemmelig").render_as_string(hide_password=False)
    assert "hemmelig" not in safe_url(url) and "hemmelig" not in repr(resolve_paths(tmp_path, url))
    code = main(["backup", "--db", url, "--out", str(tmp_path / "copy.db")])
    out = capsys.readouterr()
    assert code == 3 and "pg_dump" in out.err and "hemmelig" not in out.err + out.out
    missing = url.rsplit("/", 1)[0] + "/khong_co_csdl_nay"
    assert main(["wards", "--db", missing, "--data-dir", str(tmp_path / "d")]) == 3
    out = capsys.readouterr()
    assert "Không kết nối được cơ sở dữ liệu" in out.err and "hemmelig" not in out.err + out.out
    assert "hemmelig" not in caplog.text

    svc = open_server_office(pg_database, tmp_path / "office", FixedClock(TEST_NOW))
    try:
        assert svc.ctx.db.is_server and svc.backups.daily().info is None
        with pytest.raises(DomainError) as exc:
            svc.backups.backup_now()
        assert exc.value.message == SERVER_BACKUP_MESSAGE
    finally:
        svc.ctx.db.close()


def test_without_psycopg_the_clerk_is_told_how_to_install_it(monkeypatch, tmp_path, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a PC where the extra was not installed
    assert main(["wards", "--db", "postgresql://chuyenvien@maychu/sotp", "--data-dir", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert 'pip install "pbgdpl-desktop[server]"' in err and "psycopg" in err


def test_a_server_database_is_an_offices_a_wards_is_refused(pg_database, tmp_path):
    paths = RuntimePaths(tmp_path, tmp_path / "x.server", db_url=pg_database)
    svc = open_services(paths, clock=FixedClock(TEST_NOW))
    try:
        assert svc.sync.mode() == "upper-office"  # a new server database is the office's
        with svc.ctx.db.engine.begin() as con:
            con.execute(text("UPDATE app_meta SET value = 'ward' WHERE key = 'sync_mode'"))
    finally:
        svc.ctx.db.close()
    with pytest.raises(DomainError, match="chỉ mở cơ sở dữ liệu của cơ quan cấp trên"):
        open_services(paths, clock=FixedClock(TEST_NOW))
