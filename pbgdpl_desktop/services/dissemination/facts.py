"""Facts of a year (domain.facts.DisseminationFacts), every field computed from the records.

Counting rules (documented for the scoring module and the reports):
* sessions: live sessions held in the year and not after today (a future date is scheduled, not held);
  a session counts once for each target group it names;
* digital activities: the DigitalActivity values of those sessions (``domain.dissemination.digital_activity_of``),
  plus "online training" when a training of a speaker in the year was held online;
* plan tasks: tasks of the year's plan; cancelled tasks are not counted as set; a task is done when marked done
  or when a linked session was held (``domain.dissemination.task_done``); funded = marked funded;
  legal-aid tasks = category "information about legal aid" (planned and arising together);
* propagandists/reporters: recognised by the end of the year (or no decision date), not ended before the
  year and not marked inactive without an end date; trained = of those, with a training dated in the year;
* bookcase: live titles and their copies today; loans made in the year.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm,
    SpeakerRole,
    SpeakerStatus,
    TaskCategory,
    TaskStatus,
    decode_groups,
    digital_activity_of,
)
from pbgdpl_desktop.domain.facts import DigitalActivity, DisseminationFacts
from pbgdpl_desktop.persistence.models.dissemination import SpeakerRow
from pbgdpl_desktop.persistence.repos import dissemination_registry_repo as reg
from pbgdpl_desktop.persistence.repos import dissemination_session_repo as session_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.dto import TaskDTO
from pbgdpl_desktop.services.dissemination.plans import PlanService


def _session_facts(ctx: ServiceContext, year: int) -> dict:
    start, end = date(year, 1, 1), min(date(year, 12, 31), ctx.clock.today())
    with ctx.db.read() as session:
        groups = session_repo.groups_between(session, start, end) if start <= end else []
        return _summarise(groups)


def _summarise(groups: list) -> dict:
    """Sum the per-(day, form, groups, online, digital) rows of ``groups_between``."""
    by_form: Counter[str] = Counter()
    by_group: Counter[str] = Counter()
    by_month: Counter[int] = Counter()
    digital: set[str] = set()
    for g in groups:
        by_form[g.form] += g.n
        by_month[g.held_on.month] += g.n
        for group in decode_groups(g.target_groups):
            by_group[group.value] += g.n
        activity = digital_activity_of(DisseminationForm(g.form), bool(g.online), g.digital_activity)
        if activity is not None:
            digital.add(activity.value)
    return {
        "sessions_total": sum(g.n for g in groups),
        "sessions_by_form": dict(by_form),
        "sessions_by_target_group": dict(by_group),
        "sessions_by_month": dict(sorted(by_month.items())),
        "participants_total": sum(g.total or 0 for g in groups),
        "participants_women": sum(g.women or 0 for g in groups),
        "participants_special_groups": sum(g.special or 0 for g in groups),
        "law_day_sessions": sum(g.law_day or 0 for g in groups),
        "materials_handed_out": sum(g.materials or 0 for g in groups),
        "digital_activities": frozenset(digital),
    }


def _task_facts(tasks: list[TaskDTO]) -> dict:
    live = [t for t in tasks if t.data.status is not TaskStatus.CANCELLED]
    planned = [t for t in live if not t.data.arising]
    arising = [t for t in live if t.data.arising]
    legal_aid = [t for t in live if t.data.category is TaskCategory.LEGAL_AID_INFO]
    return {
        "plan_tasks_set": len(planned),
        "plan_tasks_done": sum(t.done for t in planned),
        "arising_tasks": len(arising),
        "arising_tasks_done": sum(t.done for t in arising),
        "planned_tasks_funded": sum(t.data.funded for t in planned),
        "plan_tasks_by_category": dict(Counter(t.data.category.value for t in planned)),
        "legal_aid_tasks_set": len(legal_aid),
        "legal_aid_tasks_done": sum(t.done for t in legal_aid),
    }


def counted_in_year(row: SpeakerRow, year: int) -> bool:
    if row.decision_date is not None and row.decision_date > date(year, 12, 31):
        return False
    if row.ended_on is not None:
        return row.ended_on >= date(year, 1, 1)
    return row.status == SpeakerStatus.ACTIVE.value


def _people_facts(ctx: ServiceContext, year: int) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    with ctx.db.read() as session:
        people = [(r.id, r.role) for r in reg.speakers(session) if counted_in_year(r, year)]
        trained = reg.trained_speaker_ids(session, start, min(end, ctx.clock.today()))
        copies = [i.copies for i in reg.bookcase_items(session)]
        loans = reg.loans_between(session, start, end)
    propagandists = [pid for pid, role in people if role == SpeakerRole.PROPAGANDIST.value]
    return {
        "propagandists_total": len(propagandists),
        "propagandists_trained": sum(1 for pid in propagandists if pid in trained),
        "reporters_total": sum(1 for _, role in people if role == SpeakerRole.REPORTER.value),
        "bookcase_titles": len(copies),
        "bookcase_copies": sum(copies),
        "bookcase_loans": loans,
    }


def _online_training(ctx: ServiceContext, year: int) -> bool:
    end = min(date(year, 12, 31), ctx.clock.today())
    with ctx.db.read() as session:
        return reg.online_trainings_between(session, date(year, 1, 1), end) > 0


def compute(ctx: ServiceContext, plans: PlanService, year: int) -> DisseminationFacts:
    plan = plans.plan(year)
    tasks = plans.tasks(plan.id) if plan else []
    plan_fields: dict[str, Any] = {
        "plan_exists": plan is not None,
        "plan_number": plan.number if plan else "",
        "plan_issue_date": plan.issued_on if plan else None,
        "plan_directive_date": plan.directive_on if plan else None,
        "plan_before_directive": plan.issued_before_directive if plan else False,
        "plan_funded_amount": (plan.funded_amount if plan else 0) or sum(t.data.funded_amount for t in tasks),
    }
    sessions = _session_facts(ctx, year)
    if _online_training(ctx, year):
        sessions["digital_activities"] = sessions["digital_activities"] | {
            DigitalActivity.ONLINE_TRAINING.value
        }
    return DisseminationFacts(
        year=year, **sessions, **plan_fields, **_task_facts(tasks), **_people_facts(ctx, year)
    )
