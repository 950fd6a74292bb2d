"""Open, create, upgrade, check, back up and restore the ward's SQLite file.

Opening an existing file (``open_database``):
1. refuse a path on a network share (SQLite locking is unsafe there);
2. refuse a file that is not SQLite or fails ``PRAGMA quick_check`` — without writing to it;
3. refuse a file whose schema revision this version does not know (written by a newer app);
4. if it is behind, copy it to a timestamped backup (SQLite online backup API), upgrade with Alembic,
   then verify with ``PRAGMA integrity_check``.
A new database is created by running the migrations (``upgrade head``), the same path users take.

An office database may instead live on a PostgreSQL server (``open_server_database``, a
``postgresql://user@host/dbname`` URL): the same revisions run there; what only makes sense for a file (the
one-writer lock, WAL, file backups and restores) is skipped or refused with a Vietnamese message.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, StatementError
from sqlalchemy.orm import Session, sessionmaker

import pbgdpl_desktop
from pbgdpl_desktop.domain.errors import (
    DatabaseCorruptError,
    DatabaseNewerError,
    DomainError,
    EnvironmentProblem,
    NetworkPathError,
    ReadOnlyError,
    StorageError,
    ValidationError,
)
from pbgdpl_desktop.domain.users import Actor
from pbgdpl_desktop.persistence import (
    audit,  # noqa: F401  (registers the role check and audit trail hooks)
    uow,  # noqa: F401  (registers the sync-column stamping hook)
)
from pbgdpl_desktop.persistence.lock import (
    WRITER_SUFFIX,
    FileLock,
    acquire_reader,
    acquire_swap,
    acquire_writer,
)
from pbgdpl_desktop.persistence.models import add_server_options
from pbgdpl_desktop.persistence.netpath import network_share_reason

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
READ_ONLY_MESSAGE = (
    "Tệp dữ liệu đang mở ở chế độ chỉ đọc (một chương trình khác đang ghi vào tệp này): chỉ xem và in được, "
    "không lưu được thay đổi. Hãy đóng chương trình kia rồi mở lại để sửa."
)


SERVER_BACKUP_MESSAGE = (
    "Cơ sở dữ liệu nằm trên máy chủ PostgreSQL nên phần mềm không sao lưu hay khôi phục như một tệp. "
    "Sao lưu cơ sở dữ liệu trên máy chủ bằng công cụ của máy chủ (pg_dump), khôi phục bằng pg_restore "
    "hoặc psql; hãy nhờ người quản trị máy chủ."
)
INSTALL_SERVER_MESSAGE = (
    "Để mở cơ sở dữ liệu trên máy chủ PostgreSQL cần cài thêm thư viện psycopg. Hãy chạy: "
    'pip install "pbgdpl-desktop[server]" (hoặc pip install "psycopg[binary]") rồi mở lại.'
)
SERVER_SUFFIX = ".server"  # the name standing for a server database in the data dir (services.core.runtime)
_SERVER_URL = re.compile(r"^(postgresql|postgres)(\+[a-z0-9_]+)?://", re.IGNORECASE)
_ADVISORY_MIGRATION_LOCK = 7_140_014  # pg_advisory_xact_lock key: one process upgrades the schema at a time


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
            f"Tệp dữ liệu đang bận vì một chương trình khác đang ghi{where}. Hãy thử lại sau giây lát; "
            "thao tác vừa rồi chưa được lưu."
        )
    if "attempt to write a readonly database" in message:
        return ReadOnlyError(READ_ONLY_MESSAGE)
    if "readonly" in message or "read-only" in message or isinstance(exc, PermissionError):
        return StorageError(
            f"Không có quyền ghi vào tệp dữ liệu{where}. Hãy chọn thư mục khác hoặc cấp quyền ghi."
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return DatabaseCorruptError(
            f"Tệp dữ liệu bị hỏng{where}. Hãy khôi phục từ bản sao lưu gần nhất (Cài đặt → Khôi phục…)."
        )
    if "unable to open" in message:
        return StorageError(f"Không mở được tệp dữ liệu{where}. Kiểm tra đường dẫn và quyền truy cập.")
    return None


def translate_value_error(exc: BaseException) -> ValidationError | None:
    """The last net under the services' own checks: a value SQLite cannot take (an integer beyond 64 bits, a
    lone surrogate, a LIKE pattern "too complex") becomes a Vietnamese ``ValidationError``; ``None`` else."""
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).lower()
    if isinstance(orig, OverflowError) or "int too large" in message or "integer overflow" in message:
        return ValidationError("Số nhập vào quá lớn, không lưu được. Hãy kiểm tra lại các ô số.")
    if isinstance(orig, UnicodeError) or "surrogates not allowed" in message:
        return ValidationError(
            "Nội dung có ký tự không hợp lệ (mã Unicode lẻ, không hiển thị được). Hãy gõ lại nội dung đó."
        )
    if "pattern too complex" in message:
        return ValidationError("Nội dung tìm kiếm quá dài hoặc quá phức tạp. Hãy nhập ít từ hơn.")
    return None


# ----------------------------------------------------------------------------------------- alembic
def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # Alembic only when the schema must change (start-up speed)

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """revision → the revisions it follows, read from the shipped revision files without importing Alembic
    (or the files themselves): the module-level ``revision = "…"`` and ``down_revision = …`` literals."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target, value = None, None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            if (
                isinstance(target, ast.Name)
                and target.id in ("revision", "down_revision")
                and value is not None
            ):
                values[target.id] = ast.literal_eval(value)
        revision = values.get("revision")
        if not isinstance(revision, str):
            continue
        down = values.get("down_revision")
        downs = down if isinstance(down, (tuple, list)) else (down,)
        graph[revision] = tuple(str(d) for d in downs if d)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = [rev for rev in graph if rev not in followed]
    assert len(heads) == 1, f"the shipped migrations have one head, not {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


