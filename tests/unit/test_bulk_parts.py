"""``Database.bulk(savepoints=False)`` (the demo ward, #17 §5): the transactions inside are plain parts of
the one transaction — no savepoint each — and the block is all or nothing; the change_seq counter moves in
one statement."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import event, text

from pbgdpl_desktop.domain.errors import NotFoundError
from pbgdpl_desktop.domain.users import Actor, PermissionDenied, Role
from pbgdpl_desktop.persistence.uow import allocate_change_seqs
from pbgdpl_desktop.services.mediation.dto import TEAM_NOT_FOUND
from tests.builders import add_mediator, add_team, mediator_input


def _rows(services, query):
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        return con.execute(query).fetchall()


def _statements(services) -> list[str]:
    seen: list[str] = []
    event.listen(services.ctx.db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_parts_commit_together_with_their_trail_and_no_savepoint(services):
    seen = _statements(services)
    with services.ctx.db.bulk(savepoints=False):
        team = add_team(services)
        add_mediator(services, team.id, "Nguyễn Văn Hùng")
        assert _rows(services, "SELECT count(*) FROM mediation_team") == [(0,)]  # one transaction, open
    assert not [s for s in seen if "SAVEPOINT" in s.upper()]
    assert _rows(services, "SELECT count(*) FROM mediator") == [(1,)]
    trail = _rows(services, "SELECT table_name, action FROM audit_log ORDER BY id")
    assert trail == [("mediation_team", "create"), ("mediator", "create"), ("mediator_membership", "create")]
    seqs = _rows(
        services,
        "SELECT change_seq FROM mediation_team UNION ALL SELECT change_seq FROM mediator"
        " UNION ALL SELECT change_seq FROM mediator_membership",
    )
    first = min(s for (s,) in seqs)
    assert sorted(s for (s,) in seqs) == [first, first + 1, first + 2]  # one per flush, no gap


def test_each_part_is_checked_under_its_own_role(services):
    services.ctx.db.actor = Actor("xem", Role.VIEWER)
    with pytest.raises(PermissionDenied), services.ctx.db.bulk(savepoints=False):
        add_team(services)
    services.ctx.db.actor = None
    assert _rows(services, "SELECT count(*) FROM mediation_team") == [(0,)]


def test_a_failed_part_caught_inside_still_leaves_nothing(services):
    """A mediator of an unknown team is flushed before the team is looked up: with no savepoint to undo it,
    the block must not commit — even when the caller catches the error and goes on."""
    with (
        pytest.raises(NotFoundError, match=re.escape(TEAM_NOT_FOUND)),
        services.ctx.db.bulk(savepoints=False),
    ):
        add_team(services)
        with pytest.raises(NotFoundError):
            services.mediation.mediators.save(mediator_input("no-such-team", "Trần Thị Lan"))
        add_team(services, "Tổ hòa giải tổ dân phố số 2", area="Tổ dân phố số 2")
    assert _rows(services, "SELECT count(*) FROM mediation_team") == [(0,)]
    assert _rows(services, "SELECT count(*) FROM mediator") == [(0,)]
    assert _rows(services, "SELECT count(*) FROM audit_log") == [(0,)]
    add_team(services)  # the database is usable afterwards
    assert _rows(services, "SELECT count(*) FROM mediation_team") == [(1,)]


def test_savepoints_stay_the_default_a_caught_failure_is_undone_alone(services):
    with services.ctx.db.bulk():
        add_team(services)
        with pytest.raises(NotFoundError):
            services.mediation.mediators.save(mediator_input("no-such-team", "Trần Thị Lan"))
    assert _rows(services, "SELECT count(*) FROM mediation_team") == [(1,)]
    assert _rows(services, "SELECT count(*) FROM mediator") == [(0,)]


def test_change_seqs_are_allocated_in_consecutive_ranges(services):
    with services.ctx.db.transaction() as session:
        start = session.execute(text("SELECT last_change_seq FROM sync_state")).scalar_one()
        assert allocate_change_seqs(session, 3) == start + 1
        assert allocate_change_seqs(session, 1) == start + 4
        assert session.execute(text("SELECT last_change_seq FROM sync_state")).scalar_one() == start + 4
        with pytest.raises(ValueError):
            allocate_change_seqs(session, 0)
        session.execute(text("DELETE FROM sync_state"))
        assert allocate_change_seqs(session, 2) == 1  # the counter's row made again
        assert allocate_change_seqs(session, 2) == 3
