"""Local accounts and roles (issue #15): hashing, lockout, roles refused and permitted in the services."""

from __future__ import annotations

import hmac
import sqlite3
from contextlib import closing
from datetime import timedelta

import pytest

from pbgdpl_desktop.domain.errors import ConflictError, ValidationError
from pbgdpl_desktop.domain.users import Actor, PermissionDenied, Role, lockout_seconds
from pbgdpl_desktop.services.core import passwords
from tests.builders import add_team, case_input, staffed_team, ward_profile

PW = "mat-khau-dai-1"


def _users(services):
    services.users.create_first_admin("quantri", PW, "Quản trị viên")
    services.users.add("chuyenvien", "clerk", PW, "Công chức tư pháp")
    services.users.add("xem", "viewer", PW, "Cán bộ xem")
    services.users.add("lanhdao", "leader", PW)


def test_password_hash_is_scrypt_with_parameters_and_salt():
    one, two = passwords.hash_password(PW), passwords.hash_password(PW)
    assert one.startswith("scrypt$") and one != two  # per-user salt
    n, r, p = passwords.parameters(one)
    assert n >= 2**14 and r == 8 and p == 1
    assert passwords.verify_password(PW, one)
    assert not passwords.verify_password(PW + "x", one)
    assert not passwords.verify_password(PW, "garbage")
    # older, weaker parameters stored with the hash still verify
    assert passwords.verify_password(PW, passwords.hash_password(PW, n=2**14))


def test_comparison_is_timing_safe(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(passwords.hmac, "compare_digest", spy)
    assert not passwords.verify_password("sai-mat-khau", passwords.hash_password(PW))
    assert len(calls) == 1


def test_first_admin_then_roles(services):
    assert not services.users.has_accounts() and not services.users.needs_login()
    _users(services)
    assert [u.name for u in services.users.all()] == ["chuyenvien", "lanhdao", "quantri", "xem"]
    assert services.users.needs_login()
    with pytest.raises(ConflictError):
        services.users.create_first_admin("khac", PW)
    with pytest.raises(ConflictError):
        services.users.add("XEM", "viewer", PW)
    with pytest.raises(ValidationError, match="ít nhất 8"):
        services.users.add("ngan", "clerk", "123")
    with pytest.raises(ValidationError, match="Vai trò"):
        services.users.add("ai", "boss", PW)


def test_viewer_is_refused_every_save_and_nothing_is_written(services):
    _users(services)
    services.users.login("xem", PW)
    with pytest.raises(PermissionDenied, match="Chỉ xem"):
        add_team(services)
    with pytest.raises(PermissionDenied):
        services.ward.save(ward_profile())
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        assert con.execute("SELECT count(*) FROM mediation_team").fetchone()[0] == 0


def test_clerk_writes_records_but_not_accounts_or_ward(services):
    _users(services)
    services.users.login("chuyenvien", PW)
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids))
    with pytest.raises(PermissionDenied, match="quản trị"):
        services.ward.save(ward_profile())
    with pytest.raises(PermissionDenied):
        services.users.add("moi", "clerk", PW)
    with pytest.raises(PermissionDenied):
        services.users.reset_password("xem", "mat-khau-moi-1")


def test_office_roles_write_only_office_tables():
    leader = Actor("lanhdao", Role.LEADER)
    assert leader.may_write("office_decision") and not leader.may_write("mediation_case")
    assert leader.may_write("setting")
    viewer = Actor("xem", Role.VIEWER)
    assert not viewer.may_write("office_decision") and not viewer.sees_personal_data


def test_admin_resets_disables_and_keeps_one_admin(services):
    _users(services)
    services.users.reset_password("xem", "mat-khau-moi-1")
    with pytest.raises(ValidationError):
        services.users.login("xem", PW)
    assert services.users.login("xem", "mat-khau-moi-1").role is Role.VIEWER
    services.users.login("quantri", PW)
    services.users.set_disabled("xem")
    with pytest.raises(PermissionDenied, match="bị khóa"):
        services.users.login("xem", "mat-khau-moi-1")
    services.users.login("quantri", PW)
    with pytest.raises(ConflictError, match="cuối cùng"):
        services.users.set_disabled("quantri")


def test_growing_delay_after_failed_logins_survives_a_restart(services, paths, clock):
    _users(services)
    assert [lockout_seconds(n) for n in range(1, 7)] == [0, 0, 2, 4, 8, 16]
    for _ in range(3):
        with pytest.raises(ValidationError, match="không đúng"):
            services.users.login("chuyenvien", "sai")
    # the right password now waits: the counter is in the file, not in memory
    services.ctx.db.close()
    from pbgdpl_desktop.services.registry import open_services

    again = open_services(paths, clock=clock)
    try:
        with pytest.raises(PermissionDenied, match="thử lại sau"):
            again.users.login("chuyenvien", PW)
        clock.fixed = clock.fixed + timedelta(seconds=3)
        assert again.users.login("chuyenvien", PW).name == "chuyenvien"
        info = {u.name: u for u in again.users.all()}["chuyenvien"]
        assert info.failed_count == 0
        actions = [e.action for e in again.audit.entries()]
        assert actions.count("login_failed") == 3 and "login" in actions
    finally:
        again.ctx.db.close()


def test_single_user_mode_signs_in_without_password_and_is_audited(services):
    _users(services)
    services.users.set_single_user("chuyenvien")
    services.users.logout()
    assert not services.users.needs_login()
    actor = services.users.login_single_user()
    assert actor is not None and actor.name == "chuyenvien"
    add_team(services)
    entry = next(e for e in services.audit.entries() if e.table == "mediation_team")
    assert entry.actor == "chuyenvien" and entry.action == "create"


def _stored_hashes(services) -> dict[str, str]:
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        return dict(con.execute("SELECT name, password_hash FROM app_user").fetchall())


def test_demo_accounts_take_a_hash_made_once_real_accounts_hash_their_own(services):
    """#17 §5: the demo's two hashes are made once per process (full parameters) and handed to the service;
    an account added the ordinary way is hashed by the service with its own salt, and a weak hash is refused."""
    from pbgdpl_desktop.services.demo.users import ADMIN, CLERK, PASSWORDS, demo_hash

    assert demo_hash(ADMIN) is demo_hash(ADMIN)  # cached: made once per process
    assert passwords.parameters(demo_hash(ADMIN)) == (passwords.N, passwords.R, passwords.P)
    services.users.create_first_admin(ADMIN, PASSWORDS[ADMIN], password_hash=demo_hash(ADMIN))
    weak = passwords.hash_password(PASSWORDS[CLERK], n=2**10)
    for bad in (weak, "scrypt$32768$8$1$00$00", "garbage"):
        with pytest.raises(ValidationError, match="không đủ tham số"):
            services.users.add(CLERK, "clerk", PASSWORDS[CLERK], password_hash=bad)
    services.users.add(CLERK, "clerk", PASSWORDS[CLERK], password_hash=demo_hash(CLERK))
    services.users.add("canbo", "clerk", PASSWORDS[CLERK])
    stored = _stored_hashes(services)
    assert stored[ADMIN] == demo_hash(ADMIN) and stored[CLERK] == demo_hash(CLERK)
    assert stored["canbo"] != stored[CLERK]  # the same password, hashed by the service with its own salt
    assert passwords.parameters(stored["canbo"]) == (passwords.N, passwords.R, passwords.P)
    assert passwords.verify_password(PASSWORDS[CLERK], stored["canbo"])
    assert services.users.login(CLERK, PASSWORDS[CLERK]).name == CLERK
