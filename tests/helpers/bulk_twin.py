"""Two equal wards for the bulk entries' tests (#17 §5): one written one call at a time, the other with the
bulk entry; what each table and the trail hold is then compared (ids masked, write times left out)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from pbgdpl_desktop.domain.clock import Clock
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from tests.helpers.demo_fingerprint import table_rows

TRAIL = ("audit_log", "audit_personal")


def open_twin(folder: Path, clock: Clock, template: Path) -> Any:
    """Services over a fresh copy of the migrated template, in ``folder`` (closed by the caller)."""
    paths = RuntimePaths(folder, folder / "pbgdpl.db")
    folder.mkdir(parents=True)
    shutil.copyfile(template, paths.db_path)
    return open_services(paths, clock=clock)


def rows(services: Any, query: str) -> list[tuple]:
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        return con.execute(query).fetchall()


def written(services: Any, tables: Iterable[str]) -> dict[str, list[str]]:
    """Those tables and the trail, as sorted JSON lines: ids masked, write times and change_seq left out."""
    wanted = {*tables, *TRAIL}
    return {t: lines for t, lines in table_rows(services.ctx.db.path).items() if t in wanted}


def stamps(services: Any, table: str) -> list[tuple]:
    """The sync stamps of each row, as far as they do not depend on the moment written."""
    return rows(
        services,
        f"SELECT revision, deleted_at IS NULL, created_at IS NOT NULL, updated_at IS NOT NULL,"
        f" change_seq IS NOT NULL FROM {table} ORDER BY 1, 2, 3, 4, 5",
    )


def refused_alike(one: Callable[[], Any], bulk: Callable[[], Any]) -> DomainError:
    """The one-by-one call and the bulk entry fail with the same kind of error, message and field."""
    with pytest.raises(DomainError) as by_one:
        one()
    with pytest.raises(type(by_one.value)) as in_bulk:
        bulk()
    assert str(in_bulk.value) == str(by_one.value)
    assert getattr(in_bulk.value, "field", None) == getattr(by_one.value, "field", None)
    return in_bulk.value
