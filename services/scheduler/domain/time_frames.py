"""Resolving a report's time frame into the ``[start, end)`` UTC window its job covers.

The rules are the product guide's TimeFrame list and its report "day"; docs/time-frames.md states
them with worked examples. Every boundary is a local wall-clock time converted with ``zoneinfo``,
never "the previous boundary plus 24 hours", so days of 23 and 25 hours come out right.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportsuite.core.errors import FailedPrecondition

# Every error here is about the stored definition the caller asked to run.
FIELD = "report_definition"

# The guide: report days of accounts west of GMT, and of every Usage report, are Eastern Time days.
EASTERN = "America/New_York"
# The guide: report days west of GMT run "3AM-3AM ET".
WESTERN_DAY_START_HOUR = 3

WALL_TIME_FORMAT = "%Y-%m-%dT%H:%M"

# The guide: "The first time you run an incremental report of a given type, the report will
# include data for the previous 15 hours."
FIRST_INCREMENTAL_LOOKBACK = timedelta(hours=15)


class Kind(enum.Enum):
    """The guide's TimeFrame options."""

    UNSPECIFIED = "UNSPECIFIED"
    ENTIRE_CAMPAIGN = "ENTIRE_CAMPAIGN"
    TODAY = "TODAY"
    YESTERDAY = "YESTERDAY"
    LAST_7_DAYS = "LAST_7_DAYS"
    MONTH_TO_DATE = "MONTH_TO_DATE"
    LAST_MONTH = "LAST_MONTH"
    INCREMENTAL = "INCREMENTAL"
    EXPLICIT_DATES = "EXPLICIT_DATES"


RELATIVE_KINDS = frozenset(
    {Kind.TODAY, Kind.YESTERDAY, Kind.LAST_7_DAYS, Kind.MONTH_TO_DATE, Kind.LAST_MONTH}
)


@dataclass(frozen=True)
class TimeFrame:
    """A definition's time frame; start, end and time_zone are used by Explicit Dates only."""

    kind: Kind
    start: str = ""
    end: str = ""
    time_zone: str = ""


@dataclass(frozen=True)
class Window:
    """The period a job covers: ``start`` inclusive, ``end`` exclusive, both aware UTC datetimes."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class FrameContext:
    """What resolving a time frame may need; the lookups are called only when the kind needs them.

    Attributes:
        as_of: the instant the run is resolved against (aware).
        usage: True for Usage reports, whose days are always midnight to midnight Eastern Time.
        account_time_zone: returns the account's Reports Default Time Zone (an IANA name).
        campaign_start: returns the start time of the definition's campaign.
        previous_cutoff_time: Incremental only: when the previous Incremental run of the same
            report type and target took its cutoff (None: this is the first run). as_of is then
            the time this run's cutoff was taken.
    """

    as_of: datetime
    usage: bool
    account_time_zone: Callable[[], str]
    campaign_start: Callable[[], datetime]
    previous_cutoff_time: datetime | None = None


def local_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """Converts a naive wall-clock time in zone to an aware UTC datetime.

    A wall time that does not exist (the spring-forward gap) moves forward by the gap: 02:30 on a
    day the clocks jump from 02:00 to 03:00 becomes 03:30. A wall time that happens twice (the
    autumn overlap) takes its first occurrence, in daylight time. Both are what PEP 495's
    ``fold=0`` means, which zoneinfo implements.
    """
    return wall.replace(tzinfo=zone, fold=0).astimezone(UTC)


def zone_named(name: str, what: str) -> ZoneInfo:
    """Returns the IANA zone called name, or raises FailedPrecondition saying whose zone it was."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise FailedPrecondition(
            f"{what} {name!r} is not an IANA time zone", field=FIELD, rule=f"{what} must be an IANA time zone"
        ) from None


@dataclass(frozen=True)
class ReportDay:
    """How report days are cut: each one starts at ``start_hour`` o'clock wall-clock in ``zone``.

    A report day is named by the local date it starts on.
    """

    zone: ZoneInfo
    start_hour: int

    def start_of(self, day: date) -> datetime:
        """The UTC instant report day ``day`` starts."""
        return local_to_utc(datetime.combine(day, time(self.start_hour)), self.zone)

    def containing(self, instant: datetime) -> date:
        """The report day that holds instant."""
        day = instant.astimezone(self.zone).date()
        if instant < self.start_of(day):
            day -= timedelta(days=1)
        return day


def report_day(reports_time_zone: ZoneInfo, as_of: datetime, *, usage: bool) -> ReportDay:
    """The guide's report "day" for an account at as_of.

    Usage reports: midnight to midnight Eastern Time. Accounts at GMT or east of it (UTC offset
    >= 0 at as_of): midnight to midnight in the account's zone. Accounts west of GMT: 3AM to 3AM
    Eastern Time. A zone whose offset changes sign during the year is judged at as_of.
    """
    if usage:
        return ReportDay(ZoneInfo(EASTERN), 0)
    offset = as_of.astimezone(reports_time_zone).utcoffset() or timedelta(0)
    if offset >= timedelta(0):
        return ReportDay(reports_time_zone, 0)
    return ReportDay(ZoneInfo(EASTERN), WESTERN_DAY_START_HOUR)


