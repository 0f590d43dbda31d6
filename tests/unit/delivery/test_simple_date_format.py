"""Our SimpleDateFormat against Java's own, run once per session on a table of cases."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.simple_date_format import (
    PATTERN_LETTERS,
    compile_pattern,
    epoch_millis,
    format_instant,
    zone_names,
)

ORACLE = Path(__file__).resolve().parents[2] / "support" / "SimpleDateFormatOracle.java"
ZONE_NAMES = Path(__file__).resolve().parents[3] / "services" / "delivery" / "domain" / "java_zone_names.csv"

ZONES = (
    "UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Paris",
    "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Tokyo",
)


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc,arg-type]


INSTANTS = (
    # Around the 2026 US changes (8 March 07:00 UTC for New York, 10:00 for Los Angeles; 1 November back).
    _utc(2026, 3, 8, 6, 59, 59), _utc(2026, 3, 8, 7, 0, 0), _utc(2026, 3, 8, 10, 30, 0),
    _utc(2026, 11, 1, 5, 30, 0), _utc(2026, 11, 1, 6, 0, 0), _utc(2026, 11, 1, 9, 15, 0),
    # Around the 2026 EU changes (29 March and 25 October at 01:00 UTC).
    _utc(2026, 3, 29, 0, 59, 59), _utc(2026, 3, 29, 1, 0, 0), _utc(2026, 10, 25, 0, 30, 0),
    _utc(2026, 10, 25, 1, 0, 1),
    # Lord Howe's half-hour change (5 April 2026, 02:00 local daylight).
    _utc(2026, 4, 4, 14, 59, 0), _utc(2026, 4, 4, 15, 0, 0),
    # Year boundaries, where the week year differs from the calendar year.
    _utc(2025, 12, 27, 12, 0, 0), _utc(2025, 12, 28, 0, 0, 0), _utc(2025, 12, 31, 23, 59, 59, 999_000),
    _utc(2026, 1, 1, 0, 0, 0), _utc(2026, 12, 27, 3, 4, 5), _utc(2026, 12, 31, 12, 0, 0),
    _utc(2027, 1, 2, 23, 0, 0), _utc(2021, 1, 2, 12, 0, 0), _utc(2022, 1, 1, 0, 30, 0),
    # Leap day, midnight and noon (the 12/24/0 hour forms), milliseconds, single digits.
    _utc(2024, 2, 29, 0, 0, 0), _utc(2024, 2, 29, 12, 0, 0, 5_000), _utc(2024, 12, 31, 23, 0, 0),
    _utc(2003, 7, 22, 12, 54, 32, 978_000), _utc(1999, 9, 9, 9, 9, 9, 9_000), _utc(1970, 1, 1, 0, 0, 0),
)

PATTERNS = (
    *(letter * count for letter in PATTERN_LETTERS for count in range(1, 6)),
    "yyyyMMdd hh:mm:ss z",
    "yyyyMMdd",
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "EEE, d MMM yyyy HH:mm:ss Z",
    "h 'o''clock' a, zzzz",
    "''",
    "'''quoted'''",
    "'it''s' yy",
    "YYYY-'W'ww-u",
    "yyDDD",
    "G yyyy MMMM dd EEEE",
    "K:mm a, kk:mm, HH:mm, hh:mm",
    "W F w D",
    "LLL LLLL MMM MMMM",
    "yyyy.MM.dd G 'at' HH:mm:ss z",
    "x",
    "yyyy'",
    "'unterminated",
    "HH-mm~ss_SSS é ü",
    "XXXX",
    "XXXXX",
    "q",
)


def _cases() -> list[tuple[str, int, str]]:
    return [(p, epoch_millis(i), z) for p in PATTERNS for i in INSTANTS for z in ZONES]


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Java runtime ('java') is not on PATH, so there is no SimpleDateFormat to compare with")
    return java


@pytest.fixture(scope="session")
def java_results() -> dict[tuple[str, int, str], str]:
    """Runs the Java oracle once on every case and returns its output per case."""
    cases = _cases()
    lines = "".join(f"{p}\t{m}\t{z}\n" for p, m, z in cases)
    done = subprocess.run(
        [_java(), str(ORACLE)], input=lines, capture_output=True, text=True, encoding="utf-8", timeout=120,
        check=True,
    )
    outputs = done.stdout.split("\n")[: len(cases)]
    assert len(outputs) == len(cases), done.stderr
    return dict(zip(cases, outputs, strict=True))


def _ours(pattern: str, millis: int, zone: str) -> str:
    instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=millis)
    try:
        return format_instant(pattern, instant, zone)
    except InvalidArgument:
        return "!ERROR"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_renders_as_java_renders_it_in_every_zone_and_instant(
    pattern: str, java_results: dict[tuple[str, int, str], str]
) -> None:
    mismatches = []
    for (p, millis, zone), expected in java_results.items():
        if p != pattern:
            continue
        if expected.startswith("!ERROR"):
            expected = "!ERROR"
        got = _ours(p, millis, zone)
        if got != expected:
            mismatches.append(f"{zone} {millis}: java {expected!r}, ours {got!r}")
    assert mismatches == []


def test_the_table_covers_hundreds_of_cases() -> None:
    assert len(_cases()) > 1000
    assert len(PATTERNS) > 100


def test_zone_name_table_matches_this_jdk() -> None:
    done = subprocess.run([_java(), str(ORACLE), "--zone-names"], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=True)
    java = {row[0]: tuple(row[1:]) for row in (line.split("\t") for line in done.stdout.splitlines())}
    with open(ZONE_NAMES, encoding="utf-8", newline="") as handle:
        stored = {row["zone"]: row for row in csv.DictReader(handle)}
    differing = [zone for zone, names in zone_names().items() if java.get(zone) != names]
    assert differing == []
    assert len(stored) > 500


def test_guide_example_renders_with_a_short_zone_name() -> None:
    instant = datetime(2003, 7, 22, 19, 54, 32, tzinfo=UTC)
    assert format_instant("yyyyMMdd hh:mm:ss z", instant, "America/Los_Angeles") == "20030722 12:54:32 PDT"


def test_zone_without_a_java_name_falls_back_to_the_gmt_offset_form() -> None:
    instant = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    # America/Coyhaique is newer than this JDK's zone names.
    assert format_instant("z|zzzz", instant, "America/Coyhaique") == "GMT-03:00|GMT-03:00"


@pytest.mark.parametrize(
    ("pattern", "position", "letter"),
    [("yyyyMMdd q", 10, "q"), ("Hello", 2, "e"), ("yyyy-MM-dd'T'HH:mm b", 20, "b")],
)
def test_unknown_letter_is_named_with_its_position(pattern: str, position: int, letter: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        compile_pattern(pattern, field="file_name_format")
    assert raised.value.field == "file_name_format"
    assert f"'{letter}' at position {position}" in raised.value.rule


def test_unclosed_quote_names_where_it_opened() -> None:
    with pytest.raises(InvalidArgument) as raised:
        compile_pattern("yyyy 'at HH", offset=6)
    assert "position 12" in raised.value.rule


def test_unknown_zone_is_invalid() -> None:
    with pytest.raises(InvalidArgument) as raised:
        format_instant("yyyy", datetime(2026, 1, 1, tzinfo=UTC), "Mars/Olympus_Mons")
    assert raised.value.field == "time_zone"
