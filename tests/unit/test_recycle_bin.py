"""The "Đã xóa" list: deleted records are listed per module and come back with their history (#12 §6)."""

from __future__ import annotations

import sqlite3

import pytest

from pbgdpl_desktop.domain.changes import DISSEMINATION, MEDIATION
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError
from tests.builders import add_mediator, add_team, case_input, session_input, staffed_team


def _row(services, table: str, row_id: str) -> dict:
    with sqlite3.connect(services.ctx.db.path) as con:
        con.row_factory = sqlite3.Row
        return dict(con.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone())


def test_a_deleted_session_is_listed_and_restored_as_a_new_change(services):
    session, _ = services.dissemination.sessions.save(session_input(title="Tuyên truyền Luật Đất đai"))
    services.dissemination.sessions.delete(session.id)
    before = _row(services, "dissemination_session", session.id)
    deleted = services.recycle.deleted(DISSEMINATION)
    assert [(d.kind, d.title) for d in deleted] == [("session", "Tuyên truyền Luật Đất đai")]
    assert services.recycle.deleted(MEDIATION) == []

    changes = services.recycle.restore("session", session.id)

    assert DISSEMINATION in changes
    assert services.dissemination.sessions.get(session.id).data.title == "Tuyên truyền Luật Đất đai"
    after = _row(services, "dissemination_session", session.id)
    assert after["deleted_at"] is None
    assert after["revision"] == before["revision"] + 1
    assert after["change_seq"] > before["change_seq"]  # a sync bundle carries the restore
    assert services.recycle.deleted(DISSEMINATION) == []
    with pytest.raises(NotFoundError):
        services.recycle.restore("session", session.id)  # twice: a clear message, nothing changes


def test_a_mediator_comes_back_in_the_team_it_left(services):
    team = add_team(services)
    mediator = add_mediator(services, team.id, "Nguyễn Văn Bình")
    services.mediation.mediators.delete(mediator.id)
    with pytest.raises(NotFoundError):
        services.mediation.mediators.get(mediator.id)
    services.recycle.restore("mediator", mediator.id)
    restored = services.mediation.mediators.get(mediator.id)
    assert restored.full_name == "Nguyễn Văn Bình"
    assert restored.team_id == team.id


def test_a_case_whose_number_was_used_again_is_not_restored(services):
    team, ids = staffed_team(services)
    first, _ = services.mediation.cases.save(case_input(team.id, ids))
    services.mediation.cases.delete(first.id)
    second, _ = services.mediation.cases.save(case_input(team.id, ids))
    assert second.case_number == first.case_number  # the book's next number was free again
    with pytest.raises(ConflictError, match="đã được dùng"):
        services.recycle.restore("case", first.id)
    assert services.recycle.deleted(MEDIATION)[0].id == first.id  # still in the list, nothing half-done
    services.mediation.cases.delete(second.id)
    services.recycle.restore("case", first.id)
    assert services.mediation.cases.get(first.id).case_number == first.case_number
