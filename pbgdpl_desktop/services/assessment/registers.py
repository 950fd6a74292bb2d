"""The two small registers the standard needs (issue 6 §4): the ward's own legal normative documents
(VBQPPL: assigned or self-determined, deadline, issue date, draft communicated, self-inspected, disclosed)
and information requests (received, due, answered). They feed the ``legal_docs.*`` / ``info_requests.*``
facts. ``AssessmentService.registers`` is the instance the UI uses."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TypeVar

from pbgdpl_desktop.domain.assessment import (
    InfoRequest,
    WardDocument,
    check,
    document_problems,
    request_problems,
)
from pbgdpl_desktop.domain.changes import ASSESSMENT, Changes
from pbgdpl_desktop.domain.errors import NotFoundError
from pbgdpl_desktop.domain.text import clean, clean_input, fold
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.live import get_live, tombstone
from pbgdpl_desktop.persistence.models.assessment import InfoRequest as InfoRequestRow
from pbgdpl_desktop.persistence.models.assessment import WardLegalDocument
from pbgdpl_desktop.persistence.repos import assessment_repo
from pbgdpl_desktop.services.core.context import ServiceContext

T = TypeVar("T")

_DOC_FIELDS = (
    "year",
    "issuer",
    "origin",
    "title",
    "number",
    "deadline",
    "issue_date",
    "draft_required",
    "draft_communicated",
    "self_inspected",
    "disclosed",
    "handled_unlawful",
    "note",
)
_REQ_FIELDS = ("year", "received_on", "due_on", "answered_on", "requester", "content", "note")


def _doc(row: WardLegalDocument) -> WardDocument:
    return WardDocument(**{f: getattr(row, f) for f in _DOC_FIELDS}, id=row.id)


def _req(row: InfoRequestRow) -> InfoRequest:
    return InfoRequest(**{f: getattr(row, f) for f in _REQ_FIELDS}, id=row.id)


class AssessmentRegisters:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ------------------------------------------------------------------ documents
    def documents(self, year: int) -> list[WardDocument]:
        with self._ctx.db.read() as session:
            return [_doc(r) for r in assessment_repo.documents(session, year)]

    def save_document(self, doc: WardDocument) -> tuple[WardDocument, Changes]:
        doc = clean_input(doc)
        doc = replace(doc, title=clean(doc.title), number=clean(doc.number), note=clean(doc.note))
        check(document_problems(doc))
        values = {k: v for k, v in asdict(doc).items() if k in _DOC_FIELDS}
        with self._ctx.db.transaction() as session:
            if doc.id is None:
                row = WardLegalDocument(**values, title_folded=fold(doc.title))
                session.add(row)
            else:
                row = self._get(session, WardLegalDocument, doc.id, "văn bản")
                for key, value in values.items():
                    setattr(row, key, value)
                row.title_folded = fold(doc.title)
            session.flush()
            saved = _doc(row)
        return saved, Changes.of(ASSESSMENT)

    def delete_document(self, doc_id: str) -> Changes:
        return self._tombstone(WardLegalDocument, doc_id, "văn bản")

    # ------------------------------------------------------------------ information requests
    def requests(self, year: int) -> list[InfoRequest]:
        with self._ctx.db.read() as session:
            return [_req(r) for r in assessment_repo.requests(session, year)]

    def save_request(self, req: InfoRequest) -> tuple[InfoRequest, Changes]:
        req = clean_input(req)
        req = replace(req, requester=clean(req.requester), content=clean(req.content), note=clean(req.note))
        check(request_problems(req))
        values = {k: v for k, v in asdict(req).items() if k in _REQ_FIELDS}
        with self._ctx.db.transaction() as session:
            if req.id is None:
                row = InfoRequestRow(**values)
                session.add(row)
            else:
                row = self._get(session, InfoRequestRow, req.id, "yêu cầu")
                for key, value in values.items():
                    setattr(row, key, value)
            session.flush()
            saved = _req(row)
        return saved, Changes.of(ASSESSMENT)

    def delete_request(self, req_id: str) -> Changes:
        return self._tombstone(InfoRequestRow, req_id, "yêu cầu")

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _get(session: DbSession, model: type[T], row_id: str, what: str) -> T:
        row = get_live(session, model, row_id)
        if row is None:
            raise NotFoundError(f"Không tìm thấy {what} cần sửa (có thể đã bị xóa).")
        return row

    def _tombstone(self, model: type, row_id: str, what: str) -> Changes:
        with self._ctx.db.transaction() as session:
            tombstone(self._get(session, model, row_id, what), self._ctx.clock.now())
        return Changes.of(ASSESSMENT)
