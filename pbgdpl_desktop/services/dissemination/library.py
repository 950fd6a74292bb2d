"""The catalogue of legal documents (shipped list, unverified rows marked) and the legal bookcase."""

from __future__ import annotations

import csv
import uuid
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, ValidationError
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import checked_text, clean, fold, sort_key
from pbgdpl_desktop.persistence.live import get_live
from pbgdpl_desktop.persistence.models.dissemination import BookcaseItemRow, BookcaseLoanRow, LegalDocumentRow
from pbgdpl_desktop.persistence.repos import dissemination_registry_repo as reg
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.dto import BookcaseItemDTO, LegalDocumentDTO, LoanDTO, gone

_CATALOG_NS = uuid.UUID("6f0b7c1e-3d43-4a8f-9b9e-2c1d5a7e8f10")


def catalog_id(number: str, title: str) -> str:
    """Same id on every PC for a shipped catalogue row, so that sync merges instead of duplicating."""
    return str(uuid.uuid5(_CATALOG_NS, f"{number}|{title}"))


def _iso(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class LibraryService:
    """Catalogue of legal documents (shipped list, unverified rows marked) and the legal bookcase."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure_catalog(self) -> int:
        """Insert the shipped catalogue rows that are missing (stable ids); returns how many were added.
        Nothing to do on a database opened read-only (the writer that holds it adds them)."""
        if self._ctx.db.read_only:
            return 0
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
        number, title = checked_text(number, "number"), checked_text(title, "title")
        if not title:
            raise ValidationError("Tên văn bản: chưa nhập.", field="title")
        with self._ctx.db.transaction() as session:
            if number and any(fold(d.number) == fold(number) for d in reg.documents(session)):
                raise ConflictError(f"Văn bản số {number} đã có trong danh mục.", field="number")
            row = LegalDocumentRow(
                number=number,
                title=title,
                kind=checked_text(kind, "kind"),
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
        title = checked_text(title, "title")
        problems = [] if title else [FieldProblem("title", "Tên sách, tài liệu: chưa nhập.")]
        if not 0 <= copies <= 10_000:
            problems.append(FieldProblem("copies", "Số bản phải từ 0 đến 10.000."))
        if problems:
            raise ValidationError(problems)
        values: dict[str, Any] = {
            "title": title,
            "copies": copies,
            "location": checked_text(location, "location"),
            "document_id": document_id or None,
            "acquired_on": acquired_on,
        }
        with self._ctx.db.transaction() as session:
            row = (
                BookcaseItemRow(**values) if item_id is None else get_live(session, BookcaseItemRow, item_id)
            )
            if row is None:
                raise gone("Đầu sách")
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
        borrower = checked_text(borrower, "borrower")
        if not borrower:
            raise ValidationError("Người mượn: chưa nhập.", field="borrower")
        if loaned_on > self._ctx.clock.today():
            raise ValidationError("Ngày mượn không được sau hôm nay.", field="loaned_on")
        with self._ctx.db.transaction() as session:
            item = get_live(session, BookcaseItemRow, item_id)
            if item is None:
                raise gone("Đầu sách")
            if reg.open_loans_count(session, item_id) >= item.copies:
                raise ConflictError(f"Cả {item.copies} bản của “{item.title}” đang được mượn.")
            row = BookcaseLoanRow(item_id=item_id, borrower=borrower, loaned_on=loaned_on)
            reg.add(session, row)
            dto = LoanDTO(row.id, item_id, borrower, loaned_on, None)
        return dto, Changes.of(DISSEMINATION)

    def give_back(self, loan_id: str, returned_on: date) -> Changes:
        with self._ctx.db.transaction() as session:
            row = get_live(session, BookcaseLoanRow, loan_id)
            if row is None:
                raise gone("Lượt mượn")
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
