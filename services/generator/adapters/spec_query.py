"""An output specification compiled into COPY: the report's own query, reshaped column by column.

The report query (report_query.py) names its columns after the report's fields and writes times as
"YYYY-MM-DD HH:MM:SS" in the account's reports time zone. A specification wraps it,
``SELECT <one expression per chosen field> FROM (<report query>) AS r``, so choosing, ordering and
renaming fields never touches the report's SQL, and PostgreSQL still does all the formatting as the
rows stream: no row passes through Python but for the CRLF line ends (a bytes replace per row).

- Delimited, quoting minimal or all: COPY's own CSV writer with the specification's DELIMITER and
  QUOTE, and FORCE_QUOTE * for all (every value is made non-NULL first, so empty fields are
  quoted too).
- Quoting none and the fixed layout: each line is built as one text value (values joined by the
  delimiter, or padded and cut with rpad/lpad) and written by COPY as a single CSV column whose
  delimiter, quote and NULL marker are control characters. Control characters in values (line
  breaks, tabs) become spaces first, and with quoting none so does the delimiter, so COPY never
  has a reason to quote and writes each line exactly as built.
- Dates: ``to_char`` of the field's wall-clock text with a template compiled from the pattern's
  elements; every element is one that ``to_char`` writes exactly as Java does (date_patterns.py in
  the catalog keeps to those).
- Numbers: ``round(value::numeric, decimals)``.
- The header is a one-row COPY of the header names through the same expressions and options, so
  it is quoted, padded and cut exactly like the data (COPY's HEADER option neither force-quotes
  names nor allows names longer than 63 bytes).
"""

from __future__ import annotations

from typing import Any

from services.generator.domain.output_spec import (
    Alignment,
    DateElement,
    DatePart,
    Layout,
    LineEnding,
    OutputField,
    OutputFormat,
    Quoting,
)
from services.generator.domain.ports import Sink

# to_char's code for each element; FM drops to_char's padding where Java prints no padding.
TO_CHAR: dict[DateElement, str] = {
    DateElement.YEAR: "YYYY", DateElement.YEAR_2_DIGIT: "YY",
    DateElement.MONTH: "FMMM", DateElement.MONTH_2_DIGIT: "MM",
    DateElement.MONTH_ABBREVIATION: "Mon", DateElement.MONTH_NAME: "FMMonth",
    DateElement.DAY_OF_MONTH: "FMDD", DateElement.DAY_OF_MONTH_2_DIGIT: "DD",
    DateElement.DAY_OF_YEAR: "FMDDD", DateElement.DAY_OF_YEAR_3_DIGIT: "DDD",
    DateElement.WEEKDAY_ABBREVIATION: "Dy", DateElement.WEEKDAY_NAME: "FMDay",
    DateElement.HOUR_OF_DAY: "FMHH24", DateElement.HOUR_OF_DAY_2_DIGIT: "HH24",
    DateElement.HOUR_12: "FMHH12", DateElement.HOUR_12_2_DIGIT: "HH12",
    DateElement.MINUTE: "FMMI", DateElement.MINUTE_2_DIGIT: "MI",
    DateElement.SECOND: "FMSS", DateElement.SECOND_2_DIGIT: "SS",
    DateElement.AM_PM: "AM",
}
_CONTROLS = "".join(chr(code) for code in (*range(1, 32), 127))
# The single-column modes' COPY delimiter, quote and NULL marker: control characters, which the
# values never hold once cleaned.
_LINE_OPTIONS = "FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e', NULL E'\\x1d', ENCODING 'UTF8'"


def literal(value: str) -> str:
    """A SQL string literal of value; the E'' form reads the same whatever standard_conforming_strings says."""
    return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def date_template(parts: tuple[DatePart, ...]) -> str:
    """The to_char template of a compiled date pattern.

    Literal text goes in double quotes (with backslash escapes, as to_char reads them), and an empty
    "" separates codes, so that "yy" followed by "yyyy" is not read as YYYY followed by YY.
    """
    pieces = []
    for part in parts:
        if isinstance(part, DateElement):
            pieces.append(TO_CHAR[part])
        else:
            pieces.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return '""'.join(pieces)


