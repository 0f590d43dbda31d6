"""The guide's "File name format": validating a format and rendering a report's file name.

A format is text plus tags: <REPORT>, <CAMPAIGN>, <SUBCAMPAIGN>, <GROUP>, <ACCOUNT>,
<ACCOUNT_UID>, <REPORTID>, and the date tags <START:fmt>, <END:fmt>, <DATE:fmt> whose
``fmt`` is a Java SimpleDateFormat pattern; without one a date is the "Julian date" yyDDD.
docs/file-names.md states every rule decided here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.simple_date_format import DatePattern, compile_pattern

FIELD = "file_name_format"
# The guide: these "cannot be used as part of the file name".
FORBIDDEN_CHARACTERS = '*?|"/<>:'
# The "Julian date" of business systems: two-digit year and day of the year, 26067 for 8 March 2026.
JULIAN_DATE_PATTERN = "yyDDD"
DEFAULT_DATE_RUN_PATTERN = "yyyyMMddHHmmss"
MAX_NAME_BYTES = 255
MAX_FORMAT_LENGTH = 512
# Used when a format renders to nothing at all, so a file is never named only by its extension.
EMPTY_NAME = "report"

TEXT_TAGS = {
    "REPORT": "report",
    "CAMPAIGN": "campaign",
    "SUBCAMPAIGN": "sub_campaign",
    "GROUP": "group",
    "ACCOUNT": "account",
    "ACCOUNT_UID": "account_uid",
    "REPORTID": "report_id",
}
DATE_TAGS = {"START": "start_time", "END": "end_time", "DATE": "instant"}

_DOT_RUN = re.compile(r"\.{2,}")


@dataclass(frozen=True)
class FileNameContext:
    """The values of a format's tags for one report run."""

    report: str = ""
    report_name: str = ""
    name_at_level_run: str = ""
    campaign: str = ""
    sub_campaign: str = ""
    group: str = ""
    account: str = ""
    account_uid: str = ""
    report_id: str = ""
    start_time: datetime | None = None
    end_time: datetime | None = None


@dataclass(frozen=True)
class TextTag:
    attribute: str


@dataclass(frozen=True)
class DateTag:
    attribute: str
    pattern: DatePattern


Part = str | TextTag | DateTag


@dataclass(frozen=True)
class FileNameFormat:
    """A validated format, ready to render."""

    text: str
    parts: tuple[Part, ...]


def parse_format(text: str, *, field: str = FIELD) -> FileNameFormat:
    """Validates a file name format, as when a report definition is saved.

    Raises:
        InvalidArgument: naming ``field``, for a character not allowed in a file name, an
            unknown tag, an unclosed ``<`` or a bad date pattern, with its 1-based position.
    """
    if len(text) > MAX_FORMAT_LENGTH:
        raise InvalidArgument(f"{field} is longer than {MAX_FORMAT_LENGTH} characters", field=field,
                              rule=f"must be at most {MAX_FORMAT_LENGTH} characters")
    parts: list[Part] = []
    i = 0
    while i < len(text):
        if text[i] == "<":
            end = text.find(">", i)
            if end < 0:
                raise _error(field, f"the tag opened at position {i + 1} is not closed with '>'")
            parts.append(_tag(text[i + 1:end], i + 1, field))
            i = end + 1
        else:
            end = text.find("<", i)
            end = len(text) if end < 0 else end
            _check_text(text[i:end], i, field)
            parts.append(text[i:end])
            i = end
    return FileNameFormat(text, tuple(parts))


def render(
    file_name_format: str | FileNameFormat,
    context: FileNameContext,
    instant: datetime,
    zone: ZoneInfo,
    *,
    has_output_specification: bool = False,
) -> str:
    """Renders the file name, extension included.

    Tag values are made safe (see ``sanitise``), the name never climbs out of a directory,
    and it is at most 255 bytes of UTF-8. An empty format gives the guide's default name,
    <ReportName>_<NameAtLevelRun>_<DateRun>.
    """
    parsed = parse_format(file_name_format) if isinstance(file_name_format, str) else file_name_format
    if parsed.parts:
        stem = "".join(_render_part(part, context, instant, zone) for part in parsed.parts)
    else:
        stem = default_stem(context, instant, zone)
    return finish_name(stem, extension(has_output_specification))


