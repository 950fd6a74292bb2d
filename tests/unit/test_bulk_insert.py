"""``persistence.bulk_insert.insert_new`` (#17 §5) writes what an ORM flush of the same rows writes: defaults,
sync columns, the role check and one audit entry per row with the same fields, in the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from pbgdpl_desktop.domain.users import Actor, PermissionDenied, Role
from pbgdpl_desktop.persistence.bulk_insert import insert_new
from pbgdpl_desktop.persistence.models.mediation import MediationCase, MediationCaseParty, MediationTeam

TEAM = {"name": "Tổ hòa giải số 1", "name_folded": "to hoa giai so 1", "decision_date": date(2024, 6, 15)}


def _rows(services, query):
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        return con.execute(query).fetchall()


def test_rows_and_trail_match_an_orm_flush(services):
    with services.ctx.db.transaction() as session:
        session.add(MediationTeam(id="orm", **TEAM))
        session.flush()
        written = insert_new(session, MediationTeam, [{"id": "bulk", **TEAM, "name": "Tổ 2"}, {**TEAM}])
    assert [r["id"] for r in written][:1] == ["bulk"] and len(written[1]["id"]) == 36  # a new UUID
    teams = {
        r[0]: r[1:]
        for r in _rows(
            services, "SELECT id, area, note, needs_minority, revision, deleted_at FROM mediation_team"
        )
    }
    assert teams["orm"] == teams["bulk"] == ("", "", 0, 1, None)  # defaults and stamps as by the ORM
    seqs = [r[0] for r in _rows(services, "SELECT change_seq FROM mediation_team ORDER BY change_seq")]
    assert len(set(seqs)) == 3
    trail = {
        r[0]: (r[1], r[2], json.loads(r[3]))
        for r in _rows(services, "SELECT record_id, action, module, changes_json FROM audit_log")
    }
    assert trail["orm"][:2] == trail["bulk"][:2] == ("create", "mediation")
    assert trail["bulk"][2] == {**trail["orm"][2], "name": [None, "Tổ 2"]}
    assert set(trail["orm"][2]) == {"name", "name_folded", "decision_date", "needs_minority"}


def test_personal_fields_kept_apart_and_a_refused_role_writes_nothing(services):
    with services.ctx.db.transaction() as session:
        insert_new(session, MediationTeam, [{"id": "t", **TEAM}])
    services.ctx.db.actor = Actor("xem", Role.VIEWER)
    with pytest.raises(PermissionDenied), services.ctx.db.transaction() as session:
        insert_new(session, MediationTeam, [{**TEAM, "name": "Tổ 3"}])
    assert _rows(services, "SELECT count(*) FROM mediation_team") == [(1,)]
    services.ctx.db.actor = None
    with pytest.raises(KeyError, match="no_such"), services.ctx.db.transaction() as session:
        insert_new(session, MediationTeam, [{**TEAM, "no_such": 1}])
    party = {"case_id": "c", "role": "party", "full_name": "Nguyễn Văn An", "address": "Số 1 phố Hàng Bạc"}
    with services.ctx.db.transaction() as session:  # a case for the party's foreign key, by the ORM
        session.add(
            MediationCase(
                id="c",
                team_id="t",
                case_year=2026,
                case_number=1,
                received_on=date(2026, 3, 2),
                category="civil",
                origin="request",
                outcome="in_progress",
            )
        )
        session.flush()
        insert_new(session, MediationCaseParty, [party])
    entry_id, fields, changes = _rows(
        services,
        "SELECT id, personal_fields, changes_json FROM audit_log WHERE table_name = 'mediation_case_party'",
    )[0]
    assert set(fields.split(",")) >= {"full_name", "address"} and "full_name" not in json.loads(changes)
    private = _rows(services, f"SELECT changes_json FROM audit_personal WHERE audit_id = {entry_id}")
    assert json.loads(private[0][0])["full_name"] == [None, "Nguyễn Văn An"]
