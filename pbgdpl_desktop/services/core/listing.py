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
    scrolling or jumping — so every page after it costs about what the first page costs.

    A jump to a block whose key is not known yet walks the order's index once, from the nearest place whose key
    is known — the top, a key found before (on either side), or the bottom once the query was counted — not
    always from the top. What is known — the keys and the count of each query — stays valid as long as
    the records do: ``refresh(version)`` at every count forgets it only when the data version (the sync
    counter every write moves) changed, so after the first walk a jump to any depth costs a page."""

    def __init__(self, block: int = 200) -> None:
        self.block = block  # ui.models.paged_table asks pages of this size at multiples of it
        self._keys: dict[Hashable, dict[int, tuple[Any, ...]]] = {}
        self._counts: dict[Hashable, int] = {}
        self._version: int | None = None

    def clear(self) -> None:
        self._keys.clear()
        self._counts.clear()
        self._version = None

    def refresh(self, version: int) -> None:
        """Keep what is known while the records are the same (``version`` unchanged), forget it otherwise."""
        if version != self._version:
            self.clear()
            self._version = version

    def count(self, query: Hashable, compute: Callable[[], int]) -> int:
        """The query's count, computed once per data version (call ``refresh`` first)."""
        if query not in self._counts:
            if len(self._counts) > 32:
                self._counts.clear()
            self._counts[query] = compute()
        return self._counts[query]

    def page(
        self,
        query: Hashable,
        offset: int,
        limit: int,
        *,
        after: Callable[[tuple[Any, ...] | None, int, int], tuple[list[Any], tuple[Any, ...] | None]],
        key_at: Callable[[tuple[Any, ...] | None, int, bool], tuple[Any, ...] | None],
        by_offset: Callable[[int, int], list[Any]],
    ) -> list[Any]:
        """``after(key, skip, limit)``: rows after ``key`` (None: from the top) and the last row's key;
        ``key_at(key, n, backwards)``: the key of the n-th row after ``key`` (None: from the top; n ≥ 1) — or
        before it (None: from the bottom) —, None past the end; ``by_offset(offset, limit)``: the OFFSET page
        (past the end)."""
        if query not in self._keys and len(self._keys) > 32:
            self._keys.clear()
        keys = self._keys.setdefault(query, {})
        start = offset - offset % self.block
        if start and start not in keys:
            key = self._walk(keys, start, self._counts.get(query), key_at)
            if key is None:
                return by_offset(offset, limit)
            keys[start] = key
        rows, last = after(keys.get(start), offset - start, limit)
        if last is not None:
            keys[offset + len(rows)] = last
        return rows

    @staticmethod
    def _walk(
        keys: dict[int, tuple[Any, ...]],
        start: int,
        total: int | None,
        key_at: Callable[[tuple[Any, ...] | None, int, bool], tuple[Any, ...] | None],
    ) -> tuple[Any, ...] | None:
        """The key of row ``start`` (1-based: the row before the page at offset ``start``), walked from the
        nearest known place: the top (row 0), a known key before or after it, or the bottom (row total + 1)."""
        before = max((k for k in keys if k < start), default=0)
        after = min((k for k in keys if k > start), default=None)
        if total is not None and start <= total and (after is None or total + 1 < after):
            after = total + 1  # the bottom: walked backwards from the end
        if after is not None and after - start < start - before:
            return key_at(keys.get(after), after - start, True)
        return key_at(keys.get(before), start - before, False)
