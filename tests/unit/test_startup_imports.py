"""Start-up import guard (#17): the GUI entry point and the command line load only what start-up needs. The
demo (every service's sample data), Alembic (only when a file must be migrated), openpyxl, reportlab and
QtCharts are imported at their point of use. Each check runs in a fresh interpreter: this test process has
imported everything already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
HEAVY = (
    "alembic",
    "openpyxl",
    "reportlab",
    "PySide6.QtCharts",
    "pbgdpl_desktop.services.demo",
    "pyhanko",
    "pkcs11",
)

PROBE = """
import json, sys
{body}
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))))
"""


def _loaded(body: str, tmp_path: Path, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body, heavy=heavy)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "body",
    [
        "import pbgdpl_desktop.app",  # the console script's module
        "import pbgdpl_desktop.ui.launcher, pbgdpl_desktop.ui.main_window",  # what the GUI start imports
        "import pbgdpl_desktop.cli; pbgdpl_desktop.cli.build_parser().format_help()",  # --help
        "import pbgdpl_desktop.services.registry",  # every service, as a command opens them
    ],
)
def test_entry_points_leave_heavy_modules_out(body, tmp_path):
    assert _loaded(body, tmp_path) == []


def test_window_shell_imports_no_database_code(tmp_path):
    """#17: the window paints before the file is opened, so what it needs until then imports neither
    SQLAlchemy nor a service (the probe can fail: the services registry does import them)."""
    database = ("sqlalchemy", "pbgdpl_desktop.services.registry")
    shell = "import pbgdpl_desktop.ui.launcher, pbgdpl_desktop.ui.main_window"
    assert _loaded(shell, tmp_path, database) == []
    assert "sqlalchemy" in _loaded("import pbgdpl_desktop.services.registry", tmp_path, database)


def test_help_runs_without_heavy_modules(tmp_path):
    body = (
        "from pbgdpl_desktop.app import main\n"
        "try:\n"
        "    main(['--data-dir', sys.argv[0] if False else '.', '--help'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )
    assert _loaded(body, tmp_path) == []


def test_opening_a_current_database_needs_no_alembic(tmp_path):
    """The revision is read with plain SQL and compared with the shipped revision files: Alembic is imported
    only when a file is created or upgraded — and the guard sees it then (the probe can fail)."""
    db = tmp_path / "w.db"
    create = f"from pbgdpl_desktop.persistence.db import open_database\nopen_database({str(db)!r}).close()"
    assert "alembic" in _loaded(create, tmp_path)  # a new file runs the migrations
    assert _loaded(create, tmp_path) == []  # the same file, now current: no Alembic


def _window_env(tmp_path: Path) -> dict[str, str]:
    """A fresh interpreter that starts the window offscreen and quits once it is up with its file."""
    return {
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
        "PBGDPL_QUIT_WHEN_SHOWN": "1",
    }


def test_the_ready_probe_speaks_once_the_file_is_open(tmp_path):
    """The window paints before the file is opened (#17); .ci/run's probe must still mean "the app is up with
    its file": it speaks only after the new file was created and migrated (it spoke before, with no file)."""
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "pbgdpl_desktop", "--data-dir", str(data)],
        cwd=ROOT,
        env=_window_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "PBGDPL_READY" in done.stdout
    assert (data / "pbgdpl.db").is_file()


HELP = (
    "from pbgdpl_desktop.app import main\n"
    "try:\n"
    "    main(['--help'])\n"
    "except SystemExit as exc:\n"
    "    assert exc.code == 0, exc.code\n"
)
# the one service module ``--help`` may read: the table of report kinds it lists (plain labels, no imports)
HELP_TABLES = {
    "pbgdpl_desktop.services",
    "pbgdpl_desktop.services.reports",
    "pbgdpl_desktop.services.reports.kinds",
}


def test_help_imports_no_database_qt_or_service(tmp_path):
    """#17: ``pbgdpl-desktop --help`` (≤ 0.25 s) parses and prints: neither SQLAlchemy, Qt nor a service. It
    failed before: app.py imported the runtime paths (a service module) at its top and the command line took
    the file modes from ``services.sync.dto``."""
    watched = ("sqlalchemy", "PySide6", "pbgdpl_desktop.services", "pbgdpl_desktop.persistence")
    assert set(_loaded(HELP, tmp_path, watched)) <= HELP_TABLES
    # the probe can fail: a command that runs does load them
    run = f"from pbgdpl_desktop.app import main\nmain(['--data-dir', {str(tmp_path)!r}, 'check'])"
    assert {"sqlalchemy", "pbgdpl_desktop.services.core.runtime"} <= set(_loaded(run, tmp_path, watched))


