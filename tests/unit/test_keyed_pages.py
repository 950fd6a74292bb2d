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
    source._keyed.clear()  # as after a change: jumps deep in find the keys they start from
    assert source.count(query) == len(expected)
    # from the top, the bottom (backwards), or the nearest key found before or after (13 → 20, 5 from the top …)
    near_end = (len(expected) - 2 * BLOCK) // BLOCK * BLOCK
    for offset in (
        13 * BLOCK,
        5 * BLOCK + 3,
        near_end,
        20 * BLOCK,
        24 * BLOCK + 1,
        23 * BLOCK,
        17 * BLOCK,
        0,
    ):
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


class _Walks:
    """The callables a source hands to ``KeyedPages.page`` over a plain list of keys (1…n): what the list's SQL
    does, on a list, so the test sees which walks are asked for."""

    def __init__(self, n: int) -> None:
        self.rows = list(range(1, n + 1))
        self.walks: list[tuple[int | None, int]] = []

    def after(self, key, skip, limit):
        start = 0 if key is None else self.rows.index(key[0]) + 1
        rows = self.rows[start + skip : start + skip + limit]
        return rows, ((rows[-1],) if rows else None)

    def key_at(self, key, n, backwards):
        self.walks.append((None if key is None else key[0], -n if backwards else n))
        if backwards:
            index = (len(self.rows) if key is None else self.rows.index(key[0])) - n
        else:
            index = (0 if key is None else self.rows.index(key[0]) + 1) + n - 1
        return (self.rows[index],) if 0 <= index < len(self.rows) else None

    def by_offset(self, offset, limit):
        return self.rows[offset : offset + limit]

    def page(self, keyed, offset, limit=10):
        return keyed.page("q", offset, limit, after=self.after, key_at=self.key_at, by_offset=self.by_offset)


def test_a_jump_walks_from_the_nearest_known_key_and_keys_outlive_a_count_of_the_same_data():
    """#17 §3: a jump walks only from the nearest place whose key is known — the top, a key found before on
    either side, the bottom once counted —, and what is known (keys, counts) stays valid while the data version
    does; before, every count forgot it and each jump walked from the top."""
    from pbgdpl_desktop.services.core.listing import KeyedPages

    walks = _Walks(10_000)
    keyed = KeyedPages(block=10)
    keyed.refresh(1)
    assert walks.page(keyed, 5_000) == list(range(5_001, 5_011))
    assert walks.walks == [(None, 5_000)]  # the first jump: from the top (not counted: the bottom is unknown)
    assert walks.page(keyed, 8_000) == list(range(8_001, 8_011))
    assert walks.walks[-1] == (5_010, 2_990)  # from the key the page at 5,000 ended on
    assert walks.page(keyed, 2_000) == list(range(2_001, 2_011))
    assert walks.walks[-1] == (None, 2_000)  # nearer the top than the key at 5,000
    assert walks.page(keyed, 4_900) == list(range(4_901, 4_911))
    assert walks.walks[-1] == (5_000, -100)  # backwards from the key at 5,000
    assert keyed.count("q", lambda: 10_000) == 10_000
    assert walks.page(keyed, 9_500) == list(range(9_501, 9_511))
    assert walks.walks[-1] == (None, -501)  # backwards from the bottom, now that the count is known
    keyed.refresh(1)  # a count of the same records: nothing forgotten
    assert keyed.count("q", lambda: -1) == 10_000
    known = len(walks.walks)
    for offset in (2_000, 4_900, 5_000, 8_000, 9_500):
        assert walks.page(keyed, offset)[0] == offset + 1
    assert len(walks.walks) == known  # every jump back went by a known key
    walks.rows.remove(5)
    keyed.refresh(2)  # the records changed: the keys and the count are forgotten
    assert keyed.count("q", lambda: len(walks.rows)) == 9_999
    assert walks.page(keyed, 8_000)[0] == 8_002
    assert walks.walks[-1] == (
        None,
        -2_000,
    )  # walked again, from the bottom (a key kept would be one row off)
    assert walks.page(keyed, 99_990) == []  # past the end: the OFFSET page
