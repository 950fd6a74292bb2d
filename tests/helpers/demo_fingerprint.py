"""A fingerprint of the demo ward that does not depend on how it was written (issue #17 §5): what each table
holds and what the audit trail says about it (ids and write times masked, rows sorted), the facts of each
year and the score. Two ways of building the demo that keep every record the same give the same fingerprint.

    python3 -m tests.helpers.demo_fingerprint OUT.json [--dump DIR]   # the demo of this checkout
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import sys
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# written by the machine's clock or the change counter, not by the demo: differ from run to run
NOT_COMPARED = {"created_at", "updated_at", "change_seq"}
TABLES_SKIPPED = {"sync_state", "app_meta", "alembic_version"}
AUDIT_SKIPPED = {"id", "audit_id"}  # entry numbers: the order the entries were written in


SALTED = re.compile(r"^(scrypt\$\d+\$\d+\$\d+\$).*$")  # a password hash: its KDF parameters only


def _mask(value: Any) -> Any:
    return SALTED.sub(r"\1…", UUID.sub("<id>", value)) if isinstance(value, str) else value


def _json_default(value: Any) -> Any:
    return sorted(value) if isinstance(value, (set, frozenset)) else str(value)


def table_rows(db_path: Path) -> dict[str, list[str]]:
    """Each table's rows as sorted JSON lines: ids masked, the sync stamps left out."""
    out: dict[str, list[str]] = {}
    with closing(sqlite3.connect(db_path)) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")]
        for table in tables:
            if table in TABLES_SKIPPED or table.startswith("sqlite_"):
                continue
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            skipped = NOT_COMPARED | (AUDIT_SKIPPED if table.startswith("audit_") else set())
            keep = [i for i, c in enumerate(columns) if c not in skipped]
            rows = []
            for row in con.execute(f'SELECT * FROM "{table}"'):
                rows.append(
                    json.dumps({columns[i]: _mask(row[i]) for i in keep}, ensure_ascii=False, sort_keys=True)
                )
            out[table] = sorted(rows)
    return out


def figures(services: Any) -> dict[str, Any]:
    """The facts of each demo year (what the periodic report and the statistics print) and the score."""
    today = services.ctx.clock.today()
    out: dict[str, Any] = {}
    for year in (today.year - 2, today.year - 1, today.year):
        try:
            result = services.assessment.scoring.compute(year)
            score: list[Any] = [str(result.total), str(result.max_total), result.verdict.value]
            score.append(list(result.blocking))
        except DomainError as exc:  # a year no rule file covers (2025)
            score = [str(exc)]
        out[str(year)] = {
            "dissemination": asdict(services.dissemination.facts(year)),
            "mediation": asdict(services.mediation.facts(year)),
            "finance": asdict(services.finance.facts(year)),
            "score": score,
        }
    return json.loads(json.dumps(out, default=_json_default, sort_keys=True))


def fingerprint(services: Any) -> dict[str, Any]:
    rows = table_rows(services.ctx.db.path)
    return {
        "tables": {
            t: [len(r), hashlib.sha256("\n".join(r).encode()).hexdigest()[:16]] for t, r in rows.items()
        },
        "figures": figures(services),
    }


def main() -> None:
    import shutil
    import tempfile
    from datetime import UTC, datetime

    from pbgdpl_desktop.domain.clock import FixedClock
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.demo import build_demo
    from pbgdpl_desktop.services.registry import open_services

    target = Path(sys.argv[1])
    dump = Path(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--dump" else None
    with tempfile.TemporaryDirectory() as tmp:
        paths = RuntimePaths(Path(tmp), Path(tmp) / "demo.db")
        services = open_services(paths, clock=FixedClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC)))
        build_demo(services, seed=2026)
        result = fingerprint(services)
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            for table, lines in table_rows(paths.db_path).items():
                (dump / f"{table}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            shutil.copyfile(paths.db_path, dump / "demo.db")
        services.ctx.db.close()
    target.write_text(
        json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
