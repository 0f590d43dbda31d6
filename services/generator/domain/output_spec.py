"""An output specification as the catalog hands it over: parsed and normalised, ready to compile.

The catalog owns the file and its parser (docs/output-specifications.md) and answers
``GetOutputSpecification`` with the structure below, so the generator never reads the file
itself. It checks the structure once more against its own field lists before a report is written:
the catalog's copy of the lists could lag behind the generator's (a test keeps them equal).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from services.generator.domain.jobs import ReportFailure
from services.generator.domain.reports import FIELDS, Field, FieldKind, ReportType


class Layout(enum.Enum):
    """Fields separated by a delimiter, or padded to fixed widths."""

    DELIMITED = "delimited"
    FIXED = "fixed"


class Quoting(enum.Enum):
    """When a delimited field is quoted: as needed (RFC 4180), always, or never."""

    MINIMAL = "minimal"
    ALL = "all"
    NONE = "none"


class LineEnding(enum.Enum):
    """What ends each line of the file."""

    LF = "\n"
    CRLF = "\r\n"


class Alignment(enum.Enum):
    """Where a fixed-width value sits in its column."""

    LEFT = "left"
    RIGHT = "right"


class DateElement(enum.Enum):
    """What one run of a SimpleDateFormat letter writes; the value is the run."""

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
class OutputField:
    """One column: the report field shown, its header, and how it is written."""

    field: str
    header: str
    width: int = 0
    alignment: Alignment = Alignment.LEFT
    date: tuple[DatePart, ...] | None = None
    decimals: int | None = None


@dataclass(frozen=True)
class OutputFormat:
    """A specification's layout; delimiter and quote are empty where they do not apply."""

    name: str
    report_type: ReportType | None
    layout: Layout
    delimiter: str
    quoting: Quoting
    quote: str
    header: bool
    line_ending: LineEnding
    fields: tuple[OutputField, ...]


# The field lists an output specification can choose from, by report type: every Detail report's
# (the catalogue in reports.py). A report type that is not here cannot be written with a specification.
FIELD_LISTS: dict[ReportType, tuple[Field, ...]] = FIELDS


def check_format(output: OutputFormat, report_type: ReportType) -> None:
    """Checks a specification against the report about to be written with it.

    Raises:
        ReportFailure: naming the specification and what does not fit; retrying cannot help.
    """
    def refuse(reason: str) -> ReportFailure:
        return ReportFailure(f"output specification {output.name}: {reason}")

    if output.report_type is not report_type:
        shown = output.report_type.value if output.report_type else "an unknown report"
        raise refuse(f"it formats {shown}, not {report_type.value}")
    fields = {field.name: field for field in FIELD_LISTS.get(report_type, ())}
    if not fields:
        raise refuse(f"{report_type.value} reports cannot be written with an output specification yet")
    if not output.fields:
        raise refuse("it chooses no field")
    for chosen in output.fields:
        _check_field(chosen, fields.get(chosen.field), output.layout, refuse)
    single = (output.delimiter,) + ((output.quote,) if output.quoting is not Quoting.NONE else ())
    if output.layout is Layout.DELIMITED and not all(len(c) == 1 and c.isascii() for c in single):
        raise refuse("its delimiter and quote must be one ASCII character each")


def _check_field(chosen: OutputField, known: Field | None, layout: Layout,
                 refuse: Callable[[str], ReportFailure]) -> None:
    if known is None:
        raise refuse(f"the report has no field {chosen.field!r}")
    if chosen.date is not None and known.kind is not FieldKind.TIME:
        raise refuse(f"{chosen.field} is not a time field, so it takes no date format")
    if chosen.decimals is not None and known.kind is not FieldKind.NUMBER:
        raise refuse(f"{chosen.field} is not a number field, so it takes no decimals")
    if layout is Layout.FIXED and chosen.width < 1:
        raise refuse(f"{chosen.field} has no width in a fixed layout")
