"""``--mode`` on every command that opens a database (issue #13): a new database is created in the mode
asked for; an existing one in another mode is refused with a Vietnamese message and left as it was."""

from __future__ import annotations

import shutil

from pbgdpl_desktop.services.sync.service import mode_of_file
from tests.helpers.bundles import sha256_file
from tests.unit.test_cli import run


def test_a_new_database_takes_the_mode_asked_for(data_dir):
    office = data_dir / "office.db"
    result = run("score", "--db", str(office), "--mode", "upper-office", "--year", "2025", data_dir=data_dir)
    assert "Traceback" not in result.stderr, result.stderr
    assert mode_of_file(office) == "upper-office"
    demo = run("demo", "--db", str(data_dir / "d.db"), "--mode", "upper-office", data_dir=data_dir)
    assert demo.returncode == 3 and "cơ quan cấp trên" in demo.stderr
    assert not (data_dir / "d.db").exists()


def test_an_existing_database_in_another_mode_is_refused_untouched(data_dir, _template_db):
    ward = data_dir / "ward.db"
    shutil.copyfile(_template_db, ward)
    assert mode_of_file(ward) == "ward"
    before = sha256_file(ward)
    for command in (
        ("score", "--year", "2025"),
        ("check",),
        ("backup", "--out", str(data_dir / "b.db")),
        ("export", "--out", str(data_dir / "out")),
    ):
        result = run(*command, "--db", str(ward), "--mode", "upper-office", data_dir=data_dir)
        assert result.returncode == 3, (command, result.stdout, result.stderr)
        assert "chế độ ward" in result.stderr and "Traceback" not in result.stderr
    assert sha256_file(ward) == before and not (data_dir / "b.db").exists()
    same = run(
        "backup", "--db", str(ward), "--mode", "ward", "--out", str(data_dir / "b.db"), data_dir=data_dir
    )
    assert same.returncode == 0, same.stderr
