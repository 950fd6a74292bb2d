"""``pbgdpl-desktop score``: JSON shape, text tree, the 2025 refusal, --ruleset."""

from __future__ import annotations

import gc
import json
import sys
from datetime import date

import pytest

from pbgdpl_desktop.app import main
from pbgdpl_desktop.cli import score as score_cli
from pbgdpl_desktop.domain.assessment import InfoRequest


@pytest.fixture(autouse=True)
def _unfrozen():
    """The command freezes what is alive when it ends (its process ends next); this test process goes on."""
    yield
    gc.unfreeze()


def _score(capsys, paths, *extra):
    code = main(["score", "--db", str(paths.db_path), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_has_the_shape_of_the_issue(services, paths, capsys):
    services.assessment.registers.save_request(
        InfoRequest(2026, date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 20), "Lê Văn Cường")
    )
    services.assessment.records.set_value(2026, "input.disclosure_list_made", True)
    code, out, _ = _score(capsys, paths, "--year", "2026", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["year"], data["ruleset"], data["ruleset_version"]) == (2026, "qd27_2025", 1)
    assert data["passed"] is False and data["total"] is None
    tc02 = next(c for c in data["criteria"] if c["code"] == "TC02")
    assert {"code", "title", "score", "max", "passed", "indicators"} <= set(tc02)
    assert tc02["score"] is None and tc02["passed"] is False
    ct23 = next(i for i in tc02["indicators"] if i["code"] == "CT2.3")
    assert {"code", "value", "score", "verdict", "source", "reason"} <= set(ct23)
    assert (ct23["value"], ct23["verdict"], ct23["source"]) == ([0, 1], "fail", "computed")
    assert ct23["reason"] == "Không đạt: 0/1 yêu cầu được cung cấp đúng hạn (0 %) < 100 %"
    ct21 = next(i for i in tc02["indicators"] if i["code"] == "CT2.1")
    assert ct21["source"] == "manual"
    assert any("CT2.3" in b for b in data["blocking"])
    assert "CT3.2.2" in data["unconfirmed"] and "DQ1" in data["unconfirmed"]


def test_points_year_json_has_totals(services, paths, capsys):
    code, out, _ = _score(capsys, paths, "--year", "2024", "--json")
    data = json.loads(out)
    assert code == 0 and data["ruleset"] == "qd25_2021"
    assert isinstance(data["total"], int | float) and data["criteria"][0]["max"] == 10


def test_2025_without_ruleset_is_refused_clearly(services, paths, capsys):
    code, out, err = _score(capsys, paths, "--year", "2025")
    assert code == 3 and out == ""
    assert "Năm 2025 không có bộ tiêu chí áp dụng" in err and "--ruleset" in err
    code, out, _ = _score(capsys, paths, "--year", "2025", "--ruleset", "qd27_2025", "--json")
    assert code == 0 and json.loads(out)["ruleset"] == "qd27_2025"


def test_unknown_ruleset_is_refused(services, paths, capsys):
    code, _, err = _score(capsys, paths, "--year", "2026", "--ruleset", "qd99")
    assert code == 3 and "Không có bộ tiêu chí “qd99”" in err


def test_text_output_shows_the_tree_and_unconfirmed(services, paths, capsys):
    code, out, _ = _score(capsys, paths, "--year", "2024")
    assert code == 0
    assert out.startswith("Năm đánh giá 2024 — QĐ 25/2021")
    assert "TC2.CT5 [0/2]" in out and "chưa xác nhận — cần đối chiếu văn bản" in out
    assert "Kết quả: " in out


def test_scoring_saves_nothing(services, paths, capsys):
    _score(capsys, paths, "--year", "2026", "--json")
    assert services.assessment.records.years() == []


def test_scoring_runs_without_the_cyclic_collector_and_gives_it_back(services, paths, capsys):
    """#17: the collector's passes over everything the command imported were ≈ 10–20 % of a score; the command
    turns it off while it runs — and turned back on, the collector does not start with a pass over all that
    either (it is frozen first) — and restores it as it found it: on, or off for a caller that had it off."""
    collections: list[int] = []  # generations collected while the command's handler ran

    def watch(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe(1)
        while frame is not None and phase == "start":
            if frame.f_code is score_cli.handler.__code__:
                collections.append(info["generation"])
                return
            frame = frame.f_back

    assert gc.isenabled()
    gc.callbacks.append(watch)
    try:
        code, out, _ = _score(capsys, paths, "--year", "2026")
    finally:
        gc.callbacks.remove(watch)
    assert code == 0 and "Năm đánh giá 2026" in out
    assert collections == []
    assert gc.isenabled()
    gc.disable()
    try:
        assert _score(capsys, paths, "--year", "2024")[0] == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
