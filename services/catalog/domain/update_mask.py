"""Applying an update mask (AIP-134) to a report definition.

Paths are the proto field paths, which the domain dataclasses mirror: "display_name",
"time_frame" (the whole message), "output.email_addresses", "output.file_transfer.destination".
"*" replaces every updatable field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.model import ReportDefinition

FULL_REPLACEMENT = "*"


def _paths(cls: type, prefix: str = "") -> Iterator[str]:
    for item in dataclasses.fields(cls):
        path = prefix + item.name
        yield path
        default = item.default_factory() if item.default_factory is not dataclasses.MISSING else item.default
        if dataclasses.is_dataclass(default):
            yield from _paths(type(default), path + ".")


# Every path a mask may name; output-only fields (name, create_time, update_time) are not among them.
UPDATABLE_PATHS: frozenset[str] = frozenset(_paths(ReportDefinition))


def check_mask(paths: Iterable[str]) -> list[str]:
    """Returns the mask's paths, or raises InvalidArgument on "update_mask" for an empty or unknown one."""
    found = list(paths)
    if not found:
        raise InvalidArgument("update_mask names no field", field="update_mask",
                              rule="must name at least one field, or '*'")
    for path in found:
        if path != FULL_REPLACEMENT and path not in UPDATABLE_PATHS:
            raise InvalidArgument(
                f"update_mask path {path!r} is not an updatable field", field="update_mask",
                rule="paths among: " + ", ".join(sorted(UPDATABLE_PATHS)),
            )
    return found


def apply_mask(current: ReportDefinition, incoming: ReportDefinition, paths: Iterable[str]) -> ReportDefinition:
    """Returns current with the fields named by paths taken from incoming."""
    result = current
    for path in paths:
        result = incoming if path == FULL_REPLACEMENT else _copy(result, incoming, path.split("."))
    return result


def _copy(target: Any, source: Any, parts: list[str]) -> Any:
    head, rest = parts[0], parts[1:]
    value = getattr(source, head) if not rest else _copy(getattr(target, head), getattr(source, head), rest)
    return dataclasses.replace(target, **{head: value})
