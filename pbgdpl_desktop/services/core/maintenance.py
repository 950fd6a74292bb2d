"""Backup and checks for the UI (the CLI calls persistence directly through the same functions)."""

from __future__ import annotations

from pathlib import Path

from pbgdpl_desktop.persistence.db import backup_database


def backup_now(db_path: Path, target: Path) -> Path:
    """Online backup of the open database to ``target`` (atomic; StorageError on a full disk)."""
    return backup_database(db_path, target)
