"""Paging for long lists: the database returns one page of rows, never the whole list.

`window()` slices a queryset with LIMIT/OFFSET and reads one row more than it shows to know
whether a next page exists, so no COUNT query is needed. `counted()` does count, for lists
that show how many there are (the catalogue).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator


def page_number(request, param: str) -> int:
    """The page asked for in `?param=N`; anything odd is page 1."""
    raw = request.GET.get(param, "") if request is not None else ""
    try:
        number = int(raw)
    except ValueError:
        return 1
    return max(1, min(number, 10_000))


@dataclass
class Window:
    """One page of a list, with what the pagination nav needs."""

    items: list
    number: int
    has_next: bool
    param: str
    query: dict[str, Any]
    total: int | None = None
    num_pages: int | None = None

    def __iter__(self) -> Iterator:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def _url(self, number: int) -> str:
        from django.utils.http import urlencode

        query = {k: v for k, v in self.query.items() if k != self.param}
        if number > 1:
            query[self.param] = number
        return "?" + urlencode(query, doseq=True) if query else "?"

    @property
    def first_url(self) -> str:
        return self._url(1)

    @property
    def previous_url(self) -> str:
        return self._url(self.number - 1)

    @property
    def next_url(self) -> str:
        return self._url(self.number + 1)


def _query_of(request) -> dict:
    return {key: request.GET.getlist(key) for key in request.GET} if request is not None else {}


def window(
    queryset, *, request, per_page: int, param: str = "pagina", shape=None, load=None
) -> Window:
    """Page `?param=N` of `queryset`: per_page + 1 rows from the database, per_page shown.

    `shape` turns the rows into what the template shows (e.g. cohort cards). With `load`,
    `queryset` is a narrow one (ids, in order) and `load(ids)` the query that reads the
    page's full rows: the database then sorts ids, not joined rows with their subqueries."""
    number = page_number(request, param)
    start = (number - 1) * per_page
    page = queryset[start : start + per_page + 1]
    rows = list(load(page) if load is not None else page)
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    items = [shape(row) for row in rows] if shape else rows
    return Window(
        items=items, number=number, has_next=has_next, param=param, query=_query_of(request)
    )


def counted(queryset, *, request, per_page: int, param: str = "pagina") -> Window:
    """Like window(), with the total (one COUNT query) for lists that show how many."""
    paginator = Paginator(queryset, per_page)
    number = min(page_number(request, param), paginator.num_pages)
    page = paginator.page(number)
    return Window(
        items=list(page.object_list),
        number=number,
        has_next=page.has_next(),
        param=param,
        query=_query_of(request),
        total=paginator.count,
        num_pages=paginator.num_pages,
    )
