"""Qt-free contract for long lists: a source counts and pages rows in SQL for a query.

The UI's ``PagedTableModel`` holds only the count and a block cache and asks the source for pages; filters and
sorting are re-run in SQL (no proxy model over all rows). Row DTOs are frozen dataclasses with an ``id``."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort_key: str = ""
    descending: bool = True

    def with_search(self, text: str) -> ListQuery:
        return replace(self, search=text)

    def with_filter(self, key: str, value: Any) -> ListQuery:
        filters = dict(self.filters)
        if value is None or value == "":
            filters.pop(key, None)
        else:
            filters[key] = value
        return replace(self, filters=filters)

    def with_sort(self, key: str, descending: bool) -> ListQuery:
        return replace(self, sort_key=key, descending=descending)


class PagedSource(Protocol):
    def count(self, query: ListQuery) -> int: ...

    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[Any]: ...


class KeyedPages:
    """Pages by key for a paged source (#17), the ledger's way made generic: ``page(query, offset, limit)``
    starts from the order key of the row before the page's block — remembered from the pages already read while
    scrolling, or, for a jump deep into the list, found once by ``key_at`` — so every page after it costs about
    what the first page costs. ``clear`` at every count (the data or the query changed: keys may be stale)."""

    def __init__(self, block: int = 200) -> None:
        self.block = block  # ui.models.paged_table asks pages of this size at multiples of it
        self._keys: dict[Hashable, dict[int, tuple[Any, ...]]] = {}

    def clear(self) -> None:
        self._keys.clear()

    def page(
        self,
        query: Hashable,
        offset: int,
        limit: int,
        *,
        after: Callable[[tuple[Any, ...] | None, int, int], tuple[list[Any], tuple[Any, ...] | None]],
        key_at: Callable[[int], tuple[Any, ...] | None],
        by_offset: Callable[[int, int], list[Any]],
    ) -> list[Any]:
        """``after(key, skip, limit)``: rows after ``key`` and the last row's key; ``key_at(n)``: the key of
        row n (1-based), None past the end; ``by_offset(offset, limit)``: the OFFSET page (past the end)."""
        keys = self._keys.setdefault(query, {})
        start = offset - offset % self.block
        if start and start not in keys:
            key = key_at(start)
            if key is None:
                return by_offset(offset, limit)
            keys[start] = key
        rows, last = after(keys.get(start), offset - start, limit)
        if last is not None:
            keys[offset + len(rows)] = last
        return rows
