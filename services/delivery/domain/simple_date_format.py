"""Java SimpleDateFormat patterns, rendered exactly as Java 17 renders them with Locale.US.

The guide's file name tags take "Supported date formats" that are Java's SimpleDateFormat
letters, so users' patterns must mean here what they meant there. This module follows
``java.text.SimpleDateFormat`` (its ``compile`` and ``subFormat``) on a proleptic Gregorian
calendar with Locale.US week rules (weeks start on Sunday; the week holding 1 January is
week 1). tests/unit/delivery/test_simple_date_format.py checks it against the JDK itself.

Zone names (``z``) come from ``java_zone_names.csv``, which is what this JDK's
``TimeZone.getDisplayName(daylight, style, Locale.US)`` prints for every zone both Java and
zoneinfo know (regenerate it with ``java tests/support/SimpleDateFormatOracle.java
--zone-names``). A zone missing from it is named the way Java names a zone it has no name
for: ``GMT+05:30`` from the offset in force.

Known limits: instants before the Gregorian cutover (15 October 1582) are rendered on the
proleptic Gregorian calendar where Java switches to the Julian one; zones whose daylight
saving is negative in the tz database (Europe/Dublin) take Python's ``dst()`` for Java's
"daylight" flag.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportsuite.core.errors import InvalidArgument

# Java 17's DateFormatSymbols.patternChars: every letter SimpleDateFormat accepts.
PATTERN_LETTERS = "GyMdkHmsSEDFwWahKzZYuXL"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)
# Indexed by Java's DAY_OF_WEEK - 1 (Sunday first).
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
SHORT_WEEKDAYS = tuple(day[:3] for day in WEEKDAYS)

_ZONE_NAMES_FILE = Path(__file__).with_name("java_zone_names.csv")


@dataclass(frozen=True)
class Field:
    """One run of a pattern letter, such as ``yyyy``; ``position`` is 1-based in the pattern."""

    letter: str
    count: int
    position: int


Token = str | Field


@dataclass(frozen=True)
class DatePattern:
    """A compiled pattern: literal text and fields, in order."""

    pattern: str
    tokens: tuple[Token, ...]

    def format(self, instant: datetime, zone: ZoneInfo) -> str:
        """Renders ``instant`` (an aware datetime) in ``zone`` as Java would."""
        local = instant.astimezone(zone)
        return "".join(t if isinstance(t, str) else _render(t, local, zone) for t in self.tokens)


def compile_pattern(pattern: str, *, field: str = "pattern", offset: int = 0) -> DatePattern:
    """Parses a SimpleDateFormat pattern with Java's quoting rules.

    Text between single quotes is literal, ``''`` is one quote (inside quotes too), and any
    character that is not an ASCII letter is literal.

    Args:
        pattern: the pattern, such as ``yyyyMMdd hh:mm:ss z``.
        field: the request field named in errors.
        offset: added to positions in errors, for a pattern embedded in a longer text.

    Raises:
        InvalidArgument: an unquoted ASCII letter that is not a pattern letter, an unclosed
            quote, or ``X`` repeated more than three times; the rule names the 1-based position.
    """
    tokens: list[Token] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            i = _quoted(pattern, i, tokens, field, offset)
        elif _is_ascii_letter(char):
            i = _letters(pattern, i, tokens, field, offset)
        else:
            tokens.append(char)
            i += 1
    return DatePattern(pattern, tuple(_merge_text(tokens)))


def format_instant(pattern: str, instant: datetime, zone: str | ZoneInfo) -> str:
    """Compiles and renders a pattern in one call (see DatePattern.format)."""
    return compile_pattern(pattern).format(instant, zone if isinstance(zone, ZoneInfo) else load_zone(zone))


MAX_ZONE_NAME = 64


def load_zone(name: str, *, field: str = "time_zone") -> ZoneInfo:
    """Returns the IANA zone, or raises InvalidArgument naming ``field``."""
    try:
        # IANA names are short; a long one would reach the file system as an over-long path.
        if name and len(name) <= MAX_ZONE_NAME and not name.startswith(("/", ".")) and ".." not in name:
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory, an unreadable file
        pass
    shown = name if len(name) <= MAX_ZONE_NAME else name[:MAX_ZONE_NAME] + "..."
    raise InvalidArgument(f"{field} {shown!r} is not an IANA time zone", field=field,
                          rule="must be an IANA time zone such as America/New_York")


def _is_ascii_letter(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


def _quoted(pattern: str, start: int, tokens: list[Token], field: str, offset: int) -> int:
    """Consumes a quote at ``start``: ``''`` alone, or a quoted section; returns the next index."""
    if pattern.startswith("''", start):
        tokens.append("'")
        return start + 2
    i = start + 1
    while i < len(pattern):
        if pattern.startswith("''", i):
            tokens.append("'")
            i += 2
        elif pattern[i] == "'":
            return i + 1
        else:
            tokens.append(pattern[i])
            i += 1
    position = offset + start + 1
    raise InvalidArgument(
        f"{field}: the quote at position {position} is never closed", field=field,
        rule=f"quote opened at position {position} must be closed with '",
    )


def _letters(pattern: str, start: int, tokens: list[Token], field: str, offset: int) -> int:
    """Consumes a run of one pattern letter at ``start``; returns the next index."""
    letter = pattern[start]
    position = offset + start + 1
    if letter not in PATTERN_LETTERS:
        raise InvalidArgument(
            f"{field}: letter {letter!r} at position {position} is not a date pattern letter",
            field=field,
            rule=f"unquoted letter {letter!r} at position {position} is not one of {PATTERN_LETTERS}; "
            "quote literal text with '",
        )
    end = start
    while end < len(pattern) and pattern[end] == letter:
        end += 1
    if letter == "X" and end - start > 3:
        raise InvalidArgument(
            f"{field}: 'X' at position {position} is repeated {end - start} times", field=field,
            rule=f"'X' at position {position} may be repeated at most 3 times",
        )
    tokens.append(Field(letter, end - start, position))
    return end


def _merge_text(tokens: list[Token]) -> list[Token]:
    merged: list[Token] = []
    for token in tokens:
        if isinstance(token, str) and merged and isinstance(merged[-1], str):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def _number(value: int, count: int) -> str:
    return f"{value:0{count}d}"


def _text(count: int, full: str, short: str) -> str:
    return full if count >= 4 else short


def _render(token: Field, local: datetime, zone: ZoneInfo) -> str:
    letter, count = token.letter, token.count
    if letter in "zZX":
        return _zone_field(letter, count, local, zone)
    if letter in "yY":
        year = local.year if letter == "y" else _week_year(local.date())
        return _number(year % 100, 2) if count == 2 else _number(year, count)
    if letter in "ML":
        month = local.month
        if count >= 3:
            return _text(count, MONTHS[month - 1], SHORT_MONTHS[month - 1])
        return _number(month, count)
    if letter == "E":
        day = local.isoweekday() % 7
        return _text(count, WEEKDAYS[day], SHORT_WEEKDAYS[day])
    if letter == "G":
        return "AD"
    if letter == "a":
        return "AM" if local.hour < 12 else "PM"
    return _number(_numeric_field(letter, local), count)


def _numeric_field(letter: str, local: datetime) -> int:
    day = local.date()
    values = {
        "d": lambda: local.day,
        "H": lambda: local.hour,
        "k": lambda: local.hour or 24,
        "K": lambda: local.hour % 12,
        "h": lambda: local.hour % 12 or 12,
        "m": lambda: local.minute,
        "s": lambda: local.second,
        "S": lambda: local.microsecond // 1000,
        "D": lambda: day.timetuple().tm_yday,
        "F": lambda: (local.day - 1) // 7 + 1,
        "u": lambda: local.isoweekday(),
        "w": lambda: _week_of_year(day),
        "W": lambda: (local.day - 1 + _days_since_sunday(day.replace(day=1))) // 7 + 1,
    }
    return values[letter]()


def _days_since_sunday(day: date) -> int:
    return day.isoweekday() % 7


def _week_year(day: date) -> int:
    # With weeks starting on Sunday and one day enough for week 1, a week belongs to the
    # year its Saturday falls in.
    return (day + timedelta(days=6 - _days_since_sunday(day))).year


def _week_of_year(day: date) -> int:
    week_sunday = day - timedelta(days=_days_since_sunday(day))
    first = date(_week_year(day), 1, 1)
    first_sunday = first - timedelta(days=_days_since_sunday(first))
    return (week_sunday - first_sunday).days // 7 + 1


def _offset_minutes(local: datetime) -> int:
    offset = local.utcoffset() or timedelta(0)
    seconds = int(offset.total_seconds())
    # Java divides milliseconds by 60000, truncating toward zero.
    return seconds // 60 if seconds >= 0 else -(-seconds // 60)


def _zone_field(letter: str, count: int, local: datetime, zone: ZoneInfo) -> str:
    minutes = _offset_minutes(local)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    if letter == "Z":
        return f"{sign}{hours:02d}{mins:02d}"
    if letter == "X":
        if minutes == 0:
            return "Z"
        if count == 1:
            return f"{sign}{hours:02d}"
        return f"{sign}{hours:02d}{':' if count == 3 else ''}{mins:02d}"
    names = zone_names().get(zone.key)
    if names is None:
        return f"GMT{sign}{hours:02d}:{mins:02d}"
    daylight = bool(local.dst())
    return names[(2 if daylight else 0) + (0 if count < 4 else 1)]


@cache
def zone_names() -> dict[str, tuple[str, str, str, str]]:
    """Java's Locale.US names per zone: (short standard, long standard, short daylight, long daylight)."""
    with open(_ZONE_NAMES_FILE, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {
            row["zone"]: (row["short_standard"], row["long_standard"], row["short_daylight"], row["long_daylight"])
            for row in rows
        }


def epoch_millis(instant: datetime) -> int:
    """Milliseconds since the epoch, as Java's Date holds them (used by tests and docs)."""
    delta = instant - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
