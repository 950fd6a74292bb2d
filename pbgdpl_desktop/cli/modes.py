"""``--mode ward|upper-office`` on every command that opens a database (issue #13): a database that does
not exist yet is created in the given mode; an existing one in another mode is refused in Vietnamese."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.errors import DomainError

if TYPE_CHECKING:  # the services load when a command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import Services

# the modes of ``services.sync.dto``, spelt here so that ``--help`` imports no service module (#17); a test
# (tests/unit/test_startup_imports.py) keeps the two equal
WARD, OFFICE = "ward", "upper-office"
MODES = (WARD, OFFICE)


def parent() -> argparse.ArgumentParser:
    """A parent parser holding only ``--mode`` (add it to a subcommand with ``parents=[...]``)."""
    mode = argparse.ArgumentParser(add_help=False)
    mode.add_argument(
        "--mode",
        choices=MODES,
        default=None,
        help="chế độ của tệp dữ liệu MỚI: ward (xã/phường) hoặc upper-office (cơ quan cấp trên); "
        "với tệp đã có, phải trùng chế độ của tệp",
    )
    return mode


def open_in_mode(
    opener: Callable[[RuntimePaths], Services], paths: RuntimePaths, mode: str | None, default: str = WARD
) -> Services:
    """Services over ``paths`` (``opener``), the mode of a new database set, another mode refused."""
    services = opener(paths)
    if mode is None and not services.ctx.db.report.created:
        # an existing file keeps its mode and nothing was asked: no check to make, so the sync service (its
        # bundles, keys and cryptography: ≈ 50 ms) is not built for every command (#17)
        return services
    try:
        services.sync.settle_mode(mode, default=default)
    except BaseException:
        services.ctx.db.close()
        raise
    return services


def check_file(path: Path, mode: str | None) -> None:
    """For commands that do not open the database through the services (check, backup): an existing file
    in another mode than ``mode`` is refused (nothing is created here)."""
    if mode is None or not path.exists():
        return
    from pbgdpl_desktop.services.sync.service import mode_of_file

    current = mode_of_file(path)
    if current is not None and current != mode:
        raise DomainError(f"Tệp dữ liệu {path} đang ở chế độ {current}, không phải {mode}.")
