"""Schedules: when a report definition runs, and the rules for its fire times.

Two kinds (docs/schedules.md): **weekly** ("Generate report every <days> at <time>") keeps its
wall-clock time in a zone across daylight-saving changes; **crontab** is the guide's "Crontab
String (GMT)", parsed here to the guide's exact grammar and evaluated in UTC by croniter. Nothing
here reads a clock or a database.
"""

from __future__ import annotations

import enum
import functools
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from reportsuite.core.errors import InvalidArgument

SCHEDULE_NAME = "accounts/{account}/schedules/{schedule}"
RUN_ID_FORMAT = "%Y%m%dT%H%M%SZ"
CRONTAB_FIELD = "schedule.crontab"
DEFAULT_GRACE = timedelta(hours=1)
MAX_GRACE = timedelta(days=7)


class MisfirePolicy(enum.Enum):
    """What happens to fire times that passed while no scheduler ran (the proto's MisfirePolicy)."""

    RUN_ONCE_LATE = "RUN_ONCE_LATE"
    SKIP = "SKIP"


@dataclass(frozen=True)
class CronField:
    """One crontab field's grammar: its name in errors and its allowed values."""

    name: str
    low: int
    high: int
    meaning: str


CRON_FIELDS = (
    CronField("minute", 0, 59, "minutes 0-59"),
    CronField("hour", 0, 23, "hours 0-23"),
    CronField("day_of_month", 1, 31, "days of the month 1-31"),
    CronField("month", 1, 12, "months 1-12"),
    CronField("day_of_week", 1, 7, "days of the week 1-7 (1 = Monday, 7 = Sunday)"),
)
_CRON_VALUE_LIST = re.compile(r"\d{1,2}(,\d{1,2})*\Z")
# The longest a February 29th may wait for a chosen day of the week (28 years in the Gregorian cycle).
_MAX_YEARS_BETWEEN_MATCHES = 30
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class Crontab:
    """A parsed crontab: each field is None for "*" or the sorted values it allows.

    ``day_of_week`` holds the guide's numbers (1 = Monday .. 7 = Sunday).
    """

    text: str
    minute: tuple[int, ...] | None
    hour: tuple[int, ...] | None
    day_of_month: tuple[int, ...] | None
    month: tuple[int, ...] | None
    day_of_week: tuple[int, ...] | None

    def croniter_expression(self) -> str:
        """The same schedule in croniter's notation, where Sunday is 0 (the guide's 7)."""
        days = None if self.day_of_week is None else tuple(sorted(day % 7 for day in self.day_of_week))
        parts = (self.minute, self.hour, self.day_of_month, self.month, days)
        return " ".join("*" if values is None else ",".join(map(str, values)) for values in parts)


@functools.lru_cache(maxsize=4096)
def parse_crontab(text: str) -> Crontab:
    """Parses a crontab string exactly as the guide defines it (remembering recent answers).

    Raises:
        InvalidArgument: naming "schedule.crontab" (wrong number of fields) or
            "schedule.crontab.<field>" and the rule it breaks.
    """
    pieces = text.split()
    if len(pieces) != len(CRON_FIELDS):
        raise InvalidArgument(
            f"crontab {text!r} has {len(pieces)} fields; it needs 5: minute hour day-of-month month day-of-week",
            field=CRONTAB_FIELD, rule="five fields separated by spaces: minute hour day_of_month month day_of_week",
        )
    values = [_cron_values(piece, spec) for piece, spec in zip(pieces, CRON_FIELDS, strict=True)]
    crontab = Crontab(" ".join(pieces), *values)
    _check_reachable(crontab)
    return crontab


def _cron_values(piece: str, spec: CronField) -> tuple[int, ...] | None:
    where = f"{CRONTAB_FIELD}.{spec.name}"
    if piece == "*":
        return None
    if not _CRON_VALUE_LIST.match(piece):
        raise InvalidArgument(
            f"crontab field {spec.name} {piece!r} is not one or two digits, a comma-separated list of them, or *",
            field=where, rule=f"one or two digits, a comma-separated list of them, or * ({spec.meaning})",
        )
    numbers = tuple(sorted({int(value) for value in piece.split(",")}))
    outside = [number for number in numbers if not spec.low <= number <= spec.high]
    if outside:
        raise InvalidArgument(
            f"crontab field {spec.name} {piece!r}: {outside[0]} is outside {spec.low}-{spec.high}",
            field=where, rule=f"each value must be one of the {spec.meaning}",
        )
    return numbers


