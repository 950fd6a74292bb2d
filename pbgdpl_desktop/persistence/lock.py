"""One writer per database, enforced with operating-system locks on companion files beside the database.

* ``<db>.writer.lock`` — held exclusively for the whole life of a process that writes (the app, ``demo``,
  ``restore``, ``selftest``). A second writer meets ``DatabaseInUseError`` naming who holds it; the app then
  offers to open the file read-only.
* ``<db>.readers.lock`` — held *shared* by every process that has the file open (readers included) and
  taken *exclusively* only by ``restore`` for the instant it swaps the file, so a file is never replaced
  (and its WAL never deleted) under a live connection.

The locks are ``flock`` on POSIX and ``LockFileEx`` (``msvcrt.locking``) on Windows: the operating system
drops them when the process ends in any way, kill -9 included, so a lock left by a dead process is free
again without any guesswork about stale PIDs. The lock file also carries who took it (host, user, PID,
time) for the message; that text is information only, never the lock itself.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from pbgdpl_desktop.domain.errors import DatabaseInUseError, StorageError

WRITER_SUFFIX = ".writer.lock"
READERS_SUFFIX = ".readers.lock"


@dataclass(frozen=True)
class Holder:
    host: str
    user: str
    pid: int
    since: str  # ISO time, local

    @property
    def this_machine(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        where = "trên máy này" if self.this_machine else f"trên máy {self.host}"
        try:
            when = datetime.fromisoformat(self.since).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = self.since
        who = f" (người dùng {self.user})" if self.user else ""
        return f"đang được mở {where}{who}, từ {when}"


WINDOWS_READER_SLOTS = 64  # byte offsets 1…64 of the readers' file: one per process that has the file open


def _try_lock(handle: IO[bytes], *, exclusive: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _try_lock_windows(handle, exclusive=exclusive)
    import fcntl

    flags = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    try:
        fcntl.flock(handle.fileno(), flags)
    except BlockingIOError:
        return False
    return True


def _try_lock_windows(handle: IO[bytes], *, exclusive: bool) -> bool:  # pragma: no cover - Windows only
    """msvcrt has no shared lock: a shared holder locks one free byte of its own (offsets 1…64); an exclusive
    holder locks bytes 0…64, which fails while any shared holder has one of them."""
    if sys.platform != "win32":
        return False
    import msvcrt

    spans = (
        [(0, WINDOWS_READER_SLOTS + 1)] if exclusive else [(i, 1) for i in range(1, WINDOWS_READER_SLOTS + 1)]
    )
    for offset, length in spans:
        handle.seek(offset)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, length)
        except OSError:
            continue
        return True
    return False


def _open(path: Path) -> IO[bytes]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+b")
    except OSError as exc:
        raise StorageError(f"Không tạo được tệp khóa {path}: {exc.strerror or exc}.") from exc


def _read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return Holder(str(data["host"]), str(data.get("user", "")), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FileLock:
    """An OS lock on one companion file, released by ``release()`` or by the process ending."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the lock
            self._handle = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_path(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def acquire_writer(db_path: Path) -> FileLock:
    """The one-writer lock of ``db_path``; ``DatabaseInUseError`` when another process writes to it."""
    path = lock_path(db_path, WRITER_SUFFIX)
    handle = _open(path)
    if not _try_lock(handle, exclusive=True):
        handle.close()
        holder = _read_holder(path)
        raise DatabaseInUseError(_in_use_message(db_path, holder), holder=holder)
    info = {
        "host": socket.gethostname(),
        "user": _user(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(info, ensure_ascii=False).encode("utf-8"))
    handle.flush()
    return FileLock(path, handle)


def acquire_reader(db_path: Path) -> FileLock:
    """A shared lock that says "this process has the file open"; refused only while a restore swaps it."""
    path = lock_path(db_path, READERS_SUFFIX)
    handle = _open(path)
    if not _try_lock(handle, exclusive=False):
        handle.close()
        raise DatabaseInUseError(
            f"Tệp dữ liệu {db_path} đang được khôi phục từ bản sao lưu. Hãy đợi một lát rồi mở lại."
        )
    return FileLock(path, handle)


def acquire_swap(db_path: Path) -> FileLock:
    """Exclusive on the readers' lock: nobody else has the file open (taken by restore for the swap)."""
    path = lock_path(db_path, READERS_SUFFIX)
    handle = _open(path)
    if not _try_lock(handle, exclusive=True):
        handle.close()
        raise DatabaseInUseError(
            f"Tệp dữ liệu {db_path} đang được một chương trình khác đọc (ví dụ một lệnh in báo cáo). "
            "Hãy đợi lệnh đó xong rồi khôi phục lại; tệp chưa bị thay đổi."
        )
    return FileLock(path, handle)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in this environment
        return ""


def _in_use_message(db_path: Path, holder: Holder | None) -> str:
    who = holder.describe() if holder else "đang được một chương trình khác mở để ghi"
    return (
        f"Tệp dữ liệu {db_path} {who}. Mỗi lúc chỉ một chương trình được ghi vào tệp này, để không mất "
        "hoặc trùng số liệu. Hãy đóng chương trình kia, hoặc mở ở chế độ chỉ đọc (xem và in, không sửa)."
    )
