"""kill -9 of an import half-way (a child process, tests/faults/sync_child.py) leaves the office database as
it was; the same bundle then imports normally."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pbgdpl_desktop.persistence.models.mediation import Mediator
from pbgdpl_desktop.services.sync.dto import IMPORTED
from tests.helpers.bundles import Office, dump, small_ward

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "statement",
    ["INSERT INTO office_row", "UPDATE office_row", "INSERT INTO sync_import", "COMMIT"],
)
def test_kill_9_during_an_import_leaves_the_office_database_as_before(
    services, tmp_path, _template_db, clock, statement
):
    small_ward(services)
    out = tmp_path / "out"
    first = services.sync.exporter.export(out, full=True).record.path
    with services.ctx.db.transaction() as session:
        for mediator in session.scalars(select(Mediator)):
            mediator.note = "sửa"  # updates for the second bundle
    second = services.sync.exporter.export(out).record.path
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(first)
    bundle = first
    if statement == "UPDATE office_row":
        assert office.run(first).reports[0].status == IMPORTED
        bundle = second
    before = dump(office.db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "tests.faults.sync_child", str(office.folder), str(bundle), statement],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert run.stdout.splitlines() == ["ready", f"killed at {statement}"]
    assert dump(office.db) == before
    report = office.run(bundle).reports[0]
    assert report.status == IMPORTED and report.total("inserted") + report.total("updated") > 0