def _check_reachable(crontab: Crontab) -> None:
    """Refuses a day of the month that none of the chosen months has (it would never fire)."""
    if crontab.day_of_month is None or crontab.month is None:
        return
    if min(crontab.day_of_month) > max(_DAYS_IN_MONTH[month - 1] for month in crontab.month):
        raise InvalidArgument(
            f"crontab {crontab.text!r} never fires: no chosen month has day {min(crontab.day_of_month)}",
            field=f"{CRONTAB_FIELD}.day_of_month", rule="at least one chosen day must exist in a chosen month",
        )


@dataclass(frozen=True)
class Weekly:
    """Every chosen day of the week (ISO numbers, 1 = Monday) at a wall-clock time.

    ``time_zone`` is the zone the user chose; empty means the account's reports time zone.
    """

    days: tuple[int, ...]
    at: time
    time_zone: str = ""


Timing = Weekly | Crontab
_WALL_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)\Z")


def parse_weekly(days: list[int], at: str, time_zone: str) -> Weekly:
    """Checks a weekly schedule's fields.

    Raises:
        InvalidArgument: on "schedule.weekly.days", "schedule.weekly.time" or "schedule.weekly.time_zone".
    """
    if not days:
        raise InvalidArgument("a weekly schedule needs at least one day", field="schedule.weekly.days",
                              rule="at least one day of the week")
    if any(not 1 <= day <= 7 for day in days) or len(set(days)) != len(days):
        raise InvalidArgument("weekly days must be distinct days Monday to Sunday", field="schedule.weekly.days",
                              rule="each day DAY_OF_WEEK_MONDAY to DAY_OF_WEEK_SUNDAY, at most once")
    match = _WALL_TIME.match(at)
    if match is None:
        raise InvalidArgument(f"weekly time {at!r} is not HH:MM", field="schedule.weekly.time",
                              rule="a 24-hour wall-clock time HH:MM")
    if time_zone:
        zone(time_zone, "schedule.weekly.time_zone")
    return Weekly(tuple(sorted(days)), time(int(match[1]), int(match[2])), time_zone)


