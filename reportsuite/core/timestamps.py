"""Conversions between protobuf Timestamps and timezone-aware datetimes (always UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from reportsuite.core.errors import InvalidArgument


def to_proto(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value.astimezone(UTC))
    return stamp


def from_proto(stamp: Timestamp, *, present: bool = True, field: str = "timestamp") -> datetime | None:
    """Returns the instant as an aware UTC datetime, or None when the field was not set.

    Raises:
        InvalidArgument: naming ``field`` when the Timestamp is outside what it may hold (years 1
            to 9999, nanos 0 to 999,999,999), which a hand-made or hostile request can send.
    """
    if not present:
        return None
    try:
        return stamp.ToDatetime(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        raise InvalidArgument(
            f"{field} ({stamp.seconds} s, {stamp.nanos} ns) is not a valid instant", field=field,
            rule="must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z",
        ) from None
