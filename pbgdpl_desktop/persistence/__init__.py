"""Persistence: SQLAlchemy 2 models, Alembic migrations, opening/upgrading/backing up the SQLite file.

The only package allowed to import ``sqlalchemy`` and ``alembic`` (import-linter contract).
"""

from pbgdpl_desktop.persistence.db import Database, open_database

__all__ = ["Database", "open_database"]
