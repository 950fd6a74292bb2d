"""Property tests of the engine (hypothesis): never pass when all criteria fail; monotone in ratios."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, score
from pbgdpl_desktop.scoring.catalogue import CATALOGUE
from tests.builders import good_facts

RULESETS = {
    name: load_path(Path(resource("rulesets", f"{name}.json"))) for name in ("qd25_2021", "qd27_2025")
}
RANK = {Verdict.FAIL: 0, Verdict.PARTIAL: 1, Verdict.PENDING: 1, Verdict.NA: 2, Verdict.PASS: 2}
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _value(kind: str, draw_int: int, flag: bool):
    if kind in ("int", "money"):
        return draw_int
    if kind == "bool":
        return flag
    return None


@st.composite
def year_data(draw, name: str):
    rs = RULESETS[name]
    facts = dict(good_facts(2026))
    for ref in sorted({r for n in rs.nodes() for r in n.refs() if r in CATALOGUE}):
        kind = CATALOGUE[ref].type
        if kind in ("int", "money", "bool"):
            facts[ref] = _value(kind, draw(st.integers(0, 12)), draw(st.booleans()))
    manual = {}
    for spec in rs.inputs:
        if spec.type == "bool":
            manual[spec.ref] = draw(st.booleans())
        elif spec.type == "int":
            manual[spec.ref] = draw(st.integers(0, 12))
        elif spec.type == "points":
            manual[spec.ref] = Decimal(draw(st.integers(0, int(spec.maximum * 4)))) / 4
    return rs, facts, manual


@pytest.mark.parametrize("name", sorted(RULESETS))
@SETTINGS
@given(data=st.data())
def test_never_passes_when_every_criterion_fails(name, data):
    rs, facts, manual = data.draw(year_data(name))
    result = score(rs, 2026, facts, manual)
    if all(c.verdict == Verdict.FAIL for c in result.criteria):
        assert result.verdict == Verdict.FAIL
    if result.verdict == Verdict.PASS:
        assert all(c.verdict.ok for c in result.criteria)
        assert all(d.verdict == Verdict.PASS for d in result.disqualifiers)
        if result.total is not None:
            assert result.total >= rs.total_min


def _numerator_only(rs) -> list[str]:
    nums = {n.numerator for n in rs.nodes() if n.kind == "ratio"}
    others = {r for n in rs.nodes() for r in n.refs() if r != n.numerator}
    return sorted(r for r in nums - others if r in CATALOGUE)


@pytest.mark.parametrize("name", sorted(RULESETS))
@SETTINGS
@given(data=st.data())
def test_overall_verdict_is_monotone_in_ratio_numerators(name, data):
    rs, facts, manual = data.draw(year_data(name))
    ref = data.draw(st.sampled_from(_numerator_only(rs)))
    bump = data.draw(st.integers(1, 12))
    before = score(rs, 2026, facts, manual)
    after = score(rs, 2026, facts | {ref: facts[ref] + bump}, manual)
    assert RANK[after.verdict] >= RANK[before.verdict]
    if before.total is not None:
        assert after.total >= before.total


def _ratio_leaves():
    return [(name, n.code) for name, rs in RULESETS.items() for n in rs.nodes() if n.kind == "ratio"]


@pytest.mark.parametrize(("name", "code"), _ratio_leaves())
@settings(max_examples=25, deadline=None)
@given(den=st.integers(1, 2000), a=st.integers(0, 2000), b=st.integers(0, 2000))
def test_each_ratio_leaf_is_monotone(name, code, den, a, b):
    rs = RULESETS[name]
    node = rs.node(code)
    low, high = sorted((a, b))
    base = good_facts(2026) | {node.denominator: den}
    manual = {node.denominator: den} if node.denominator.startswith("input.") else {}
    r1 = score(rs, 2026, base | {node.numerator: low}, manual | _num(node, low)).node(code)
    r2 = score(rs, 2026, base | {node.numerator: high}, manual | _num(node, high)).node(code)
    assert RANK[r2.verdict] >= RANK[r1.verdict]
    if r1.points is not None:
        assert r2.points >= r1.points


def _num(node, value):
    return {node.numerator: value} if node.numerator.startswith("input.") else {}
