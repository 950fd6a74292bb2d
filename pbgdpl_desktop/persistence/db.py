"""Open, create, upgrade, check, back up and restore the ward's SQLite file.

Opening an existing file (``open_database``):
1. refuse a path on a network share (SQLite locking is unsafe there);
2. refuse a file that is not SQLite or fails ``PRAGMA quick_check`` — without writing to it;
3. refuse a file whose schema revision this version does not know (written by a newer app);
4. if it is behind, copy it to a timestamped backup (SQLite online backup API), upgrade with Alembic,
   then verify with ``PRAGMA integrity_check``.
A new database is created by running the migrations (``upgrade head``), the same path users take.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

import pbgdpl_desktop
from pbgdpl_desktop.domain.errors import (
    DatabaseCorruptError,
    DatabaseNewerError,
    EnvironmentProblem,
    NetworkPathError,
    StorageError,
)
from pbgdpl_desktop.persistence import uow  # noqa: F401  (registers the sync-column stamping hook)
from pbgdpl_desktop.persistence.netpath import network_share_reason

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"


# ----------------------------------------------------------------------------------------- errors
def translate_sqlite_error(exc: BaseException, path: Path | str = "") -> EnvironmentProblem | None:
    """Map SQLite/OS failures to known problems with Vietnamese guidance; ``None`` for bugs."""
    message = str(getattr(exc, "orig", exc)).lower()
    where = f" ({path})" if path else ""
    if (
        "database or disk is full" in message
        or "disk i/o error" in message
        or getattr(exc, "errno", None) in (27, 28)
    ):  # EFBIG, ENOSPC
        return StorageError(
            f"Không ghi được{where}: ổ đĩa đã đầy hoặc lỗi ghi đĩa. Hãy giải phóng dung lượng "
            "hoặc chọn ổ khác rồi thử lại; dữ liệu đã lưu không bị mất."
        )
    if "locked" in message or "busy" in message:
        return StorageError(
            f"Tệp dữ liệu đang được chương trình khác sử dụng{where}. Hãy đóng chương trình đó rồi thử lại."
        )
    if "readonly" in message or "read-only" in message or isinstance(exc, PermissionError):
        return StorageError(
            f"Không có quyền ghi vào tệp dữ liệu{where}. Hãy chọn thư mục khác hoặc cấp quyền ghi."
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return DatabaseCorruptError(
            f"Tệp dữ liệu bị hỏng{where}. Hãy khôi phục từ bản sao lưu gần nhất (menu Cài đặt → Sao lưu)."
        )
    if "unable to open" in message:
        return StorageError(f"Không mở được tệp dữ liệu{where}. Kiểm tra đường dẫn và quyền truy cập.")
    return None


# ----------------------------------------------------------------------------------------- alembic
def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the shipped migrations have a head"
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


# ----------------------------------------------------------------------------------------- raw checks
def _ro_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database, reading only its header."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
    if header != SQLITE_HEADER:
        raise DatabaseCorruptError(
            f"Tệp {path} không phải là cơ sở dữ liệu của phần mềm (không phải tệp SQLite). Tệp không bị thay đổi."
        )


def read_revision(path: Path) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the file has any table) — read-only."""
    try:
        with closing(_ro_connect(path)) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                return None, bool(tables)
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return (row[0] if row else None), True
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) or DatabaseCorruptError(
            f"Tệp dữ liệu {path} bị hỏng hoặc không đọc được. Tệp không bị thay đổi."
        ) from exc


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Rows of ``PRAGMA integrity_check`` (or ``quick_check``) other than "ok" — read-only."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with closing(_ro_connect(path)) as con:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [r for r in rows if r != "ok"]


