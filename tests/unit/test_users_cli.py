"""`pbgdpl-desktop users` and `audit` (issue #15), run in-process through the real argument parser."""

from __future__ import annotations

import json

import pytest

from pbgdpl_desktop.app import main

PW = "mat-khau-dai-1"


@pytest.fixture
def db(data_dir, monkeypatch):
    monkeypatch.setenv("PBGDPL_PASSWORD", PW)
    monkeypatch.setenv("PBGDPL_NEW_PASSWORD", PW)
    return str(data_dir / "pbgdpl.db")


def test_users_add_list_reset_disable_and_audit(db, capsys, monkeypatch):
    assert main(["users", "--db", db, "add", "quantri", "--role", "admin"]) == 0
    assert main(["users", "--db", db, "add", "xem", "--role", "viewer", "--user", "quantri"]) == 0
    # a viewer may not add accounts: refused with a Vietnamese message, exit 3
    assert main(["users", "--db", db, "add", "ai", "--role", "clerk", "--user", "xem"]) == 3
    assert "không có quyền" in capsys.readouterr().err
    monkeypatch.setenv("PBGDPL_NEW_PASSWORD", "mat-khau-moi-9")
    assert main(["users", "--db", db, "reset", "xem", "--user", "quantri"]) == 0
    assert main(["users", "--db", db, "disable", "xem", "--user", "quantri"]) == 0
    capsys.readouterr()
    assert main(["users", "--db", db, "list"]) == 0
    out = capsys.readouterr().out
    assert "quantri\tadmin\tQuản trị" in out and "xem\tviewer\tChỉ xem\t (đã khóa)" in out
    monkeypatch.setenv("PBGDPL_PASSWORD", "sai-mat-khau")
    assert main(["users", "--db", db, "disable", "quantri", "--user", "quantri"]) == 3
    assert "không đúng" in capsys.readouterr().err
    assert main(["audit", "--db", db, "--json", "--user", "quantri"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["user"] for line in lines} == {"quantri"}
    assert {"create", "login", "login_failed"} <= {line["action"] for line in lines}
    assert main(["audit", "--db", db, "--since", "01/01/2020"]) == 0
    assert "Đăng nhập sai" in capsys.readouterr().out


def test_first_account_must_be_the_administrator(db, capsys):
    assert main(["users", "--db", db, "add", "chuyenvien", "--role", "clerk"]) == 3
    assert "quản trị" in capsys.readouterr().err