def value_expression(field: OutputField) -> str:
    """The field's value as text (or NULL when the report has none), before the layout shapes it."""
    column = f"r.{_identifier(field.field)}"
    if field.date is not None:
        return f"to_char(NULLIF({column}::text, '')::timestamp, {literal(date_template(field.date))})"
    if field.decimals is not None:
        return f"round(NULLIF({column}::text, '')::numeric, {int(field.decimals)})::text"
    return f"{column}::text"


def _cleaned(value: str, also: str = "") -> str:
    """value with control characters (and the characters in also) replaced by spaces, never NULL."""
    bad = _CONTROLS + also
    return f"translate(COALESCE({value}, ''), {literal(bad)}, {literal(' ' * len(bad))})"


def _shaped(output: OutputFormat, value: str, field: OutputField) -> str:
    if output.layout is Layout.FIXED:
        pad = "lpad" if field.alignment is Alignment.RIGHT else "rpad"
        return f"{pad}({_cleaned(value)}, {int(field.width)})"
    if output.quoting is Quoting.NONE:
        return _cleaned(value, output.delimiter)
    if output.quoting is Quoting.ALL:
        return f"COALESCE({value}, '')"
    # Minimal: an empty value is written as an empty field, not as the quoted "" COPY writes for ''.
    return f"NULLIF({value}, '')"


def select_list(output: OutputFormat, values: list[str]) -> str:
    """The SELECT list of one line: a column per field, or the whole line as one column."""
    shaped = [_shaped(output, value, field) for value, field in zip(values, output.fields, strict=True)]
    if output.layout is Layout.FIXED:
        return " || ".join(shaped)
    if output.quoting is Quoting.NONE:
        return f" || {literal(output.delimiter)} || ".join(shaped)
    return ", ".join(shaped)


def copy_options(output: OutputFormat) -> str:
    """The COPY options writing the specification's lines (LF ended; CRLF is made by the sink)."""
    if output.layout is Layout.FIXED or output.quoting is Quoting.NONE:
        return _LINE_OPTIONS
    options = f"FORMAT csv, DELIMITER {literal(output.delimiter)}, QUOTE {literal(output.quote)}, ENCODING 'UTF8'"
    return options + (", FORCE_QUOTE *" if output.quoting is Quoting.ALL else "")


def header_statement(output: OutputFormat) -> str:
    """The COPY writing the header line."""
    headers = [literal(field.header) for field in output.fields]
    return f"COPY (SELECT {select_list(output, headers)}) TO STDOUT WITH ({copy_options(output)})"


def data_statement(output: OutputFormat, report_select: str) -> str:
    """The COPY writing the data lines from the report's query (its parameters already inlined)."""
    values = [value_expression(field) for field in output.fields]
    # The report query's ORDER BY holds: an ordered subquery is not flattened, and a projection over
    # it keeps its order.
    return (f"COPY (SELECT {select_list(output, values)} FROM ({report_select}) AS r) "
            f"TO STDOUT WITH ({copy_options(output)})")


class CrlfSink:
    """Ends lines with CR LF: each LF that COPY writes, and each inside a quoted value, becomes CR LF.

    psycopg2 hands COPY's output over one row at a time, so a CR LF already in a value is never
    split between two writes.
    """

    def __init__(self, sink: Sink) -> None:
        self._sink = sink

    def write(self, data: bytes, /) -> int:
        self._sink.write(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        return len(data)


def copy_with_specification(cursor: Any, report_select: str, output: OutputFormat, sink: Sink) -> int:
    """Streams the report shaped by the specification into sink; returns the data rows written.

    Args:
        cursor: a psycopg2 cursor in the transaction that set the account's time zone.
        report_select: the report's query with its parameters inlined (``cursor.mogrify``).
    """
    target: Sink = CrlfSink(sink) if output.line_ending is LineEnding.CRLF else sink
    if output.header:
        cursor.copy_expert(header_statement(output), target)
    cursor.copy_expert(data_statement(output, report_select), target)
    return int(cursor.rowcount)
