"""Keyset page tokens for the catalog's newest-first lists, on top of reportsuite.core.pagination.

A token carries the last row's (create_time, id) and the query it belongs to, so a token from
another account or another filter is refused instead of silently skipping rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from reportsuite.core import pagination
from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.model import Cursor

T = TypeVar("T")


def decode(token: str, query: dict[str, str]) -> Cursor | None:
    """Returns where the previous page stopped, or None for the first page."""
    value = pagination.decode(token)
    if value is None:
        return None
    try:
        if value.get("q") != query:
            raise ValueError("token of another query")
        return Cursor(datetime.fromisoformat(value["t"]), str(value["id"]))
    except (KeyError, TypeError, ValueError):
        raise InvalidArgument(
            "page_token does not belong to this query", field="page_token",
            rule="must be a next_page_token from a previous call with the same parent and filter",
        ) from None


def page(rows: Sequence[T], size: int, query: dict[str, str], key: Callable[[T], Cursor]) -> tuple[list[T], str]:
    """Cuts rows (fetched with limit size + 1) into one page and the next page's token."""
    if len(rows) <= size:
        return list(rows), ""
    last = key(rows[size - 1])
    return list(rows[:size]), pagination.encode({"q": query, "t": last.create_time.isoformat(), "id": last.row_id})
