"""Persistence: SQLAlchemy 2 models, Alembic migrations, opening/upgrading/backing up the SQLite file.

The only package allowed to import ``sqlalchemy`` and ``alembic`` (import-linter contract). Services annotate
the session they get from ``Database.read()`` / ``Database.transaction()`` with ``DbSession``.

The names below are imported on first use (PEP 562): ``persistence.peek`` — the launch's look into the file
through the standard library (#17 §1) — must load without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from pbgdpl_desktop.persistence.db import Database, open_database

__all__ = ["Database", "DbSession", "open_database"]

_LAZY = {
    "DbSession": ("sqlalchemy.orm", "Session"),
    "Database": ("pbgdpl_desktop.persistence.db", "Database"),
    "open_database": ("pbgdpl_desktop.persistence.db", "open_database"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