def revisions_in_order() -> list[str]:
    """The shipped schema revisions, oldest first (the migrations are one line)."""
    graph = _revision_graph()
    order: list[str] = []
    revision: str | None = head_revision()
    while revision:
        order.append(revision)
        downs = graph.get(revision, ())
        revision = downs[0] if downs else None
    return order[::-1]


# ----------------------------------------------------------------------------------------- raw checks
def _ro_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_is_sqlite(path: Path, *, hint: str = "") -> None:
    """Refuse a file that is not an SQLite database, or one cut short, reading only its header."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except IsADirectoryError as exc:
        raise StorageError(f"{path} là một thư mục, không phải tệp dữ liệu.") from exc
    except OSError as exc:
        raise StorageError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
    if not header.startswith(SQLITE_HEADER) and size >= 100:
        raise DatabaseCorruptError(
            f"Tệp {path} không phải là cơ sở dữ liệu của phần mềm (không phải tệp SQLite). Tệp không bị thay đổi."
        )
    page_size = int.from_bytes(header[16:18], "big") if len(header) == 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < 100 or page_size < 512 or size % page_size:
        raise DatabaseCorruptError(
            f"Tệp {path} rỗng hoặc bị cắt cụt ({size} byte): không phải dữ liệu dùng được, có thể do máy tắt đột "
            f"ngột hoặc chép tệp bị gián đoạn. Tệp không bị thay đổi. {hint}".rstrip()
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


def table_names(path: Path) -> set[str]:
    with closing(_ro_connect(path)) as con:
        return set(table_names_of(con))


def half_upgraded(path: Path, revision: str) -> bool:
    """True when the file says ``revision`` but already holds tables that only later revisions create
    (an upgrade by an older version of the app, whose DDL was not transactional, was cut off)."""
    from pbgdpl_desktop.persistence.schema_check import tables_at

    later = tables_at(head_revision()) - tables_at(revision)
    return bool(table_names(path) & later)


# ----------------------------------------------------------------------------------------- backup
def _refuse_backup_target(src: Path, dest: Path) -> None:
    """A backup never overwrites the database itself, its WAL or shared-memory file, or a folder."""
    companions = [src, src.with_name(src.name + "-wal"), src.with_name(src.name + "-shm")]
    for companion in companions:
        same = dest.resolve() == companion.resolve()
        if not same and dest.exists() and companion.exists():
            same = os.path.samefile(dest, companion)
        if same:
            raise StorageError(
                f"Không thể sao lưu vào chính tệp dữ liệu ({dest}): hãy chọn một tệp khác, ví dụ trên ổ USB."
            )
    if dest.is_dir():
        raise StorageError(f"{dest} là một thư mục: hãy ghi cả tên tệp sao lưu, ví dụ {dest / 'saoluu.db'}.")


def backup_database(src: Path, dest: Path) -> Path:
    """Copy ``src`` to ``dest`` with the SQLite online backup API; atomic (temp file + rename, fsync).

    A source that cannot be read is blamed on the source, a target that cannot be written on the target."""
    src, dest = Path(src), Path(dest)
    if src.suffix == SERVER_SUFFIX:
        raise StorageError(SERVER_BACKUP_MESSAGE)
    _refuse_backup_target(src, dest)
    if not src.exists():
        raise StorageError(f"Không tìm thấy tệp dữ liệu {src}.")
    check_is_sqlite(src)
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(str(src))) as source, closing(sqlite3.connect(str(tmp))) as target:
            try:
                source.backup(target)
            except sqlite3.DatabaseError as exc:
                if "not a database" in str(exc).lower() or "malformed" in str(exc).lower():
                    raise _SourceCorruptError(exc) from exc
                raise
            target.execute("PRAGMA journal_mode=DELETE")
        _fsync(tmp)
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except _SourceCorruptError as exc:
        _remove_leftovers(tmp)
        raise DatabaseCorruptError(
            f"Tệp dữ liệu {src} bị hỏng nên không sao lưu được ({exc.__cause__}); tệp đích không bị thay đổi."
        ) from exc
    except (sqlite3.Error, OSError) as exc:
        _remove_leftovers(tmp)
        known = translate_sqlite_error(exc, dest)
        if known is None:
            known = StorageError(f"Không tạo được bản sao lưu {dest}: {exc}.")
        raise known from exc
    return dest


class _SourceCorruptError(Exception):
    pass


def _remove_leftovers(tmp: Path) -> None:
    for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handle to flush)."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ----------------------------------------------------------------------------------------- engine
def _make_engine(path: Path, *, write: bool, read_only: bool = False) -> Engine:
    """An engine whose transactions we begin ourselves (pysqlite's own BEGIN is turned off): ``BEGIN
    IMMEDIATE`` for writes, so everything a transaction reads to choose a number (case numbers, change_seq)
    is read under the write lock; a plain deferred ``BEGIN`` for reads, which never block a writer (WAL).
    SQL parameters never reach the log (``hide_parameters``): they hold citizens' names."""
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    engine = create_engine(url, hide_parameters=True)
    begin = "BEGIN IMMEDIATE" if write and not read_only else "BEGIN"

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con: sqlite3.Connection, _record: object) -> None:
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


