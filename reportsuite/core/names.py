"""Parsing and building resource names such as ``accounts/{account}/reports/{report}``."""

from __future__ import annotations

import re

from reportsuite.core.errors import InvalidArgument

# Ids are what platform services send us: letters, digits and a few separators, bounded so
# that a name can never carry a path or a control character.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}"
_ID = re.compile(ID_PATTERN + r"\Z")


def parse(pattern: str, value: str, field: str) -> dict[str, str]:
    """Matches value against a pattern like "accounts/{account}/jobs/{job}".

    Raises:
        InvalidArgument: naming ``field`` when value does not have the pattern's shape.
    """
    parts = pattern.split("/")
    pieces = value.split("/") if value else []
    if len(pieces) != len(parts):
        raise InvalidArgument(
            f"{field} {value!r} is not a resource name of the form {pattern}",
            field=field, rule=f"must have the form {pattern}",
        )
    found: dict[str, str] = {}
    for part, piece in zip(parts, pieces, strict=True):
        if part.startswith("{"):
            if not _ID.match(piece):
                raise InvalidArgument(
                    f"{field} {value!r}: {part[1:-1]} id {piece!r} is not a valid id",
                    field=field, rule=f"ids match {ID_PATTERN}",
                )
            found[part[1:-1]] = piece
        elif part != piece:
            raise InvalidArgument(
                f"{field} {value!r} is not a resource name of the form {pattern}",
                field=field, rule=f"must have the form {pattern}",
            )
    return found


def check_id(value: str, field: str) -> str:
    """Returns value when it is a valid id, else raises InvalidArgument naming field."""
    if not _ID.match(value or ""):
        raise InvalidArgument(
            f"{field} {value!r} is not a valid id", field=field, rule=f"ids match {ID_PATTERN}"
        )
    return value
