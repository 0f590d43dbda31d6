"""The rules a report definition and a saved report must keep; each broken rule names its field.

Output options are checked by the delivery service (it owns e-mail, transfer and file name
rules); everything else is checked here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo
from datetime import datetime

from reportsuite.core import names as core_names
from reportsuite.core.errors import InvalidArgument
from services.catalog.domain import names
from services.catalog.domain.model import ReportDefinition, SavedReportDraft, TimeFrame, TimeFrameKind
from services.catalog.domain.report_types import TARGETED_LEVELS, YESTERDAYS_ACTIVITY_LEVELS, Level, info

DISPLAY_NAME_MAX = 200
DESCRIPTION_MAX = 1000
REQUEST_ID_MAX = 200
FILE_NAME_MAX = 255
WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"
_WALL_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_PREFIX = "report_definition."


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def check_display_name(value: str, field: str) -> None:
    """A display name is 1 to 200 characters without control characters."""
    if not value:
        raise InvalidArgument(f"{field} is required", field=field, rule="required")
    if len(value) > DISPLAY_NAME_MAX:
        raise InvalidArgument(
            f"{field} is {len(value)} characters long", field=field, rule=f"at most {DISPLAY_NAME_MAX} characters"
        )
    if _has_control(value):
        raise InvalidArgument(f"{field} contains a control character", field=field, rule="no control characters")


def check_request_id(value: str) -> None:
    """A request id is optional; when given it is at most 200 characters without control characters."""
    if len(value) > REQUEST_ID_MAX or _has_control(value):
        raise InvalidArgument(
            "request_id is not usable", field="request_id",
            rule=f"at most {REQUEST_ID_MAX} characters, no control characters",
        )


def validate_definition(definition: ReportDefinition) -> None:
    """Checks every rule of a report definition except its output options.

    Raises:
        InvalidArgument: naming the first field that breaks a rule, e.g. "report_definition.level".
    """
    check_display_name(definition.display_name, _PREFIX + "display_name")
    _check_description(definition.description)
    level = _check_type_and_level(definition)
    _check_target(definition, level)
    check_time_frame(definition.time_frame)


def _check_description(value: str) -> None:
    field = _PREFIX + "description"
    if len(value) > DESCRIPTION_MAX:
        raise InvalidArgument(
            f"{field} is {len(value)} characters long", field=field, rule=f"at most {DESCRIPTION_MAX} characters"
        )
    if _has_control(value, allowed="\n\t"):
        raise InvalidArgument(
            f"{field} contains a control character", field=field, rule="no control characters but newline and tab"
        )


def _check_type_and_level(definition: ReportDefinition) -> Level:
    if definition.report_type is None:
        raise InvalidArgument("report_definition.report_type is required",
                              field=_PREFIX + "report_type", rule="required")
    if definition.level is None:
        raise InvalidArgument("report_definition.level is required", field=_PREFIX + "level", rule="required")
    about = info(definition.report_type)
    if definition.level not in about.levels:
        raise InvalidArgument(
            f"{about.display_name} reports do not run at {definition.level.value} level",
            field=_PREFIX + "level",
            rule=f"{about.display_name} reports run at {about.levels_text()} level",
        )
    return definition.level


def _check_target(definition: ReportDefinition, level: Level) -> None:
    field = _PREFIX + "target"
    if definition.yesterdays_activity and level not in YESTERDAYS_ACTIVITY_LEVELS:
        raise InvalidArgument(
            f"<Yesterday's activity> is not offered at {level.value} level", field=_PREFIX + "yesterdays_activity",
            rule="only at campaign, sub-campaign and agent group level",
        )
    if level not in TARGETED_LEVELS:
        if definition.target:
            raise InvalidArgument(f"a {level.value} report has no target", field=field,
                                  rule="must be empty at account and enterprise level")
        return
    if definition.yesterdays_activity and level is Level.CAMPAIGN and definition.target:
        # The guide: "choose <Yesterday's activity> to generate a report covering all campaigns that
        # were run the previous day", so a campaign target would contradict the choice.
        raise InvalidArgument("<Yesterday's activity> at campaign level covers every campaign", field=field,
                              rule="must be empty with yesterdays_activity at campaign level")
    if not definition.target and definition.yesterdays_activity:
        return
    if not definition.target:
        raise InvalidArgument(f"a {level.value} report needs a target", field=field,
                              rule=f"required at {level.value} level unless yesterdays_activity is set")
    core_names.check_id(definition.target, field)


def check_time_frame(frame: TimeFrame) -> None:
    """Checks the time frame: a kind, and a start, end and zone for Explicit Dates only."""
    prefix = _PREFIX + "time_frame."
    if frame.kind is None:
        raise InvalidArgument("report_definition.time_frame.kind is required", field=prefix + "kind",
                              rule="required")
    if frame.kind is not TimeFrameKind.EXPLICIT_DATES:
        for attr in ("start", "end", "time_zone"):
            if getattr(frame, attr):
                raise InvalidArgument(
                    f"{prefix}{attr} is only used with Explicit Dates", field=prefix + attr,
                    rule="must be empty unless kind is KIND_EXPLICIT_DATES",
                )
        return
    start = _wall_clock(frame.start, prefix + "start")
    end = _wall_clock(frame.end, prefix + "end")
    if end <= start:
        raise InvalidArgument(f"{prefix}end {frame.end} is not after start {frame.start}",
                              field=prefix + "end", rule="must be after start")
    if frame.time_zone and frame.time_zone not in _time_zones():
        raise InvalidArgument(f"{prefix}time_zone {frame.time_zone!r} is not an IANA time zone",
                              field=prefix + "time_zone", rule="an IANA time zone such as America/New_York")


def _wall_clock(value: str, field: str) -> datetime:
    if not value:
        raise InvalidArgument(f"{field} is required with Explicit Dates", field=field,
                              rule="required with KIND_EXPLICIT_DATES")
    try:
        if not _WALL_CLOCK.match(value):
            raise ValueError(value)
        return datetime.strptime(value, WALL_CLOCK_FORMAT)
    except ValueError:
        raise InvalidArgument(f"{field} {value!r} is not a date and time", field=field,
                              rule="YYYY-MM-DDTHH:MM") from None


@functools.cache
def _time_zones() -> frozenset[str]:
    # Membership rather than ZoneInfo(key): ZoneInfo also accepts odd keys and raises assorted errors
    # (IsADirectoryError for "America", ValueError for "../x").
    return frozenset(zoneinfo.available_timezones())


def validate_saved_report(draft: SavedReportDraft, account: str) -> tuple[str, str]:
    """Checks a generated file's description; returns the ids of its report definition and job.

    Raises:
        InvalidArgument: naming the first field that breaks a rule, e.g. "saved_report.sha256".
    """
    definition_account, report_id = names.parse_report(draft.report_definition, "saved_report.report_definition")
    _same_account(definition_account, account, "saved_report.report_definition")
    job_id = ""
    if draft.job:
        job_account, job_id = names.parse_job(draft.job, "saved_report.job")
        _same_account(job_account, account, "saved_report.job")
    check_display_name(draft.display_name, "saved_report.display_name")
    if draft.report_type is None:
        raise InvalidArgument("saved_report.report_type is required", field="saved_report.report_type",
                              rule="required")
    _check_file_fields(draft)
    return report_id, job_id


def _same_account(found: str, account: str, field: str) -> None:
    if found != account:
        raise InvalidArgument(f"{field} belongs to account {found}, not {account}", field=field,
                              rule="must be in the parent account")


def _check_file_fields(draft: SavedReportDraft) -> None:
    if not draft.file_name or len(draft.file_name) > FILE_NAME_MAX or "/" in draft.file_name \
            or _has_control(draft.file_name):
        raise InvalidArgument("saved_report.file_name is not a file name", field="saved_report.file_name",
                              rule=f"1 to {FILE_NAME_MAX} characters, no '/' and no control characters")
    if not draft.content_type or _has_control(draft.content_type):
        raise InvalidArgument("saved_report.content_type is required", field="saved_report.content_type",
                              rule="a media type such as text/csv")
    for attr in ("size_bytes", "row_count"):
        if getattr(draft, attr) < 0:
            raise InvalidArgument(f"saved_report.{attr} is negative", field=f"saved_report.{attr}",
                                  rule="must be >= 0")
    if not _SHA256.match(draft.sha256):
        raise InvalidArgument("saved_report.sha256 is not a SHA-256", field="saved_report.sha256",
                              rule="64 lowercase hex digits")
    if draft.window_start is None or draft.window_end is None:
        field = "saved_report.window_start" if draft.window_start is None else "saved_report.window_end"
        raise InvalidArgument(f"{field} is required", field=field, rule="required")
    if draft.window_end < draft.window_start:
        raise InvalidArgument("saved_report.window_end is before window_start", field="saved_report.window_end",
                              rule="must not be before window_start")