@dataclass(frozen=True)
class OpenReport:
    created: bool
    from_revision: str | None
    to_revision: str
    backup_path: Path | None
    read_only: bool = False


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Database:
    """An open ward database: sessions for reads and for writes (one unit of work per user action), and the
    locks that say this process has it open (``persistence.lock``), released by ``close()``."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        report: OpenReport,
        *,
        read_engine: Engine | None = None,
        locks: tuple[FileLock, ...] = (),
        url: str | None = None,
    ) -> None:
        # on a server, ``path`` is a name in the data directory (the office key lives beside it), ``url``
        # the server database without its password (what messages and logs show)
        self.path = path
        self.url = url
        self.engine = engine
        self.report = report
        self._read_engine = read_engine or engine
        self._locks = locks
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)
        # the signed-in user (issue #15): every write is checked against this role and traced in audit_log
        self.actor: Actor | None = None
        # the time the trail writes (the services' clock, set by ``Services.build``; tests pin it)
        self.now: Callable[[], datetime] = _utc_now
        self._bulk: Session | None = None  # the session of bulk(), while it runs
        self._bulk_savepoints = True  # bulk(savepoints=False): its transactions are plain parts of it
        self._bulk_failed: BaseException | None = None  # …and the first error one of them raised

    @property
    def read_only(self) -> bool:
        return self.report.read_only

    @property
    def is_server(self) -> bool:
        """True for a database on a PostgreSQL server (no file: no lock, WAL, file backup or restore)."""
        return self.url is not None

    @property
    def location(self) -> str:
        """Where the data is, for the clerk: the file, or the server URL without its password."""
        return self.url if self.url is not None else str(self.path)

    @contextmanager
    def bulk(self, *, savepoints: bool = True) -> Iterator[None]:
        """Many user actions as ONE transaction (the demo ward, imports): every ``transaction()`` and ``read()``
        inside uses the same session — each transaction as a savepoint — and everything is committed once at
        the end (one disk sync), or nothing if an exception leaves the block.

        ``savepoints=False`` (the demo ward, #17 §5): the transactions inside are no savepoints (two statements
        less each) but plain parts of the one transaction, each flushed when it ends. A failed part cannot be
        undone alone, so the whole block is all or nothing: once a transaction inside raised, the block
        commits nothing even when the caller caught the error — its end rolls back and raises that error
        again."""
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        if self._bulk is not None:
            yield
            return
        with self.transaction() as session:
            self._bulk = session
            self._bulk_savepoints = savepoints
            self._bulk_failed = None
            try:
                yield
                if self._bulk_failed is not None:  # swallowed inside: the part it left cannot be kept
                    raise self._bulk_failed
            finally:
                self._bulk = None
                self._bulk_failed = None

    @contextmanager
    def transaction(self, *, system: bool = False) -> Iterator[Session]:
        """Commit on success, roll back on any exception; SQLite failures become known problems.
        The session carries the acting user (``persistence.audit``); ``system=True`` (logins, lockout
        counters) skips the role check but is still traced."""
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        if self._bulk is not None:  # inside bulk(): a savepoint of the one transaction, or a plain part of it
            info = self._bulk.info
            saved = {key: info.get(key) for key in ("actor", "system", "now")}
            info.update(actor=self.actor, system=system, now=self.now)
            try:
                if self._bulk_savepoints:
                    with self._bulk.begin_nested():
                        yield self._bulk
                else:
                    try:
                        yield self._bulk
                        self._bulk.flush()  # under this part's actor and clock, as a savepoint's release
                    except BaseException as exc:
                        if self._bulk_failed is None:
                            self._bulk_failed = exc
                        raise
            finally:
                info.update(saved)
            return
        try:
            with (
                self._sessions(info={"actor": self.actor, "system": system, "now": self.now}) as session,
                session.begin(),
            ):
                yield session
        except DBAPIError as exc:
            if self.is_server:
                known = translate_server_error(exc, self.location) or translate_value_error(exc)
            else:
                known = translate_sqlite_error(exc, self.path) or translate_value_error(exc)
            if known is None:
                raise
            raise known from exc
        except (OverflowError, UnicodeError, StatementError) as exc:
            refused = translate_value_error(exc)
            if refused is None:
                raise
            raise refused from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit: always rolled back (inside ``bulk()``: the bulk session, which sees its writes)."""
        if self._bulk is not None:
            yield self._bulk
            return
        with self._read_sessions() as session:
            try:
                yield session
            except (OverflowError, UnicodeError, StatementError) as exc:
                refused = translate_value_error(exc)
                if refused is None:
                    raise
                raise refused from exc
            finally:
                session.rollback()

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection to the same file (bench floors, bulk checks)."""
        if self.is_server:
            raise StorageError("Cơ sở dữ liệu nằm trên máy chủ PostgreSQL, không phải một tệp SQLite.")
        return sqlite3.connect(str(self.path))

    @property
    def writer_lock(self) -> FileLock | None:
        return next((lock for lock in self._locks if lock.path.name.endswith(WRITER_SUFFIX)), None)

    def close(self, *, keep_writer: bool = False) -> FileLock | None:
        """Fold the WAL back into the file and release the locks — all but the one-writer lock with
        ``keep_writer`` (returned: the app keeps it while it restores its own file, then reopens with it).
        A failing checkpoint (full disk) loses nothing — the WAL stays and is folded in at the next open —
        so it is logged, not raised."""
        try:
            if not self.read_only and not self.is_server:
                with self.engine.connect() as con:  # outside any transaction, or SQLite refuses it
                    raw = con.connection.driver_connection
                    assert isinstance(raw, sqlite3.Connection)
                    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (DBAPIError, sqlite3.Error):
            log.warning("checkpoint on close failed for %s; the WAL is kept", self.path, exc_info=True)
        finally:
            self.engine.dispose()
            if self._read_engine is not self.engine:
                self._read_engine.dispose()
            kept = self.writer_lock if keep_writer else None
            for lock in self._locks:
                if lock is not kept:
                    lock.release()
        return kept


# ----------------------------------------------------------------------------------------- server
def is_server_url(value: object) -> bool:
    """True for ``postgresql://…`` (also ``postgres://``, ``postgresql+psycopg://``): a server database."""
    return isinstance(value, str) and bool(_SERVER_URL.match(value.strip()))