# ----------------------------------------------------------------------------------------- backup
def _timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def backup_database(src: Path, dest: Path) -> Path:
    """Copy ``src`` to ``dest`` with the SQLite online backup API; atomic (temp file + rename)."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(str(src))) as source, closing(sqlite3.connect(str(tmp))) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        known = translate_sqlite_error(exc, dest)
        if known is None:
            known = StorageError(f"Không tạo được bản sao lưu {dest}: {exc}.")
        raise known from exc
    return dest


def timestamped_backup(src: Path, backups_dir: Path, reason: str) -> Path:
    return backup_database(src, backups_dir / f"{src.stem}-{_timestamp()}-{reason}.db")


# ----------------------------------------------------------------------------------------- engine
def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    return engine


@dataclass(frozen=True)
class OpenReport:
    created: bool
    from_revision: str | None
    to_revision: str
    backup_path: Path | None


class Database:
    """An open ward database: engine + sessions. ``transaction()`` is one unit of work per user action."""

    def __init__(self, path: Path, engine: Engine, report: OpenReport) -> None:
        self.path = path
        self.engine = engine
        self.report = report
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commit on success, roll back on any exception; SQLite failures become known problems."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            known = translate_sqlite_error(exc, self.path)
            if known is None:
                raise
            raise known from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit: always rolled back."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection to the same file (bench floors, bulk checks)."""
        return sqlite3.connect(str(self.path))

    def close(self) -> None:
        with self.engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()


def _upgrade(engine: Engine) -> None:
    with engine.connect() as con:
        con.exec_driver_sql("PRAGMA foreign_keys=OFF")
        command.upgrade(alembic_config(con), "head")
        bad = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if bad:
            con.rollback()
            raise DatabaseCorruptError(
                f"Nâng cấp cơ sở dữ liệu để lại {len(bad)} liên kết hỏng; đã hủy nâng cấp."
            )
        con.commit()
        con.exec_driver_sql("PRAGMA foreign_keys=ON")


def _write_meta(engine: Engine, *, created: bool) -> None:
    now = datetime.now().isoformat(timespec="seconds")
    with engine.begin() as con:
        con.execute(
            text("INSERT OR REPLACE INTO app_meta(key, value) VALUES ('app_version', :v)"),
            {"v": pbgdpl_desktop.__version__},
        )
        if created:
            con.execute(
                text("INSERT OR REPLACE INTO app_meta(key, value) VALUES ('created_at', :v)"), {"v": now}
            )
        con.execute(text("INSERT OR IGNORE INTO sync_state(id, last_change_seq) VALUES (1, 0)"))


def _refuse_network_path(path: Path) -> None:
    reason = network_share_reason(path)
    if reason:
        raise NetworkPathError(
            f"Tệp dữ liệu {path} nằm trên ổ mạng ({reason}). Phần mềm chỉ làm việc với tệp trên ổ đĩa của máy "
            "này để tránh hỏng dữ liệu; hãy chép tệp về máy (ví dụ thư mục Tài liệu) rồi mở lại."
        )


def _check_existing(path: Path) -> str | None:
    """Refuse what must not be opened (without writing); return the file's schema revision."""
    check_is_sqlite(path)
    current, has_tables = read_revision(path)
    if current is None and has_tables:
        raise DatabaseCorruptError(
            f"Tệp {path} là cơ sở dữ liệu SQLite nhưng không phải của phần mềm này. Tệp không bị thay đổi."
        )
    if current is not None and current not in known_revisions():
        raise DatabaseNewerError(
            f"Tệp dữ liệu {path} được tạo bởi phiên bản phần mềm mới hơn (lược đồ “{current}”). "
            f"Hãy cài phiên bản mới nhất; phiên bản {pbgdpl_desktop.__version__} không mở tệp này để tránh làm hỏng dữ liệu."
        )
    problems = integrity_problems(path, quick=True)
    if problems:
        raise DatabaseCorruptError(
            f"Tệp dữ liệu {path} bị hỏng ({problems[0]}). Hãy khôi phục từ bản sao lưu. Tệp không bị thay đổi."
        )
    return current


def _prepare_new(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK):
            raise PermissionError(13, "read-only directory", str(path.parent))
    except OSError as exc:
        raise StorageError(
            f"Không tạo được tệp dữ liệu trong thư mục {path.parent}: thư mục chỉ đọc hoặc không tồn tại. "
            "Hãy chọn thư mục khác (tùy chọn --data-dir)."
        ) from exc


def _migrate_and_verify(
    engine: Engine, path: Path, current: str | None, head: str, *, existed: bool, backup_path: Path | None
) -> None:
    if current != head:
        _upgrade(engine)
        if existed:
            problems = integrity_problems(path)
            if problems:
                raise DatabaseCorruptError(
                    f"Kiểm tra sau nâng cấp thất bại: {problems[0]}. Bản sao lưu: {backup_path}"
                )
    _write_meta(engine, created=not existed)


