"""``score --year YYYY [--ruleset ID] [--json]``: the access-to-law result tree of a year.

Exit code 0 when scored (whatever the verdict); a year without an applicable ruleset (2025) or an unknown
ruleset is a known problem (message in Vietnamese, exit 3 through app.main). Read-only: nothing is saved.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pbgdpl_desktop.cli import modes
from pbgdpl_desktop.domain.errors import DomainError

if TYPE_CHECKING:  # the engine and the services are imported when the command runs, not for --help
    from pbgdpl_desktop.scoring import AssessmentResult, NodeResult, Ruleset
    from pbgdpl_desktop.services.assessment.service import AssessmentService
    from pbgdpl_desktop.services.core.runtime import RuntimePaths

_MARK = {"PASS": "✔", "NA": "✔", "PARTIAL": "◐", "FAIL": "✘", "PENDING": "…"}  # by Verdict name
UNCONFIRMED = "chưa xác nhận — cần đối chiếu văn bản"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "score",
        parents=[common, modes.parent()],
        add_help=False,
        help="chấm/đánh giá chuẩn tiếp cận pháp luật của một năm (chỉ đọc)",
    )
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="năm đánh giá")
    p.add_argument("--ruleset", metavar="ID", help="bộ tiêu chí (qd25_2021, qd27_2025); mặc định theo năm")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(handler=handler)


def handler(args: argparse.Namespace, paths: RuntimePaths) -> int:
    with _without_cyclic_gc():
        return _score(args, paths)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """The command without Python's cyclic garbage collector (``runtime.pause_cyclic_gc``), given back as it
    was found. What a score allocates is bounded — the facts are SQL aggregates, the rows read are the ward's
    teams, mediators, plan tasks… —; the few cycles it leaves (a closed session's) stay in memory until the
    process ends — a command runs once in its process (a caller that goes on, as the tests do, may
    ``gc.unfreeze()``)."""
    from pbgdpl_desktop.services.core.runtime import pause_cyclic_gc  # after parsing: not for --help

    resume = pause_cyclic_gc()
    try:
        yield
    finally:
        resume()


def _score(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.scoring import to_json
    from pbgdpl_desktop.services.registry import open_services_for_reading

    services = modes.open_in_mode(open_services_for_reading, paths, args.mode)
    try:
        assessment = services.assessment
        ruleset = (
            assessment.rulesets.get(args.ruleset) if args.ruleset else _ruleset_of_year(assessment, args.year)
        )
        result = assessment.scoring.compute(args.year, ruleset=ruleset)
    finally:
        services.ctx.db.close()
    if args.json:
        data = to_json(result)
        data["ruleset_title"] = ruleset.title
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(render_text(result, ruleset.title)))
    return 0


def _ruleset_of_year(assessment: AssessmentService, year: int) -> Ruleset:
    try:
        return assessment.records.ruleset_of(year)
    except DomainError as exc:
        ids = " hoặc ".join(f"--ruleset {i}" for i in sorted({r.id for r in assessment.rulesets.catalog()}))
        raise DomainError(f"{exc.message} Dùng {ids}.") from exc


def _node_line(node: NodeResult, depth: int) -> str:
    from pbgdpl_desktop.scoring import fmt

    score = ""
    if node.max_points is not None:
        score = f" [{fmt.points(node.points)}/{fmt.points(node.max_points)}]"
    flag = f" ({UNCONFIRMED})" if node.unconfirmed else ""
    source = " · nhập tay" if node.source == "manual" and not node.children else ""
    return (
        f"{'  ' * depth}{_MARK[node.verdict.name]} {node.code}{score} {node.title}{flag}\n"
        f"{'  ' * depth}    {node.reason}{source}"
    )


def render_text(result: AssessmentResult, title: str) -> list[str]:
    from pbgdpl_desktop.scoring import fmt

    lines = [
        f"Năm đánh giá {result.year} — {title} ({result.ruleset_id}, phiên bản {result.ruleset_version})"
    ]
    total = (
        f" — tổng {fmt.points(result.total)}/{fmt.points(result.max_total)} điểm"
        if result.total is not None
        else ""
    )
    lines.append(f"Kết quả: {result.verdict.label.upper()}{total}")
    for criterion in result.criteria:
        lines += [_node_line(n, depth) for n, depth in _walk(criterion, 0)]
    for d in result.disqualifiers:
        lines.append(f"{_MARK[d.verdict.name]} {d.code} {d.reason}")
    if result.blocking:
        lines.append("Lý do chưa đạt:")
        lines += [f"  - {b}" for b in result.blocking]
    if result.fixes:
        lines.append("Cần khắc phục (thiếu ít nhất trước):")
        lines += [f"  - {f.code}: {f.text}" for f in result.fixes]
    if result.unconfirmed:
        lines.append(f"Giá trị {UNCONFIRMED}: {', '.join(result.unconfirmed)}")
    return lines


def _walk(node: NodeResult, depth: int) -> Iterator[tuple[NodeResult, int]]:
    yield node, depth
    for child in node.children:
        yield from _walk(child, depth + 1)