def default_stem(context: FileNameContext, instant: datetime, zone: ZoneInfo) -> str:
    """The guide's default name without extension: <ReportName>_<NameAtLevelRun>_<DateRun>."""
    date_run = compile_pattern(DEFAULT_DATE_RUN_PATTERN).format(instant, zone)
    return f"{sanitise(context.report_name)}_{sanitise(context.name_at_level_run)}_{date_run}"


# The guide: summary reports come as .xls or .pdf. No summary type exists yet; when one does, its
# definition's choice picks the extension here.
SUMMARY_EXTENSIONS = {"xls": ".xls", "pdf": ".pdf"}


def extension(has_output_specification: bool, summary_format: str = "") -> str:
    """The guide: .xls or .pdf for a summary report, else .txt with an output specification file, else .csv."""
    if summary_format:
        return SUMMARY_EXTENSIONS[summary_format]
    return ".txt" if has_output_specification else ".csv"


def sanitise(value: str) -> str:
    """Makes a tag value safe inside a file name.

    Path separators, the guide's forbidden characters, NUL and every control character
    become "_", and so does any run of two or more dots, so no value can name a parent
    directory or another path, whatever a campaign or account name holds.
    """
    cleaned = "".join("_" if _unsafe(char) else char for char in value)
    return _DOT_RUN.sub("_", cleaned)


def finish_name(stem: str, ext: str) -> str:
    """Joins a rendered stem and its extension into a safe name of at most 255 bytes.

    A stem that already ends in the extension (any case) keeps it instead of doubling it.
    """
    stem = sanitise(stem)
    if ext and stem.lower().endswith(ext):
        stem, ext = stem[: -len(ext)], stem[-len(ext):]
    limit = MAX_NAME_BYTES - len(ext.encode())
    stem = stem.encode()[:limit].decode("utf-8", "ignore")
    # A trailing dot would join the extension's into "..", a leading one would hide the file.
    stem = re.sub(r"\.+$", lambda m: "_" * len(m.group()), stem)
    stem = re.sub(r"^\.", "_", stem) or EMPTY_NAME
    return stem + ext


def safe_name(name: str) -> str:
    """Makes a finished file name (such as a saved report's) safe to create on a server."""
    return finish_name(name, "")


def _unsafe(char: str) -> bool:
    return char in FORBIDDEN_CHARACTERS or char == "\\" or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}


def _render_part(part: Part, context: FileNameContext, instant: datetime, zone: ZoneInfo) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, TextTag):
        return sanitise(getattr(context, part.attribute))
    value = instant if part.attribute == "instant" else getattr(context, part.attribute)
    # A campaign that has not ended has no <END>; the tag renders as nothing.
    return "" if value is None else sanitise(part.pattern.format(value, zone))


def _tag(body: str, position: int, field: str) -> Part:
    name, colon, pattern = body.partition(":")
    key = name.upper()
    if key in TEXT_TAGS and not colon:
        return TextTag(TEXT_TAGS[key])
    if key in TEXT_TAGS:
        raise _error(field, f"the tag <{key}> at position {position} takes no date format")
    if key in DATE_TAGS:
        # The pattern starts after "<NAME:"; positions in its errors count from the format's start.
        compiled = compile_pattern(pattern or JULIAN_DATE_PATTERN, field=field, offset=position + len(name) + 1)
        return DateTag(DATE_TAGS[key], compiled)
    known = ", ".join(f"<{tag}>" for tag in TEXT_TAGS) + ", " + ", ".join(f"<{tag}:fmt>" for tag in DATE_TAGS)
    raise _error(field, f"the tag <{body}> at position {position} is not one of {known}")


def _check_text(text: str, offset: int, field: str) -> None:
    for index, char in enumerate(text):
        if _unsafe(char):
            shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
            raise _error(field, f"the character {shown} at position {offset + index + 1} is not allowed in a file name")
    dots = text.find("..")
    if dots >= 0:
        raise _error(field, f"'..' at position {offset + dots + 1} is not allowed in a file name")


def _error(field: str, rule: str) -> InvalidArgument:
    return InvalidArgument(f"{field}: {rule}", field=field, rule=rule)