def server_url(value: str) -> URL:
    """The user's URL with the driver this app uses (psycopg 3); a URL that cannot be read is refused."""
    try:
        url = make_url(value.strip())
    except ArgumentError as exc:
        raise StorageError(
            "Địa chỉ cơ sở dữ liệu máy chủ không đúng dạng. Ví dụ: postgresql://nguoidung@maychu/tenCSDL"
        ) from exc
    if not url.database:
        raise StorageError(
            f"Địa chỉ {safe_url(url)} thiếu tên cơ sở dữ liệu. Ví dụ: postgresql://nguoidung@maychu/tenCSDL"
        )
    return url.set(drivername="postgresql+psycopg")


def safe_url(url: str | URL) -> str:
    """The URL as messages and logs may show it: never its password."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "(địa chỉ máy chủ không đọc được)"
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=True)


def _server_reason(exc: BaseException, password: str | None) -> str:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else ""
    if password:
        reason = reason.replace(password, "***")
    return reason


def translate_server_error(exc: BaseException, where: str) -> EnvironmentProblem | None:
    """Map the server's failures a clerk can act on (connection lost, disk full, timeouts) to Vietnamese."""
    orig = getattr(exc, "orig", exc)
    state = str(getattr(orig, "sqlstate", "") or "")
    if state.startswith("08") or "connection" in str(orig).lower() and "closed" in str(orig).lower():
        return StorageError(
            f"Mất kết nối tới máy chủ cơ sở dữ liệu {where}. Kiểm tra mạng rồi thử lại; thao tác vừa rồi chưa "
            "được lưu."
        )
    if state in ("53100", "53200"):
        return StorageError(
            f"Máy chủ cơ sở dữ liệu {where} hết dung lượng hoặc bộ nhớ; thao tác chưa được lưu."
        )
    if state in ("57014", "55P03", "40P01"):
        return StorageError(
            f"Máy chủ cơ sở dữ liệu {where} đang bận (chờ quá lâu). Hãy thử lại sau giây lát; thao tác chưa được lưu."
        )
    return None


