"""Evaluation of one leaf check → (verdict, value, display, reason, points, gap, fix). Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pbgdpl_desktop.domain.calendar import WorkingCalendar
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.scoring import fmt
from pbgdpl_desktop.scoring.model import Node, Verdict
from pbgdpl_desktop.scoring.values import INVALID, Lookup


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    reason: str
    value: Any = None
    display: str = ""
    points: Decimal | None = None  # points mode only; None → derived from the verdict
    gap: Decimal | None = None
    fix: str = ""
    due: date | None = None  # deadline items: the last day the event could take place


def _missing(look: Lookup, node: Node, refs: tuple[str, ...]) -> Outcome | None:
    for ref in refs:
        value = look.get(ref)
        if value is INVALID:
            return Outcome(Verdict.PENDING, f"Giá trị “{look.label(ref)}” không hợp lệ, cần nhập lại.")
        if value is None:
            what = "Chưa nhập" if look.is_manual(ref) else "Chưa có dữ liệu"
            return Outcome(Verdict.PENDING, f"{what}: {look.label(ref)}.", fix=f"nhập “{look.label(ref)}”")
    return None


def ratio(node: Node, look: Lookup) -> Outcome:
    assert node.numerator and node.denominator
    pending = _missing(look, node, (node.numerator, node.denominator))
    if pending:
        return pending
    num, den = look.get(node.numerator), look.get(node.denominator)
    what = f"{node.unit} {node.verb}".strip()
    if den == 0:
        return _zero(node, look, num)
    value = Fraction(num, den) * 100
    display = f"{num}/{den} ({fmt.percent(value)})"
    if node.bands:
        return _banded(node, num, den, value, display, what)
    assert node.threshold is not None
    if num * 100 >= node.threshold * den:
        reason = f"Đạt: {num}/{den} {what} ({fmt.percent(value)}) ≥ {fmt.threshold(node.threshold)}"
        return Outcome(Verdict.PASS, reason, [num, den], display)
    need = math.ceil(node.threshold * den / 100) - num
    reason = f"Không đạt: {num}/{den} {what} ({fmt.percent(value)}) < {fmt.threshold(node.threshold)}"
    fix = f"thiếu {need} {node.unit or 'đơn vị'} để đạt {fmt.threshold(node.threshold)}"
    return Outcome(Verdict.FAIL, reason, [num, den], display, gap=Decimal(need), fix=fix)


def _zero(node: Node, look: Lookup, num: int) -> Outcome:
    label = look.label(node.denominator or "")
    display = f"{num}/0"
    if node.when_zero == "na":
        return Outcome(Verdict.NA, f"Không phát sinh: {label} = 0, tính là đạt.", [num, 0], display)
    if node.when_zero == "pass":
        return Outcome(Verdict.PASS, f"Đạt: {label} = 0.", [num, 0], display)
    if node.when_zero == "pending":
        return Outcome(Verdict.PENDING, f"Chưa có dữ liệu: {label} = 0.", [num, 0], display)
    return Outcome(
        Verdict.FAIL,
        f"Không đạt: {label} = 0.",
        [num, 0],
        display,
        gap=Decimal(1),
        fix=f"cần có {label.lower()}",
    )


def _banded(node: Node, num: int, den: int, value: Fraction, display: str, what: str) -> Outcome:
    assert node.points is not None
    got = next((b for b in node.bands if value >= b.min_percent), None)
    pts = got.points if got else Decimal(0)
    bound = f"≥ {fmt.threshold(got.min_percent)}" if got else f"< {fmt.threshold(node.bands[-1].min_percent)}"
    verdict = Verdict.PASS if pts == node.points else Verdict.PARTIAL if pts > 0 else Verdict.FAIL
    reason = (
        f"{verdict.label}: {num}/{den} {what} ({fmt.percent(value)}) {bound} → {fmt.points(pts)}/"
        f"{fmt.points(node.points)} điểm"
    )
    if verdict == Verdict.PASS:
        return Outcome(verdict, reason, [num, den], display, pts)
    better = [b for b in node.bands if b.points > pts]
    target = better[-1]  # the next band up
    need = math.ceil(target.min_percent * den / 100) - num
    fix = (
        f"thiếu {need} {node.unit or 'đơn vị'} để đạt {fmt.threshold(target.min_percent)} "
        f"({fmt.points(target.points)} điểm)"
    )
    return Outcome(verdict, reason, [num, den], display, pts, Decimal(need), fix)


def count(node: Node, look: Lookup) -> Outcome:
    assert node.fact
    pending = _missing(look, node, (node.fact,))
    if pending:
        return pending
    value = look.get(node.fact)
    label = look.label(node.fact)
    if node.minimum is not None and value < node.minimum:
        return Outcome(
            Verdict.FAIL,
            f"Không đạt: {label}: {value} < {node.minimum}",
            value,
            str(value),
            gap=Decimal(node.minimum - value),
            fix=f"thiếu {node.minimum - value} {node.unit}".strip(),
        )
    if node.maximum is not None and value > node.maximum:
        return Outcome(
            Verdict.FAIL,
            f"Không đạt: {label}: {value} > {node.maximum}",
            value,
            str(value),
            gap=Decimal(value - node.maximum),
            fix=f"{label}: {value}, tối đa {node.maximum}",
        )
    bound = f"≥ {node.minimum}" if node.minimum is not None else f"≤ {node.maximum}"
    return Outcome(Verdict.PASS, f"Đạt: {label}: {value} ({bound})", value, str(value))


def boolean(node: Node, look: Lookup) -> Outcome:
    assert node.fact
    pending = _missing(look, node, (node.fact,))
    if pending:
        return pending
    if look.get(node.fact):
        return Outcome(Verdict.PASS, f"Đạt: {look.label(node.fact)} — có.", True, "Có")
    return Outcome(
        Verdict.FAIL,
        f"Không đạt: {look.label(node.fact)} — chưa.",
        False,
        "Chưa",
        gap=Decimal(1),
        fix=f"cần thực hiện: {look.label(node.fact).lower()}",
    )


def _option_label(code: str) -> str:
    try:
        return DigitalActivity(code).label
    except ValueError:
        return code


def checkbox(node: Node, look: Lookup) -> Outcome:
    assert node.fact and node.minimum is not None
    pending = _missing(look, node, (node.fact,))
    if pending:
        return pending
    chosen = sorted(c for c in look.get(node.fact) if not node.options or c in node.options)
    names = "; ".join(_option_label(c) for c in chosen) or "không có"
    display = f"{len(chosen)} hoạt động"
    if len(chosen) >= node.minimum:
        return Outcome(
            Verdict.PASS, f"Đạt: {len(chosen)} hoạt động ({names}) ≥ {node.minimum}", chosen, display
        )
    need = node.minimum - len(chosen)
    return Outcome(
        Verdict.FAIL,
        f"Không đạt: {len(chosen)} hoạt động < {node.minimum}",
        chosen,
        display,
        gap=Decimal(need),
        fix=f"thiếu {need} hoạt động",
    )


def money(node: Node, look: Lookup) -> Outcome:
    assert node.paid and node.ceiling
    refs = (node.paid, node.ceiling) + ((node.quantity,) if node.quantity else ())
    pending = _missing(look, node, refs)
    if pending:
        return pending
    paid, ceiling = look.get(node.paid), look.get(node.ceiling)
    quantity = look.get(node.quantity) if node.quantity else None
    display = f"{fmt.money(paid)} / trần {fmt.money(ceiling)}"
    if quantity == 0 and paid == 0:
        label = look.label(node.quantity or "")
        if node.when_zero == "fail":  # e.g. no mediation team: every ward must have one (Luật HGCS Art. 12)
            return Outcome(
                Verdict.FAIL,
                f"Không đạt: {label} = 0.",
                paid,
                display,
                gap=Decimal(1),
                fix=f"cần có {label.lower()}",
            )
        return Outcome(Verdict.NA, f"Không phát sinh: {label} = 0.", paid, display)
    if paid > ceiling:
        over = paid - ceiling
        return Outcome(
            Verdict.FAIL,
            f"Không đạt: đã chi {fmt.money(paid)}, vượt mức trần {fmt.money(ceiling)} ({fmt.money(over)})",
            paid,
            display,
            gap=Decimal(over),
            fix=f"chi vượt trần {fmt.money(over)}, cần điều chỉnh chứng từ",
        )
    if quantity and paid == 0:
        return Outcome(
            Verdict.FAIL,
            f"Không đạt: chưa chi (được chi tối đa {fmt.money(ceiling)})",
            paid,
            display,
            gap=Decimal(1),
            fix="chưa chi: cần lập chứng từ chi",
        )
    return Outcome(
        Verdict.PASS, f"Đạt: đã chi {fmt.money(paid)} ≤ mức trần {fmt.money(ceiling)}", paid, display
    )


def deadline(node: Node, look: Lookup, calendar: WorkingCalendar) -> Outcome:
    assert node.event and node.start and node.days is not None
    pending = _missing(look, node, (node.start,))
    if pending:
        return pending
    start: date = look.get(node.start)
    working = node.day_unit == "working"
    due = calendar.add_working_days(start, node.days) if working else start + timedelta(days=node.days)
    span = f"{node.days} ngày {'làm việc' if working else ''}".strip() + f" kể từ {fmt.day(start)}"
    event = look.get(node.event)
    if event is INVALID or event is None:
        return Outcome(
            Verdict.FAIL,
            f"Không đạt: chưa có {look.label(node.event).lower()} (hạn {fmt.day(due)}, {span})",
            None,
            "—",
            gap=Decimal(1),
            fix=f"chưa ban hành, hạn {fmt.day(due)}",
            due=due,
        )
    if event < start:  # e.g. a plan issued before its directing document: flagged, to be reviewed
        return Outcome(
            Verdict.PASS,
            f"Đạt (cần rà soát): {look.label(node.event).lower()} {fmt.day(event)} trước "
            f"{look.label(node.start).lower()} {fmt.day(start)} — cần đối chiếu, điều chỉnh theo văn bản đó",
            event.isoformat(),
            f"{fmt.day(event)} (trước {fmt.day(start)})",
            fix="rà soát, điều chỉnh theo văn bản chỉ đạo",
            due=due,
        )
    used = calendar.working_days_between(start, event) if working else (event - start).days
    unit = "ngày làm việc" if working else "ngày"
    display = f"{fmt.day(event)} ({used} {unit})"
    if event <= due:
        return Outcome(
            Verdict.PASS,
            f"Đạt: {fmt.day(event)}, trong hạn {fmt.day(due)} ({span})",
            event.isoformat(),
            display,
            due=due,
        )
    late = calendar.working_days_between(due, event) if working else (event - due).days
    return Outcome(
        Verdict.FAIL,
        f"Không đạt: {fmt.day(event)} là {used} {unit}, chậm {late} {unit} so với hạn "
        f"{fmt.day(due)} ({span})",
        event.isoformat(),
        display,
        gap=Decimal(late),
        fix=f"chậm {late} {unit}",
        due=due,
    )


def points_input(node: Node, look: Lookup) -> Outcome:
    assert node.fact and node.points is not None
    pending = _missing(look, node, (node.fact,))
    if pending:
        return pending
    value: Decimal = look.get(node.fact)
    if value < 0 or value > node.points:
        return Outcome(
            Verdict.PENDING, f"Điểm tự chấm {fmt.points(value)} ngoài khoảng 0–{fmt.points(node.points)}."
        )
    verdict = Verdict.PASS if value == node.points else Verdict.PARTIAL if value > 0 else Verdict.FAIL
    reason = f"{verdict.label}: tự chấm {fmt.points(value)}/{fmt.points(node.points)} điểm (theo minh chứng)"
    gap = node.points - value
    fix = f"thiếu {fmt.points(gap)} điểm" if gap else ""
    return Outcome(verdict, reason, str(value), fmt.points(value), value, gap if gap else None, fix)


def evaluate(node: Node, look: Lookup, calendar: WorkingCalendar) -> Outcome:
    if node.kind == "deadline":
        return deadline(node, look, calendar)
    handler = {
        "ratio": ratio,
        "count": count,
        "boolean": boolean,
        "checkbox": checkbox,
        "money": money,
        "points_input": points_input,
    }[node.kind]
    return handler(node, look)
