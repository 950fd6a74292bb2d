"""Property tests of the engine (hypothesis): never pass when all criteria fail (a strategy builds such years on
purpose); a pass needs every criterion; monotone in ratios."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbgdpl_desktop.domain.calendar import WorkingCalendar
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import Verdict, load_path, score
from pbgdpl_desktop.scoring.catalogue import CATALOGUE
from pbgdpl_desktop.scoring.model import POINTS
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


def _share(rs, node) -> Decimal:
    """What a leaf must score less than: in points mode ``criterion_min_ratio`` of its points (every leaf
    below its share keeps its criterion below the share the criterion needs); in pass/fail mode, full marks."""
    if rs.mode != POINTS:
        return node.points
    ratio = rs.criterion_min_ratio
    assert ratio is not None, f"{rs.id}: a criterion without a minimum share fails only at 0 points"
    return node.points * ratio.numerator / ratio.denominator


def _ratio_limit(rs, node) -> Fraction:
    """The percent a ratio leaf must stay below: its threshold, or the lowest band worth its share."""
    limit = (
        node.threshold
        if not node.bands
        else min(b.min_percent for b in node.bands if b.points >= _share(rs, node))
    )
    assert limit > 0, f"{node.code}: a ratio that passes at 0 % cannot fail"
    return limit


@st.composite
def failing_year(draw, name: str):  # noqa: C901 - one branch per kind of leaf
    """A year in which every criterion fails, built on purpose. Every leaf check falls short: a ratio below
    its threshold (or below the band worth its share), a count on the wrong side of its bound, a box not
    ticked, too few digital activities, more paid than the ceiling, a plan issued late or not at all, points
    below the leaf's share; no "did not arise" switch is on and no denominator is 0. Each value is drawn
    within those bounds, and each disqualifier is answered yes, no or not at all."""
    rs = RULESETS[name]
    values: dict[str, object] = {}
    least: dict[str, int] = defaultdict(int)  # integer refs: the smallest value allowed …
    most: dict[str, int] = {}  # … the largest where a count caps it …
    below: dict[str, list[tuple[str, Fraction]]] = defaultdict(list)  # … numerator → (denominator, percent)
    for node in rs.nodes():
        if node.not_arisen and node.not_arisen.when == "zero":
            least[node.not_arisen.ref] = max(least[node.not_arisen.ref], 1)
        elif node.not_arisen:
            values[node.not_arisen.ref] = False
        if node.kind == "ratio":
            least[node.denominator] = max(least[node.denominator], 1)
            below[node.numerator].append((node.denominator, _ratio_limit(rs, node)))
        elif node.kind == "count" and node.minimum:
            most[node.fact] = min(most.get(node.fact, node.minimum), node.minimum - 1)
        elif node.kind == "count":
            least[node.fact] = max(least[node.fact], node.maximum + 1)
        elif node.kind == "boolean":
            values[node.fact] = False
        elif node.kind == "checkbox":
            options = node.options or tuple(a.value for a in DigitalActivity)
            values[node.fact] = frozenset(draw(st.sets(st.sampled_from(options), max_size=node.minimum - 1)))
        elif node.kind == "money":
            values[node.ceiling] = draw(st.integers(0, 20_000_000))
            values[node.paid] = values[node.ceiling] + draw(st.integers(1, 5_000_000))
            if node.quantity:
                least.setdefault(node.quantity, 0)  # drawn with the other integers
        elif node.kind == "deadline":
            start = draw(st.dates(date(2026, 1, 1), date(2026, 6, 30)))
            due = WorkingCalendar().add_working_days(start, node.days)
            values[node.start] = start
            values[node.event] = draw(
                st.none() | st.dates(due + timedelta(days=1), due + timedelta(days=180))
            )
        elif node.kind == "points_input":
            quarters = math.ceil(_share(rs, node) * 4) - 1
            values[node.fact] = Decimal(draw(st.integers(0, quarters))) / 4

    def need(ref: str) -> int:
        """The smallest value of ``ref`` that leaves room below it for the numerators it divides."""
        return max(
            [least[ref]]
            + [
                math.floor(100 * need(num) / limit) + 1
                for num, pairs in below.items()
                for den, limit in pairs
                if den == ref
            ]
        )

    def integer(ref: str) -> int:
        if ref not in values:
            caps = [most[ref]] if ref in most else []
            caps += [math.ceil(limit * integer(den) / 100) - 1 for den, limit in below[ref]]
            low = need(ref)
            high = min(caps) if caps else low + 12
            assert low <= high, f"{ref}: no value fails every check that reads it"
            values[ref] = draw(st.integers(low, high))
        return values[ref]

    for ref in sorted(set(least) | set(most) | set(below)):
        integer(ref)
    for d in rs.disqualifiers:
        values.setdefault(d.ref, draw(st.sampled_from([True, False, None])))
    facts = {ref: v for ref, v in values.items() if not ref.startswith("input.")}
    manual = {ref: v for ref, v in values.items() if ref.startswith("input.")}
    return facts, manual


@pytest.mark.parametrize("name", sorted(RULESETS))
@SETTINGS
@given(data=st.data())
def test_never_passes_when_every_criterion_fails(name, data):
    rs = RULESETS[name]
    facts, manual = data.draw(failing_year(name))
    result = score(rs, 2026, facts, manual)
    assert all(c.verdict == Verdict.FAIL for c in result.criteria), (
        "failing_year left a criterion not failing"
    )
    assert result.verdict == Verdict.FAIL


@pytest.mark.parametrize("name", sorted(RULESETS))
@SETTINGS
@given(data=st.data())
def test_a_pass_needs_every_criterion_no_disqualifier_and_the_total(name, data):
    rs, facts, manual = data.draw(year_data(name))
    result = score(rs, 2026, facts, manual)
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