def open_database(
    path: Path | str, *, backups_dir: Path | None = None, check_network: bool = True
) -> Database:
    """Open (and if needed create or upgrade) the database at ``path``. See the module docstring."""
    path = Path(path).expanduser().absolute()
    if check_network:
        _refuse_network_path(path)
    existed = path.exists() and path.stat().st_size > 0
    head = head_revision()
    backup_path: Path | None = None
    current: str | None = None
    if existed:
        current = _check_existing(path)
        if current is not None and current != head:
            backup_path = timestamped_backup(
                path, backups_dir or path.parent / "backups", f"truoc-nang-cap-{current}"
            )
            log.info("backed up %s to %s before upgrading from %s", path, backup_path, current)
    else:
        _prepare_new(path)
    engine = _make_engine(path)
    try:
        _migrate_and_verify(engine, path, current, head, existed=existed, backup_path=backup_path)
    except DBAPIError as exc:
        engine.dispose()
        raise translate_sqlite_error(exc, path) or exc from exc
    except Exception:
        engine.dispose()
        raise
    report = OpenReport(created=not existed, from_revision=current, to_revision=head, backup_path=backup_path)
    return Database(path, engine, report)


# ----------------------------------------------------------------------------------------- check / restore
@dataclass(frozen=True)
class CheckResult:
    ok: bool
    revision: str | None
    head: str
    problems: tuple[str, ...]


def check_database(path: Path) -> CheckResult:
    """Integrity and schema checks without changing the file (``pbgdpl-desktop check``)."""
    from pbgdpl_desktop.persistence.schema_check import schema_differences

    path = Path(path)
    head = head_revision()
    if not path.exists():
        return CheckResult(False, None, head, (f"Không tìm thấy tệp {path}.",))
    check_is_sqlite(path)
    revision, _ = read_revision(path)
    problems = [f"integrity_check: {p}" for p in integrity_problems(path)]
    if revision is None:
        problems.append("Tệp chưa có lược đồ của phần mềm (không có bảng alembic_version).")
    elif revision not in known_revisions():
        problems.append(f"Lược đồ “{revision}” thuộc phiên bản phần mềm mới hơn.")
    elif revision != head:
        problems.append(f"Lược đồ “{revision}” cũ hơn bản hiện hành “{head}”: sẽ được nâng cấp khi mở.")
    else:
        problems.extend(schema_differences(path))
    with closing(_ro_connect(path)) as con:
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"foreign_key_check: {len(fk)} liên kết hỏng (bảng {fk[0][0]}).")
    return CheckResult(not problems, revision, head, tuple(problems))


def restore_database(backup_file: Path, target: Path, backups_dir: Path | None = None) -> Path | None:
    """Replace ``target`` with ``backup_file`` after checking it; the current file is backed up first.

    Returns the safety backup of the replaced file (None when there was no file)."""
    backup_file, target = Path(backup_file), Path(target)
    check_is_sqlite(backup_file)
    revision, _ = read_revision(backup_file)
    if revision is None:
        raise DatabaseCorruptError(f"Tệp {backup_file} không phải bản sao lưu của phần mềm này.")
    if revision not in known_revisions():
        raise DatabaseNewerError(
            f"Bản sao lưu {backup_file} thuộc phiên bản phần mềm mới hơn; không khôi phục."
        )
    problems = integrity_problems(backup_file)
    if problems:
        raise DatabaseCorruptError(f"Bản sao lưu {backup_file} bị hỏng ({problems[0]}); không khôi phục.")
    safety = None
    if target.exists() and target.stat().st_size > 0:
        safety = timestamped_backup(target, backups_dir or target.parent / "backups", "truoc-khoi-phuc")
        with closing(sqlite3.connect(str(target))) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp = target.with_name(target.name + ".restore.tmp")
    backup_database(backup_file, tmp)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise translate_sqlite_error(exc, target) or StorageError(
            f"Không thay được tệp {target}: {exc}."
        ) from exc
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    return safety
