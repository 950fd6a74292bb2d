"""The demo ward's assessments: 2024 (QĐ 25) passes, 2026 (QĐ 27) fails for clear reasons; both mix
computed and manual values; the 2024 result is saved with its ruleset id and version."""

from __future__ import annotations

from pbgdpl_desktop.scoring import Verdict


def _sources(result):
    return {n.source for c in result.criteria for n in c.walk() if not n.children}


def test_demo_years(demo_services):
    a = demo_services.assessment
    assert a.records.years() == [2024, 2026]
    old = a.scoring.compute(2024)
    assert (old.ruleset_id, old.verdict) == ("qd25_2021", Verdict.PASS)
    assert old.total >= 80 and all(c.verdict == Verdict.PASS for c in old.criteria)
    assert _sources(old) == {"computed", "manual"}
    saved = a.scoring.saved_results(2024)
    assert [(s.ruleset_id, s.ruleset_version, s.verdict) for s in saved] == [("qd25_2021", 1, "pass")]

    new = a.scoring.compute(2026)
    assert (new.ruleset_id, new.verdict) == ("qd27_2025", Verdict.FAIL)
    assert _sources(new) == {"computed", "manual"}
    ct23 = new.node("CT2.3")
    assert ct23.verdict == Verdict.FAIL and ct23.source == "computed"
    assert any(b.startswith("Tiêu chí TC02 — CT2.3: Không đạt:") for b in new.blocking)
    assert new.fixes and new.fixes[0].gap == min(f.gap for f in new.fixes)
    assert a.records.notes(2026)["CT2.3"].startswith("Một yêu cầu")
    assert {e.code: e.status for e in a.procedure.checklist(2024)}["dossier"] == "done"
