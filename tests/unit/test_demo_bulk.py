"""The demo ward written in bulk (issue #17 §5) holds exactly what it held when written one record at a time."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.demo_fingerprint import fingerprint

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "demo_fingerprint.json"


def test_demo_holds_the_same_records_figures_and_score_as_written_one_by_one(demo_services):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = fingerprint(demo_services)
    differing = sorted(t for t in expected["tables"] if got["tables"].get(t) != expected["tables"][t])
    assert differing == []
    assert sorted(got["tables"]) == sorted(expected["tables"])
    assert got["figures"] == expected["figures"]
