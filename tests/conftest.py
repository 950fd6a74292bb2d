"""Test settings: offscreen Qt, every test in its own temp data dir, GUI tests marked and run last."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import
os.environ.pop("PBGDPL_DATA_DIR", None)

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services

# "Today" for every test: 30/11/2026 10:00 in Hà Nội (03:00 UTC).
TEST_NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def pytest_configure(config):
    """Hypothesis keeps its example database and caches (written from collection on) in a temp dir of the
    run, removed at the end, instead of ./.hypothesis in the checkout.

    When a property fails, Hypothesis imports libcst to write a patch of the failing example; where libcst
    finds mypy_extensions installed its import warns, and with warnings as errors that warning would end the
    whole run with INTERNALERROR instead of reporting the failure: it alone is ignored."""
    config._pbgdpl_hypothesis_home = tempfile.mkdtemp(prefix="pbgdpl-hypothesis-")
    set_hypothesis_home_dir(config._pbgdpl_hypothesis_home)
    config.addinivalue_line(
        "filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
    )


def pytest_unconfigure(config):
    home = getattr(config, "_pbgdpl_hypothesis_home", None)
    if home:
        set_hypothesis_home_dir(None)
        shutil.rmtree(home, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
    # headless tests first (napari): a Qt crash cannot hide their results
    items.sort(key=lambda item: item.get_closest_marker("gui") is not None)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir; nothing touches the developer's real data."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("PBGDPL_DATA_DIR", str(path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    return path


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database per run, copied for each test (Anki's trick: migrations run once)."""
    base = tmp_path_factory.mktemp("template")
    paths = RuntimePaths(base, base / "template.db")
    services = open_services(paths)
    services.ctx.db.close()
    return paths.db_path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TEST_NOW)


@pytest.fixture
def paths(data_dir: Path) -> RuntimePaths:
    return RuntimePaths(data_dir, data_dir / "pbgdpl.db")


@pytest.fixture
def services(paths: RuntimePaths, clock: FixedClock, _template_db: Path):
    """Services over a fresh migrated database in the test's data dir."""
    shutil.copyfile(_template_db, paths.db_path)
    svc = open_services(paths, clock=clock)
    yield svc
    svc.ctx.db.close()


@pytest.fixture(scope="session")
def _demo_template_db(tmp_path_factory: pytest.TempPathFactory, _template_db: Path) -> Path:
    """The demo ward, built once per run through the services (seed 2026, today = TEST_NOW), then copied for
    each test. The demo writes nothing outside the database (no evidence files), so a file copy is complete."""
    from pbgdpl_desktop.services.demo import build_demo

    base = tmp_path_factory.mktemp("demo-template")
    paths = RuntimePaths(base, base / "demo.db")
    shutil.copyfile(_template_db, paths.db_path)
    svc = open_services(paths, clock=FixedClock(TEST_NOW))
    build_demo(svc, seed=2026)
    svc.ctx.db.close()
    assert not any(p.name == "evidence" for p in base.iterdir()), "demo wrote evidence files: copy them too"
    return paths.db_path


@pytest.fixture
def demo_services(paths: RuntimePaths, clock: FixedClock, _demo_template_db: Path):
    """Services over the demo ward (a copy of the per-run demo database)."""
    shutil.copyfile(_demo_template_db, paths.db_path)
    svc = open_services(paths, clock=clock)
    yield svc
    svc.ctx.db.close()


# ----------------------------------------------------------------------------------------- PostgreSQL
@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server for the run (tests/helpers/postgres.py): $PBGDPL_TEST_POSTGRES, else a throw-away
    server from the installed binaries, else skipped — but under CI=true a missing server fails."""
    from tests.helpers.postgres import server_for_tests

    with server_for_tests() as url:
        if url is None:
            reason = "no PostgreSQL server: no $PBGDPL_TEST_POSTGRES and no /usr/lib/postgresql/*/bin"
            if os.environ.get("CI") == "true":
                pytest.fail(reason)
            pytest.skip(reason)
        yield url


@pytest.fixture(scope="session")
def _pg_template(postgres_url: str, tmp_path_factory: pytest.TempPathFactory):
    """One database migrated to head per run, copied (CREATE DATABASE … TEMPLATE) for each test."""
    from tests.helpers.postgres import database_url, drop_database, migrated_template

    name = migrated_template(postgres_url, tmp_path_factory.mktemp("pg-template"))
    yield name
    drop_database(postgres_url, database_url(postgres_url, name))


@pytest.fixture
def pg_database(postgres_url: str, _pg_template: str):
    """A fresh migrated database on the server for this test (its URL), dropped after it."""
    from tests.helpers.postgres import create_database, drop_database

    url = create_database(postgres_url, template=_pg_template)
    yield url
    drop_database(postgres_url, url)


@pytest.fixture(params=["sqlite", "postgres"])
def office_engine(request: pytest.FixtureRequest) -> str:
    """The office tests run on both engines."""
    return str(request.param)


@pytest.fixture
def office_opener(office_engine: str, request: pytest.FixtureRequest, _template_db: Path):
    """``opener(folder, clock)`` → office Services (upper-office mode) on this test's engine: a copy of the
    SQLite template in ``folder``, or this test's own server database with ``folder`` as its data dir."""
    from tests.helpers.bundles import open_office
    from tests.helpers.postgres import open_server_office

    if office_engine == "postgres":
        url = request.getfixturevalue("pg_database")
        return lambda folder, clock: open_server_office(url, folder, clock)
    return lambda folder, clock: open_office(folder, _template_db, clock)
