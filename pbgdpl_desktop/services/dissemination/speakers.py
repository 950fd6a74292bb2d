"""Báo cáo viên and tuyên truyền viên pháp luật with their trainings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dissemination import SpeakerInput, SpeakerRole, SpeakerStatus, date_problems
from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.text import checked_text, clean_input, fold, person_sort_key
from pbgdpl_desktop.persistence.live import get_live, tombstone
from pbgdpl_desktop.persistence.models.dissemination import SpeakerRow, SpeakerTrainingRow
from pbgdpl_desktop.persistence.repos import dissemination_registry_repo as reg
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.dto import SpeakerDTO, TrainingDTO, gone
from pbgdpl_desktop.services.dissemination.sessions import detach_speaker, refresh_speaker_texts


class SpeakerTrainingDraft(NamedTuple):
    """A training of a speaker to record, as ``add_training`` takes it."""

    speaker_id: str
    trained_on: date
    course: str
    hours: int
    online: bool = False


def _training_dto(t: SpeakerTrainingRow) -> TrainingDTO:
    return TrainingDTO(t.id, t.speaker_id, t.trained_on, t.course, t.hours, t.online)


class SpeakerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def all(self) -> list[SpeakerDTO]:
        with self._ctx.db.read() as session:
            trainings: dict[str, list[TrainingDTO]] = {}
            for t in reg.trainings(session):
                trainings.setdefault(t.speaker_id, []).append(_training_dto(t))
            rows = reg.speakers(session)
            out = [SpeakerDTO(r.id, _speaker_input(r), tuple(trainings.get(r.id, ()))) for r in rows]
        return sorted(out, key=lambda s: person_sort_key(s.full_name))

    def save(self, data: SpeakerInput, speaker_id: str | None = None) -> tuple[SpeakerDTO, Changes]:
        data = clean_input(data).checked(self._ctx.clock.today())
        values = {
            "full_name": data.full_name,
            "name_fold": fold(data.full_name),
            "role": data.role.value,
            "decision_number": data.decision_number,
            "decision_date": data.decision_date,
            "unit": data.unit,
            "phone": data.phone,
            "status": data.status.value,
            "ended_on": data.ended_on,
        }
        with self._ctx.db.transaction() as session:
            if speaker_id is None:
                row = SpeakerRow(**values)
                reg.add(session, row)
            else:
                found = get_live(session, SpeakerRow, speaker_id)
                if found is None:
                    raise gone("Người")
                row = found
                renamed = row.full_name != data.full_name
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
                if renamed:
                    refresh_speaker_texts(session, row.id)
            trainings = tuple(_training_dto(t) for t in reg.trainings(session, row.id))
            dto = SpeakerDTO(row.id, _speaker_input(row), trainings)
        return dto, Changes.of(DISSEMINATION)

    def delete(self, speaker_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = get_live(session, SpeakerRow, speaker_id)
            if row is None:
                raise gone("Người")
            detach_speaker(session, row.id, row.full_name, self._ctx.clock.now())
            tombstone(row, self._ctx.clock.now())
        return Changes.of(DISSEMINATION)

    def add_training(
        self, speaker_id: str, trained_on: date, course: str, hours: int, *, online: bool = False
    ) -> tuple[TrainingDTO, Changes]:
        course = self._checked_course(trained_on, course, hours)
        with self._ctx.db.transaction() as session:
            if get_live(session, SpeakerRow, speaker_id) is None:
                raise gone("Người")
            row = SpeakerTrainingRow(
                speaker_id=speaker_id, trained_on=trained_on, course=course, hours=hours, online=online
            )
            reg.add(session, row)
            dto = _training_dto(row)
        return dto, Changes.of(DISSEMINATION)

    def add_trainings(self, drafts: Sequence[SpeakerTrainingDraft]) -> Changes:
        """Many trainings as ONE transaction (the demo ward, #17 §5): each checked as by ``add_training``, in
        order, with the speakers read once and one statement for the rows; all or none are kept."""
        if not drafts:
            return Changes()
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            speakers = reg.live_speaker_ids(session, (d.speaker_id for d in drafts))
            rows = []
            for draft in drafts:
                course = self._checked_course(draft.trained_on, draft.course, draft.hours)
                if draft.speaker_id not in speakers:
                    raise gone("Người")
                rows.append(draft._replace(course=course)._asdict())
            reg.insert_speaker_trainings(session, rows, now)
        return Changes.of(DISSEMINATION)

    def _checked_course(self, trained_on: date, course: str, hours: int) -> str:
        """The course's name cleaned; ``ValidationError`` for a bad date, name or number of hours."""
        course = checked_text(course, "course")
        problems = date_problems(
            trained_on, self._ctx.clock.today(), field="trained_on", label="Ngày tập huấn"
        )
        if trained_on and trained_on > self._ctx.clock.today():
            problems = [FieldProblem("trained_on", "Ngày tập huấn không được sau hôm nay.")]
        if not course:
            problems.append(FieldProblem("course", "Tên lớp tập huấn, bồi dưỡng: chưa nhập."))
        if not 0 <= hours <= 2000:
            problems.append(FieldProblem("hours", "Số giờ tập huấn phải từ 0 đến 2000."))
        if problems:
            raise ValidationError(problems)
        return course

    def delete_training(self, training_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = get_live(session, SpeakerTrainingRow, training_id)
            if row is None:
                raise gone("Lượt tập huấn")
            tombstone(row, self._ctx.clock.now())
        return Changes.of(DISSEMINATION)


def _speaker_input(r: SpeakerRow) -> SpeakerInput:
    return SpeakerInput(
        r.full_name,
        SpeakerRole(r.role),
        r.decision_number,
        r.decision_date,
        r.unit,
        r.phone,
        SpeakerStatus(r.status),
        r.ended_on,
    )
