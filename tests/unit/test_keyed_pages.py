"""Sessions and cases page by key (#17, ``persistence.keyset`` + ``services.core.listing.KeyedPages``): every
page — read in order, by a jump deep into the list, past the end, after a change — holds exactly the rows of
the plain OFFSET query, for every sort and direction, ties included (the demo has cases that two teams
numbered alike on the same day). A small block makes the demo's few hundred rows many blocks."""

from __future__ import annotations

import pytest

from pbgdpl_desktop.persistence.repos import dissemination_session_repo as sessions_repo
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases_repo
from pbgdpl_desktop.services.core.audit import AuditFilter
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.dissemination.sessions import list_filter

BLOCK = 7
ALL = 10_000


def _source(kind: str, services):
    owner = services.dissemination.sessions if kind == "sessions" else services.mediation.cases
    source = owner.list_source()
    source._keyed.block = BLOCK  # a small block: many block starts over the demo's rows
    return source


def _by_offset(kind: str, services, query: ListQuery) -> list[str]:
    """The reference: the list's own OFFSET query over every row."""
    with services.ctx.db.read() as session:
        if kind == "sessions":
            return [r.id for r in sessions_repo.page(session, list_filter(query), 0, ALL)]
        sort = query.sort_key or "received_on"
        rows = cases_repo.page_cases(session, query.filters, [], sort, query.descending, 0, ALL)
        return [r[0] for r in rows]


CASES = [
    ("sessions", "held_on"),
    ("sessions", "attendance_total"),
    ("sessions", "form"),
    ("cases", "received_on"),
    ("cases", "outcome_label"),
    ("cases", "category_label"),
]


@pytest.mark.parametrize(("kind", "sort"), CASES)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_by_key_are_the_offset_pages(demo_services, kind, sort, descending):
    query = ListQuery().with_sort(sort, descending)
    expected = _by_offset(kind, demo_services, query)
    assert len(expected) > 20 * BLOCK and len(set(expected)) == len(expected)
    source = _source(kind, demo_services)
    assert source.count(query) == len(expected)
    read = []
    for offset in range(0, len(expected), BLOCK):  # scrolling down: each page from the key of the one before
        read += [r.id for r in source.page(query, offset, BLOCK)]
    assert read == expected
    source.count(query)  # a fresh count forgets the keys: a jump deep in finds the one it starts from
    for offset in (13 * BLOCK, 5 * BLOCK + 3, 20 * BLOCK, 0):
        assert [r.id for r in source.page(query, offset, BLOCK)] == expected[offset : offset + BLOCK]
    assert list(source.page(query, len(expected) + 5 * BLOCK, BLOCK)) == []  # past the end


def test_a_filter_and_a_change_between_pages(demo_services):
    services = demo_services
    query = ListQuery()
    source = _source("sessions", services)
    total = source.count(query)
    first = source.page(query, 0, BLOCK)
    services.dissemination.sessions.delete(first[0].id)  # the list recounts after a change, then pages again
    assert source.count(query) == total - 1
    expected = _by_offset("sessions", services, query)
    assert [r.id for r in source.page(query, 3 * BLOCK, BLOCK)] == expected[3 * BLOCK : 4 * BLOCK]
    assert [r.id for r in source.page(query, 0, BLOCK)] == expected[:BLOCK]


def test_the_audit_trail_pages_by_key(demo_services):
    """The trail pages newest first by id: the pages after each last id are the whole trail, in order."""
    audit = demo_services.audit
    everything = [item.id for item in audit.entries(limit=100_000)]
    assert len(everything) > 10 * BLOCK
    read: list[int] = []
    before = None
    while page := audit.entries(limit=BLOCK, before_id=before):
        read += [item.id for item in page]
        before = page[-1].id
    assert read == everything
    flt = AuditFilter(module="mediation")
    filtered = [item.id for item in audit.entries(flt, limit=100_000)]
    assert 0 < len(filtered) < len(everything)
    assert [i.id for i in audit.entries(flt, limit=BLOCK, before_id=filtered[BLOCK - 1])] == filtered[
        BLOCK : 2 * BLOCK
    ]


@pytest.mark.parametrize("filters", [{}, {"team_id": "any-team"}])
def test_a_jump_into_the_case_list_walks_an_index_alone(services, filters):
    """#17 (migration 0018_speed_keys): the key of the row before a deep page is found by an OFFSET walk over
    the order's columns (received_on, case_number, id). Before 0018 the indexes lacked the id, so SQLite read
    the table for every row it passed (2.8 s at row 500,000 of 1M); now the walk is index-only, unsorted."""
    from sqlalchemy import select

    from pbgdpl_desktop.persistence import keyset
    from pbgdpl_desktop.persistence.models.mediation import MediationCase

    order = cases_repo._keys("received_on", False)
    stmt = cases_repo._filtered(select(MediationCase.id), filters, [], ordered=True)
    walk = stmt.with_only_columns(*[c for c, _ in order]).order_by(*keyset.order_by(order)).offset(9).limit(1)
    with services.ctx.db.transaction() as session:
        sql = str(walk.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " | ".join(
            str(r[-1]) for r in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)
        )
    assert "USING COVERING INDEX ix_mediation_case_" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
