"""Atomic output: a document is built into a temporary file beside the target, then moved over it with
``os.replace``. Any failure leaves no partial file and raises a ``StorageError`` with a Vietnamese message.

``replace_keeping_previous`` is the rule of the default output folder (issue #21 §3): one file per document
and period, overwritten when made again, with the copy it replaces kept once as ``<name>.prev<ext>``."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from pbgdpl_desktop.domain.errors import StorageError


def storage_message(path: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return (
            f"Không ghi được tệp “{path}”: tệp đang được mở trong chương trình khác (Word, Excel, trình đọc "
            "PDF…) hoặc không có quyền ghi vào thư mục này. Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại."
        )
    if exc.errno == errno.ENOSPC:
        return f"Không ghi được tệp “{path}”: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại."
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"Không ghi được tệp “{path}”: thư mục “{path.parent}” không tồn tại."
    if exc.errno == errno.EROFS:
        return f"Không ghi được tệp “{path}”: ổ đĩa chỉ cho phép đọc."
    return f"Không ghi được tệp “{path}”: {exc.strerror or exc}."


def write_atomic(target: str | Path, build: Callable[[str], None]) -> Path:
    """Call ``build(temp_path)`` to write the whole file, then replace ``target`` with it. A PDF is tagged
    before it is moved in place (``tagging.finish``: a document structure for screen readers; one that the
    builder tagged already is left as it is), so every PDF written here is a tagged PDF."""
    path = Path(target).expanduser().absolute()
    if path.is_dir():
        raise StorageError(f"“{path}” là một thư mục, không phải tệp. Hãy nhập tên tệp cần lưu.")
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".~{path.stem[:40]}-", suffix=".tmp")
    except OSError as exc:
        raise StorageError(storage_message(path, exc)) from exc
    os.close(fd)
    try:
        build(temp)
        if path.suffix.lower() == ".pdf":
            from pbgdpl_desktop.reports.tagging import finish  # pikepdf: only when a PDF is written

            finish(temp)
        if os.name == "posix":  # mkstemp makes 0600; a document is meant to be shared like any saved file
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        _discard(temp)
        raise StorageError(storage_message(path, exc)) from exc
    except BaseException:
        _discard(temp)
        raise
    return path


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def previous_copy(target: Path) -> Path:
    """Where the copy replaced by the last generation of ``target`` is kept (``bao-cao.prev.pdf``)."""
    return target.with_name(f"{target.stem}.prev{target.suffix}")


def staging_path(target: Path) -> Path:
    """A hidden file beside ``target`` to build a new copy in before it replaces ``target``."""
    return target.with_name(f".~new-{target.name}")


def replace_keeping_previous(staged: Path, target: Path) -> Path:
    """Put the fully written ``staged`` file in place of ``target``; the copy it replaces becomes the one
    previous copy (an older previous copy is dropped). ``target`` never disappears: the previous copy is made
    by a hard link (a copy where links are not supported) and moved in with ``os.replace``."""
    try:
        if target.exists():
            keep = target.with_name(f".~prev-{target.name}")
            _discard(str(keep))
            try:
                os.link(target, keep)
            except OSError:
                shutil.copy2(target, keep)
            os.replace(keep, previous_copy(target))
        os.replace(staged, target)
    except OSError as exc:
        _discard(str(staged))
        raise StorageError(storage_message(target, exc)) from exc
    return target
