"""Persistence: SQLAlchemy 2 models, Alembic migrations, opening/upgrading/backing up the SQLite file.

The only package allowed to import ``sqlalchemy`` and ``alembic`` (import-linter contract). Services annotate
the session they get from ``Database.read()`` / ``Database.transaction()`` with ``DbSession``.
"""

from sqlalchemy.orm import Session as DbSession

from pbgdpl_desktop.persistence.db import Database, open_database

__all__ = ["Database", "DbSession", "open_database"]