def test_the_command_lines_modes_are_the_sync_modes():
    from pbgdpl_desktop.cli import modes
    from pbgdpl_desktop.services.sync import dto

    assert (modes.WARD, modes.OFFICE, modes.MODES) == (dto.WARD, dto.OFFICE, dto.MODES)


def test_services_are_built_on_first_use(tmp_path):
    """#17: opening the file imports no service module; reading one builds it with its collaborators (the
    overview's reports need neither signing nor sync) and keeps it."""
    db = tmp_path / "w.db"
    body = (
        "from pathlib import Path\n"
        "from pbgdpl_desktop.services.core.runtime import resolve_paths\n"
        "from pbgdpl_desktop.services.registry import open_services\n"
        f"services = open_services(resolve_paths(Path({str(tmp_path)!r}), {str(db)!r}))\n"
        "def built(): return sorted(m for m in sys.modules if m.endswith('.service') and '.services.' in m)\n"
        "assert built() == [], built()\n"
        "services.reports\n"
        "assert 'pbgdpl_desktop.services.reports.service' in built(), built()\n"
        "assert 'pbgdpl_desktop.services.finance.service' in built(), built()\n"
        "assert 'pbgdpl_desktop.services.signing.service' not in built(), built()\n"
        "assert services.reports is services.reports\n"
        "services.signing\n"
        "services.ctx.db.close()\n"
    )
    assert _loaded(body, tmp_path, ("pbgdpl_desktop.services.signing.service",)) == [
        "pbgdpl_desktop.services.signing.service"
    ]


def test_a_service_is_built_once_across_threads(tmp_path):
    import threading

    from pbgdpl_desktop.services.core.runtime import resolve_paths
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(resolve_paths(tmp_path, tmp_path / "w.db"))
    try:
        got: list[object] = []
        start = threading.Barrier(4)

        def read() -> None:
            start.wait()
            got.append(services.finance)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(got) == 4 and all(g is got[0] for g in got)
        assert services.finance is got[0] and services.reports.overview  # wired, usable
    finally:
        services.ctx.db.close()


def test_model_annotations_are_not_strings():
    """#17: string annotations (``from __future__ import annotations``) make the declarative scan ``eval`` every
    column's ``Mapped[...]`` at import (≈ a fifth of the models' import time, on the path to the overview)."""
    from pbgdpl_desktop.persistence.models import Base

    stringly = sorted(
        f"{mapper.class_.__name__}.{name}"
        for mapper in Base.registry.mappers
        for name, annotation in vars(mapper.class_).get("__annotations__", {}).items()
        if isinstance(annotation, str)
    )
    assert stringly == []
    assert len(Base.registry.mappers) > 50  # the probe sees every model


def test_score_loads_neither_documents_signing_qt_nor_the_sync_service(tmp_path):
    """#17: ``score`` on an existing file reads the facts and scores them: no PDF, workbook, signature, Qt,
    Alembic — nor the sync service with its bundles and keys (it was built to check a mode nobody asked for).
    The probe can fail: creating the file does check its mode (and so imports the sync service)."""
    watched = (*HEAVY, "PySide6", "pbgdpl_desktop.services.sync.service")
    db = tmp_path / "w.db"
    score = (
        "from pbgdpl_desktop.app import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, '--db', {str(db)!r}, 'score', '--year', '2026'])\n"
        "assert code == 0, code\n"
    )
    created = _loaded(score, tmp_path, watched)  # a new file: migrated, its mode settled
    assert "alembic" in created and "pbgdpl_desktop.services.sync.service" in created
    assert _loaded(score, tmp_path, watched) == []


