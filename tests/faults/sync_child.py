"""The other side of the sync kill test: import one bundle into an office database and SIGKILL this process
right after a chosen statement of the import's transaction (before its COMMIT), saying on stdout (flushed)
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

    @event.listens_for(Engine, "after_cursor_execute")
    def _kill(conn: object, cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith(prefix.upper()):
            say("killed after", prefix)
            die()

    services = open_services(RuntimePaths(Path(folder), Path(folder) / "office.db"))
    say("ready")
    services.sync.importer.import_paths([Path(bundle)])
    say("finished")  # never reached when the statement ran


if __name__ == "__main__":
    main(*sys.argv[1:4])
