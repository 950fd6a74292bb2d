"""The scoring engine: (ruleset, facts, manual values, working calendar) → ``AssessmentResult``. Pure.

Points mode (QĐ 25/2021): leaves score 0..max (bands for partial scores), groups add up, each criterion
must reach ``criterion_min_ratio`` of its maximum, the total must reach ``total_min``, and a disqualifier
fails the year whatever the score. Pass/fail mode (QĐ 27/2025): groups combine with ``all`` / ``n_of_m``;
every criterion must pass. "Did not arise" counts as passed (full points). A value not known yet makes
its item *pending*; the overall verdict is PASS only if it would pass whatever the pending items turn out
to be, FAIL if it would fail even if they all passed, PENDING otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pbgdpl_desktop.domain.calendar import WorkingCalendar
from pbgdpl_desktop.scoring import fmt, leaves
from pbgdpl_desktop.scoring.model import POINTS, Disqualifier, Node, Ruleset, Verdict
from pbgdpl_desktop.scoring.result import COMPUTED, MANUAL, AssessmentResult, FixItem, NodeResult
from pbgdpl_desktop.scoring.values import Lookup

ZERO = Decimal(0)


@dataclass(frozen=True)
class _Eval:
    result: NodeResult
    best: Decimal  # points if every pending item below got full marks (points mode)


def score(
    ruleset: Ruleset,
    year: int,
    facts: Mapping[str, Any],
    manual: Mapping[str, Any] | None = None,
    calendar: WorkingCalendar | None = None,
) -> AssessmentResult:
    engine = _Engine(ruleset, Lookup(ruleset, facts, manual or {}), calendar or WorkingCalendar())
    return engine.run(year)


class _Engine:
    def __init__(self, ruleset: Ruleset, look: Lookup, calendar: WorkingCalendar) -> None:
        self.rs = ruleset
        self.look = look
        self.calendar = calendar
        self.points_mode = ruleset.mode == POINTS

    # ------------------------------------------------------------------ nodes
    def node(self, node: Node, level: str, *, na_reason: str = "") -> _Eval:
        if not na_reason and node.not_arisen is not None:
            na_reason = self._not_arisen(node)
        if node.is_group:
            return self._group(node, level, na_reason)
        if na_reason:
            outcome = leaves.Outcome(Verdict.NA, na_reason)
        else:
            outcome = leaves.evaluate(node, self.look, self.calendar)
        pts, best = self._leaf_points(node, outcome)
        source = self._source(node, bool(na_reason))
        res = NodeResult(
            node.code,
            node.title,
            level,
            outcome.verdict,
            outcome.reason,
            outcome.value,
            outcome.display,
            pts,
            node.points,
            source,
            node.refs(),
            node.unconfirmed,
            outcome.gap,
            outcome.fix,
            due=outcome.due.isoformat() if outcome.due else None,
        )
        return _Eval(res, best)

    def _source(self, node: Node, not_arisen: bool) -> str:
        """Manual when a value the verdict rests on was typed by the clerk (a "did not arise" switch only
        when it is what decided the verdict)."""
        switch = node.not_arisen.ref if node.not_arisen else None
        refs = [r for r in node.refs() if r != switch]
        if not_arisen and switch:
            refs = [switch]
        return MANUAL if any(self.look.is_manual(r) for r in refs) else COMPUTED

    def _not_arisen(self, node: Node) -> str:
        assert node.not_arisen is not None
        value = self.look.get(node.not_arisen.ref)
        label = self.look.label(node.not_arisen.ref)
        if node.not_arisen.when == "zero" and value == 0 and not isinstance(value, bool):
            return f"Không phát sinh: {label} = 0, tính là đạt."
        if node.not_arisen.when == "true" and value is True:
            return f"Không phát sinh: {label}, tính là đạt."
        return ""

    def _leaf_points(self, node: Node, outcome: leaves.Outcome) -> tuple[Decimal | None, Decimal]:
        if not self.points_mode:
            return None, ZERO
        full = node.points or ZERO
        if outcome.points is not None:
            return outcome.points, outcome.points
        if outcome.verdict.ok:
            return full, full
        if outcome.verdict == Verdict.PENDING:
            return ZERO, full
        return ZERO, ZERO

    def _group(self, node: Node, level: str, na_reason: str) -> _Eval:
        child_level = "indicator" if level == "criterion" else "item"
        evals = [
            self.node(c, child_level, na_reason=na_reason and "Không phát sinh (theo mục cha).")
            for c in node.children
        ]
        kids = tuple(e.result for e in evals)
        source = MANUAL if any(k.source == MANUAL for k in kids) else COMPUTED
        refs = tuple(r for k in kids for r in k.refs)
        if self.points_mode:
            pts = sum((k.points or ZERO for k in kids), ZERO)
            best = sum((e.best for e in evals), ZERO)
            verdict, reason = self._sum_verdict(node, kids, pts, best, level)
        else:
            pts, best = None, ZERO
            verdict, reason = self._rule_verdict(node, kids)
        if na_reason:
            verdict, reason = Verdict.NA, na_reason
        res = NodeResult(
            node.code,
            node.title,
            level,
            verdict,
            reason,
            None,
            fmt.points(pts) + "/" + fmt.points(node.points) if pts is not None else "",
            pts,
            node.points,
            source,
            refs,
            node.unconfirmed,
            children=kids,
        )
        return _Eval(res, best)

    def _sum_verdict(
        self, node: Node, kids: tuple[NodeResult, ...], pts: Decimal, best: Decimal, level: str
    ) -> tuple[Verdict, str]:
        full = node.points or ZERO
        score_text = f"{fmt.points(pts)}/{fmt.points(full)} điểm"
        if level == "criterion" and self.rs.criterion_min_ratio is not None:
            need = (
                full
                * Decimal(self.rs.criterion_min_ratio.numerator)
                / self.rs.criterion_min_ratio.denominator
            )
            share = (
                f"≥ {fmt.threshold(self.rs.criterion_min_ratio * 100)} điểm tối đa ({fmt.points(need)} điểm)"
            )
            if pts >= need:
                return Verdict.PASS, f"Đạt: {score_text} {share}"
            if best < need:
                return Verdict.FAIL, f"Không đạt: {score_text}, cần {share.removeprefix('≥ ')}"
            return Verdict.PENDING, f"Chưa đủ dữ liệu: {score_text} đến nay, cần {share.removeprefix('≥ ')}"
        if any(k.verdict == Verdict.PENDING for k in kids):
            return Verdict.PENDING, f"Chưa đủ dữ liệu: {score_text} đến nay"
        if all(k.verdict.ok for k in kids):
            return Verdict.PASS, f"Đạt: {score_text}"
        return (Verdict.FAIL if pts == 0 else Verdict.PARTIAL), f"{score_text}"

    def _rule_verdict(self, node: Node, kids: tuple[NodeResult, ...]) -> tuple[Verdict, str]:
        ok = sum(1 for k in kids if k.verdict.ok)
        pending = sum(1 for k in kids if k.verdict == Verdict.PENDING)
        need = node.n if node.rule == "n_of_m" and node.n is not None else len(kids)
        failing = ", ".join(k.code for k in kids if k.verdict in (Verdict.FAIL, Verdict.PARTIAL))
        counted = f"{ok}/{len(kids)} mục đạt" + (f" (cần {need})" if node.rule == "n_of_m" else "")
        if ok >= need:
            return Verdict.PASS, f"Đạt: {counted}"
        if ok + pending >= need:
            return Verdict.PENDING, f"Chưa đủ dữ liệu: {counted}, {pending} mục chưa có giá trị"
        return Verdict.FAIL, f"Không đạt: {counted}; không đạt: {failing}"

    # ------------------------------------------------------------------ overall
    def run(self, year: int) -> AssessmentResult:
        evals = [self.node(c, "criterion") for c in self.rs.criteria]
        criteria = tuple(e.result for e in evals)
        disq = tuple(self._disqualifier(d) for d in self.rs.disqualifiers)
        if self.points_mode:
            verdict, blocking, total = self._overall_points(evals, disq)
        else:
            verdict, blocking, total = self._overall_pass_fail(criteria, disq), [], None
            blocking = self._blocking_pass_fail(criteria, disq) if verdict != Verdict.PASS else []
        return AssessmentResult(
            year,
            self.rs.id,
            self.rs.version,
            self.rs.mode,
            verdict,
            total,
            self.rs.max_total,
            criteria,
            tuple(blocking),
            self.rs.unconfirmed_codes(),
            disq,
            _fixes(criteria),
        )

    def _disqualifier(self, d: Disqualifier) -> NodeResult:
        value = self.look.get(d.ref)
        if value is True:
            verdict, reason = Verdict.FAIL, f"Có trường hợp loại trừ: {d.title}"
        elif value is False:
            verdict, reason = Verdict.PASS, "Không có trường hợp loại trừ."
        else:
            verdict, reason = Verdict.PENDING, f"Chưa trả lời: {self.look.label(d.ref)}"
        return NodeResult(
            d.code,
            d.title,
            "disqualifier",
            verdict,
            reason,
            value if isinstance(value, bool) else None,
            source=MANUAL if self.look.is_manual(d.ref) else COMPUTED,
            refs=(d.ref,),
            unconfirmed=d.unconfirmed,
        )

    def _overall_points(
        self, evals: list[_Eval], disq: tuple[NodeResult, ...]
    ) -> tuple[Verdict, list[str], Decimal]:
        total = sum((e.result.points or ZERO for e in evals), ZERO)
        best = sum((e.best for e in evals), ZERO)
        minimum = self.rs.total_min or ZERO
        blocking = []
        if total < minimum:
            pend = " đến nay" if best >= minimum else ""
            blocking.append(f"Tổng điểm {fmt.points(total)}{pend} < {fmt.points(minimum)} điểm")
        for e in evals:
            if e.result.verdict in (Verdict.FAIL, Verdict.PENDING):
                blocking.append(f"Tiêu chí {e.result.code}: {e.result.reason}")
        blocking += [f"Điều kiện loại trừ {d.code}: {d.reason}" for d in disq if d.verdict != Verdict.PASS]
        if (
            any(d.verdict == Verdict.FAIL for d in disq)
            or best < minimum
            or any(e.result.verdict == Verdict.FAIL for e in evals)
        ):
            return Verdict.FAIL, blocking, total
        if not blocking:
            return Verdict.PASS, blocking, total
        return Verdict.PENDING, blocking, total

    @staticmethod
    def _overall_pass_fail(criteria: tuple[NodeResult, ...], disq: tuple[NodeResult, ...]) -> Verdict:
        if any(c.verdict == Verdict.FAIL for c in criteria) or any(d.verdict == Verdict.FAIL for d in disq):
            return Verdict.FAIL
        if all(c.verdict.ok for c in criteria) and all(d.verdict == Verdict.PASS for d in disq):
            return Verdict.PASS
        return Verdict.PENDING

    @staticmethod
    def _blocking_pass_fail(criteria: tuple[NodeResult, ...], disq: tuple[NodeResult, ...]) -> list[str]:
        out = []
        for c in criteria:
            if c.verdict.ok:
                continue
            for leaf in (n for n in c.walk() if not n.children and not n.verdict.ok):
                out.append(f"Tiêu chí {c.code} — {leaf.code}: {leaf.reason}")
        out += [f"Điều kiện loại trừ {d.code}: {d.reason}" for d in disq if d.verdict != Verdict.PASS]
        return out


def _fixes(criteria: tuple[NodeResult, ...]) -> tuple[FixItem, ...]:
    items = []
    for c in criteria:
        for n in c.walk():
            if n.children or n.verdict not in (Verdict.FAIL, Verdict.PARTIAL) or n.gap is None:
                continue
            lost = (n.max_points - (n.points or ZERO)) if n.max_points is not None else None
            items.append(FixItem(n.code, n.title, n.fix or n.reason, n.gap, lost))
    return tuple(sorted(items, key=lambda f: (f.gap, f.code)))
