"""The other side of the sync kill test: import one bundle into an office database and SIGKILL this process
as a chosen statement of the import's transaction starts (after the earlier ones, before COMMIT), saying on stdout (flushed)
where it stopped — no timing involved.

    python -m tests.faults.sync_child OFFICE_DIR BUNDLE STATEMENT_PREFIX
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.faults.child import die, say


def main(folder: str, bundle: str, prefix: str) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import open_services

    armed = [False]  # only the import's statements: opening the database commits too

    @event.listens_for(Engine, "connect")
    def _trace(dbapi_con: object, _record: object) -> None:
        def kill_at(statement: str) -> None:  # sqlite3 calls this as each statement starts to run
            if armed[0] and statement.lstrip().upper().startswith(prefix.upper()):
                say("killed at", prefix)
                die()

        dbapi_con.set_trace_callback(kill_at)  # type: ignore[attr-defined]

    services = open_services(RuntimePaths(Path(folder), Path(folder) / "office.db"))
    say("ready")
    armed[0] = True
    services.sync.importer.import_paths([Path(bundle)])
    say("finished")  # never reached when the statement ran


if __name__ == "__main__":
    main(*sys.argv[1:4])
