"""Certificates from the people (#12 §7): a session's attendee list, typed or pasted names."""

from __future__ import annotations

import sqlite3

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.services.dissemination.attendees import Person, people_from_text
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.builders import session_input
from tests.helpers.pdf import pdf_pages, pdf_text

PASTED = "STT\tHọ và tên\tĐơn vị\r\n1\tTrần Văn An\tTổ dân phố số 5\r\n2\tLê Thị Hà\tTrường THCS\r\n\r\n"


def test_pasted_block_from_excel_gives_people_without_header_or_serial():
    assert people_from_text(PASTED) == [
        Person("Trần Văn An", "Tổ dân phố số 5"),
        Person("Lê Thị Hà", "Trường THCS"),
    ]
    assert people_from_text("Nguyễn Văn Bình\nPhạm Thị Cúc; Thôn 3") == [
        Person("Nguyễn Văn Bình"),
        Person("Phạm Thị Cúc", "Thôn 3"),
    ]


def test_attendee_list_is_replaced_and_kept_with_tombstones(services):
    session, _ = services.dissemination.sessions.save(session_input())
    attendees = services.dissemination.attendees
    attendees.replace(session.id, [Person("Trần Văn An", "Tổ 5"), Person("  "), Person("Lê\u0007 Thị Hà")])
    assert attendees.of(session.id) == [Person("Trần Văn An", "Tổ 5"), Person("Lê Thị Hà")]
    attendees.replace(session.id, [Person("Đỗ Văn Cường")])
    assert attendees.of(session.id) == [Person("Đỗ Văn Cường")]
    with sqlite3.connect(services.ctx.db.path) as con:
        dead = con.execute(
            "SELECT count(*) FROM dissemination_attendee WHERE deleted_at IS NOT NULL"
        ).fetchone()[0]
    assert dead == 2  # a sync bundle sees the removal
    with pytest.raises(ValidationError, match="quá dài"):
        attendees.replace(session.id, [Person("A" * 121)])
    assert attendees.of(session.id) == [Person("Đỗ Văn Cường")]  # a refusal changes nothing


def test_certificates_from_typed_names_and_from_a_sessions_attendees(services, tmp_path):
    typed = services.reports.generate(
        ReportRequest(
            "certificates",
            2026,
            target=tmp_path / "typed.pdf",
            people=(("Trần Văn An", "Tổ dân phố số 5"), ("Lê Thị Hà", "")),
        )
    )
    assert pdf_pages(typed.path) == 2
    assert "Trần Văn An" in pdf_text(typed.path) and "Lê Thị Hà" in pdf_text(typed.path)

    session, _ = services.dissemination.sessions.save(session_input())
    with pytest.raises(ValidationError, match="chưa có danh sách"):
        services.reports.generate(ReportRequest("certificates", 2026, session_id=session.id))
    services.dissemination.attendees.replace(session.id, people_from_text(PASTED))
    listed = services.reports.generate(
        ReportRequest("certificates", 2026, target=tmp_path / "session.pdf", session_id=session.id)
    )
    assert pdf_pages(listed.path) == 2
    text = pdf_text(listed.path)
    assert "Trần Văn An" in text and "Trường THCS" in text
    with pytest.raises(ValidationError, match="cần danh sách người: tệp danh sách tên"):
        services.reports.generate(ReportRequest("certificates", 2026))
