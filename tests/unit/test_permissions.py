"""The one table of "action → roles" (issue #15), enforced in the services and again at the write itself."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from pbgdpl_desktop.domain.settings import DECLARED
from pbgdpl_desktop.domain.users import (
    ROLES,
    Action,
    Actor,
    PermissionDenied,
    Role,
    action_for_setting,
    action_for_table,
)
from pbgdpl_desktop.persistence.repos import settings_repo

PW = "mat-khau-dai-1"


def _users(services):
    services.users.create_first_admin("quantri", PW)
    services.users.add("chuyenvien", "clerk", PW)
    services.users.add("xem", "viewer", PW)
    services.users.add("thamdinh", "reviewer", PW)


def _stored(services, key):
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        row = con.execute("SELECT value_json FROM setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def test_every_action_has_roles_and_the_administrator_may_do_all():
    assert set(ROLES) == set(Action)
    assert all(Role.ADMIN in roles for roles in ROLES.values())
    viewer = Actor("xem", Role.VIEWER)
    assert [a for a in Action if viewer.may(a)] == [Action.PREFERENCES]
    assert action_for_table("app_user") is Action.USERS
    assert action_for_table("mediation_case") is Action.RECORDS
    assert action_for_table("office_review") is Action.OFFICE_REVIEW
    assert Actor("td", Role.REVIEWER).may(Action.OFFICE_REVIEW)
    assert not Actor("td", Role.REVIEWER).may(Action.OFFICE_APPROVE)
    assert Actor("ld", Role.LEADER).may(Action.OFFICE_APPROVE)
    # every declared setting has an owner action (none falls to the default by accident)
    for key in DECLARED:
        assert key.split(".")[0] in {
            "ui",
            "privacy",
            "users",
            "backup",
            "mediation",
            "holidays",
            "budget",
            "signing",
        }, key
    assert action_for_setting("privacy.mediation_retention_years") is Action.PRIVACY


def test_a_viewer_cannot_change_privacy_preferences(services):
    """The defect: the setting table was open to every role, so a viewer changed the retention rule."""
    _users(services)
    services.users.login("xem", PW)
    with pytest.raises(PermissionDenied, match="Chỉ xem"):
        services.settings.set("privacy.mediation_retention_years", 2)
    with pytest.raises(PermissionDenied):
        services.privacy.set_retention_years(2)
    with pytest.raises(PermissionDenied):
        services.settings.set("users.idle_lock_minutes", 0)
    with pytest.raises(PermissionDenied):
        services.settings.set("backup.second_folder", "/tmp")
    assert _stored(services, "privacy.mediation_retention_years") is None
    # a display preference of this PC stays the viewer's own
    services.settings.set("ui.font_point_size", 12)
    assert services.settings.get("ui.font_point_size") == 12


def test_the_write_hook_refuses_a_setting_written_past_the_service(services):
    _users(services)
    services.users.login("xem", PW)
    with pytest.raises(PermissionDenied), services.ctx.db.transaction() as session:
        settings_repo.put(session, "privacy.mediation_retention_years", "2")
    assert _stored(services, "privacy.mediation_retention_years") is None


def test_a_clerk_sets_work_settings_but_not_privacy_or_accounts(services):
    _users(services)
    services.users.login("chuyenvien", PW)
    services.settings.set("mediation.long_running_days", 45)
    with pytest.raises(PermissionDenied, match="quản trị"):
        services.privacy.set_retention_years(3)
    with pytest.raises(PermissionDenied):
        services.privacy.anonymise(3)
    with pytest.raises(PermissionDenied):
        services.users.set_single_user("chuyenvien")
    services.users.login("quantri", PW)
    services.privacy.set_retention_years(3)
    assert services.privacy.retention_years() == 3


def test_office_roles_and_viewer_may_not_back_up_or_export_people(services, tmp_path):
    _users(services)
    for name in ("xem", "thamdinh"):
        services.users.login(name, PW)
        with pytest.raises(PermissionDenied):
            services.backups.backup_now()
        with pytest.raises(PermissionDenied):
            services.privacy.export_person("Nguyễn Văn A", tmp_path / "a.json")
        with pytest.raises(PermissionDenied):
            services.settings.set("mediation.long_running_days", 45)
    assert not (tmp_path / "a.json").exists()
    assert not services.backups.all()
