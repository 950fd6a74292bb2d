"""Clean text in (issue #11 points 5 and 8): one cleaning rule per field kind, bounded integers and dates,
search boxes that never fail, and the raw errors found by a hostile tester turned into Vietnamese messages."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, LedgerQuery
from pbgdpl_desktop.domain.text import (
    TextRule,
    checked_int,
    checked_text,
    clean_input,
    search_words,
)
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.dissemination.dto import SessionQuery
from tests.builders import add_team, case_input, staffed_team


# ------------------------------------------------------------------------------------------- the rules
def test_single_line_fields_lose_every_control_character():
    assert checked_text(" Nguye\u0302\u0303n\tVăn\nAn\x00\x07 \x7f", "full_name") == "Nguyễn Văn An"


def test_multi_line_fields_keep_tabs_and_newlines_only():
    assert checked_text("Dòng 1\r\n\tDòng 2  \rDòng 3\x00\x0b\x1b", "notes") == "Dòng 1\n\tDòng 2\nDòng 3"


def test_lone_surrogates_are_refused_naming_the_field():
    with pytest.raises(ValidationError) as info:
        checked_text("Nguyễn \ud83d Văn", "full_name")
    assert info.value.field == "full_name"
    assert info.value.message.startswith("Họ và tên: có ký tự không hợp lệ")


def test_too_long_text_says_the_bound():
    with pytest.raises(ValidationError, match=r"^Tiêu đề quá dài \(tối đa 500 ký tự\)\.$"):
        checked_text("x" * 501, "title")
    assert checked_text("x" * 500, "title") == "x" * 500
    with pytest.raises(ValidationError, match=r"Tên lớp quá dài \(tối đa 10 ký tự\)"):
        checked_text("x" * 10_000_000, "course", TextRule("Tên lớp", 10))


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("amount", 10**12 + 1, "Số tiền quá lớn (tối đa 1.000.000.000.000)"),
        ("amount", -1, "Số tiền không được âm"),
        ("attendance_total", 2**63, "Tổng số người tham dự quá lớn (tối đa 1.000.000)"),
        ("case_number", 0, "Số thứ tự vụ việc không được nhỏ hơn 1"),
        ("anything", 10**100, "quá lớn"),
    ],
)
def test_integers_are_bounded(field, value, fragment):
    with pytest.raises(ValidationError) as info:
        checked_int(value, field)
    assert fragment in info.value.message


def test_clean_input_reports_every_problem_at_once():
    draft = ExpenditureDraft(
        date(1, 1, 1), "c", FundingSource.COMMUNE, 10**30, description="a\ud800", payee="p" * 300
    )
    with pytest.raises(ValidationError) as info:
        clean_input(draft)
    fields = {p.field for p in info.value.problems}
    assert fields == {"spent_on", "amount", "description", "payee"}


def test_search_words_are_bounded_and_never_fail():
    words = search_words("Nguyễn \ud800 %_ " + "từ " * 100_000)
    assert words[:3] == ["nguyen", "%_", "tu"] and len(words) <= 10
    assert search_words("\x00\x01") == [] and search_words(None) == []


# ---------------------------------------------------------------------- point 8 through the services
HUGE_SEARCH = "a%b_c " * 20_000 + "\ud800" + "x" * 100_000


def test_a_huge_search_never_raises_in_any_list(services):
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids))
    assert services.mediation.cases.list_source().count(ListQuery(search=HUGE_SEARCH)) == 0
    assert services.mediation.cases.list_source().page(ListQuery(search=HUGE_SEARCH), 0, 50) == []
    source = services.dissemination.sessions.list_source()
    assert source.count(SessionQuery(search=HUGE_SEARCH)) == 0
    assert source.page(SessionQuery(search=HUGE_SEARCH), 0, 50) == []
    assert services.finance.ledger.count(LedgerQuery(text=HUGE_SEARCH)) == 0


def test_a_pattern_too_complex_for_sqlite_becomes_a_vietnamese_message(services):
    """The net under the services: SQLite's own "LIKE or GLOB pattern too complex" is translated."""
    with pytest.raises(ValidationError, match="Nội dung tìm kiếm quá dài"):
        with services.ctx.db.read() as session:
            session.execute(text("SELECT 'a' LIKE :p"), {"p": "%" * 60_000})


def test_integer_overflow_becomes_a_vietnamese_message_and_nothing_is_saved(services):
    with pytest.raises(ValidationError, match="Số nhập vào quá lớn"):
        with services.ctx.db.transaction() as session:
            session.execute(text("CREATE TEMP TABLE t (n INTEGER)"))
            session.execute(text("INSERT INTO t VALUES (:n)"), {"n": 2**70})
    before = services.finance.ledger.count(LedgerQuery())
    category = services.finance.catalogue.categories()[0]
    with pytest.raises(ValidationError, match="Số tiền quá lớn"):
        services.finance.ledger.save(
            ExpenditureDraft(date(2026, 3, 1), category.id, FundingSource.COMMUNE, 2**70, quantity=1)
        )
    assert services.finance.ledger.count(LedgerQuery()) == before


def test_a_lone_surrogate_becomes_a_vietnamese_message_and_nothing_is_saved(services):
    with pytest.raises(ValidationError, match="ký tự không hợp lệ"):
        with services.ctx.db.transaction() as session:
            session.execute(text("CREATE TEMP TABLE s (v TEXT)"))
            session.execute(text("INSERT INTO s VALUES (:v)"), {"v": "a\udc80"})
    with pytest.raises(ValidationError) as info:
        add_team(services, "Tổ \ud800 số 9")
    assert info.value.field == "name" and "ký tự không hợp lệ" in info.value.message
    assert services.mediation.teams.all() == []
