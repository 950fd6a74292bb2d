"""The facts of a year for the scoring engine: what the dissemination, mediation and finance services
report (``domain/facts.py``) flattened to ``<module>.<field>``, this module's registers (``legal_docs.*``,
``info_requests.*``) and spending ceilings from the norm table (``norms.*``).

Ceilings (TT 56/2023: maxima, a province may set lower rates): the mediation service's own per-case /
per-month amounts when it reports them (they follow the norm in force on each date); otherwise the norm in
force on 31/12 of the year × the counts (the finance catalogue's ``norm_in_force``). Never "exactly".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, Protocol, TypeVar

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, Norm
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.scoring.catalogue import CATALOGUE
from pbgdpl_desktop.services.core.context import ServiceContext

F_co = TypeVar("F_co", covariant=True)

# Where a computed fact comes from: (Vietnamese module name, page key of the main window).
SOURCES: dict[str, tuple[str, str]] = {
    "dissemination": ("Phổ biến GDPL", "dissemination"),
    "mediation": ("Hòa giải ở cơ sở", "mediation"),
    "finance": ("Kinh phí", "finance"),
    "legal_docs": ("Sổ VBQPPL của xã", "assessment"),
    "info_requests": ("Sổ yêu cầu thông tin", "assessment"),
    "norms": ("Định mức chi", "finance"),
}


def source_of(ref: str) -> tuple[str, str] | None:
    return SOURCES.get(ref.split(".", 1)[0]) if ref in CATALOGUE else None


def flatten(prefix: str, facts: DisseminationFacts | MediationFacts | FinanceFacts) -> dict[str, Any]:
    out = {}
    for f in fields(facts):
        name = f"{prefix}.{f.name}"
        if name in CATALOGUE:
            out[name] = getattr(facts, f.name)
    return out


class YearFacts(Protocol[F_co]):
    """A feature that reports the facts of a year (dissemination, mediation, finance)."""

    def facts(self, year: int) -> F_co: ...


class FinanceYearFacts(Protocol):
    """The finance facts of a year; they include the mediation amounts due, which the collector passes when it
    has read the mediation facts already (one computation of them per collection, #17)."""

    def facts(self, year: int, *, mediation_facts: MediationFacts | None = None) -> FinanceFacts: ...


class RatesInForce(Protocol):
    """The spending norm in force on a date (the finance catalogue)."""

    def norm_in_force(self, category: str, variant: str, on: date) -> Norm | None: ...


class FactCollector:
    """The catalogue facts of a year, gathered from the features that own the records."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        dissemination: YearFacts[DisseminationFacts],
        mediation: YearFacts[MediationFacts],
        finance: FinanceYearFacts,
        rates: RatesInForce,
    ) -> None:
        self._ctx = ctx
        self._dissemination = dissemination
        self._mediation = mediation
        self._finance = finance
        self._rates = rates

    def collect(self, year: int, refs: Iterable[str] | None = None) -> dict[str, Any]:
        """The catalogue facts of ``year`` computed from the records. With ``refs`` (the facts a ruleset reads)
        a module none of them needs is not asked at all (facts of big years are not free)."""
        wanted = None if refs is None else {r.split(".", 1)[0] for r in refs}

        def needs(*modules: str) -> bool:
            return wanted is None or bool(wanted & set(modules))

        facts: dict[str, Any] = {}
        if needs("dissemination"):
            facts |= flatten("dissemination", self._dissemination.facts(year))
        med = None
        if needs("mediation", "norms"):
            med = self._mediation.facts(year)
            facts |= flatten("mediation", med) | self.ceilings(year, med)
        if needs("finance"):
            facts |= flatten("finance", self._finance.facts(year, mediation_facts=med))
        if needs("legal_docs", "info_requests"):
            facts |= self.register_facts(year)
        return facts

    def _rate(self, category: str, variant: str, on: date) -> int:
        norm = self._rates.norm_in_force(category, variant, on)
        return norm.amount if norm else 0

    def ceilings(self, year: int, med: MediationFacts) -> dict[str, int]:
        year_end = date(year, 12, 31)
        team = med.team_support_expected_amount or (
            med.teams_supported * 12 * self._rate(TEAM_SUPPORT, "", year_end)
        )
        not_settled = (
            med.cases_fee_eligible - med.cases_settled if med.cases_fee_eligible > med.cases_settled else 0
        )
        fees = med.fees_expected_amount or (
            med.cases_settled * self._rate(MEDIATOR_FEE, "settled", year_end)
            + not_settled * self._rate(MEDIATOR_FEE, "not_settled", year_end)
        )
        return {"norms.team_support_ceiling": team, "norms.mediator_fee_ceiling": fees}

    def register_facts(self, year: int) -> dict[str, int]:
        with self._ctx.db.read() as session:
            docs = assessment_repo.document_counts(session, year)
            reqs = assessment_repo.request_counts(session, year)
        return {f"legal_docs.{k}": v for k, v in docs.items()} | {
            f"info_requests.{k}": v for k, v in reqs.items()
        }