def server_engine(url: str | URL) -> Engine:
    """An engine for a server database: psycopg 3, connections checked before use (a server restarts),
    SQL parameters never logged; ``READ COMMITTED``: each import writes only its own ward's rows."""
    if importlib.util.find_spec("psycopg") is None:
        raise EnvironmentProblem(INSTALL_SERVER_MESSAGE)
    parsed = server_url(url) if isinstance(url, str) else url
    add_server_options()
    return create_engine(
        parsed,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=4,
        max_overflow=4,
        connect_args={"connect_timeout": 10, "application_name": "pbgdpl-desktop"},
    )


def _server_revision(con: Connection) -> tuple[str | None, bool]:
    tables = set(inspect(con).get_table_names())
    if "alembic_version" not in tables:
        return None, bool(tables)
    return con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar(), True


def open_server_database(url: str, path: Path) -> Database:
    """Open (and if needed create the schema of, or upgrade) the database named by ``url`` on a PostgreSQL
    server. The database itself must exist (``createdb``); its schema is made by the same revisions as a
    file's, in one transaction, under an advisory lock so that two staff opening at once upgrade it once.
    ``path``: the name standing for it in the data directory (``server_file_name``)."""
    parsed = server_url(url)
    where = safe_url(parsed)
    engine = server_engine(parsed)
    head = head_revision()
    try:
        with engine.connect() as con:
            current, has_tables = _server_revision(con)
            con.rollback()
        if current is None and has_tables:
            raise DatabaseCorruptError(
                f"Cơ sở dữ liệu {where} đã có bảng nhưng không phải của phần mềm này; không thay đổi gì. "
                "Hãy tạo một cơ sở dữ liệu trống riêng (createdb) cho phần mềm."
            )
        if current is not None and current not in known_revisions():
            raise DatabaseNewerError(
                f"Cơ sở dữ liệu {where} được tạo bởi phiên bản phần mềm mới hơn (lược đồ “{current}”). "
                f"Hãy cài phiên bản mới nhất; phiên bản {pbgdpl_desktop.__version__} không mở để tránh làm hỏng dữ liệu."
            )
        created = current is None
        if current != head:
            with engine.begin() as con:
                con.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_MIGRATION_LOCK})")
                current, _ = _server_revision(con)  # another process may have upgraded meanwhile
                if current != head:
                    from alembic import command

                    command.upgrade(alembic_config(con), "head")
        _write_meta(engine, created=created)
    except DBAPIError as exc:
        engine.dispose()
        known = translate_server_error(exc, where)
        if known is not None:
            raise known from exc
        if isinstance(exc.orig, Exception) and type(exc.orig).__name__ == "OperationalError":
            raise StorageError(
                f"Không kết nối được cơ sở dữ liệu {where}: {_server_reason(exc, parsed.password)}. Kiểm tra "
                "tên máy chủ, người dùng, mật khẩu và tên cơ sở dữ liệu (tạo bằng createdb)."
            ) from None
        raise
    except BaseException:
        engine.dispose()
        raise
    log.info("opened server database %s (revision %s → %s)", where, current, head)
    report = OpenReport(created=created, from_revision=current, to_revision=head, backup_path=None)
    return Database(path, engine, report, url=where)


