"""Compare the models with the migrated schema (Alembic autogenerate's comparison)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from pbgdpl_desktop.persistence.models import Base, add_server_options


def schema_differences(path: Path) -> list[str]:
    engine = create_engine(f"sqlite:///file:{Path(path).resolve()}?mode=ro&uri=true")
    try:
        with engine.connect() as con:
            ctx = MigrationContext.configure(con, opts={"compare_type": True})
            diffs = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    return [f"lược đồ khác mô hình: {d!r}" for d in diffs]


def engine_schema_differences(engine: Engine) -> list[str]:
    """The same comparison on any engine (a PostgreSQL server database)."""
    add_server_options()
    with engine.connect() as con:
        ctx = MigrationContext.configure(con, opts={"compare_type": True})
        diffs = compare_metadata(ctx, Base.metadata)
        con.rollback()
    return [f"lược đồ khác mô hình: {d!r}" for d in diffs]


@cache
def tables_at(revision: str) -> frozenset[str]:
    """The tables a database has at ``revision`` (migrated in memory from nothing, once per revision)."""
    from pbgdpl_desktop.persistence.db import alembic_config

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as con:
            command.upgrade(alembic_config(con), revision)
            names = con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    finally:
        engine.dispose()
    return frozenset(r[0] for r in names)
