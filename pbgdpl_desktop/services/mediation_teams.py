"""Teams, mediators (membership history, release, training) and coordination activities."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.mediation import (
    CoordinationKind,
    MemberInfo,
    ReleaseReason,
    Sex,
    check_election,
    composition_problems,
)
from pbgdpl_desktop.domain.text import clean, fold
from pbgdpl_desktop.persistence.models.mediation import (
    MediationCoordination,
    MediationTeam,
    Mediator,
    MediatorMembership,
    MediatorTraining,
)
from pbgdpl_desktop.persistence.repos import mediation_case_repo as case_repo
from pbgdpl_desktop.persistence.repos import mediation_repo as repo
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.mediation_dto import (
    CoordinationDTO,
    MediatorDTO,
    MediatorInput,
    MembershipDTO,
    TeamDTO,
    TeamInput,
)

CHANGED = Changes.of(MEDIATION)


def mediator_dto(row: Mediator, team: tuple[str, str] | None = None, trainings: int = 0) -> MediatorDTO:
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
        team_id=team[0] if team and row.release_date is None else None,
        team_name=team[1] if team and row.release_date is None else "",
        trainings=trainings,
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


class TeamOps:
    _ctx: ServiceContext

    def _today(self) -> date:
        return self._ctx.clock.today()

    # ------------------------------------------------------------------------------- teams
    def list_teams(self, on: date | None = None) -> list[TeamDTO]:
        on = on or self._today()
        with self._ctx.db.read() as session:
            members: dict[str, list[Mediator]] = {}
            for team_id, mediator in repo.all_members_on(session, on):
                members.setdefault(team_id, []).append(mediator)
            names = {m.id: m.full_name for ms in members.values() for m in ms}
            return [
                team_dto(t, members.get(t.id, []), names.get(t.head_mediator_id or "", ""))
                for t in repo.teams(session)
            ]

    def team(self, team_id: str) -> TeamDTO:
        for dto in self.list_teams():
            if dto.id == team_id:
                return dto
        raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")

    def save_team(self, data: TeamInput) -> tuple[TeamDTO, Changes]:
        data = replace(
            data,
            name=clean(data.name),
            area=clean(data.area),
            decision_number=clean(data.decision_number),
            note=clean(data.note),
        )
        problems = []
        if not data.name:
            problems.append(FieldProblem("name", "Chưa nhập tên tổ hòa giải."))
        if data.decision_date and data.decision_date > self._today():
            problems.append(
                FieldProblem("decision_date", "Ngày quyết định thành lập không được sau hôm nay.")
            )
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.transaction() as session:
            same = repo.team_by_folded_name(session, fold(data.name))
            if same is not None and same.id != data.id:
                raise ConflictError(f"Đã có tổ hòa giải tên “{same.name}”.")
            row = MediationTeam() if data.id is None else repo.team(session, data.id)
            if row is None:
                raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
            if data.head_mediator_id is not None:
                self._check_head(session, data.id, data.head_mediator_id)
            for key in (
                "name",
                "area",
                "decision_number",
                "decision_date",
                "established_on",
                "head_mediator_id",
                "needs_minority",
                "note",
            ):
                setattr(row, key, getattr(data, key))
            row.name_folded = fold(data.name)
            session.add(row)
            session.flush()
            team_id = row.id
        return self.team(team_id), CHANGED

    def _check_head(self, session, team_id: str | None, mediator_id: str) -> None:  # noqa: ANN001
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

    def delete_team(self, team_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.team(session, team_id)
            if row is None:
                raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
            if repo.members_on(session, team_id, self._today()):
                raise ConflictError(
                    f"Tổ “{row.name}” còn hòa giải viên: hãy chuyển tổ hoặc cho thôi trước khi xóa."
                )
            if case_repo.team_has_cases(session, team_id):
                raise ConflictError(f"Tổ “{row.name}” đã có vụ việc trong sổ theo dõi nên không xóa được.")
            row.deleted_at = self._ctx.clock.now()
        return CHANGED

    def delete_mediator(self, mediator_id: str) -> Changes:
        """Remove a mediator entered by mistake (one with no case); others are released, never deleted."""
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            row = repo.mediator(session, mediator_id)
            if row is None:
                raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
            if case_repo.mediator_has_cases(session, mediator_id):
                raise ConflictError(
                    f"{row.full_name} đã hòa giải vụ việc nên không xóa được; "
                    "hãy dùng “Cho thôi” để giữ lại lịch sử."
                )
            for membership, _ in repo.memberships(session, mediator_id):
                membership.deleted_at = now
            for team in repo.teams(session):
                if team.head_mediator_id == mediator_id:
                    team.head_mediator_id = None
            row.deleted_at = now
        return CHANGED

    # ------------------------------------------------------------------------------- mediators
    def list_mediators(
        self, team_id: str | None = None, *, include_released: bool = True
    ) -> list[MediatorDTO]:
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

    def mediator(self, mediator_id: str) -> MediatorDTO:
        with self._ctx.db.read() as session:
            row = repo.mediator(session, mediator_id)
            if row is None:
                raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
            return mediator_dto(
                row, repo.current_teams(session).get(row.id), repo.training_counts(session).get(row.id, 0)
            )

    def _validate_mediator(self, data: MediatorInput) -> MediatorInput:
        data = replace(
            data,
            full_name=clean(data.full_name),
            ethnicity=clean(data.ethnicity) or "Kinh",
            address=clean(data.address),
            phone=clean(data.phone),
            recognition_number=clean(data.recognition_number),
            note=clean(data.note),
        )
        problems = []
        if not data.full_name:
            problems.append(FieldProblem("full_name", "Chưa nhập họ và tên hòa giải viên."))
        if data.birth_year is not None and not 1900 <= data.birth_year <= self._today().year - 18:
            problems.append(
                FieldProblem("birth_year", "Năm sinh không hợp lệ (hòa giải viên phải đủ 18 tuổi).")
            )
        if data.recognition_date and data.election_date and data.recognition_date < data.election_date:
            problems.append(FieldProblem("recognition_date", "Ngày công nhận không được trước ngày bầu."))
        if data.recognition_date and not data.recognition_number:
            problems.append(FieldProblem("recognition_number", "Chưa nhập số quyết định công nhận."))
        if problems:
            raise ValidationError(problems)
        check_election(data.election_votes, data.election_households)
        if data.recognition_date and data.election_votes is None:
            raise ValidationError(
                "Hòa giải viên được công nhận phải có kết quả bầu (số hộ đồng ý / tổng số hộ).",
                field="election_votes",
            )
        return data

    def save_mediator(self, data: MediatorInput) -> tuple[MediatorDTO, Changes]:
        data = self._validate_mediator(data)
        fields = (
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
        with self._ctx.db.transaction() as session:
            row = Mediator() if data.id is None else repo.mediator(session, data.id)
            if row is None:
                raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
            for key in fields:
                setattr(row, key, getattr(data, key))
            row.sex = Sex(data.sex).value
            row.name_folded = fold(data.full_name)
            session.add(row)
            session.flush()
            if data.id is None and data.team_id is not None:
                if repo.team(session, data.team_id) is None:
                    raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
                joined = data.recognition_date or data.election_date or self._today()
                session.add(MediatorMembership(mediator_id=row.id, team_id=data.team_id, from_date=joined))
            mediator_id = row.id
        return self.mediator(mediator_id), CHANGED

    def move_mediator(self, mediator_id: str, team_id: str, on: date) -> Changes:
        """Move to another team from ``on``: the old membership ends the day before (history kept)."""
        if on > self._today():
            raise ValidationError("Ngày chuyển tổ không được sau hôm nay.", field="on")
        with self._ctx.db.transaction() as session:
            row = self._active_mediator(session, mediator_id)
            if repo.team(session, team_id) is None:
                raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
            current = repo.open_membership(session, mediator_id)
            if current is not None:
                if current.team_id == team_id:
                    raise ConflictError(f"{row.full_name} đã là hòa giải viên của tổ này.")
                if on <= current.from_date:
                    raise ValidationError(
                        f"Ngày chuyển tổ phải sau ngày vào tổ hiện tại ({format_date(current.from_date)}).",
                        field="on",
                    )
                self._leave(session, current, on)
            session.add(MediatorMembership(mediator_id=mediator_id, team_id=team_id, from_date=on))
        return CHANGED

    def _active_mediator(self, session, mediator_id: str) -> Mediator:  # noqa: ANN001
        row = repo.mediator(session, mediator_id)
        if row is None:
            raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
        if row.release_date is not None:
            raise ConflictError(
                f"{row.full_name} đã thôi làm hòa giải viên từ ngày {format_date(row.release_date)}."
            )
        return row

    def _leave(self, session, membership: MediatorMembership, on: date) -> None:  # noqa: ANN001
        membership.to_date = max(membership.from_date, on - timedelta(days=1))
        team = repo.team(session, membership.team_id)
        if team is not None and team.head_mediator_id == membership.mediator_id:
            team.head_mediator_id = None

    def release_mediator(
        self, mediator_id: str, on: date, reason: ReleaseReason, decision_number: str = ""
    ) -> Changes:
        """Cho thôi làm hòa giải viên: the membership ends, the record and its history stay."""
        decision_number = clean(decision_number)
        if on > self._today():
            raise ValidationError("Ngày cho thôi không được sau hôm nay.", field="release_date")
        with self._ctx.db.transaction() as session:
            row = self._active_mediator(session, mediator_id)
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
                self._leave(session, current, on)
        return CHANGED

    def mediator_history(self, mediator_id: str) -> list[MembershipDTO]:
        with self._ctx.db.read() as session:
            return [
                MembershipDTO(m.id, m.team_id, name, m.from_date, m.to_date)
                for m, name in repo.memberships(session, mediator_id)
            ]

    def mediator_trainings(self, mediator_id: str) -> list[tuple[date, str, str]]:
        """(date, title, kind) of the training and materials a mediator received, oldest first."""
        with self._ctx.db.read() as session:
            return [(t.held_on, t.title, t.kind) for t in repo.trainings_of(session, mediator_id)]

    def add_training(self, mediator_id: str, held_on: date, title: str, kind: str = "training") -> Changes:
        title = clean(title)
        if not title:
            raise ValidationError("Chưa nhập nội dung tập huấn hoặc tài liệu.", field="title")
        with self._ctx.db.transaction() as session:
            if repo.mediator(session, mediator_id) is None:
                raise NotFoundError("Không tìm thấy hòa giải viên (có thể đã bị xóa).")
            session.add(MediatorTraining(mediator_id=mediator_id, held_on=held_on, title=title, kind=kind))
        return CHANGED

    # ------------------------------------------------------------------------------- coordination
    def add_coordination(
        self, team_id: str, held_on: date, kind: CoordinationKind, partner: str = "", description: str = ""
    ) -> Changes:
        if held_on > self._today():
            raise ValidationError("Ngày hoạt động phối hợp không được sau hôm nay.", field="held_on")
        with self._ctx.db.transaction() as session:
            if repo.team(session, team_id) is None:
                raise NotFoundError("Không tìm thấy tổ hòa giải (có thể đã bị xóa).")
            session.add(
                MediationCoordination(
                    team_id=team_id,
                    held_on=held_on,
                    kind=CoordinationKind(kind).value,
                    partner=clean(partner),
                    description=clean(description),
                )
            )
        return CHANGED

    def list_coordination(self, year: int, team_id: str | None = None) -> list[CoordinationDTO]:
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
