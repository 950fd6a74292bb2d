"""Compare the models with the migrated schema (Alembic autogenerate's comparison)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from pbgdpl_desktop.persistence.models import Base


def schema_differences(path: Path) -> list[str]:
    engine = create_engine(f"sqlite:///file:{Path(path).resolve()}?mode=ro&uri=true")
    try:
        with engine.connect() as con:
            ctx = MigrationContext.configure(con, opts={"compare_type": True})
            diffs = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    return [f"lược đồ khác mô hình: {d!r}" for d in diffs]
