"""Speakers and propagandists with their trainings; the catalogue of legal documents; the legal bookcase."""

from __future__ import annotations

import csv
import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dissemination import SpeakerRole, SpeakerStatus, date_problems
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import clean, fold, person_sort_key, sort_key
from pbgdpl_desktop.persistence.models.dissemination import (
    BookcaseItemRow,
    BookcaseLoanRow,
    LegalDocumentRow,
    SpeakerRow,
    SpeakerTrainingRow,
)
from pbgdpl_desktop.persistence.repos import dissemination_registry as reg
from pbgdpl_desktop.services.context import ServiceContext
from pbgdpl_desktop.services.dissemination_dto import (
    BookcaseItemDTO,
    LegalDocumentDTO,
    LoanDTO,
    SpeakerDTO,
    SpeakerInput,
    TrainingDTO,
)
from pbgdpl_desktop.services.dissemination_sessions import detach_speaker, refresh_speaker_texts

_CATALOG_NS = uuid.UUID("6f0b7c1e-3d43-4a8f-9b9e-2c1d5a7e8f10")


def catalog_id(number: str, title: str) -> str:
    """Same id on every PC for a shipped catalogue row, so that sync merges instead of duplicating."""
    return str(uuid.uuid5(_CATALOG_NS, f"{number}|{title}"))


