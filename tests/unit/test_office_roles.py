"""Office roles enforced in the office's services (issue #15): thẩm định appraises and moves the review,
lãnh đạo records the decision, both send replies, every office role but chỉ xem imports; a refused call
writes nothing and says why in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.users import PermissionDenied
from pbgdpl_desktop.services.office.dto import ReviewStatus
from tests.helpers.bundles import open_office, small_ward
from tests.helpers.office import office_of

YEAR = 2026
PW = "mat-khau-dai-1"
DECISION = {"decision_number": "15/QĐ-UBND", "decision_on": date(2027, 1, 20)}


@pytest.fixture
def setup(services, _template_db, clock, tmp_path):
    """An office with one ward's bundle registered (not yet imported) and its five kinds of account."""
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    svc = open_office(tmp_path / "office", _template_db, clock)
    svc.sync.register(record.path, registered_by="Chuyên viên A")
    svc.users.create_first_admin("quantri", PW, "Quản trị viên")
    for name, role in (("thamdinh", "reviewer"), ("lanhdao", "leader"), ("xem", "viewer")):
        svc.users.add(name, role, PW)
    yield svc, record.path
    svc.ctx.db.close()


def _as(svc, name):
    svc.users.login(name, PW)
    return office_of(svc)


def test_viewer_may_not_import_and_nothing_is_imported(setup):
    office, bundle = setup
    with pytest.raises(PermissionDenied, match="Chỉ xem"):
        _as(office, "xem").import_paths([bundle])
    assert office_of(office).wards(YEAR)[0].bundles == 0 or all(
        w.bundles == 0 for w in office_of(office).wards(YEAR)
    )


@pytest.mark.parametrize("name", ["thamdinh", "lanhdao", "quantri"])
def test_each_office_role_imports(setup, name):
    office, bundle = setup
    batch = _as(office, name).import_paths([bundle])
    assert batch.ok
    assert [w.ward_code for w in office_of(office).wards(YEAR) if w.bundles] == ["00070"]


def test_reviewer_appraises_and_moves_but_may_not_recognise(setup):
    office, bundle = setup
    svc = _as(office, "thamdinh")
    assert svc.import_paths([bundle]).ok
    svc.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Thẩm định")
    review = svc.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Thẩm định")
    with pytest.raises(PermissionDenied, match="Quản trị, Lãnh đạo"):
        svc.set_status(
            "00070", YEAR, ReviewStatus.RECOGNISED, version=review.version, by="Thẩm định", **DECISION
        )
    assert svc.review("00070", YEAR).status is ReviewStatus.PASSED
    assert svc.reply("00070", office.ctx.data_dir / "replies").path.exists()


def test_leader_recognises_but_may_not_appraise(setup):
    office, bundle = setup
    office_of(office).import_paths([bundle])
    reviewer = _as(office, "thamdinh")
    passed = reviewer.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Thẩm định")
    leader = _as(office, "lanhdao")
    with pytest.raises(PermissionDenied, match="Thẩm định"):
        leader.appraise("00070", YEAR, "1.1", "3", note="x", by="Lãnh đạo")
    with pytest.raises(PermissionDenied):
        leader.set_status("00070", YEAR, ReviewStatus.FAILED, version=passed.version, by="Lãnh đạo")
    assert leader.appraisals("00070", YEAR) == []
    done = leader.set_status(
        "00070", YEAR, ReviewStatus.RECOGNISED, version=passed.version, by="Lãnh đạo", **DECISION
    )
    assert done.status is ReviewStatus.RECOGNISED and done.decision_number == "15/QĐ-UBND"
    assert leader.reply("00070", office.ctx.data_dir / "replies").path.exists()


def test_viewer_is_refused_every_office_step(setup):
    office, bundle = setup
    office_of(office).import_paths([bundle])
    viewer = _as(office, "xem")
    calls = (
        lambda: viewer.appraise("00070", YEAR, "1.1", "3", note="x", by="Xem"),
        lambda: viewer.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Xem"),
        lambda: viewer.reply("00070", office.ctx.data_dir / "replies"),
    )
    for call in calls:
        with pytest.raises(PermissionDenied, match="Chỉ xem"):
            call()
    assert viewer.review("00070", YEAR).version == 0 and viewer.appraisals("00070", YEAR) == []
    assert not (office.ctx.data_dir / "replies").exists()


def test_cli_reply_signs_in_and_checks_the_role(setup, tmp_path, capsys, monkeypatch):
    from pbgdpl_desktop.app import main

    office, bundle = setup
    svc = _as(office, "thamdinh")
    svc.import_paths([bundle])
    svc.appraise("00070", YEAR, "1.1", "3", note="Thiếu biên bản", by="Thẩm định")
    office.ctx.db.close()
    db = str(office.ctx.db.path)
    out = ["--out", str(tmp_path / "r"), "--data-dir", str(office.ctx.data_dir)]
    monkeypatch.setenv("PBGDPL_PASSWORD", PW)
    assert main(["reply", "--db", db, "--ward", "00070", *out]) != 0  # nobody signed in: refused
    assert main(["reply", "--db", db, "--ward", "00070", "--user", "xem", *out]) != 0
    assert "không có quyền lập gói trả lời" in capsys.readouterr().err
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())
    assert main(["reply", "--db", db, "--ward", "00070", "--user", "thamdinh", *out]) == 0
    assert "Gói trả lời số 1" in capsys.readouterr().out


def test_cli_import_signs_in_and_refuses_a_viewer(setup, capsys, monkeypatch):
    from pbgdpl_desktop.app import main

    office, bundle = setup
    office.ctx.db.close()
    db = ["--db", str(office.ctx.db.path), "--data-dir", str(office.ctx.data_dir)]

    def sent() -> str:
        assert main(["wards", *db]) == 0
        return next(line for line in capsys.readouterr().out.splitlines() if line.startswith("00070"))

    monkeypatch.setenv("PBGDPL_PASSWORD", PW)
    assert main(["import", *db, str(bundle)]) != 0  # accounts exist, nobody signed in: a viewer
    assert main(["import", *db, "--user", "xem", str(bundle)]) != 0
    err = capsys.readouterr().err
    assert "Chỉ xem" in err and "không có quyền" in err
    assert "chưa gửi" in sent()  # refused before any bundle was read
    assert main(["import", *db, "--user", "xem", "--dry-run", str(bundle)]) == 0  # a check writes nothing
    capsys.readouterr()
    assert "chưa gửi" in sent()
    assert main(["import", *db, "--user", "thamdinh", str(bundle)]) == 0
    capsys.readouterr()
    assert "1 gói" in sent()
