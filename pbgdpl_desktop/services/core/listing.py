"""Qt-free contract for long lists: a source counts and pages rows in SQL for a query.

The UI's ``PagedTableModel`` holds only the count and a block cache and asks the source for pages; filters and
sorting are re-run in SQL (no proxy model over all rows). Row DTOs are frozen dataclasses with an ``id``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
