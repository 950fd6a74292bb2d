"""The case list as a Qt-free paged source (``services.core.listing.PagedSource``): count and pages in SQL.

Filters (``ListQuery.filters``): ``team_id``, ``year``, ``outcome``, ``category``. The search text is folded
(no diacritics, lower case) and every word must occur in the case's folded search column."""

from __future__ import annotations

from collections.abc import Sequence

from pbgdpl_desktop.domain.mediation import CaseCategory, CaseOutcome
from pbgdpl_desktop.domain.text import search_words as domain_search_words
from pbgdpl_desktop.persistence.repos import mediation_case_repo as cases
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.listing import KeyedPages, ListQuery
from pbgdpl_desktop.services.mediation.dto import CaseRow

_CATEGORY = {c.value: c.label for c in CaseCategory}
_OUTCOME = {o.value: o.label for o in CaseOutcome}


# Very frequent parts of Vietnamese names: tested last, so that SQLite's AND stops early on the rarer words
# ("dang van quy" is checked as quy → dang → van; 20 % faster over a million cases, same result).
COMMON_WORDS = frozenset(
    "van thi nguyen tran le pham hoang huynh vu vo dang bui do ho ngo duong ly phan duc minh thanh ngoc huu "
    "quang cong thu".split()
)


def search_words(text: str) -> list[str]:
    """Folded words of the search box, rarest-looking first (each must occur; order does not change results)."""
    words = domain_search_words(text)
    return sorted(words, key=lambda w: (w in COMMON_WORDS, -len(w)))


def _key(query: ListQuery) -> tuple:
    return (query.search, tuple(sorted(query.filters.items())), query.sort_key, query.descending)


class CaseListSource:
    """Without a search: count and pages straight from SQL (index walks). With a search: ``count`` reads the
    matches once (up to ``SEARCH_CACHE`` of them) with their sort keys and orders them; pages are then read by
    id, so scrolling deep into the results stays fast (an OFFSET walk re-tests every row before it: seconds
    over a million cases). A search matching more falls back to SQL pages, which find dense matches quickly."""

    SEARCH_CACHE = 20_000

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._team_names: dict[str, str] | None = None
        self._search_ids: tuple[tuple, list[str]] | None = None
        self._keyed = KeyedPages()  # pages without a cached search: by key at any depth

    def count(self, query: ListQuery) -> int:
        self._team_names = None  # a new query: teams may have been renamed
        self._search_ids = None
        self._keyed.refresh(self._ctx.data_version())  # forgets the keys and counts if the records changed
        words = search_words(query.search)
        with self._ctx.db.read() as session:
            if words:
                keys = cases.search_keys(
                    session, query.filters, words, query.sort_key or "received_on", self.SEARCH_CACHE + 1
                )
                if len(keys) <= self.SEARCH_CACHE:
                    keys.sort(key=lambda k: (k[1], k[2]), reverse=query.descending)
                    self._search_ids = (_key(query), [k[0] for k in keys])
                    return len(keys)

        def counted() -> int:
            with self._ctx.db.read() as session:
                return cases.count_cases(session, query.filters, words)

        return self._keyed.count(_key(query), counted)

    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[CaseRow]:
        with self._ctx.db.read() as session:
            if self._team_names is None:
                self._team_names = cases.team_names(session)
            if self._search_ids is not None and self._search_ids[0] == _key(query):
                rows = cases.rows_by_ids(session, self._search_ids[1][offset : offset + limit])
            else:
                words = search_words(query.search)
                sort = query.sort_key or "received_on"
                rows = self._keyed.page(
                    _key(query),
                    offset,
                    limit,
                    after=lambda key, skip, n: cases.page_cases_after(
                        session, query.filters, words, sort, query.descending, key, skip, n
                    ),
                    key_at=lambda key, n, back: cases.case_key_at(
                        session, query.filters, words, sort, query.descending, n, key, backwards=back
                    ),
                    by_offset=lambda start, n: cases.page_cases(
                        session, query.filters, words, sort, query.descending, start, n
                    ),
                )
        names = self._team_names
        return [
            CaseRow(
                id=r[0],
                number_text=f"{r[1]}/{r[2]}",
                team_name=names.get(r[3], ""),
                received_on=r[4],
                category_label=_CATEGORY.get(r[5], r[5]),
                parties=r[6],
                outcome=r[7],
                outcome_label=_OUTCOME.get(r[7], r[7]),
                result_date=r[8],
            )
            for r in rows
        ]
