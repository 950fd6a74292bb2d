""" "Một người dùng" (issue #15, scope 1): the ward that works alone starts without a password prompt, the
audit records that account, and the quản trị actions (restore, ward profile, users, rule files, norms) stay
refused when that account is a công chức — in the services, the command line and the launcher's check."""

from __future__ import annotations

import pytest

from pbgdpl_desktop.domain.users import PermissionDenied
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services
from tests.builders import add_team, ward_profile
from tests.helpers.bundles import dump

PW = "mat-khau-dai-1"


def _alone(services, name: str):
    services.ward.save(ward_profile())
    services.users.create_first_admin("quantri", PW, "Quản trị viên")
    services.users.add("chuyenvien", "clerk", PW, "Công chức tư pháp")
    services.users.set_single_user(name)
    services.users.logout()
    return services.users.login_single_user()


def _records(db):
    return [line for line in dump(db) if "app_user" not in line and "audit_log" not in line]


def test_single_user_start_is_audited_as_that_user(services):
    actor = _alone(services, "chuyenvien")
    assert actor is not None and actor.name == "chuyenvien" and not services.users.needs_login()
    login = next(e for e in services.audit.entries() if e.action == "login")
    assert (login.actor, login.detail) == ("chuyenvien", "một người dùng")
    add_team(services)
    entry = next(e for e in services.audit.entries() if e.table == "mediation_team")
    assert entry.actor == "chuyenvien" and entry.role == "clerk"


def test_a_clerk_working_alone_still_cannot_do_the_administrators_work(services, tmp_path):
    _alone(services, "chuyenvien")
    rs = services.assessment.rulesets.get("qd25_2021", 1)
    rule_file = tmp_path / "bo-tieu-chi.json"
    rule_file.write_text(rs.source_text, encoding="utf-8")
    before = dump(services.ctx.db.path)
    refused = {
        "restore": services.backups.check_restore,
        "restore an encrypted copy": lambda: services.backups.open_encrypted(tmp_path / "khong-co.enc", "x"),
        "ward profile": lambda: services.ward.save(ward_profile(commune_name="Phường Khác")),
        "users": lambda: services.users.add("nguoimoi", "viewer", PW),
        "reset a password": lambda: services.users.reset_password("quantri", "mat-khau-moi-12"),
        "leave single-user mode": lambda: services.users.set_single_user(None),
        "edit a rule file": lambda: services.assessment.rulesets.save_edits(
            rs.id, 1, {"TC2.CT4": {"points": 4}}
        ),
        "import a rule file": lambda: services.assessment.rulesets.import_file(rule_file),
        "norms": lambda: services.finance.catalogue.add_category("MUC_MOI", "Mục chi mới"),
    }
    for what, call in refused.items():
        with pytest.raises(PermissionDenied, match="chuyenvien"):
            call()
        assert dump(services.ctx.db.path) == before, what
    assert not (services.ctx.data_dir / "rulesets").exists()


def test_an_administrator_working_alone_may_restore_and_edit_rules(services):
    _alone(services, "quantri")
    services.backups.check_restore()
    new = services.assessment.rulesets.save_edits("qd25_2021", 1, {"TC2.CT4": {"points": 4}})
    entry = next(e for e in services.audit.entries() if e.action == "ruleset_edit")
    assert entry.actor == "quantri" and f"phiên bản {new.version}" in entry.detail


def test_cli_restore_is_refused_to_a_clerk_in_single_user_mode(services, tmp_path, capsys):
    from pbgdpl_desktop.app import main

    _alone(services, "chuyenvien")
    db = services.ctx.db.path
    services.ctx.db.close()
    copy = tmp_path / "ban-sao.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    before = _records(db)
    assert main(["restore", "--db", str(db), "--from", str(copy)]) == 3
    assert "chỉ người quản trị" in capsys.readouterr().err.lower()
    assert _records(db) == before  # the file was not replaced (the refused start still logs its sign-in)
    again = open_services(RuntimePaths(db.parent, db))
    try:
        assert not any(e.action == "restore_db" for e in again.audit.entries())
    finally:
        again.ctx.db.close()


def test_a_clerk_working_alone_cannot_accept_offered_rule_files(services, _template_db, clock, tmp_path):
    """Rule files and norm tables offered in the office's reply are installed by the administrator only."""
    from tests.helpers.bundles import open_office, small_ward
    from tests.helpers.office import inbox_of, office_of
    from tests.unit.test_office_offers import _norm_file, _rule_file

    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        office_svc.sync.register(record.path, registered_by="Chuyên viên A")
        office = office_of(office_svc)
        assert office.import_paths([record.path]).ok
        files = tmp_path / "files"
        reply = office.reply(
            "00070", tmp_path / "r", rules=[_rule_file(files, 2)], norms=[_norm_file(files, 1)]
        )
        inbox = inbox_of(services)
        inbox.register_office_key(office_svc.sync.export_public_key(tmp_path / "so.pem"))
        inbox.import_reply(reply.path)
    finally:
        office_svc.ctx.db.close()
    services.users.create_first_admin("quantri", PW)
    services.users.add("chuyenvien", "clerk", PW)
    services.users.set_single_user("chuyenvien")
    services.users.logout()
    services.users.login_single_user()
    for offer in inbox.offers():
        with pytest.raises(PermissionDenied, match="chuyenvien"):
            inbox.accept_offer(offer.id)
    assert {o.status for o in inbox.offers()} == {"pending"}
    assert not (services.ctx.data_dir / "rulesets").exists()
    services.users.login("quantri", PW)
    rules = next(o for o in inbox.offers() if o.kind == "rules")
    assert "phiên bản 2" in inbox.accept_offer(rules.id)[0]
