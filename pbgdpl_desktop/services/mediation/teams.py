"""Mediation teams (tổ hòa giải): the team list with its composition on a date, save, delete, and the
coordination activities of a team (QĐ 27 CT3.3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import CoordinationKind, MemberInfo, Sex, TeamInput, composition_problems
from pbgdpl_desktop.domain.text import checked_text, clean_input, fold
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.mediation import MediationCoordination, MediationTeam, Mediator
from pbgdpl_desktop.persistence.repos import mediation_case_repo as case_repo
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.mediation.dto import TEAM_NOT_FOUND, CoordinationDTO, TeamDTO

CHANGED = Changes.of(MEDIATION)


class CoordinationDraft(NamedTuple):
    """A coordination activity of a team to record, as ``add_coordination`` takes it."""

    team_id: str
    held_on: date
    kind: CoordinationKind
    partner: str = ""
    description: str = ""


_TEAM_FIELDS = (
    "name",
    "area",
    "decision_number",
    "decision_date",
    "established_on",
    "head_mediator_id",
    "needs_minority",
    "note",
)


def team_dto(row: MediationTeam, members: list[Mediator], head_name: str = "") -> TeamDTO:
    infos = [MemberInfo(Sex(m.sex), m.ethnicity) for m in members]
    return TeamDTO(
        id=row.id,
        name=row.name,
        area=row.area,
        decision_number=row.decision_number,
        decision_date=row.decision_date,
        established_on=row.established_on,
        head_mediator_id=row.head_mediator_id,
        head_name=head_name,
        needs_minority=row.needs_minority,
        note=row.note,
        members_count=len(infos),
        women_count=sum(1 for i in infos if i.sex is Sex.FEMALE),
        minority_count=sum(1 for i in infos if i.is_minority),
        composition_problems=tuple(composition_problems(infos, needs_minority=row.needs_minority)),
    )


class TeamService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def all(self, on: date | None = None) -> list[TeamDTO]:
        """Every team with its members and composition on ``on`` (today by default)."""
        on = on or self._ctx.clock.today()
        with self._ctx.db.read() as session:
            members: dict[str, list[Mediator]] = {}
            for team_id, mediator in repo.all_members_on(session, on):
                members.setdefault(team_id, []).append(mediator)
            names = {m.id: m.full_name for ms in members.values() for m in ms}
            return [
                team_dto(t, members.get(t.id, []), names.get(t.head_mediator_id or "", ""))
                for t in repo.teams(session)
            ]

    def get(self, team_id: str) -> TeamDTO:
        for dto in self.all():
            if dto.id == team_id:
                return dto
        raise NotFoundError(TEAM_NOT_FOUND)

    def save(self, data: TeamInput) -> tuple[TeamDTO, Changes]:
        data = clean_input(data).normalised()
        data.validate(self._ctx.clock.today())
        with self._ctx.db.transaction() as session:
            same = repo.team_by_folded_name(session, fold(data.name))
            if same is not None and same.id != data.id:
                raise ConflictError(f"Đã có tổ hòa giải tên “{same.name}”.")
            row = MediationTeam() if data.id is None else repo.team(session, data.id)
            if row is None:
                raise NotFoundError(TEAM_NOT_FOUND)
            if data.head_mediator_id is not None:
                _check_head(session, data.id, data.head_mediator_id)
            for key in _TEAM_FIELDS:
                setattr(row, key, getattr(data, key))
            row.name_folded = fold(data.name)
            session.add(row)
            session.flush()
            team_id = row.id
        return self.get(team_id), CHANGED

    def delete(self, team_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.team(session, team_id)
            if row is None:
                raise NotFoundError(TEAM_NOT_FOUND)
            if repo.members_on(session, team_id, self._ctx.clock.today()):
                raise ConflictError(
                    f"Tổ “{row.name}” còn hòa giải viên: hãy chuyển tổ hoặc cho thôi trước khi xóa."
                )
            if case_repo.team_has_cases(session, team_id):
                raise ConflictError(f"Tổ “{row.name}” đã có vụ việc trong sổ theo dõi nên không xóa được.")
            tombstone(row, self._ctx.clock.now())
        return CHANGED

    # ------------------------------------------------------------------------------- coordination
    def add_coordination(
        self, team_id: str, held_on: date, kind: CoordinationKind, partner: str = "", description: str = ""
    ) -> Changes:
        self._check_coordination_date(held_on)
        with self._ctx.db.transaction() as session:
            if repo.team(session, team_id) is None:
                raise NotFoundError(TEAM_NOT_FOUND)
            session.add(
                MediationCoordination(**_coordination_values(team_id, held_on, kind, partner, description))
            )
        return CHANGED

    def add_coordinations(self, drafts: Sequence[CoordinationDraft]) -> Changes:
        """Many coordination activities as ONE transaction (the demo ward, #17 §5): each checked as by
        ``add_coordination``, in order, with the teams read once and one statement for the rows; all or none
        are kept."""
        if not drafts:
            return Changes()
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            teams = {team.id for team in repo.teams(session)}
            rows = []
            for draft in drafts:
                self._check_coordination_date(draft.held_on)
                if draft.team_id not in teams:
                    raise NotFoundError(TEAM_NOT_FOUND)
                rows.append(_coordination_values(*draft))
            repo.insert_coordinations(session, rows, now)
        return CHANGED

    def _check_coordination_date(self, held_on: date) -> None:
        if held_on > self._ctx.clock.today():
            raise ValidationError("Ngày hoạt động phối hợp không được sau hôm nay.", field="held_on")

    def coordination(self, year: int, team_id: str | None = None) -> list[CoordinationDTO]:
        with self._ctx.db.read() as session:
            rows = repo.coordination(session, date(year, 1, 1), date(year, 12, 31), team_id)
            return [
                CoordinationDTO(
                    r.id,
                    r.team_id,
                    r.held_on,
                    r.kind,
                    CoordinationKind(r.kind).label,
                    r.partner,
                    r.description,
                )
                for r in rows
            ]


def _coordination_values(
    team_id: str, held_on: date, kind: CoordinationKind, partner: str, description: str
) -> dict[str, object]:
    return {
        "team_id": team_id,
        "held_on": held_on,
        "kind": CoordinationKind(kind).value,
        "partner": checked_text(partner, "partner"),
        "description": checked_text(description, "description"),
    }


def _check_head(session: DbSession, team_id: str | None, mediator_id: str) -> None:
    mediator = repo.mediator(session, mediator_id)
    membership = repo.open_membership(session, mediator_id)
    if (
        mediator is None
        or team_id is None
        or membership is None
        or membership.team_id != team_id
        or mediator.release_date is not None
    ):
        name = mediator.full_name if mediator else "Người được chọn"
        raise ValidationError(
            f"{name} không phải là hòa giải viên của tổ này nên không thể làm tổ trưởng.",
            field="head_mediator_id",
        )