def _iso(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _not_found(what: str) -> NotFoundError:
    return NotFoundError(f"{what} này không còn (có thể đã bị xóa).")


def _training_dto(t: SpeakerTrainingRow) -> TrainingDTO:
    return TrainingDTO(t.id, t.speaker_id, t.trained_on, t.course, t.hours, t.online)


class SpeakerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self) -> list[SpeakerDTO]:
        with self._ctx.db.read() as session:
            trainings: dict[str, list[TrainingDTO]] = {}
            for t in reg.trainings(session):
                trainings.setdefault(t.speaker_id, []).append(_training_dto(t))
            rows = reg.speakers(session)
            out = [SpeakerDTO(r.id, _speaker_input(r), tuple(trainings.get(r.id, ()))) for r in rows]
        return sorted(out, key=lambda s: person_sort_key(s.full_name))

    def save(self, data: SpeakerInput, speaker_id: str | None = None) -> tuple[SpeakerDTO, Changes]:
        data = self._checked(data)
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
                row = reg.get_live(session, SpeakerRow, speaker_id)
                if row is None:
                    raise _not_found("Người")
                renamed = row.full_name != data.full_name
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
                if renamed:
                    refresh_speaker_texts(session, row.id)
            trainings = tuple(_training_dto(t) for t in reg.trainings(session, row.id))
            dto = SpeakerDTO(row.id, _speaker_input(row), trainings)
        return dto, Changes.of(DISSEMINATION)

    def _checked(self, data: SpeakerInput) -> SpeakerInput:
        data = replace(
            data,
            full_name=clean(data.full_name),
            decision_number=clean(data.decision_number),
            unit=clean(data.unit),
            phone=clean(data.phone),
            role=SpeakerRole(data.role),
            status=SpeakerStatus(data.status),
        )
        today = self._ctx.clock.today()
        problems: list[FieldProblem] = []
        if not data.full_name:
            problems.append(FieldProblem("full_name", "Họ và tên: chưa nhập."))
        if data.phone and not all(ch.isdigit() or ch in " +.-()" for ch in data.phone):
            problems.append(
                FieldProblem(
                    "phone", f"Số điện thoại “{data.phone}” chỉ được có chữ số, dấu cách, + . - ( )."
                )
            )
        if data.decision_date and data.decision_date > today:
            problems.append(
                FieldProblem("decision_date", "Ngày quyết định công nhận không được sau hôm nay.")
            )
        if data.ended_on and data.ended_on > today:
            problems.append(FieldProblem("ended_on", "Ngày thôi làm nhiệm vụ không được sau hôm nay."))
        if problems:
            raise ValidationError(problems)
        if data.ended_on and data.status is SpeakerStatus.ACTIVE:
            data = replace(data, status=SpeakerStatus.INACTIVE)
        return data

    def delete(self, speaker_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = reg.get_live(session, SpeakerRow, speaker_id)
            if row is None:
                raise _not_found("Người")
            detach_speaker(session, row.id, row.full_name, self._ctx.clock.now())
            row.deleted_at = self._ctx.clock.now()
        return Changes.of(DISSEMINATION)

    def add_training(
        self, speaker_id: str, trained_on: date, course: str, hours: int, *, online: bool = False
    ) -> tuple[TrainingDTO, Changes]:
        course = clean(course)
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
        with self._ctx.db.transaction() as session:
            if reg.get_live(session, SpeakerRow, speaker_id) is None:
                raise _not_found("Người")
            row = SpeakerTrainingRow(
                speaker_id=speaker_id, trained_on=trained_on, course=course, hours=hours, online=online
            )
            reg.add(session, row)
            dto = _training_dto(row)
        return dto, Changes.of(DISSEMINATION)

    def delete_training(self, training_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = reg.get_live(session, SpeakerTrainingRow, training_id)
            if row is None:
                raise _not_found("Lượt tập huấn")
            row.deleted_at = self._ctx.clock.now()
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


class LibraryService:
    """Catalogue of legal documents (shipped list, unverified rows marked) and the legal bookcase."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure_catalog(self) -> int:
        """Insert the shipped catalogue rows that are missing (stable ids); returns how many were added."""
        with open(resource("data", "legal_documents_catalog.csv"), encoding="utf-8", newline="") as fh:
            shipped = list(csv.DictReader(fh))
        with self._ctx.db.transaction() as session:
            have = reg.document_ids(session)
            rows = []
            for r in shipped:
                doc_id = catalog_id(r["number"], r["title"])
                if doc_id in have:
                    continue
                rows.append(
                    {
                        "id": doc_id,
                        "number": clean(r["number"]),
                        "title": clean(r["title"]),
                        "kind": r["kind"],
                        "adopted_on": _iso(r["adopted"]),
                        "effective_on": _iso(r["effective"]),
                        "verified": r["verified"] == "yes",
                        "source": clean(r["source"]),
                        "user_added": False,
                    }
                )
            session.add_all(LegalDocumentRow(**r) for r in rows)
        return len(rows)

    def documents(self) -> list[LegalDocumentDTO]:
        with self._ctx.db.read() as session:
            rows = reg.documents(session)
            out = [
                LegalDocumentDTO(
                    r.id,
                    r.number,
                    r.title,
                    r.kind,
                    r.adopted_on,
                    r.effective_on,
                    r.verified,
                    r.source,
                    r.user_added,
                )
                for r in rows
            ]
        return sorted(out, key=lambda d: (-(d.adopted_on or date.min).toordinal(), sort_key(d.title)))

    def add_document(
        self,
        number: str,
        title: str,
        kind: str = "",
        adopted_on: date | None = None,
        effective_on: date | None = None,
    ) -> tuple[LegalDocumentDTO, Changes]:
        number, title = clean(number), clean(title)
        if not title:
            raise ValidationError("Tên văn bản: chưa nhập.", field="title")
        with self._ctx.db.transaction() as session:
            if number and any(fold(d.number) == fold(number) for d in reg.documents(session)):
                raise ConflictError(f"Văn bản số {number} đã có trong danh mục.", field="number")
            row = LegalDocumentRow(
                number=number,
                title=title,
                kind=clean(kind),
                adopted_on=adopted_on,
                effective_on=effective_on,
                verified=False,
                source="Người dùng nhập",
                user_added=True,
            )
            reg.add(session, row)
            dto = LegalDocumentDTO(
                row.id, number, title, row.kind, adopted_on, effective_on, False, row.source, True
            )
        return dto, Changes.of(DISSEMINATION)

    # ---------------------------------------------------------------- bookcase
    def bookcase(self) -> list[BookcaseItemDTO]:
        with self._ctx.db.read() as session:
            return [
                BookcaseItemDTO(
                    r.id,
                    r.title,
                    r.document_id,
                    r.copies,
                    r.location,
                    r.acquired_on,
                    reg.open_loans_count(session, r.id),
                )
                for r in reg.bookcase_items(session)
            ]

    def save_item(
        self,
        title: str,
        copies: int,
        location: str = "",
        document_id: str | None = None,
        acquired_on: date | None = None,
        item_id: str | None = None,
    ) -> tuple[BookcaseItemDTO, Changes]:
        title = clean(title)
        problems = [] if title else [FieldProblem("title", "Tên sách, tài liệu: chưa nhập.")]
        if not 0 <= copies <= 10_000:
            problems.append(FieldProblem("copies", "Số bản phải từ 0 đến 10.000."))
        if problems:
            raise ValidationError(problems)
        values: dict[str, Any] = {
            "title": title,
            "copies": copies,
            "location": clean(location),
            "document_id": document_id or None,
            "acquired_on": acquired_on,
        }
        with self._ctx.db.transaction() as session:
            row = (
                BookcaseItemRow(**values)
                if item_id is None
                else reg.get_live(session, BookcaseItemRow, item_id)
            )
            if row is None:
                raise _not_found("Đầu sách")
            for key, value in values.items():
                setattr(row, key, value)
            reg.add(session, row)
            dto = BookcaseItemDTO(
                row.id,
                row.title,
                row.document_id,
                row.copies,
                row.location,
                row.acquired_on,
                reg.open_loans_count(session, row.id),
            )
        return dto, Changes.of(DISSEMINATION)

    def lend(self, item_id: str, borrower: str, loaned_on: date) -> tuple[LoanDTO, Changes]:
        borrower = clean(borrower)
        if not borrower:
            raise ValidationError("Người mượn: chưa nhập.", field="borrower")
        if loaned_on > self._ctx.clock.today():
            raise ValidationError("Ngày mượn không được sau hôm nay.", field="loaned_on")
        with self._ctx.db.transaction() as session:
            item = reg.get_live(session, BookcaseItemRow, item_id)
            if item is None:
                raise _not_found("Đầu sách")
            if reg.open_loans_count(session, item_id) >= item.copies:
                raise ConflictError(f"Cả {item.copies} bản của “{item.title}” đang được mượn.")
            row = BookcaseLoanRow(item_id=item_id, borrower=borrower, loaned_on=loaned_on)
            reg.add(session, row)
            dto = LoanDTO(row.id, item_id, borrower, loaned_on, None)
        return dto, Changes.of(DISSEMINATION)

    def give_back(self, loan_id: str, returned_on: date) -> Changes:
        with self._ctx.db.transaction() as session:
            row = reg.get_live(session, BookcaseLoanRow, loan_id)
            if row is None:
                raise _not_found("Lượt mượn")
            if returned_on < row.loaned_on or returned_on > self._ctx.clock.today():
                raise ValidationError("Ngày trả phải từ ngày mượn đến hôm nay.", field="returned_on")
            row.returned_on = returned_on
        return Changes.of(DISSEMINATION)

    def loans(self, item_id: str | None = None) -> list[LoanDTO]:
        with self._ctx.db.read() as session:
            return [
                LoanDTO(r.id, r.item_id, r.borrower, r.loaned_on, r.returned_on)
                for r in reg.loans(session, item_id)
            ]
