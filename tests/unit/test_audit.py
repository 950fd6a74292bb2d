"""The audit trail (issue #15): every write path leaves an entry in its own transaction, the trail is
append-only, personal values are masked for a viewer, and it exports."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.persistence.models import Base, SyncMixin
from pbgdpl_desktop.services.core.audit import AuditFilter
from tests.builders import add_team, case_input, staffed_team

PW = "mat-khau-dai-1"


def _sql(services, query, *args):
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        return con.execute(query, args).fetchall()


def test_every_row_the_demo_writes_through_the_services_has_its_entry(demo_services, _template_db):
    """The demo ward is built only through the services' write paths (one module per feature): every row of
    every table it filled must be named by a "create" entry, or covered by a bulk-write entry of its table.
    Rows the migrations seed (the norm table) are not written by a service."""
    services = demo_services
    with closing(sqlite3.connect(_template_db)) as con:
        seeded = {
            r[0] for t in ("finance_category", "finance_norm") for r in con.execute(f"SELECT id FROM {t}")
        }
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        created = {
            (t, r)
            for t, r in con.execute("SELECT table_name, record_id FROM audit_log WHERE action='create'")
        }
        bulk = {r[0] for r in con.execute("SELECT table_name FROM audit_log WHERE detail LIKE '%hàng loạt%'")}
        checked = 0
        for table in Base.metadata.sorted_tables:
            model = next((m for m in Base.registry.mappers if m.local_table is table), None)
            if model is None or not issubclass(model.class_, SyncMixin) or table.name in bulk:
                continue
            ids = [r[0] for r in con.execute(f'SELECT id FROM "{table.name}"')]
            missing = [i for i in ids if (table.name, i) not in created and i not in seeded]
            assert not missing, f"{table.name}: {len(missing)} rows without an audit entry"
            checked += len(ids)
    assert checked > 200


def test_update_and_delete_record_before_and_after(services):
    team, ids = staffed_team(services)
    case, _ = services.mediation.cases.save(case_input(team.id, ids))
    services.mediation.cases.save(case_input(team.id, ids, id=case.id, summary="Tranh chấp ranh giới đất."))
    services.mediation.cases.delete(case.id)
    entries = services.audit.entries(AuditFilter(record_id=case.id))
    assert [e.action for e in entries] == ["delete", "update", "create"]
    update = entries[1]
    assert update.changes["summary"] == [
        "Tranh chấp lối đi chung giữa hai hộ liền kề.",
        "Tranh chấp ranh giới đất.",
    ]
    assert update.module == "mediation"


def test_a_multiline_value_before_a_combining_mark_keeps_the_trail_nfc(services):
    """A note whose new line is followed by a combining tilde is NFC on its own; written into JSON as
    ``\\n`` + U+0303 it would compose into "ñ" (found by test_hostile_input). The trail stores it escaped."""
    import unicodedata

    team, ids = staffed_team(services)
    summary = "Dòng một\n\u0303 dòng hai"
    assert unicodedata.is_normalized("NFC", summary)
    case, _ = services.mediation.cases.save(case_input(team.id, ids, summary=summary))
    texts = _sql(services, "SELECT changes_json FROM audit_log WHERE record_id = ?", case.id)
    texts += _sql(services, "SELECT changes_json FROM audit_personal WHERE record_id = ?", case.id)
    assert any("summary" in text for (text,) in texts)
    for (text,) in texts:
        assert unicodedata.is_normalized("NFC", text)
    (entry,) = services.audit.entries(AuditFilter(record_id=case.id))
    assert entry.changes["summary"] == [None, summary]


def test_change_and_entry_commit_together_or_not_at_all(services):
    # a failure after the flush: neither the row nor its entry stays
    before = _sql(services, "SELECT count(*) FROM audit_log")[0][0]
    with pytest.raises(ValidationError), services.ctx.db.transaction() as session:
        from pbgdpl_desktop.persistence.models.mediation import MediationTeam

        session.add(MediationTeam(name="Tổ thử", name_folded="to thu", area=""))
        session.flush()
        assert _sql(services, "SELECT count(*) FROM audit_log")[0][0] == before  # not visible outside yet
        raise ValidationError("dừng giữa chừng")
    assert _sql(services, "SELECT count(*) FROM mediation_team") == [(0,)]
    assert _sql(services, "SELECT count(*) FROM audit_log")[0][0] == before
    # the entry cannot be written (a trigger refuses it): the change is refused with it
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        con.execute(
            "CREATE TRIGGER t_fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no audit'); END"
        )
        con.commit()
    with pytest.raises(Exception, match="no audit"):
        add_team(services)
    assert _sql(services, "SELECT count(*) FROM mediation_team") == [(0,)]


def test_the_trail_is_append_only(services):
    add_team(services)
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        for statement in ("UPDATE audit_log SET actor = 'ai'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(statement)
    assert not hasattr(services.audit, "delete") and not hasattr(services.audit, "update")


def test_personal_values_are_masked_for_a_viewer(services):
    services.users.create_first_admin("quantri", PW)
    services.users.add("xem", "viewer", PW)
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids))
    party = next(
        e
        for e in services.audit.entries()
        if e.table == "mediation_case_party" and e.changes.get("full_name", [0, 0])[1] == "Phạm Văn Đức"
    )
    assert "full_name" in party.personal_fields
    raw = _sql(services, "SELECT changes_json FROM audit_log WHERE id = ?", party.id)[0][0]
    assert "full_name" not in json.loads(raw)  # kept apart, in audit_personal
    services.users.login("xem", PW)
    seen = next(e for e in services.audit.entries() if e.id == party.id)
    assert seen.changes["full_name"] == ["•••", "•••"]
    assert "Phạm Văn Đức" not in seen.changes_text


def test_filter_and_export(services, tmp_path):
    services.users.create_first_admin("quantri", PW)
    services.users.add("chuyenvien", "clerk", PW)
    services.users.login("chuyenvien", PW)
    add_team(services)
    services.users.login("quantri", PW)
    add_team(services, "Tổ hòa giải số 2", area="Tổ 2")
    mine = services.audit.entries(AuditFilter(user="chuyenvien", module="mediation"))
    assert mine and {e.actor for e in mine} == {"chuyenvien"}
    assert services.audit.entries(AuditFilter(module="finance")) == []
    path = services.audit.export(tmp_path / "nhatky.xlsx", AuditFilter(module="mediation"))
    wb = load_workbook(path, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    assert rows[0][0] == "Thời điểm" and {r[1] for r in rows[1:]} == {"chuyenvien", "quantri"}
    csv_path = services.audit.export(tmp_path / "nhatky.csv")
    with csv_path.open(encoding="utf-8-sig") as fh:
        assert next(csv.reader(fh))[1] == "Người dùng"
    assert services.audit.entries()[0].action == "export"  # the export itself is in the trail


def test_the_demo_ward_has_two_users_and_days_of_history(demo_services):
    users = demo_services.users
    assert [(u.name, u.role.value) for u in users.all()] == [("chuyenvien", "clerk"), ("quantri", "admin")]
    assert users.single_user() == "chuyenvien" and not users.needs_login()
    entries = demo_services.audit.entries(limit=100_000)
    days = {e.at.date() for e in entries}
    assert len(days) >= 4
    assert {"quantri", "chuyenvien"} <= {e.actor for e in entries}
    # the demo's records were written by the administrator, not by "(máy này)"
    assert {e.actor for e in entries if e.table == "mediation_case"} == {"quantri"}


def test_exports_are_in_the_trail(services, tmp_path):
    services.users.create_first_admin("quantri", PW)
    path = services.finance.exports.summary(2026, tmp_path / "tonghop.xlsx")
    entry = services.audit.entries()[0]
    assert (entry.action, entry.module, entry.actor) == ("export", "finance", "quantri")
    assert path.name in entry.detail
