"""Spending norms (định mức chi): ceilings with effective dates (TT 56/2023/TT-BTC), overridable by a
province's own resolution. The norm that applies to an expense is the one in force on its date.

Pure: the finance catalogue stores the table; mediation (fees, team support) and the assessment read it
through the catalogue (``services.finance.catalogue``). Amounts are ceilings, never "exactly" (docs/legal-basis.md §1e).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

TT56 = "Thông tư 56/2023/TT-BTC"
TT56_IN_FORCE = date(2023, 10, 6)

# Category codes (docs/legal-basis.md §1e); the finance catalogue holds their names and units.
MEDIATOR_FEE = "HGCS_THU_LAO"
TEAM_SUPPORT = "HGCS_HO_TRO_TO"
LEAFLET = "TAI_LIEU_DAC_THU"


@dataclass(frozen=True)
class Norm:
    category: str
    variant: str  # "" or a sub-kind: "settled" / "not_settled" for mediator fees, "leaflet" …
    amount: int  # ceiling in đồng per unit
    unit: str  # "vụ việc", "tổ/tháng", "tờ gấp" …
    effective_from: date
    source: str  # "Thông tư 56/2023/TT-BTC" or "Nghị quyết 12/2024/NQ-HĐND tỉnh …"
    provincial: bool = False
    id: str | None = None


TT56_DEFAULTS: tuple[Norm, ...] = (
    Norm(MEDIATOR_FEE, "not_settled", 300_000, "vụ việc", TT56_IN_FORCE, TT56),
    Norm(MEDIATOR_FEE, "settled", 400_000, "vụ việc", TT56_IN_FORCE, TT56),
    Norm(TEAM_SUPPORT, "", 150_000, "tổ/tháng", TT56_IN_FORCE, TT56),
    Norm(LEAFLET, "leaflet", 1_500_000, "tờ gấp", TT56_IN_FORCE, TT56),
    Norm(LEAFLET, "qa_scenario", 450_000, "kịch bản hỏi đáp", TT56_IN_FORCE, TT56),
    Norm(LEAFLET, "legal_story", 2_250_000, "tình huống/câu chuyện pháp luật", TT56_IN_FORCE, TT56),
    Norm(LEAFLET, "legal_sketch", 7_500_000, "tiểu phẩm pháp luật", TT56_IN_FORCE, TT56),
)


def norm_in_force(norms: Iterable[Norm], category: str, variant: str, on: date) -> Norm | None:
    """The norm for (category, variant) in force on ``on``: the latest ``effective_from`` ≤ ``on``;
    on the same date a provincial resolution wins over the national circular."""
    candidates = [
        n for n in norms if n.category == category and n.variant == variant and n.effective_from <= on
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda n: (n.effective_from, n.provincial))


# Added by the finance module: further TT 56 ceilings seeded into the norm table (never read elsewhere).
CONTEST = "CUOC_THI"
STATISTICS = "BAO_CAO_THONG_KE"
TT56_EXTRA_DEFAULTS: tuple[Norm, ...] = (
    Norm(CONTEST, "prize_1_team", 15_000_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_1_person", 9_000_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_2_team", 10_500_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_2_person", 4_500_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_3_team", 7_500_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_3_person", 3_000_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_encourage_team", 4_500_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_encourage_person", 1_500_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "prize_minor", 750_000, "giải", TT56_IN_FORCE, TT56),
    Norm(CONTEST, "performer_day", 450_000, "người/ngày", TT56_IN_FORCE, TT56),
    Norm(STATISTICS, "data_collection", 75_000, "báo cáo", TT56_IN_FORCE, TT56),
)


def applicable_norm(norms: Sequence[Norm], code: str, variant: str, on: date) -> Norm | None:
    """The norm in force for the variant; with no variant chosen, the highest ceiling of the category."""
    if variant or any(n.category == code and n.variant == "" for n in norms):
        return norm_in_force(norms, code, variant, on)
    in_force = [norm_in_force(norms, code, v, on) for v in {n.variant for n in norms if n.category == code}]
    return max((n for n in in_force if n is not None), key=lambda n: n.amount, default=None)
