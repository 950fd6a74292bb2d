"""The audit trail and bundles (issue #15): imports leave an entry (who, which bundle, counts); the trail of
the synced tables travels in full-privacy bundles only, once per entry, and the office keeps it per ward."""

from __future__ import annotations

import json

from pbgdpl_desktop.services.core.audit import AuditFilter
from pbgdpl_desktop.services.sync.audit_trail import AUDIT_TABLE
from pbgdpl_desktop.services.sync.dto import IMPORTED
from pbgdpl_desktop.sync.bundle import data_member
from tests.builders import add_team
from tests.helpers.bundles import members, office_rows, open_office, small_ward
from tests.helpers.office import inbox_of, office_of

PW = "mat-khau-dai-1"
MEMBER = data_member(AUDIT_TABLE)


def _trail(bundle):
    data = members(bundle).get(MEMBER, b"")
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_minimal_bundles_carry_no_trail_full_ones_carry_it_once(services, tmp_path):
    services.users.create_first_admin("quantri", PW)
    small_ward(services)
    out = tmp_path / "out"
    minimal = services.sync.exporter.export(out).record
    assert MEMBER not in members(minimal.path)
    add_team(services, "Tổ hòa giải số 2", area="Tổ dân phố số 2")
    first = services.sync.exporter.export(out, privacy="full").record
    rows = _trail(first.path)
    # the first full-privacy bundle carries the whole trail of the synced tables, by whom
    tables = {r["fields"]["table_name"] for r in rows}
    assert {"mediation_case", "mediation_team", "ward_profile"} <= tables
    assert "app_user" not in tables  # accounts never travel, nor their trail
    team = next(
        r for r in rows if r["fields"]["table_name"] == "mediation_team" and r["fields"]["action"] == "create"
    )
    assert team["fields"]["actor"] == "quantri"
    # personal values stay at the ward: only the names of the personal fields travel
    party = next(r for r in rows if r["fields"]["table_name"] == "mediation_case_party")
    assert party["fields"]["personal_fields"] and "full_name" not in party["fields"]["changes"]
    # the next one carries only the entries written since
    add_team(services, "Tổ hòa giải số 3", area="Tổ dân phố số 3")
    second = services.sync.exporter.export(out, privacy="full").record
    again = _trail(second.path)
    assert again and {r["id"] for r in again}.isdisjoint({r["id"] for r in rows})
    assert all(r["fields"]["entry_id"] > max(x["fields"]["entry_id"] for x in rows) for r in again)


def test_the_office_keeps_the_trail_per_ward_and_traces_the_import(services, _template_db, clock, tmp_path):
    small_ward(services)
    out = tmp_path / "out"
    bundle = services.sync.exporter.export(out, full=True, privacy="full").record
    office = open_office(tmp_path / "office", _template_db, clock)
    try:
        office.users.create_first_admin("chuyenvien", PW)
        office.sync.register(bundle.path, registered_by="Chuyên viên A")
        report = office.sync.importer.import_paths([bundle.path]).reports[0]
        assert report.status == IMPORTED, report.message
        kept = office_rows(office, "00070", AUDIT_TABLE)
        assert len(kept) == len(_trail(bundle.path)) > 0
        assert report.tables[AUDIT_TABLE]["inserted"] == len(kept)
        (entry,) = office.audit.entries(AuditFilter(module="sync"))[:1]
        assert entry.action == "sync_import" and entry.actor == "chuyenvien"
        assert entry.record_id == bundle.bundle_id
        assert "gói số 1 của 00070" in entry.detail and "mới" in entry.detail
        # a second import of the same bundle changes nothing and writes no second import entry
        office.sync.importer.import_paths([bundle.path])
        assert [e.action for e in office.audit.entries()].count("sync_import") == 1
    finally:
        office.ctx.db.close()


def test_a_reply_import_is_traced_at_the_ward(services, _template_db, clock, tmp_path):
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        office_svc.sync.register(record.path, registered_by="Chuyên viên A")
        office = office_of(office_svc)
        assert office.import_paths([record.path]).ok
        office.appraise("00070", 2026, "1.1", "3", note="Thiếu biên bản", by="Hội đồng")
        reply = office.reply("00070", tmp_path / "r", year=2026)
        office_svc.sync.export_public_key(tmp_path / "office.pem")
    finally:
        office_svc.ctx.db.close()
    services.users.create_first_admin("quantri", PW)
    inbox = inbox_of(services)
    inbox.register_office_key(tmp_path / "office.pem")
    inbox.import_reply(reply.path)
    inbox.import_reply(reply.path)  # the second copy changes nothing and is not traced again
    entries = [e for e in services.audit.entries() if e.action == "reply_import"]
    assert len(entries) == 1
    assert entries[0].actor == "quantri" and entries[0].record_id == reply.bundle_id
    assert "1 ý kiến thẩm định" in entries[0].detail
