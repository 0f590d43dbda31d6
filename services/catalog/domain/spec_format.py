"""An output specification: the uploaded file and the layout it describes, parsed and normalised.

docs/output-specifications.md describes the file; ``spec_parser`` turns its text into an
``OutputFormat`` with every default filled in, which is what the generator receives.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from services.catalog.domain import names
from services.catalog.domain.date_patterns import DateFormat
from services.catalog.domain.report_types import ReportType


class Layout(enum.Enum):
    """Fields separated by a delimiter, or padded to fixed widths."""

    DELIMITED = "delimited"
    FIXED = "fixed"


class Quoting(enum.Enum):
    """When a delimited field is put between quote characters."""

    MINIMAL = "minimal"
    ALL = "all"
    NONE = "none"


class LineEnding(enum.Enum):
    """What ends each line of the file."""

    LF = "LF"
    CRLF = "CRLF"


class Alignment(enum.Enum):
    """Where a fixed-width field's text sits in its column."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class OutputField:
    """One column of the file: the report field it shows, under which header, formatted how.

    ``width`` and ``alignment`` are set with the fixed layout only; ``date`` on time fields only;
    ``decimals`` on number fields only.
    """

    field: str
    header: str
    width: int = 0
    alignment: Alignment | None = None
    date: DateFormat | None = None
    decimals: int | None = None


@dataclass(frozen=True)
class OutputFormat:
    """A specification file's meaning, with every default filled in.

    ``delimiter``, ``quoting`` and ``quote`` apply to the delimited layout only (they are empty,
    None and empty with the fixed layout; ``quote`` is also empty with quoting none).
    """

    report_type: ReportType
    layout: Layout
    delimiter: str
    quoting: Quoting | None
    quote: str
    header: bool
    line_ending: LineEnding
    encoding: str
    fields: tuple[OutputField, ...]


@dataclass(frozen=True)
class StoredSpecification:
    """A stored specification file: its identity and the bytes uploaded (empty in listings)."""

    account: str
    spec_id: str
    report_type: ReportType
    content: bytes
    size_bytes: int
    sha256: str
    create_time: datetime

    @property
    def name(self) -> str:
        return names.output_specification(self.account, self.spec_id)


@dataclass(frozen=True)
class OutputSpecification:
    """A stored specification with the format its content describes."""

    stored: StoredSpecification
    format: OutputFormat