def _upgrade(engine: Engine) -> None:
    """Every pending revision in ONE transaction (SQLite's DDL is transactional once pysqlite stops issuing
    its own BEGIN/COMMIT): a kill at any instant leaves the old schema or the new one, never a mix.
    Foreign keys are switched off outside the transaction (inside it the pragma is ignored) because the
    batch migrations copy tables, then checked before the commit."""
    with engine.connect() as con:
        raw = con.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with con.begin():
                from alembic import command

                command.upgrade(alembic_config(con), "head")
                bad = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise DatabaseCorruptError(
                        f"Nâng cấp cơ sở dữ liệu để lại {len(bad)} liên kết hỏng; đã hủy nâng cấp."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _write_meta(engine: Engine, *, created: bool) -> None:
    """Opening a current file changes none of its bytes (the sync import proves a refused bundle left the
    office's file as it was): the version is written only when it differs."""
    now = datetime.now().isoformat(timespec="seconds")
    with engine.begin() as con:  # plain SQL both engines take (SQLite ≥ 3.24, PostgreSQL)
        con.execute(
            text(
                "INSERT INTO app_meta(key, value) VALUES ('app_version', :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE app_meta.value <> excluded.value"
            ),
            {"v": pbgdpl_desktop.__version__},
        )
        if created:
            con.execute(
                text(
                    "INSERT INTO app_meta(key, value) VALUES ('created_at', :v) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                ),
                {"v": now},
            )
        con.execute(
            text("INSERT INTO sync_state(id, last_change_seq) VALUES (1, 0) ON CONFLICT(id) DO NOTHING")
        )


def _refuse_network_path(path: Path) -> None:
    reason = network_share_reason(path)
    if reason:
        raise NetworkPathError(
            f"Tệp dữ liệu {path} nằm trên ổ mạng ({reason}). Phần mềm chỉ làm việc với tệp trên ổ đĩa của máy "
            "này để tránh hỏng dữ liệu; hãy chép tệp về máy (ví dụ thư mục Tài liệu) rồi mở lại."
        )


def _restore_hint(backups_dir: Path | None) -> str:
    from pbgdpl_desktop.persistence.backups import newest_good_backup

    good = newest_good_backup(backups_dir) if backups_dir is not None else None
    if good is None:
        return "Hãy khôi phục từ một bản sao lưu (lệnh: pbgdpl-desktop restore --from TỆP)."
    return (
        f"Bản sao lưu gần nhất còn tốt: {good.path} ({good.created_text}). Khôi phục bằng: "
        f'pbgdpl-desktop restore --from "{good.path}" — hoặc trong phần mềm: Cài đặt → Khôi phục….'
    )


def _check_existing(path: Path, backups_dir: Path | None) -> str | None:
    """Refuse what must not be opened (without writing); return the file's schema revision."""
    if path.stat().st_size == 0:
        raise DatabaseCorruptError(
            f"Tệp dữ liệu {path} rỗng (0 byte): dữ liệu trong tệp đã mất, có thể do máy tắt đột ngột hoặc ổ "
            f"đĩa đầy. Phần mềm không tạo xã/phường mới đè lên tệp này. {_restore_hint(backups_dir)}"
        )
    check_is_sqlite(path, hint=_restore_hint(backups_dir))
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
            f"Tệp dữ liệu {path} bị hỏng ({problems[0]}). Tệp không bị thay đổi. {_restore_hint(backups_dir)}"
        )
    if current is not None and current != head_revision() and half_upgraded(path, current):
        raise DatabaseCorruptError(
            f"Tệp dữ liệu {path} bị nâng cấp dở dang (lược đồ ghi “{current}” nhưng đã có bảng của bản sau), "
            f"có thể do máy tắt giữa lúc nâng cấp bằng phiên bản cũ. Tệp không bị thay đổi. "
            f"{_restore_hint(backups_dir)}"
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
    path: Path | str,
    *,
    backups_dir: Path | None = None,
    check_network: bool = True,
    read_only: bool = False,
    single_writer: bool = True,
    writer: FileLock | None = None,
) -> Database:
    """Open (and if needed create or upgrade) the database at ``path``. See the module docstring.

    A writer takes the one-writer lock first (``DatabaseInUseError`` when another process writes);
    ``read_only=True`` opens an existing, current file without any lock but the readers' one and refuses
    every write. ``writer``: a one-writer lock this process already holds (reopening after a restore).
    ``single_writer=False`` skips the writer lock: only for the fault test that proves the SQL level (BEGIN
    IMMEDIATE, unique indexes) holds on its own."""
    path = Path(path).expanduser().absolute()
    if check_network:
        _refuse_network_path(path)
    backups_dir = backups_dir or path.parent / "backups"
    if read_only:
        return _open_read_only(path, backups_dir)
    if not path.exists():
        _prepare_new(path)  # a clear message for a folder that cannot exist, before any lock file
    locks: list[FileLock] = []
    try:
        if writer is not None:
            locks.append(writer)
        elif single_writer:
            locks.append(acquire_writer(path))
        locks.append(acquire_reader(path))
        return _open_for_writing(path, backups_dir, tuple(locks))
    except BaseException:
        for lock in locks:
            lock.release()
        raise


def _open_read_only(path: Path, backups_dir: Path) -> Database:
    if not path.exists():
        raise StorageError(f"Không tìm thấy tệp dữ liệu {path}.")
    reader = acquire_reader(path)
    try:
        current = _check_existing(path, backups_dir)
        head = head_revision()
        if current != head:
            raise DatabaseNewerError(
                f"Tệp dữ liệu {path} cần được nâng cấp trước (lược đồ “{current}”); hãy mở phần mềm một lần ở "
                "chế độ bình thường rồi thử lại."
            )
        engine = _make_engine(path, write=False, read_only=True)
    except BaseException:
        reader.release()
        raise
    report = OpenReport(False, current, head, None, read_only=True)
    return Database(path, engine, report, locks=(reader,))


def _open_for_writing(path: Path, backups_dir: Path, locks: tuple[FileLock, ...]) -> Database:
    existed = path.exists()
    head = head_revision()
    backup_path: Path | None = None
    current: str | None = None
    if existed:
        current = _check_existing(path, backups_dir)
        if current is not None and current != head:
            from pbgdpl_desktop.persistence.backups import make_backup

            backup_path = make_backup(path, backups_dir, f"truoc-nang-cap-{current}").path
            log.info("backed up %s to %s before upgrading from %s", path, backup_path, current)
    else:
        _prepare_new(path)
    engine = _make_engine(path, write=True)
    try:
        _migrate_and_verify(engine, path, current, head, existed=existed, backup_path=backup_path)
        read_engine = _make_engine(path, write=False)
    except DBAPIError as exc:
        engine.dispose()
        raise translate_sqlite_error(exc, path) or exc from exc
    except Exception:
        engine.dispose()
        raise
    report = OpenReport(created=not existed, from_revision=current, to_revision=head, backup_path=backup_path)
    return Database(path, engine, report, read_engine=read_engine, locks=locks)


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
    elif revision != head and half_upgraded(path, revision):
        problems.append(
            f"Lược đồ ghi “{revision}” nhưng tệp đã có bảng của bản sau: tệp bị nâng cấp dở dang (máy tắt giữa "
            "lúc nâng cấp bằng phiên bản cũ); không mở được — hãy khôi phục từ bản sao lưu."
        )
    elif revision != head:
        problems.append(f"Lược đồ “{revision}” cũ hơn bản hiện hành “{head}”: sẽ được nâng cấp khi mở.")
    else:
        problems.extend(schema_differences(path))
        problems.extend(_duplicate_numbers(path))
    with closing(_ro_connect(path)) as con:
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"foreign_key_check: {len(fk)} liên kết hỏng (bảng {fk[0][0]}).")
    return CheckResult(not problems, revision, head, tuple(problems))


