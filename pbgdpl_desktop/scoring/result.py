"""The result tree the engine returns (frozen) and its plain-JSON form (CLI, saved results)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pbgdpl_desktop.scoring.model import Verdict

COMPUTED, MANUAL = "computed", "manual"


@dataclass(frozen=True)
class NodeResult:
    code: str
    title: str
    level: str  # criterion | indicator | item
    verdict: Verdict
    reason: str  # Vietnamese: "Đạt: 12/12 nhiệm vụ hoàn thành (100 %) ≥ 100 %"
    value: Any = None  # JSON-able raw value: number, [num, den], bool, ISO date, list
    display: str = ""  # the value as shown: "12/12 (100 %)"
    points: Decimal | None = None
    max_points: Decimal | None = None
    source: str = COMPUTED  # computed | manual
    refs: tuple[str, ...] = ()  # facts / inputs it read (the UI links them to their records)
    unconfirmed: bool = False
    gap: Decimal | None = None  # how much is missing, in the item's own unit (for "what to fix")
    fix: str = ""  # "thiếu 2 nhiệm vụ để đạt 100 %"
    children: tuple[NodeResult, ...] = ()
    due: str | None = None  # ISO date: a deadline item's last day (evidence signed after it is late)

    def walk(self) -> Iterator[NodeResult]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class FixItem:
    code: str
    title: str
    text: str
    gap: Decimal
    points_lost: Decimal | None = None


@dataclass(frozen=True)
class AssessmentResult:
    year: int
    ruleset_id: str
    ruleset_version: int
    mode: str
    verdict: Verdict  # PASS, FAIL or PENDING
    total: Decimal | None
    max_total: Decimal | None
    criteria: tuple[NodeResult, ...]
    blocking: tuple[str, ...]  # why not passed (empty when passed)
    unconfirmed: tuple[str, ...]
    disqualifiers: tuple[NodeResult, ...] = ()
    fixes: tuple[FixItem, ...] = ()

    @property
    def passed(self) -> bool:
        return self.verdict == Verdict.PASS

    def node(self, code: str) -> NodeResult | None:
        for criterion in self.criteria:
            for node in criterion.walk():
                if node.code == code:
                    return node
        return None

    def progress(self) -> tuple[int, int]:
        """(leaves decided, all leaves): pending leaves are not decided."""
        leaves = [n for c in self.criteria for n in c.walk() if not n.children]
        return sum(1 for n in leaves if n.verdict != Verdict.PENDING), len(leaves)


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _node_json(node: NodeResult) -> dict[str, Any]:
    out = {
        "code": node.code,
        "title": node.title,
        "value": node.value,
        "display": node.display,
        "score": _num(node.points),
        "max": _num(node.max_points),
        "verdict": node.verdict.value,
        "source": node.source,
        "reason": node.reason,
        "unconfirmed": node.unconfirmed,
    }
    if node.due:
        out["due"] = node.due
    if node.children:
        out["items"] = [_node_json(c) for c in node.children]
    return out


def to_json(result: AssessmentResult) -> dict[str, Any]:
    """The shape of ``score --json`` (issue 6 §6); also what is saved with a result."""
    criteria = []
    for c in result.criteria:
        criteria.append(
            {
                "code": c.code,
                "title": c.title,
                "score": _num(c.points),
                "max": _num(c.max_points),
                "passed": c.verdict.ok,
                "verdict": c.verdict.value,
                "reason": c.reason,
                "indicators": [_node_json(i) for i in c.children],
            }
        )
    return {
        "year": result.year,
        "ruleset": result.ruleset_id,
        "ruleset_version": result.ruleset_version,
        "mode": result.mode,
        "passed": result.passed,
        "verdict": result.verdict.value,
        "total": _num(result.total),
        "max_total": _num(result.max_total),
        "criteria": criteria,
        "disqualifiers": [
            {"code": d.code, "title": d.title, "verdict": d.verdict.value, "reason": d.reason}
            for d in result.disqualifiers
        ],
        "blocking": list(result.blocking),
        "unconfirmed": list(result.unconfirmed),
        "fixes": [{"code": f.code, "text": f.text} for f in result.fixes],
    }
