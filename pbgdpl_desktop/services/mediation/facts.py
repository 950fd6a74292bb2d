"""MediationFacts of a year (domain/facts.py) computed from the records.

Conventions (documented for the assessment module):
* the reference date is 31/12 of the year, or today for the current year: teams, members and composition are
  taken on that date; team support expected counts the months of the year up to it;
* case counts are over cases *received* in the year, with the definitions of ``domain.mediation.count_cases``
  (refused/referred cases are outside the scope; a case whose start window is still open on the reference
  date is not due yet; the settled share is settled / (settled + not settled)); fee eligibility and rates over the same cases, each at
  the rate in force on its result date; ``fees_paid_amount`` is what was paid (paid date) in the year;
  ``fees_paid_for_cases_amount`` is what was paid for the year's eligible cases (compared with the ceilings);
* a mediator action (election → recognition, release) is required when its event date falls in the year and
  done when the decision is recorded (recognition number and date; release decision number)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.domain.mediation import (
    CaseCounts,
    CaseFacts,
    CaseOutcome,
    NormLookup,
    count_cases,
    fee_amount,
    lookup_in,
    months_active,
    team_support_expected,
)
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, Norm
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.repos import facts_sql
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases
from pbgdpl_desktop.persistence.repos import mediation_fee_repo as fees
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.mediation.dto import TeamDTO
from pbgdpl_desktop.services.mediation.ports import NormTable, SupportPayments
from pbgdpl_desktop.services.mediation.teams import TeamService


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _mediator_facts(session: DbSession, start: date, end: date, ref: date) -> dict[str, int]:
    required = done = 0
    for m in repo.all_mediators(session):
        if _in(m.election_date, start, end) or _in(m.recognition_date, start, end):
            required += 1
            done += bool(m.recognition_date and m.recognition_number)
        if _in(m.release_date, start, end):
            required += 1
            done += bool(m.release_decision_number)
    active = {m.id for _, m in repo.all_members_on(session, ref)}
    trained = repo.trained_in(session, start, end) & active
    return {
        "mediator_actions_required": required,
        "mediator_actions_done": done,
        "mediators_total": len(active),
        "mediators_trained": len(trained),
    }


def case_fact_dict(counts: CaseCounts) -> dict[str, int]:
    """The MediationFacts fields of the case counts (the one definition: ``domain.mediation.count_cases``)."""
    return {
        "cases_recorded": counts.recorded,
        "cases_received": counts.received,
        "cases_refused_out_of_scope": counts.refused,
        "cases_window_open": counts.window_open,
        "cases_due": counts.due,
        "cases_mediated": counts.mediated,
        "cases_concluded": counts.concluded,
        "cases_settled": counts.settled,
        "cases_not_settled": counts.not_settled,
        "cases_stopped": counts.stopped,
        "cases_referred": counts.referred,
        "cases_in_progress": counts.in_progress,
        "cases_started_late": counts.started_late,
    }


def _case_facts(rows: Sequence[Any], deadline: int, ref: date) -> dict[str, int]:
    items = (
        CaseFacts(
            CaseOutcome(r.outcome),
            r.received_on,
            r.assigned_on,
            r.started_on,
            r.start_exception,
            r.start_agreed_on,
        )
        for r in rows
    )
    return case_fact_dict(count_cases(items, ref, deadline))


def case_counts(ctx: ServiceContext, start: date, end: date, deadline: int) -> dict[str, int]:
    ref = min(end, ctx.clock.today())
    with ctx.db.read() as session:
        return _case_facts(cases.received_between(session, start, end), deadline, ref)


def fee_bands(norms: Sequence[Norm], lookup: NormLookup) -> list[facts_sql.FeeBand]:
    """The mediator fee ceilings as date bands per variant, for the SQL facts: between two consecutive
    ``effective_from`` dates of a variant the norm in force (``lookup``, the domain's one rule) is constant."""
    bands = []
    for variant in ("settled", "not_settled"):
        days = sorted(
            {n.effective_from for n in norms if n.category == MEDIATOR_FEE and n.variant == variant}
        )
        for i, day in enumerate(days):
            norm = lookup(MEDIATOR_FEE, variant, day)
            if norm is not None and norm.amount > 0:
                bands.append(
                    facts_sql.FeeBand(variant, day, days[i + 1] if i + 1 < len(days) else None, norm.amount)
                )
    return bands


def sql_case_and_fee_facts(
    session: DbSession, start: date, end: date, ref: date, deadline: int, norms: Sequence[Norm]
) -> dict[str, int]:
    """The case counts and fee facts of the cases received in [start, end] as SQL aggregates (#17 §4); the
    same numbers as ``reference_case_and_fee_facts`` (tests/unit/test_facts_sql.py)."""
    counts, fee = facts_sql.mediation_case_facts(
        session, start, end, ref, deadline, fee_bands(norms, lookup_in(norms))
    )
    return {
        **case_fact_dict(counts),
        "cases_fee_eligible": fee.eligible,
        "cases_fee_paid_lawful": fee.paid_lawful,
        "fees_paid_amount": facts_sql.fees_paid_between(session, start, end),
        "fees_expected_amount": fee.expected_amount,
        "fees_paid_for_cases_amount": fee.paid_for_cases_amount,
    }


def reference_case_and_fee_facts(
    session: DbSession, start: date, end: date, ref: date, deadline: int, norms: Sequence[Norm]
) -> dict[str, int]:
    """The same facts by the Python rules, case by case (``count_cases``, ``fee_amount``): the reference the
    SQL aggregates are checked against."""
    rows = cases.received_between(session, start, end)
    return {
        **_case_facts(rows, deadline, ref),
        **_fee_facts(session, rows, lookup_in(norms), start, end),
    }


def _fee_facts(
    session: DbSession, rows: Sequence[Any], lookup: NormLookup, start: date, end: date
) -> dict[str, int]:
    paid_lines = {
        line.case_id: line.amount for line, req in fees.active_lines(session) if req.paid_on is not None
    }
    eligible = paid_lawful = expected = paid_for_cases = 0
    for row in rows:
        ceiling = fee_amount(lookup, CaseOutcome(row.outcome), row.result_date)
        if ceiling <= 0:
            continue
        eligible += 1
        expected += ceiling
        paid = paid_lines.get(row.id)
        paid_lawful += paid is not None and 0 < paid <= ceiling
        paid_for_cases += paid or 0
    paid_amount = sum(r.paid_amount or 0 for r in fees.requests_paid_between(session, start, end))
    return {
        "cases_fee_eligible": eligible,
        "cases_fee_paid_lawful": paid_lawful,
        "fees_paid_amount": paid_amount,
        "fees_expected_amount": expected,
        "fees_paid_for_cases_amount": paid_for_cases,
    }


def _team_facts(
    session: DbSession,
    teams: list[TeamDTO],
    year: int,
    start: date,
    end: date,
    ref: date,
    lookup: NormLookup,
    paid_support: dict[str, int],
) -> dict[str, int]:
    coordination: dict[str, int] = {}
    for activity in repo.coordination(session, start, end):
        coordination[activity.team_id] = coordination.get(activity.team_id, 0) + 1
    expected = sum(team_support_expected(lookup, months_active(year, t.established_on, ref)) for t in teams)
    paid = {t.id: paid_support.get(t.id, 0) for t in teams}
    return {
        "teams_total": len(teams),
        "teams_meeting_composition": sum(1 for t in teams if t.composition_ok),
        "teams_with_2_coordination": sum(1 for t in teams if coordination.get(t.id, 0) >= 2),
        "team_support_paid_amount": sum(paid.values()),
        "team_support_expected_amount": expected,
        "teams_supported": sum(1 for v in paid.values() if v > 0),
    }


def compute(
    ctx: ServiceContext,
    year: int,
    *,
    teams: TeamService,
    settings: SettingsService,
    norms: NormTable,
    payments: SupportPayments,
) -> MediationFacts:
    start, end = date(year, 1, 1), date(year, 12, 31)
    ref = min(end, ctx.clock.today())
    table = norms.norms()
    lookup: NormLookup = lookup_in(table)
    deadline = int(settings.get("mediation.start_deadline_days"))
    on_ref = [t for t in teams.all(on=ref) if t.established_on is None or t.established_on <= ref]
    paid_support = payments.paid_team_support(year)
    with ctx.db.read() as session:
        values = {
            **_mediator_facts(session, start, end, ref),
            **sql_case_and_fee_facts(session, start, end, ref, deadline, table),
            **_team_facts(session, on_ref, year, start, end, ref, lookup, paid_support),
        }
    return MediationFacts(year=year, **values)
