"""Mediators (hòa giải viên): the register, membership history (move, release), trainings; a mediator entered
by mistake (no case yet) can be deleted, any other is released so that the history stays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import MediatorInput, ReleaseReason, Sex
from pbgdpl_desktop.domain.text import checked_text, clean_input, fold
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.mediation import Mediator, MediatorMembership, MediatorTraining
from pbgdpl_desktop.persistence.repos import mediation_case_repo as case_repo
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.mediation.dto import (
    MEDIATOR_NOT_FOUND,
    TEAM_NOT_FOUND,
    MediatorDTO,
    MembershipDTO,
)

CHANGED = Changes.of(MEDIATION)


class TrainingDraft(NamedTuple):
    """A training (or material) to record for a mediator, as ``add_training`` takes it."""

    mediator_id: str
    held_on: date
    title: str
    kind: str = "training"


_MEDIATOR_FIELDS = (
    "full_name",
    "birth_year",
    "ethnicity",
    "address",
    "phone",
    "election_date",
    "election_votes",
    "election_households",
    "recognition_number",
    "recognition_date",
    "note",
)


def mediator_dto(row: Mediator, team: tuple[str, str] | None = None, trainings: int = 0) -> MediatorDTO:
    current = team if team and row.release_date is None else None
    return MediatorDTO(
        id=row.id,
        full_name=row.full_name,
        sex=Sex(row.sex),
        birth_year=row.birth_year,
        ethnicity=row.ethnicity,
        address=row.address,
        phone=row.phone,
        election_date=row.election_date,
        election_votes=row.election_votes,
        election_households=row.election_households,
        recognition_number=row.recognition_number,
        recognition_date=row.recognition_date,
        release_date=row.release_date,
        release_reason=ReleaseReason(row.release_reason) if row.release_reason else None,
        release_decision_number=row.release_decision_number,
        note=row.note,
        team_id=current[0] if current else None,
        team_name=current[1] if current else "",
        trainings=trainings,
    )


class MediatorService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _today(self) -> date:
        return self._ctx.clock.today()

    def all(self, team_id: str | None = None, *, include_released: bool = True) -> list[MediatorDTO]:
        with self._ctx.db.read() as session:
            teams = repo.current_teams(session)
            counts = repo.training_counts(session)
            rows = repo.mediators(session, team_id)
            out = [mediator_dto(r, teams.get(r.id), counts.get(r.id, 0)) for r in rows]
        if team_id is not None:
            out = [m for m in out if m.team_id == team_id or (include_released and m.is_released)]
        if not include_released:
            out = [m for m in out if not m.is_released]
        return out

    def get(self, mediator_id: str) -> MediatorDTO:
        with self._ctx.db.read() as session:
            row = repo.mediator(session, mediator_id)
            if row is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            return mediator_dto(
                row, repo.current_teams(session).get(row.id), repo.training_counts(session).get(row.id, 0)
            )

    def save(self, data: MediatorInput) -> tuple[MediatorDTO, Changes]:
        data = clean_input(data).normalised()
        data.validate(self._today())
        with self._ctx.db.transaction() as session:
            row = Mediator() if data.id is None else repo.mediator(session, data.id)
            if row is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            for key in _MEDIATOR_FIELDS:
                setattr(row, key, getattr(data, key))
            row.sex = data.sex.value
            row.name_folded = fold(data.full_name)
            session.add(row)
            session.flush()
            if data.id is None and data.team_id is not None:
                if repo.team(session, data.team_id) is None:
                    raise NotFoundError(TEAM_NOT_FOUND)
                joined = data.recognition_date or data.election_date or self._today()
                session.add(MediatorMembership(mediator_id=row.id, team_id=data.team_id, from_date=joined))
            mediator_id = row.id
        return self.get(mediator_id), CHANGED

    def add_many(self, inputs: Sequence[MediatorInput]) -> tuple[list[str], Changes]:
        """New mediators as ONE transaction (the demo ward, #17 §5): each cleaned, validated and joined to its
        team exactly as by ``save`` (the same checks in the same order, the same columns and audit entries),
        but the teams are read once and the mediators and memberships written with one statement per table;
        all or none are kept. Returns the new ids in the order given."""
        if not inputs:
            return [], Changes()
        today, now = self._today(), self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            teams = {team.id for team in repo.teams(session)}
            mediator_rows: list[dict[str, Any]] = []
            membership_rows: list[dict[str, Any]] = []
            for data in inputs:
                data = clean_input(data).normalised()
                data.validate(today)
                if data.id is not None:
                    raise ConflictError("Chỉ thêm được hòa giải viên mới.")
                row: dict[str, Any] = {key: getattr(data, key) for key in _MEDIATOR_FIELDS}
                row.update(id=new_id(), sex=data.sex.value, name_folded=fold(data.full_name))
                mediator_rows.append(row)
                if data.team_id is not None:
                    if data.team_id not in teams:
                        raise NotFoundError(TEAM_NOT_FOUND)
                    joined = data.recognition_date or data.election_date or today
                    membership_rows.append(
                        {"mediator_id": row["id"], "team_id": data.team_id, "from_date": joined}
                    )
            repo.insert_mediators(session, mediator_rows, membership_rows, now)
        return [row["id"] for row in mediator_rows], CHANGED

    def delete(self, mediator_id: str) -> Changes:
        """Remove a mediator entered by mistake (one with no case); others are released, never deleted."""
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            row = repo.mediator(session, mediator_id)
            if row is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            if case_repo.mediator_has_cases(session, mediator_id):
                raise ConflictError(
                    f"{row.full_name} đã hòa giải vụ việc nên không xóa được; "
                    "hãy dùng “Cho thôi” để giữ lại lịch sử."
                )
            for membership, _ in repo.memberships(session, mediator_id):
                tombstone(membership, now)
            for team in repo.teams(session):
                if team.head_mediator_id == mediator_id:
                    team.head_mediator_id = None
            tombstone(row, now)
        return CHANGED

    def move(self, mediator_id: str, team_id: str, on: date) -> Changes:
        """Move to another team from ``on``: the old membership ends the day before (history kept)."""
        if on > self._today():
            raise ValidationError("Ngày chuyển tổ không được sau hôm nay.", field="on")
        with self._ctx.db.transaction() as session:
            row = _active_mediator(session, mediator_id)
            if repo.team(session, team_id) is None:
                raise NotFoundError(TEAM_NOT_FOUND)
            current = repo.open_membership(session, mediator_id)
            if current is not None:
                if current.team_id == team_id:
                    raise ConflictError(f"{row.full_name} đã là hòa giải viên của tổ này.")
                if on <= current.from_date:
                    raise ValidationError(
                        f"Ngày chuyển tổ phải sau ngày vào tổ hiện tại ({format_date(current.from_date)}).",
                        field="on",
                    )
                _leave(session, current, on)
            session.add(MediatorMembership(mediator_id=mediator_id, team_id=team_id, from_date=on))
        return CHANGED

    def release(
        self, mediator_id: str, on: date, reason: ReleaseReason, decision_number: str = ""
    ) -> Changes:
        """Cho thôi làm hòa giải viên: the membership ends, the record and its history stay."""
        decision_number = checked_text(decision_number, "decision_number")
        if on > self._today():
            raise ValidationError("Ngày cho thôi không được sau hôm nay.", field="release_date")
        with self._ctx.db.transaction() as session:
            row = _active_mediator(session, mediator_id)
            current = repo.open_membership(session, mediator_id)
            if current is not None and on < current.from_date:
                raise ValidationError(
                    f"Ngày cho thôi trước ngày vào tổ ({format_date(current.from_date)}).",
                    field="release_date",
                )
            row.release_date = on
            row.release_reason = ReleaseReason(reason).value
            row.release_decision_number = decision_number
            if current is not None:
                _leave(session, current, on)
        return CHANGED

    def history(self, mediator_id: str) -> list[MembershipDTO]:
        with self._ctx.db.read() as session:
            return [
                MembershipDTO(m.id, m.team_id, name, m.from_date, m.to_date)
                for m, name in repo.memberships(session, mediator_id)
            ]

    def trainings(self, mediator_id: str) -> list[tuple[date, str, str]]:
        """(date, title, kind) of the training and materials a mediator received, oldest first."""
        with self._ctx.db.read() as session:
            return [(t.held_on, t.title, t.kind) for t in repo.trainings_of(session, mediator_id)]

    def add_training(self, mediator_id: str, held_on: date, title: str, kind: str = "training") -> Changes:
        title = _checked_training(TrainingDraft(mediator_id, held_on, title, kind)).title
        with self._ctx.db.transaction() as session:
            if repo.mediator(session, mediator_id) is None:
                raise NotFoundError(MEDIATOR_NOT_FOUND)
            session.add(MediatorTraining(mediator_id=mediator_id, held_on=held_on, title=title, kind=kind))
        return CHANGED

    def add_trainings(self, drafts: Sequence[TrainingDraft]) -> Changes:
        """Many trainings as ONE transaction (the demo ward, #17 §5): each checked as by ``add_training``, in
        order, with the mediators read once and one statement for the rows; all or none are kept."""
        if not drafts:
            return Changes()
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            mediators = case_repo.live_mediators(session, (d.mediator_id for d in drafts))
            rows = []
            for draft in drafts:
                checked = _checked_training(draft)
                if checked.mediator_id not in mediators:
                    raise NotFoundError(MEDIATOR_NOT_FOUND)
                rows.append(checked._asdict())
            repo.insert_trainings(session, rows, now)
        return CHANGED


def _checked_training(draft: TrainingDraft) -> TrainingDraft:
    title = checked_text(draft.title, "title")
    if not title:
        raise ValidationError("Chưa nhập nội dung tập huấn hoặc tài liệu.", field="title")
    return draft._replace(title=title)


def _active_mediator(session: DbSession, mediator_id: str) -> Mediator:
    row = repo.mediator(session, mediator_id)
    if row is None:
        raise NotFoundError(MEDIATOR_NOT_FOUND)
    if row.release_date is not None:
        raise ConflictError(
            f"{row.full_name} đã thôi làm hòa giải viên từ ngày {format_date(row.release_date)}."
        )
    return row


def _leave(session: DbSession, membership: MediatorMembership, on: date) -> None:
    membership.to_date = max(membership.from_date, on - timedelta(days=1))
    team = repo.team(session, membership.team_id)
    if team is not None and team.head_mediator_id == membership.mediator_id:
        team.head_mediator_id = None
