"""The other side of the fault tests: a separate process that does one kind of work on a database and says
what it did on stdout, one line per acknowledged write (flushed), so the test knows exactly which writes it
must find again after killing this process with SIGKILL at a chosen point.

    python -m tests.faults.child SCENARIO DATA_DIR [ARGS…]

Kill points are set from inside (``_kill_after``): the process kills itself after the N-th SQL statement,
or just before or after a chosen ``os.replace`` — deterministic, no timing involved.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(*parts: object) -> None:
    print(*parts, flush=True)


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def on_file(conn: object) -> bool:
    """A statement on the database file (not the in-memory schema the half-upgrade check builds)."""
    return bool(conn.engine.url.database) and "pbgdpl.db" in str(conn.engine.url)


def kill_after_statements(count: int) -> None:
    """SIGKILL this process right after its ``count``-th SQL statement on the database file."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen = [0]

    @event.listens_for(Engine, "after_cursor_execute")
    def _count(conn: object, *_args: object) -> None:
        if not on_file(conn):
            return
        seen[0] += 1
        if seen[0] == count:
            die()


def kill_at_replace(module: object, when: str, final: Path) -> None:
    """SIGKILL right ``before`` or ``after`` the ``os.replace`` that ``module`` makes onto ``final``."""
    real = os.replace

    def replace(src: str, dst: str) -> None:
        hit = Path(dst).absolute() == final.absolute()
        if hit and when == "before":
            die()
        real(src, dst)
        if hit and when == "after":
            die()

    module.os.replace = replace  # type: ignore[attr-defined]


def paths(data_dir: str):
    from pbgdpl_desktop.services.core.runtime import RuntimePaths

    return RuntimePaths(Path(data_dir), Path(data_dir) / "pbgdpl.db")


def hold(data_dir: str) -> None:
    """Open the database as the app does and keep it open until stdin closes."""
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths(data_dir))
    say("ready", os.getpid())
    sys.stdin.read()
    services.ctx.db.close()


def save_cases(data_dir: str, team_id: str, seconds: str, lock: str) -> None:
    """Save cases for ``seconds``; ``lock=no`` skips the one-writer lock (proves the SQL level alone)."""
    from pbgdpl_desktop.domain.errors import DomainError
    from pbgdpl_desktop.domain.mediation import CaseCategory, CaseInput, PartyInput
    from pbgdpl_desktop.persistence.db import open_database
    from pbgdpl_desktop.services.core.context import ServiceContext
    from pbgdpl_desktop.services.registry import Services

    p = paths(data_dir)
    db = open_database(p.db_path, backups_dir=p.backups_dir, single_writer=lock != "no")
    services = Services.build(ServiceContext(db=db, data_dir=p.data_dir))
    say("ready", os.getpid())
    end = time.monotonic() + float(seconds)
    n = 0
    while time.monotonic() < end:
        n += 1
        data = CaseInput(
            team_id=team_id,
            received_on=date(2026, 1, 1) + timedelta(days=n % 300),
            category=CaseCategory.NEIGHBOURHOOD,
            parties=(PartyInput(f"Người {os.getpid()} {n}"), PartyInput("Bên kia")),
        )
        try:
            case, _ = services.mediation.cases.save(data)
        except DomainError as exc:
            say("err", type(exc).__name__, exc.message[:60].replace("\n", " "))
            continue
        say("ok", case.id, case.case_year, case.case_number)
    db.close()
    say("done")


def save_sessions(data_dir: str) -> None:
    """Save dissemination sessions until killed; each acknowledged one is printed."""
    from pbgdpl_desktop.services.registry import open_services
    from tests.builders import session_input

    services = open_services(paths(data_dir))
    say("ready", os.getpid())
    n = 0
    while True:
        n += 1
        saved, _ = services.dissemination.sessions.save(session_input(title=f"Buổi số {n}"))
        say("ok", saved.id)


def import_logbook(data_dir: str, workbook: str, statements: str) -> None:
    """Import a logbook; killed after the N-th SQL statement of the commit."""
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths(data_dir))
    preview = services.dissemination.imports.preview(Path(workbook))
    say("rows", len(preview.new_rows))
    kill_after_statements(int(statements))
    added, _ = services.dissemination.imports.commit(preview)
    say("done", added)


def upgrade(data_dir: str, statements: str) -> None:
    """Open (and so upgrade) the database; killed after the N-th SQL statement (0: never)."""
    from pbgdpl_desktop.persistence.db import open_database

    if int(statements):
        kill_after_statements(int(statements))
    p = paths(data_dir)
    db = open_database(p.db_path, backups_dir=p.backups_dir)
    say("done", db.report.to_revision)
    db.close()


def count_upgrade(data_dir: str) -> None:
    """How many SQL statements an upgrade of this file runs, and after which one each revision is stamped."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from pbgdpl_desktop.persistence.db import open_database

    seen: list[str] = []

    @event.listens_for(Engine, "after_cursor_execute")
    def _count(conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if on_file(conn):
            seen.append(statement)

    p = paths(data_dir)
    open_database(p.db_path, backups_dir=p.backups_dir).close()
    stamps = [
        i + 1
        for i, s in enumerate(seen)
        if s.startswith(("UPDATE alembic_version", "INSERT INTO alembic_version"))
    ]
    say("total", len(seen))
    say("stamps", *stamps)


def restore(data_dir: str, source: str, when: str) -> None:
    from pbgdpl_desktop.persistence import db as db_module
    from pbgdpl_desktop.persistence.db import restore_database

    p = paths(data_dir)
    kill_at_replace(db_module, when, p.db_path)
    restore_database(Path(source), p.db_path, p.backups_dir)
    say("done")


def backup(data_dir: str, target: str, when: str) -> None:
    from pbgdpl_desktop.persistence import db as db_module
    from pbgdpl_desktop.persistence.db import backup_database

    kill_at_replace(db_module, when, Path(target))
    backup_database(paths(data_dir).db_path, Path(target))
    say("done")


def report(data_dir: str, target: str, when: str) -> None:
    from pbgdpl_desktop.reports import output
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.services.reports.service import ReportRequest

    kill_at_replace(output, when, Path(target))
    services = open_services(paths(data_dir))
    services.reports.generate(ReportRequest("periodic", 2026, target=Path(target)))
    say("done")


def fill_until_full(data_dir: str) -> None:
    """Save sessions until the disk is full (RLIMIT_FSIZE set by the parent); acknowledged ones printed."""
    from pbgdpl_desktop.domain.errors import DomainError
    from pbgdpl_desktop.services.registry import open_services
    from tests.builders import session_input

    services = open_services(paths(data_dir))
    say("ready", os.getpid())
    n = 0
    while True:
        n += 1
        try:
            saved, _ = services.dissemination.sessions.save(session_input(title=f"Buổi {n} " + "x" * 250))
        except DomainError as exc:
            say("err", type(exc).__name__, exc.message.replace("\n", " "))
            break
        say("ok", saved.id)
    services.ctx.db.close()
    say("closed")


SCENARIOS = {
    "hold": hold,
    "save-cases": save_cases,
    "save-sessions": save_sessions,
    "import": import_logbook,
    "upgrade": upgrade,
    "count-upgrade": count_upgrade,
    "restore": restore,
    "backup": backup,
    "report": report,
    "fill": fill_until_full,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](*sys.argv[2:])
