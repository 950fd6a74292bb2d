"""The rule file as frozen dataclasses (built by ``scoring.loader``; never constructed by hand elsewhere).

A ruleset is a tree: criteria → indicators → sub-items (any depth). Inner nodes are ``group`` nodes that
combine their children (``sum`` of points, ``all``, ``n_of_m``); leaves are checks that read facts
(computed from the ward's records) or manual inputs declared in the file (``input.<code>``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from pbgdpl_desktop.domain.labels import LabelledEnum

POINTS = "points"
PASS_FAIL = "pass_fail"

GROUP = "group"
LEAF_KINDS = ("ratio", "count", "boolean", "checkbox", "money", "deadline", "points_input")
GROUP_RULES = ("sum", "all", "n_of_m")
WHEN_ZERO = ("na", "pass", "fail", "pending")
INPUT_PREFIX = "input."


class Verdict(LabelledEnum):
    PASS = "pass", "Đạt"
    PARTIAL = "partial", "Đạt một phần"
    FAIL = "fail", "Không đạt"
    PENDING = "pending", "Chưa đủ dữ liệu"
    NA = "na", "Không phát sinh (tính là đạt)"

    @property
    def ok(self) -> bool:
        return self in (Verdict.PASS, Verdict.NA)


@dataclass(frozen=True)
class Band:
    min_percent: Fraction  # inclusive lower bound of the ratio, in percent
    points: Decimal


@dataclass(frozen=True)
class NotArisen:
    """The item "did not arise" this year (→ passes / full points) when ``ref`` is zero or true."""

    ref: str
    when: str  # "zero" | "true"


@dataclass(frozen=True)
class InputSpec:
    code: str  # referenced as "input.<code>"
    type: str  # bool | int | points | date | choices
    label: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    options: tuple[str, ...] = ()
    unconfirmed: bool = False
    help: str = ""

    @property
    def ref(self) -> str:
        return INPUT_PREFIX + self.code


@dataclass(frozen=True)
class Node:
    code: str
    title: str
    kind: str  # "group" or one of LEAF_KINDS
    path: str  # where it is in the file, for messages: "criteria[1].items[2]"
    points: Decimal | None = None  # maximum points (points mode)
    unconfirmed: bool = False
    # the threshold/bands come from no legal text: the province's (or ward's) choice, changeable by a rule file
    local_choice: bool = False
    note: str = ""  # legal source / explanation
    not_arisen: NotArisen | None = None
    children: tuple[Node, ...] = ()
    rule: str = "all"  # group: sum | all | n_of_m
    n: int | None = None  # group n_of_m
    # leaves
    numerator: str | None = None  # ratio
    denominator: str | None = None
    threshold: Fraction | None = None  # ratio: percent (0..100)
    when_zero: str = "na"  # ratio with a zero denominator
    bands: tuple[Band, ...] = ()  # ratio in points mode: partial scores
    fact: str | None = None  # count / boolean / checkbox / points_input
    minimum: int | None = None  # count ≥ / checkbox ≥
    maximum: int | None = None  # count ≤
    options: tuple[str, ...] = ()  # checkbox
    paid: str | None = None  # money: amount paid …
    ceiling: str | None = None  # … must not exceed this amount (ceiling, never "exactly")
    quantity: str | None = None  # money: when > 0, something must have been paid
    event: str | None = None  # deadline: the date that must be on time …
    start: str | None = None  # … counted from this date
    days: int | None = None
    day_unit: str = "working"  # working | calendar
    unit: str = ""  # "nhiệm vụ", "văn bản" … (reasons)
    verb: str = ""  # "hoàn thành", "được công khai" … (reasons)

    @property
    def is_group(self) -> bool:
        return self.kind == GROUP

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def refs(self) -> tuple[str, ...]:
        names = [
            self.numerator,
            self.denominator,
            self.fact,
            self.paid,
            self.ceiling,
            self.quantity,
            self.event,
            self.start,
            self.not_arisen.ref if self.not_arisen else None,
        ]
        return tuple(n for n in names if n)


@dataclass(frozen=True)
class Disqualifier:
    code: str
    title: str
    ref: str  # boolean: true = disqualified
    unconfirmed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    code: str
    title: str
    month: int
    day: int
    year_offset: int = 1  # 1 = the year after the evaluated year
    unconfirmed: bool = False


@dataclass(frozen=True)
class ProcedureStep:
    code: str
    title: str
    has_end: bool = False  # a period (public posting) rather than a single date
    min_days: int | None = None  # a period must last at least this many days
    place: bool = False  # ask where (posting place)
    deadline: str | None = None  # code of a Deadline the step must meet
    unconfirmed: bool = False


@dataclass(frozen=True)
class Ruleset:
    id: str
    version: int
    title: str
    mode: str  # points | pass_fail
    year_from: int
    year_to: int | None
    legal_basis: tuple[str, ...]
    criteria: tuple[Node, ...]
    inputs: tuple[InputSpec, ...] = ()
    disqualifiers: tuple[Disqualifier, ...] = ()
    total_min: Decimal | None = None  # points mode: total ≥ this
    criterion_min_ratio: Fraction | None = None  # points mode: each criterion ≥ ratio × its maximum
    max_total: Decimal | None = None
    deadlines: tuple[Deadline, ...] = ()
    steps: tuple[ProcedureStep, ...] = ()
    notes: tuple[str, ...] = ()
    unconfirmed_rules: tuple[str, ...] = ()  # ids of ruleset-level rules not confirmed (total_min …)
    source_text: str = field(default="", repr=False, compare=False)  # the JSON it was loaded from

    def applies_to(self, year: int) -> bool:
        return year >= self.year_from and (self.year_to is None or year <= self.year_to)

    def nodes(self) -> Iterator[Node]:
        for criterion in self.criteria:
            yield from criterion.walk()

    def node(self, code: str) -> Node | None:
        return next((n for n in self.nodes() if n.code == code), None)

    def input(self, code_or_ref: str) -> InputSpec | None:
        code = code_or_ref.removeprefix(INPUT_PREFIX)
        return next((i for i in self.inputs if i.code == code), None)

    def unconfirmed_codes(self) -> tuple[str, ...]:
        codes = [n.code for n in self.nodes() if n.unconfirmed]
        codes += [d.code for d in self.disqualifiers if d.unconfirmed]
        codes += [i.ref for i in self.inputs if i.unconfirmed]
        codes += [f"procedure.{d.code}" for d in self.deadlines if d.unconfirmed]
        return tuple(codes) + self.unconfirmed_rules
