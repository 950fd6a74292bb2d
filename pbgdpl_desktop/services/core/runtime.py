"""Start-up pieces shared by the GUI and the CLI: where the data lives and the log file.

(``services.registry.open_services`` opens the database and builds the services on these paths.)"""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from platformdirs import user_data_dir

from pbgdpl_desktop import APP_NAME
from pbgdpl_desktop.domain.errors import StorageError

DB_FILENAME = "pbgdpl.db"
LOG_FILENAME = "pbgdpl.log"
LOG_HANDLER_NAME = "pbgdpl-file"  # ours: replaced when logging is set up again (tests, selftest)


@dataclass(frozen=True)
class RuntimePaths:
    data_dir: Path
    db_path: Path
    # an office database on a PostgreSQL server (``--db postgresql://…``); ``db_path`` then only names it in
    # the data directory (its key file is named after it)
    db_url: str | None = field(default=None, repr=False)  # may hold a password: never in a repr

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / LOG_FILENAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def default_data_dir() -> Path:
    """``PBGDPL_DATA_DIR``; portable mode (``portable.txt`` beside the frozen executable); platformdirs."""
    env = os.environ.get("PBGDPL_DATA_DIR")
    if env:
        return Path(env)
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / "portable.txt").exists():
            return exe_dir / "data"
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_paths(data_dir: str | Path | None = None, db: str | Path | None = None) -> RuntimePaths:
    base = Path(data_dir).expanduser().absolute() if data_dir else default_data_dir()
    if isinstance(db, str) and is_server_url(db):
        return RuntimePaths(base, base / server_file_name(db), db_url=db.strip())
    db_path = Path(db).expanduser().absolute() if db else base / DB_FILENAME
    return RuntimePaths(base, db_path)


_SERVER_URL = re.compile(r"^(postgresql|postgres)(\+[a-z0-9_]+)?://", re.IGNORECASE)


def is_server_url(value: object) -> bool:
    """``--db postgresql://user@host/dbname`` (also ``postgres://``): an office database on a server.
    (A plain check here: the database layer loads only when a command opens it — start-up speed.)"""
    return isinstance(value, str) and bool(_SERVER_URL.match(value.strip()))


def server_file_name(url: str) -> str:
    """The name standing for a server database in the data directory: ``<host>_<dbname>.server`` (the
    database's sync key file is named after it). Never the user name or password."""
    parts = urlsplit(url.strip())
    host = parts.hostname or (parse_qs(parts.query).get("host") or ["local"])[0]
    return re.sub(r"[^\w.-]", "_", f"{host}_{parts.path.lstrip('/')}") + ".server"


class PrivateFormatter(logging.Formatter):
    """The log travels with bug reports: no citizen's data in it. Our messages quote what a clerk typed
    between “ ” (names, summaries), so any quoted text is masked, in messages and tracebacks alike; SQL
    parameters never reach it (``hide_parameters`` on the engine) and the app logs no record content."""

    QUOTED = re.compile(r"“[^”]*”")

    def format(self, record: logging.LogRecord) -> str:
        return self.QUOTED.sub("“…”", super().format(record))


def setup_logging(paths: RuntimePaths, *, level: int = logging.INFO) -> Path | None:
    """Rotating log file in the data directory; returns its path (None if the directory is not writable)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == LOG_HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    try:
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        from logging.handlers import RotatingFileHandler  # (imports socket: not for --help)

        handler = RotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.set_name(LOG_HANDLER_NAME)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return paths.log_file


def ensure_data_dir(paths: RuntimePaths) -> None:
    """The data directory, readable by its owner only where the system allows it (POSIX mode 0o700; on
    Windows the profile folder already is): the files made inside it cannot be reached by other accounts."""
    try:
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix" and paths.data_dir.stat().st_uid == os.getuid():
            paths.data_dir.chmod(0o700)
    except OSError as exc:
        raise StorageError(
            f"Không tạo được thư mục dữ liệu {paths.data_dir}: {exc.strerror or exc}."
        ) from exc


def restrict_file(path: Path) -> None:
    """Owner-only mode (0o600) for a file of ours that holds personal data, where the system allows it."""
    try:
        if os.name == "posix" and path.exists() and path.stat().st_uid == os.getuid():
            path.chmod(0o600)
    except OSError:  # a read-only medium: the directory's mode still protects it
        pass


def pause_cyclic_gc() -> Callable[[], None]:
    """Turn Python's cyclic garbage collector off for a burst of start-up work; returns ``resume``, which gives
    it back as it was found (idempotent).

    A start is one burst of allocation — SQLAlchemy, the models and the services imported (≈ 115,000 objects,
    none of them garbage), the file opened, the first results built — during which the collector ran ≈ 250
    times, two of them full passes over everything imported, and freed ≈ 1,100 objects: 0.07–0.1 s CPU (#17).
    Reference counting still frees whatever is not in a cycle. Before the collector is turned back on, what is
    alive is frozen (``gc.freeze``: moved where the collector never looks — the imported modules, mostly,
    alive until the process ends anyway), else its first pass would walk all of it at once (≈ 0.04 s)."""
    was_enabled = gc.isenabled()
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if resumed:
            return
        resumed = True
        if was_enabled:
            gc.freeze()
            gc.enable()

    return resume
