"""The ledger list pages by key (#17): every page, read in order, by a jump deep into the list, or after a
change, holds exactly the rows the plain OFFSET query gives — for every sort and direction, with ties."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.finance import FundingSource
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.finance.ledger import LedgerSource, ledger_query
from tests.builders import expenditure_draft

ROWS = 530  # not a multiple of the block: the last page is short
BLOCK = LedgerSource.BLOCK


@pytest.fixture
def ledger(services):
    drafts = [
        expenditure_draft(
            services,
            "KHAC",
            date(2026, 1 + i % 11, 1 + i % 5),  # many rows share a date (and the clock: created_at)
            100_000 * (1 + i % 7),  # … and an amount
            f"Khoản chi {i}",
            source=FundingSource.COMMUNE if i % 3 else FundingSource.SPONSOR,
            payee=["Lê Thị Mai", "Trần Văn Bình", ""][i % 3],
            voucher_number=f"PC{i % 40:03d}",
        )
        for i in range(ROWS)
    ]
    services.finance.ledger.save_many(drafts)
    return services.finance.ledger


def _by_offset(ledger, query: ListQuery) -> list[str]:
    return [e.id for e in ledger.page(ledger_query(query), 0, ROWS + 10)]


@pytest.mark.parametrize("sort", ["spent_on", "amount", "voucher_number", "payee", "category_name"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_by_key_are_the_offset_pages(ledger, sort, descending):
    query = ListQuery().with_sort(sort, descending)
    expected = _by_offset(ledger, query)
    assert len(expected) == ROWS and len(set(expected)) == ROWS
    source = ledger.list_source()
    assert source.count(query) == ROWS
    read = []
    for offset in range(0, ROWS, BLOCK):  # scrolling down: each page from the key of the one before
        read += [e.id for e in source.page(query, offset, BLOCK)]
    assert read == expected


@pytest.mark.parametrize("sort", ["spent_on", "payee", "category_name"])
def test_a_jump_deep_into_the_list(ledger, sort):
    query = ListQuery(search="khoan chi").with_sort(sort, True)
    expected = _by_offset(ledger, query)
    source = ledger.list_source()
    source.count(query)
    for offset in (2 * BLOCK, BLOCK, 2 * BLOCK + 17, 0):  # no page before read: keys from one SQL pass
        assert [e.id for e in source.page(query, offset, BLOCK)] == expected[offset : offset + BLOCK]
    assert source.page(query, 10 * BLOCK, BLOCK) == []  # past the end


def test_filters_and_a_change_between_pages(ledger, services):
    query = ListQuery().with_filter("source", FundingSource.SPONSOR.value)
    source = ledger.list_source()
    total = source.count(query)
    first = source.page(query, 0, BLOCK)
    assert all(e.source is FundingSource.SPONSOR for e in first) and total == len(_by_offset(ledger, query))
    ledger.delete(first[0].id)  # the list recounts after a change, then pages again
    assert source.count(query) == total - 1
    expected = _by_offset(ledger, query)
    assert [e.id for e in source.page(query, 0, BLOCK)] == expected[:BLOCK]
    assert [e.id for e in source.page(query, BLOCK, BLOCK)] == expected[BLOCK : 2 * BLOCK]