def zone(name: str, field_name: str) -> ZoneInfo:
    """The IANA zone called name, or InvalidArgument naming field_name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidArgument(f"{name!r} is not an IANA time zone", field=field_name,
                              rule="an IANA time zone such as America/New_York") from None


def check_grace(grace: timedelta) -> timedelta:
    """Returns the misfire grace period when it is within 0 to 7 days, else raises InvalidArgument."""
    if not timedelta(0) <= grace <= MAX_GRACE:
        raise InvalidArgument(f"misfire_grace_period {grace} is outside 0 to 7 days",
                              field="schedule.misfire_grace_period", rule="between 0 and 7 days")
    return grace


@dataclass
class Schedule:
    """A schedule of a report definition: ``accounts/{account}/schedules/{id}``.

    ``time_zone`` is the zone fire times are computed in: the weekly schedule's own, the
    account's reports time zone read when the schedule was created or last updated, or UTC for
    a crontab. ``next_due_time`` is None while paused.
    """

    id: str
    account: str
    report_definition: str
    timing: Timing
    time_zone: str
    skip_if_empty: bool
    paused: bool
    misfire_policy: MisfirePolicy
    grace: timedelta
    next_due_time: datetime | None
    create_time: datetime
    update_time: datetime
    request_id: str | None = None

    @property
    def name(self) -> str:
        return f"accounts/{self.account}/schedules/{self.id}"


@functools.lru_cache(maxsize=4096)
def next_fire(timing: Timing, time_zone: str, after: datetime) -> datetime:
    """The first fire time strictly after ``after`` (aware), as an aware UTC datetime.

    Remembered for the last few thousand questions: a tick often asks the same one for every
    schedule of a popular crontab due at the same instant.
    """
    if isinstance(timing, Crontab):
        return _cron_next(timing, after)
    return _weekly_next(timing, ZoneInfo(time_zone), after)


def fire_times(timing: Timing, time_zone: str, after: datetime, count: int) -> list[datetime]:
    """The next ``count`` fire times strictly after ``after``."""
    found: list[datetime] = []
    for _ in range(count):
        after = next_fire(timing, time_zone, after)
        found.append(after)
    return found


def latest_fire(timing: Timing, time_zone: str, at_or_before: datetime) -> datetime | None:
    """The last fire time at or before the instant; None when there is none in the previous year."""
    if isinstance(timing, Crontab):
        cron = _croniter_for(timing.croniter_expression())
        cron.set_current(at_or_before + timedelta(seconds=1), force=True)
        found = cron.get_prev(datetime)
        return found.astimezone(UTC) if found <= at_or_before else None
    local_day = at_or_before.astimezone(ZoneInfo(time_zone)).date()
    for back in range(0, 9):
        fire = _weekly_fire_on(timing, ZoneInfo(time_zone), local_day - timedelta(days=back))
        if fire is not None and fire <= at_or_before:
            return fire
    return None


# croniter objects are costly to build (the expression is expanded each time) but cheap to move:
# each thread keeps the ones it built, since a croniter is not safe to share between threads.
_local = threading.local()


def _croniter_for(expression: str) -> croniter:
    cache: dict[str, croniter] = getattr(_local, "crons", None) or {}
    _local.crons = cache
    if expression not in cache:
        if len(cache) > 1024:
            cache.clear()
        cache[expression] = croniter(expression, datetime(2000, 1, 1, tzinfo=UTC), day_or=False,
                                     max_years_between_matches=_MAX_YEARS_BETWEEN_MATCHES)
    return cache[expression]


def _cron_next(crontab: Crontab, after: datetime) -> datetime:
    # croniter's day_or=False: a time fires only when day of month AND day of week both match
    # (docs/schedules.md); the guide is silent and Vixie cron's OR surprises users.
    cron = _croniter_for(crontab.croniter_expression())
    cron.set_current(after.astimezone(UTC), force=True)
    found: datetime = cron.get_next(datetime)
    return found.astimezone(UTC)


def _weekly_next(weekly: Weekly, local_zone: ZoneInfo, after: datetime) -> datetime:
    local_day = after.astimezone(local_zone).date()
    # From the day before (a fire at 00:30 local may precede after's local date at a DST change)
    # to eight days on, which holds every chosen weekday at least once.
    for ahead in range(-1, 9):
        fire = _weekly_fire_on(weekly, local_zone, local_day + timedelta(days=ahead))
        if fire is not None and fire > after:
            return fire
    raise AssertionError("a weekly schedule fires at least once a week")


def _weekly_fire_on(weekly: Weekly, local_zone: ZoneInfo, day: date) -> datetime | None:
    if day.isoweekday() not in weekly.days:
        return None
    return wall_clock_to_utc(datetime.combine(day, weekly.at), local_zone)


def wall_clock_to_utc(wall: datetime, local_zone: ZoneInfo) -> datetime:
    """The instant a naive wall-clock time happens in a zone, by the schedules' rule.

    A time that happens twice (the autumn overlap) fires once, at its first occurrence (fold=0,
    daylight time). A time that does not exist (the spring-forward gap) fires at the first valid
    instant after the gap: 02:30 on a day New York jumps from 02:00 to 03:00 fires at 03:00 EDT.
    """
    first = wall.replace(tzinfo=local_zone, fold=0).astimezone(UTC)
    if first.astimezone(local_zone).replace(tzinfo=None) == wall:
        return first
    return _end_of_gap(wall, local_zone, wall.replace(tzinfo=local_zone, fold=1).astimezone(UTC), first)


def _end_of_gap(wall: datetime, local_zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The first instant in (low, high] whose local time is past the (non-existent) wall time.

    zoneinfo does not expose its transitions; ``low`` and ``high`` are the wall time read with the
    offsets before and after the gap, so the transition lies between them. Bisect to the second.
    """
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(local_zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def run_id(due_time: datetime) -> str:
    """A run's id: its due time in UTC, "YYYYMMDDTHHMMSSZ"."""
    return due_time.astimezone(UTC).strftime(RUN_ID_FORMAT)
