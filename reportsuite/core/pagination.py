"""Opaque page tokens for List methods: page_size/page_token as AIP-158 describes."""

from __future__ import annotations

import base64
import json
from typing import Any

from reportsuite.core.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def page_size(requested: int) -> int:
    if requested < 0:
        raise InvalidArgument(
            "page_size must not be negative", field="page_size", rule="must be >= 0"
        )
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def encode(cursor: dict[str, Any]) -> str:
    """Encodes a keyset cursor (the last row's sort key) as an opaque token."""
    return base64.urlsafe_b64encode(json.dumps(cursor, sort_keys=True).encode()).decode()


def decode(token: str) -> dict[str, Any] | None:
    """Decodes a token made by encode(); an empty token starts at the first page."""
    if not token:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, dict):
        raise InvalidArgument(
            "page_token is not a token this service issued",
            field="page_token", rule="must be a next_page_token from a previous call",
        )
    return value