def _retire_wal(target: Path) -> None:
    """Before a file is replaced: fold its WAL into it and remove the WAL and shared-memory files, so that a
    WAL of the old file can never be replayed onto the new one (nobody has it open: the swap lock)."""
    if target.exists():
        try:
            with closing(sqlite3.connect(str(target))) as con:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError:
            log.warning("checkpoint before restore failed (damaged file; its bytes were copied)")
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)


def _duplicate_numbers(path: Path) -> list[str]:
    """change_seq must be unique across the whole file (the sync watermark), not only per table."""
    with closing(_ro_connect(path)) as con:
        tables = [t for t in table_names_of(con) if "change_seq" in column_names(con, t)]
        union = " UNION ALL ".join(f"SELECT change_seq FROM {t}" for t in tables)
        shared = con.execute(
            f"SELECT count(*) FROM (SELECT change_seq FROM ({union}) GROUP BY 1 HAVING count(*) > 1)"
        )
        count = shared.fetchone()[0]
    return [f"{count} giá trị change_seq bị dùng chung giữa các bảng."] if count else []


def table_names_of(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]


def column_names(con: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in con.execute(f"PRAGMA table_info('{table}')")}


def restore_database(
    backup_file: Path, target: Path, backups_dir: Path | None = None, *, writer: FileLock | None = None
) -> Path | None:
    """Replace ``target`` with ``backup_file`` after checking it; the current file is kept first.

    Refused while another process writes to ``target`` (the one-writer lock: the app restores its own file
    by passing the lock it holds, after closing its connections) or has it open at all (the readers' lock,
    taken exclusively for the swap): a file is never replaced, nor its WAL removed, under a live connection.
    Returns the copy of the replaced file (None when there was none)."""
    from pbgdpl_desktop.persistence.backups import BEFORE_RESTORE, backup_problems, copy_raw, make_backup

    backup_file, target = Path(backup_file).absolute(), Path(target).absolute()
    if target.suffix == SERVER_SUFFIX:
        raise StorageError(SERVER_BACKUP_MESSAGE)
    if not backup_file.is_file():
        raise StorageError(f"Không tìm thấy bản sao lưu {backup_file}.")
    if backup_file == target or (target.exists() and os.path.samefile(backup_file, target)):
        raise StorageError("Tệp sao lưu chính là tệp dữ liệu đang dùng: hãy chọn một bản sao lưu khác.")
    problems = backup_problems(backup_file)
    if problems:
        raise DatabaseCorruptError(f"Bản sao lưu {backup_file} {problems[0]}; không khôi phục.")
    backups_dir = backups_dir or target.parent / "backups"
    own = acquire_writer(target) if writer is None else None
    try:
        with acquire_swap(target):
            safety = None
            if target.exists() and target.stat().st_size > 0:
                try:
                    safety = make_backup(target, backups_dir, BEFORE_RESTORE).path
                except DomainError:  # the current file is damaged (why one restores): keep its bytes
                    safety = copy_raw(target, backups_dir, BEFORE_RESTORE)
            tmp = target.with_name(target.name + ".restore.tmp")
            backup_database(backup_file, tmp)
            _retire_wal(target)
            try:
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise translate_sqlite_error(exc, target) or StorageError(
                    f"Không thay được tệp {target}: {exc}."
                ) from exc
            fsync_dir(target.parent)
            return safety
    finally:
        if own is not None:
            own.release()