def relative_window(kind: Kind, as_of: datetime, day: ReportDay) -> Window:
    """Today, Yesterday, Last 7 Days, Month to Date or Last Month in whole report days.

    "This month" is the month of the report day holding as_of, so Month to Date never starts
    after as_of (at 02:30 ET on the 1st, a western account's report day is still the 31st).
    """
    today = day.containing(as_of)
    first_of_month = today.replace(day=1)
    if kind is Kind.TODAY:
        return Window(day.start_of(today), as_of)
    if kind is Kind.YESTERDAY:
        return Window(day.start_of(today - timedelta(days=1)), day.start_of(today))
    if kind is Kind.LAST_7_DAYS:
        return Window(day.start_of(today - timedelta(days=7)), day.start_of(today))
    if kind is Kind.MONTH_TO_DATE:
        return Window(day.start_of(first_of_month), as_of)
    if kind is Kind.LAST_MONTH:
        first_of_last_month = (first_of_month - timedelta(days=1)).replace(day=1)
        return Window(day.start_of(first_of_last_month), day.start_of(first_of_month))
    raise ValueError(f"{kind} is not a relative time frame")


def parse_wall_time(text: str, which: str) -> datetime:
    """Parses an Explicit Dates "YYYY-MM-DDTHH:MM" into a naive datetime."""
    try:
        return datetime.strptime(text, WALL_TIME_FORMAT)
    except ValueError:
        raise FailedPrecondition(
            f"time_frame.{which} {text!r} is not a wall-clock time YYYY-MM-DDTHH:MM",
            field=FIELD, rule=f"time_frame.{which} must have the form YYYY-MM-DDTHH:MM",
        ) from None


def explicit_window(frame: TimeFrame, zone: ZoneInfo) -> Window:
    """Explicit Dates: the wall-clock start and end in zone, converted to UTC."""
    start = parse_wall_time(frame.start, "start")
    end = parse_wall_time(frame.end, "end")
    return Window(local_to_utc(start, zone), local_to_utc(end, zone))


def incremental_window(previous_cutoff_time: datetime | None, cutoff_time: datetime) -> Window:
    """The times an Incremental run's window is shown with: from the previous run's cutoff (or
    15 hours back on the first run) to this run's cutoff.

    Which rows the run holds is decided by the ingest cutoffs, not by these times
    (docs/incremental.md), so a previous cutoff stamped later than this one (two replicas'
    clocks disagreeing) gives an empty window rather than an error.
    """
    end = cutoff_time.astimezone(UTC)
    start = end - FIRST_INCREMENTAL_LOOKBACK if previous_cutoff_time is None else previous_cutoff_time
    return Window(min(start.astimezone(UTC), end), end)


def resolve(frame: TimeFrame, context: FrameContext) -> Window:
    """Resolves a time frame at context.as_of into a UTC window, non-empty except for Incremental.

    Raises:
        FailedPrecondition: on field "report_definition" when the kind is missing, a zone or
            date is malformed, or the window would be empty.
    """
    window = _window(frame, context)
    if frame.kind is not Kind.INCREMENTAL and window.end <= window.start:
        raise FailedPrecondition(
            f"the {frame.kind.name} time frame at {context.as_of.isoformat()} covers no time: it would "
            f"run from {window.start.isoformat()} to {window.end.isoformat()}",
            field=FIELD, rule="the time frame's window must end after it starts",
        )
    return window


def _window(frame: TimeFrame, context: FrameContext) -> Window:
    as_of = context.as_of.astimezone(UTC)
    if frame.kind is Kind.EXPLICIT_DATES:
        zone_name = frame.time_zone or context.account_time_zone()
        what = "time_frame.time_zone" if frame.time_zone else "the account's reports time zone"
        return explicit_window(frame, zone_named(zone_name, what))
    if frame.kind is Kind.ENTIRE_CAMPAIGN:
        return Window(context.campaign_start().astimezone(UTC), as_of)
    if frame.kind in RELATIVE_KINDS:
        zone = ZoneInfo(EASTERN) if context.usage else zone_named(
            context.account_time_zone(), "the account's reports time zone")
        return relative_window(frame.kind, as_of, report_day(zone, as_of, usage=context.usage))
    if frame.kind is Kind.INCREMENTAL:
        return incremental_window(context.previous_cutoff_time, as_of)
    raise FailedPrecondition(
        "the report definition has no time frame", field=FIELD, rule="the definition must have a time frame kind"
    )