def test_score_loads_neither_name_lists_nor_cryptography(tmp_path):
    """#17: scoring reads the facts; the attendees' name lists (their readers pull in the certificates' inputs
    and the spreadsheet readers), the backups' encryption (cryptography) and the finance exports' audit trace
    are imported where they are used, not by the services the score's chain builds. The probe can fail:
    reading a pasted names list does load the lists' readers."""
    watched = (
        "cryptography",
        "pbgdpl_desktop.sync.crypto",
        "pbgdpl_desktop.reports.names",
        "pbgdpl_desktop.reports.inputs",
        "pbgdpl_desktop.exports",
        "pbgdpl_desktop.services.core.audit",
    )
    db = tmp_path / "w.db"
    score = (
        "from pbgdpl_desktop.app import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, '--db', {str(db)!r}, 'score', '--year', '2026'])\n"
        "assert code == 0, code\n"
    )
    _loaded(score, tmp_path, watched)  # a new file: migrated
    assert _loaded(score, tmp_path, watched) == []
    text = (
        "from pbgdpl_desktop.services.dissemination.attendees import people_from_text\n"
        "people_from_text('A\\tB')"
    )
    assert "pbgdpl_desktop.reports.names" in _loaded(text, tmp_path, watched)


def test_a_wards_database_code_loads_no_postgresql_dialect(tmp_path):
    """A ward's app never talks to a server: opening its file must not load SQLAlchemy's PostgreSQL dialect
    (≈ 0.1 s with asyncio), which a ``postgresql_where`` written in a model did; a server engine adds that
    option and does load it (the probe can fail)."""
    dialect = ("sqlalchemy.dialects.postgresql",)
    db = tmp_path / "w.db"
    body = f"from pbgdpl_desktop.persistence.db import open_database\nopen_database({str(db)!r}).close()"
    _loaded(body, tmp_path, dialect)  # created (Alembic's migrations may load any dialect)
    assert _loaded(body, tmp_path, dialect) == []
    server = (
        "from pbgdpl_desktop.persistence.db import server_engine\n"
        "server_engine('postgresql+psycopg://u@localhost/x').dispose()"
    )
    assert "sqlalchemy.dialects.postgresql" in _loaded(server, tmp_path, dialect)


def test_the_launch_preview_imports_no_database_code(tmp_path):
    """#17 §1: the overview's figures are shown from ``persistence.peek`` (sqlite3) before the services open:
    the peek, the overview's figures and remembered result, and the overview page import neither SQLAlchemy
    nor the services registry (the probe can fail: the SQL figures through a session do import it)."""
    database = ("sqlalchemy", "pbgdpl_desktop.services.registry", "alembic")
    preview = (
        "import pbgdpl_desktop.persistence.peek, pbgdpl_desktop.services.reports.overview, "
        "pbgdpl_desktop.ui.pages.overview"
    )
    assert _loaded(preview, tmp_path, database) == []
    session = (
        "from pbgdpl_desktop.persistence.repos.overview_sql import year_counts\n"
        "import pbgdpl_desktop.persistence.db"
    )
    assert "sqlalchemy" in _loaded(session, tmp_path, database)


GC_PROBE = """
import gc, sys
from pbgdpl_desktop.app import main
passes = []  # collector passes while the launcher's run_gui (window, open, fill) is on the stack

def watch(phase, info):
    frame = sys._getframe(1)
    while phase == "start" and frame is not None:
        if frame.f_code.co_name == "run_gui" and frame.f_code.co_filename.endswith("launcher.py"):
            passes.append(info["generation"])
            return
        frame = frame.f_back

gc.callbacks.append(watch)
code = main(["--data-dir", sys.argv[1]])
print("PROBE", code, len(passes), gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_the_gui_start_runs_without_the_cyclic_collector_and_gives_it_back(tmp_path):
    """#17: the window's start — Qt, SQLAlchemy, the models and the services imported, the file created and
    migrated, the window filled — runs without the cyclic garbage collector (before: hundreds of passes, two of
    them over everything imported), which is given back, after freezing what is alive, when the app ends or
    once the start has settled (``launcher.SETTLE_MS``)."""
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, str(tmp_path / "data")],
        cwd=ROOT,
        env=_window_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "PBGDPL_READY" in done.stdout
    probe = [line.split() for line in done.stdout.splitlines() if line.startswith("PROBE")]
    assert probe == [["PROBE", "0", "0", "True", "True"]], done.stdout[-2000:]


def test_the_collector_pause_gives_back_what_it_found():
    import gc

    from pbgdpl_desktop.services.core.runtime import pause_cyclic_gc

    assert gc.isenabled()
    resume = pause_cyclic_gc()
    try:
        assert not gc.isenabled()
        resume()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.disable()
        resume()  # once only: a second call changes nothing
        assert not gc.isenabled()
        pause_cyclic_gc()()  # found off: left off, nothing frozen anew
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
