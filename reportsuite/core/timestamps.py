"""Conversions between protobuf Timestamps and timezone-aware datetimes (always UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp


def to_proto(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value.astimezone(UTC))
    return stamp


def from_proto(stamp: Timestamp, *, present: bool = True) -> datetime | None:
    """Returns the instant as an aware UTC datetime, or None when the field was not set."""
    if not present:
        return None
    return stamp.ToDatetime(tzinfo=UTC)
