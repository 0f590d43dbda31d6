"""The Java SimpleDateFormat patterns an output specification may give a time field.

Users know these patterns from the guide's file name tags (``<DATE:yyyyMMdd>``), so a field's
``date`` uses the same letters with the same meaning. Only the letters whose Java output can be
reproduced exactly from a report's local wall-clock time are accepted: the report's times are
already in the account's reports time zone, to the second, so zone letters (``z``, ``Z``, ``X``)
and milliseconds (``S``) have nothing exact to show and are refused, as are the week-based letters
PostgreSQL's ``to_char`` cannot produce the way Java does. docs/output-specifications.md lists them.

A pattern is compiled into parts, literal text and elements, which the catalog returns to the
generator so that it never parses a pattern itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# Java 17's DateFormatSymbols.patternChars: every letter SimpleDateFormat knows.
JAVA_LETTERS = "GyMdkHmsSEDFwWahKzZYuXL"


class DateElement(enum.Enum):
    """A piece of a date that a run of one pattern letter prints (English, as Java's Locale.US)."""

    YEAR = "yyyy"
    YEAR_2_DIGIT = "yy"
    MONTH = "M"
    MONTH_2_DIGIT = "MM"
    MONTH_ABBREVIATION = "MMM"
    MONTH_NAME = "MMMM"
    DAY_OF_MONTH = "d"
    DAY_OF_MONTH_2_DIGIT = "dd"
    DAY_OF_YEAR = "D"
    DAY_OF_YEAR_3_DIGIT = "DDD"
    WEEKDAY_ABBREVIATION = "EEE"
    WEEKDAY_NAME = "EEEE"
    HOUR_OF_DAY = "H"
    HOUR_OF_DAY_2_DIGIT = "HH"
    HOUR_12 = "h"
    HOUR_12_2_DIGIT = "hh"
    MINUTE = "m"
    MINUTE_2_DIGIT = "mm"
    SECOND = "s"
    SECOND_2_DIGIT = "ss"
    AM_PM = "a"


DatePart = str | DateElement


@dataclass(frozen=True)
class DateFormat:
    """A compiled pattern: the text the user wrote and its parts, literal text and elements, in order."""

    pattern: str
    parts: tuple[DatePart, ...]


# The letter runs accepted, by letter and run length, and what each prints. Java prints E, EE and
# EEE alike ("Tue"), and any run of four or more E or M letters as the full name.
_RUNS: dict[str, dict[int, DateElement]] = {
    "y": {2: DateElement.YEAR_2_DIGIT, 4: DateElement.YEAR},
    "M": {1: DateElement.MONTH, 2: DateElement.MONTH_2_DIGIT, 3: DateElement.MONTH_ABBREVIATION,
          4: DateElement.MONTH_NAME},
    "d": {1: DateElement.DAY_OF_MONTH, 2: DateElement.DAY_OF_MONTH_2_DIGIT},
    "D": {1: DateElement.DAY_OF_YEAR, 3: DateElement.DAY_OF_YEAR_3_DIGIT},
    "E": {1: DateElement.WEEKDAY_ABBREVIATION, 2: DateElement.WEEKDAY_ABBREVIATION,
          3: DateElement.WEEKDAY_ABBREVIATION, 4: DateElement.WEEKDAY_NAME},
    "H": {1: DateElement.HOUR_OF_DAY, 2: DateElement.HOUR_OF_DAY_2_DIGIT},
    "h": {1: DateElement.HOUR_12, 2: DateElement.HOUR_12_2_DIGIT},
    "m": {1: DateElement.MINUTE, 2: DateElement.MINUTE_2_DIGIT},
    "s": {1: DateElement.SECOND, 2: DateElement.SECOND_2_DIGIT},
    "a": {1: DateElement.AM_PM},
}

# Why each refused Java letter is refused, in the words of the guide's date format table.
_REFUSED: dict[str, str] = {
    "G": "era designator", "k": "hour in day (1-24)", "K": "hour in AM/PM (0-11)", "S": "millisecond",
    "z": "time zone", "Z": "time zone", "X": "time zone", "F": "day of week in month", "w": "week in year",
    "W": "week in month", "Y": "week year", "u": "day number of week", "L": "month (standalone)",
}

SUPPORTED = "yy yyyy M MM MMM MMMM d dd D DDD E EEEE H HH h hh m mm s ss a"


class PatternError(ValueError):
    """A pattern breaks a rule; the message says which, for the user."""


def compile_date_pattern(pattern: str) -> DateFormat:
    """Compiles a SimpleDateFormat pattern with Java's quoting rules into parts.

    Text between single quotes is literal and ``''`` is one quote (inside quotes too); any
    character that is not an ASCII letter is literal.

    Raises:
        PatternError: for an empty pattern, an unterminated quote, an unknown letter, a refused
            letter or a run length this subset does not print exactly.
    """
    if not pattern:
        raise PatternError("the date pattern is empty")
    parts: list[DatePart] = []
    literal: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            text, index = _quoted(pattern, index)
            literal.append(text)
            continue
        if not (char.isascii() and char.isalpha()):
            literal.append(char)
            index += 1
            continue
        run = len(pattern[index:]) - len(pattern[index:].lstrip(char))
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(_element(char, run))
        index += run
    if literal:
        parts.append("".join(literal))
    return DateFormat(pattern, tuple(parts))


def _quoted(pattern: str, start: int) -> tuple[str, int]:
    """Reads quoted text starting at the quote at start; returns the text and the index after it."""
    if pattern.startswith("''", start):
        return "'", start + 2
    text: list[str] = []
    index = start + 1
    while index < len(pattern):
        if pattern.startswith("''", index):
            text.append("'")
            index += 2
        elif pattern[index] == "'":
            return "".join(text), index + 1
        else:
            text.append(pattern[index])
            index += 1
    raise PatternError(f"the quote at position {start + 1} of the date pattern is never closed")


def _element(letter: str, run: int) -> DateElement:
    if letter not in JAVA_LETTERS:
        raise PatternError(f"'{letter}' is not a date pattern letter (quote literal text: 'at')")
    if letter in _REFUSED:
        raise PatternError(
            f"'{letter}' ({_REFUSED[letter]}) is not supported in an output specification; supported: {SUPPORTED}"
        )
    runs = _RUNS[letter]
    if letter in "EM" and run > 4:
        run = 4
    if run not in runs:
        written = ", ".join(letter * count for count in runs)
        raise PatternError(f"'{letter * run}' is not supported; write {written}")
    return runs[run]
