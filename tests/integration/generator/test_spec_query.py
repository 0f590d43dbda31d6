"""The SQL an output specification compiles to, run on real PostgreSQL over a stand-in report query.

Dates are checked against Java's own SimpleDateFormat (tests/support/SimpleDateFormatOracle.java):
every accepted pattern letter, at instants covering each month, weekday, midnight, noon and a leap
year's last day, must come out of ``to_char`` exactly as Java writes it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg2
import pytest

from reportsuite.core.settings import Settings
from services.catalog.domain.date_patterns import compile_date_pattern
from services.catalog.domain.spec_parser import parse_specification
from services.catalog.entrypoints.spec_translate import format_to_proto
from services.generator.adapters.clients import output_format_from_proto
from services.generator.adapters.spec_query import copy_with_specification, date_template, literal
from services.generator.domain.output_spec import DateElement, DatePart

ORACLE = Path(__file__).resolve().parents[2] / "support" / "SimpleDateFormatOracle.java"

# A report query's shape: columns named after the fields, times as local wall-clock text.
REPORT = """SELECT * FROM (VALUES
    ('C1', 'a,b "q"', '2024-03-05 00:07:09', 45, 'plain'),
    ('C2', NULL, '2024-12-31 13:00:00', 0, E'two\\r\\nlines'),
    ('Cé', '', '2024-07-04 12:59:59', 7, 'it''s')
) AS t("ClientID", "Device", "StartTime", "TalkSeconds", "MessageContent") ORDER BY 1"""

PATTERNS = (
    *(element.value for element in DateElement),
    "E", "EE", "MMMMM", "EEEEE",
    "yyyy-MM-dd'T'HH:mm:ss", "EEE, d MMM yyyy h:mm a", "yy''yyyy", "'at' hh 'o''clock' a", "DDDd", "ddDDD",
    "yyyyMMddHHmmss", "'\"q\"' \\ '\"'", "MMMMdd", "hha",
)


def _instants() -> list[datetime]:
    months = [datetime(2023, month, month + 3, month * 2 - 1, month * 4, month, tzinfo=UTC) for month in range(1, 13)]
    days = [datetime(2024, 2, 25, tzinfo=UTC) + timedelta(days=day, hours=day * 3, minutes=7) for day in range(7)]
    edges = [datetime(2024, 12, 31, 0, 0, 0, tzinfo=UTC), datetime(2024, 1, 1, 12, 0, 5, tzinfo=UTC),
             datetime(2025, 1, 9, 23, 59, 59, tzinfo=UTC), datetime(1999, 9, 9, 9, 9, 9, tzinfo=UTC)]
    return months + days + edges


@pytest.fixture(scope="module")
def connection(settings: Settings) -> Iterator[psycopg2.extensions.connection]:
    url = settings.database_url.replace("postgresql+psycopg2://", "postgresql://")
    connection = psycopg2.connect(url)
    yield connection
    connection.close()


def _java(cases: list[tuple[str, datetime]]) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Java runtime ('java') is not on PATH, so there is no SimpleDateFormat to compare with")
    lines = "".join(f"{pattern}\t{int(instant.timestamp() * 1000)}\tUTC\n" for pattern, instant in cases)
    done = subprocess.run([java, str(ORACLE)], input=lines, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=True)
    return done.stdout.split("\n")[: len(cases)]


def _generator_parts(pattern: str) -> tuple[DatePart, ...]:
    """The catalog's compiled pattern as the generator receives it (its enums map by name)."""
    return tuple(part if isinstance(part, str) else DateElement[part.name]
                 for part in compile_date_pattern(pattern).parts)


def test_every_accepted_date_pattern_renders_as_java_renders_it(connection):
    cases = [(pattern, instant) for pattern in PATTERNS for instant in _instants()]
    templates = [date_template(_generator_parts(pattern)) for pattern, _ in cases]
    walls = [instant.strftime("%Y-%m-%d %H:%M:%S") for _, instant in cases]
    with connection.cursor() as cursor:
        # The generator re-renders the report's wall-clock text, as spec_query.value_expression does.
        cursor.execute("SELECT to_char(w::timestamp, t) FROM unnest(%s::text[], %s::text[]) AS c(w, t)",
                       (walls, templates))
        ours = [row[0] for row in cursor.fetchall()]

    java = _java(cases)

    mismatches = [f"{p} at {w}: java {j!r}, ours {o!r}"
                  for (p, _), w, j, o in zip(cases, walls, java, ours, strict=True) if j != o]
    assert mismatches == []
    assert len(cases) > 800


def _written(connection: psycopg2.extensions.connection, text: str) -> tuple[int, str]:
    output = output_format_from_proto("spec", format_to_proto(parse_specification(text.encode())))
    sink = io.BytesIO()
    with connection.cursor() as cursor:
        rows = copy_with_specification(cursor, REPORT, output, sink)
    return rows, sink.getvalue().decode()


def test_minimal_quoting_quotes_only_what_needs_it_and_leaves_empty_fields_bare(connection):
    rows, written = _written(connection, (
        'report All Attempts\nfield Device as "Device, as dialled"\nfield ClientID\nfield TalkSeconds decimals 1\n'
        'field MessageContent\n'))

    assert rows == 3
    assert written == ('"Device, as dialled",ClientID,TalkSeconds,MessageContent\n'
                       '"a,b ""q""",C1,45.0,plain\n'
                       ',C2,0.0,"two\r\nlines"\n'
                       ",Cé,7.0,it's\n")


def test_quoting_all_with_another_quote_and_delimiter_quotes_every_field_and_the_header(connection):
    _, written = _written(connection, (
        "report All Attempts\nquoting all\nquote '\ndelimiter \\\nfield ClientID as \"it's\"\nfield Device\n"))

    assert written == ("'it''s'\\'Device'\n"
                       "'C1'\\'a,b \"q\"'\n"
                       "'C2'\\''\n"
                       "'Cé'\\''\n")


def test_crlf_ends_every_line_and_a_line_break_inside_a_value(connection):
    _, written = _written(connection, "report All Attempts\nline-ending CRLF\nfield ClientID\nfield MessageContent\n")

    assert written == "ClientID,MessageContent\r\nC1,plain\r\nC2,\"two\r\nlines\"\r\nCé,it's\r\n"


def test_quoting_none_writes_values_as_they_are_but_line_breaks_and_the_delimiter(connection):
    _, written = _written(connection, (
        "report All Attempts\nquoting none\ndelimiter '\nfield ClientID\nfield Device\nfield MessageContent\n"))

    assert written == "ClientID'Device'MessageContent\nC1'a,b \"q\"'plain\nC2''two  lines\nCé''it s\n"


def test_fixed_width_counts_characters_pads_and_cuts(connection):
    _, written = _written(connection, (
        "report All Attempts\nlayout fixed\nheader off\nfield ClientID width 1\n"
        "field Device width 4 align right\nfield MessageContent width 6\nfield TalkSeconds width 5 align right "
        "decimals 2\nfield StartTime width 8 date \"d MMM\"\n"))

    assert written == ("Ca,b plain 45.005 Mar   \n"
                       "C    two  l 0.0031 Dec  \n"
                       "C    it's   7.004 Jul   \n")


@pytest.mark.parametrize("value", ["plain", "it's", "back\\slash", "tab\there", "é ü"])
def test_a_literal_reads_back_as_the_same_text(connection, value):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {literal(value)}")
        assert cursor.fetchone()[0] == value
