"""Readable text for reportctl: aligned tables, key/value blocks and enum labels.

Every function returns a string and never prints, so the output can be tested as text.
``--json`` output does not come through here: it is ``MessageToJson`` of the response.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC

from google.protobuf import json_format
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from google.protobuf.message import Message

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.scheduler.v1 import scheduler_pb2

EMPTY = "-"


def enum_choices(enum: EnumTypeWrapper, prefix: str) -> dict[str, str]:
    """Maps the kebab-case labels of a proto enum (``all-attempts``) to its value names, UNSPECIFIED left out.

    Message constructors take a value's name as readily as its number.
    """
    return {
        label: name
        for name, _ in enum.items()
        if (label := _kebab(name, prefix)) != "unspecified"
    }


def enum_label(enum: EnumTypeWrapper, value: int, prefix: str) -> str:
    """The kebab-case label of an enum value, the number itself when this client does not know it."""
    try:
        return _kebab(enum.Name(value), prefix)
    except ValueError:
        return str(value)


def _kebab(name: str, prefix: str) -> str:
    return name.removeprefix(prefix).lower().replace("_", "-")


def state_label(state: int) -> str:
    """A job state as users read it in the guide's words: QUEUED, GENERATING, ..., SUCCEEDED."""
    try:
        return scheduler_pb2.Job.State.Name(state).removeprefix("STATE_")
    except ValueError:
        return str(state)


def timestamp(message: Message, field: str) -> str:
    """A Timestamp field as ``2026-11-01T09:30:00Z``, or ``-`` when it is not set."""
    if not message.HasField(field):
        return EMPTY
    value = getattr(message, field).ToDatetime(tzinfo=UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Columns padded to their widest cell, two spaces apart; the last column is not padded."""
    lines = [list(headers), *([cell or EMPTY for cell in row] for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def fields(pairs: Sequence[tuple[str, str]]) -> str:
    """``key: value`` lines with the values aligned."""
    width = max((len(key) for key, _ in pairs), default=0) + 1
    return "\n".join(f"{key + ':':<{width}} {value or EMPTY}" for key, value in pairs)


def as_json(message: Message, *, one_line: bool = False) -> str:
    """The message as protobuf's canonical JSON, one line when streaming JSON lines."""
    return json_format.MessageToJson(message, indent=None if one_line else 2)


def time_frame(frame: catalog_pb2.TimeFrame) -> str:
    """``yesterday``, or ``explicit-dates 2026-11-01T00:00 .. 2026-11-02T00:00 Europe/London``."""
    label = enum_label(catalog_pb2.TimeFrame.Kind, frame.kind, "KIND_")
    if frame.kind != catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES:
        return label
    zone = frame.time_zone or "(account time zone)"
    return f"{label} {frame.start} .. {frame.end} {zone}"


def report_type(value: int) -> str:
    return enum_label(catalog_pb2.ReportType, value, "REPORT_TYPE_")


def level(value: int) -> str:
    return enum_label(catalog_pb2.Level, value, "LEVEL_")


def report_definition(definition: catalog_pb2.ReportDefinition) -> str:
    output = definition.output
    transfer = ""
    if output.file_transfer.protocol:
        protocol = enum_label(catalog_pb2.FileTransfer.Protocol, output.file_transfer.protocol, "PROTOCOL_")
        transfer = f"{protocol} {output.file_transfer.destination}"
    target = "<Yesterday's activity>" if definition.yesterdays_activity else definition.target
    return fields([
        ("name", definition.name),
        ("display name", definition.display_name),
        ("description", definition.description),
        ("type", report_type(definition.report_type)),
        ("level", level(definition.level)),
        ("target", target),
        ("time frame", time_frame(definition.time_frame)),
        ("emails", output.email_addresses),
        ("file transfer", transfer),
        ("file name format", output.file_name_format),
        ("zip", _yes_no(output.zip)),
        ("pgp encrypt", _yes_no(output.pgp_encrypt)),
        ("output specification", output.output_specification),
        ("created", timestamp(definition, "create_time")),
        ("updated", timestamp(definition, "update_time")),
    ])


def report_definitions(definitions: Sequence[catalog_pb2.ReportDefinition]) -> str:
    return table(
        ["NAME", "DISPLAY NAME", "TYPE", "LEVEL", "TARGET", "TIME FRAME"],
        [
            [d.name, d.display_name, report_type(d.report_type), level(d.level), d.target, time_frame(d.time_frame)]
            for d in definitions
        ],
    )


def job(value: scheduler_pb2.Job) -> str:
    pairs = [
        ("name", value.name),
        ("report definition", value.report_definition),
        ("state", state_label(value.state)),
        ("as of", timestamp(value, "as_of")),
        ("window start", timestamp(value, "window_start")),
        ("window end", timestamp(value, "window_end")),
        ("saved report", value.saved_report),
        ("rows", str(value.row_count) if value.saved_report else ""),
        ("attempts", str(value.attempts)),
        ("failure reason", value.failure_reason),
        ("created", timestamp(value, "create_time")),
        ("updated", timestamp(value, "update_time")),
    ]
    text = fields(pairs)
    if value.deliveries:
        text += "\n\n" + deliveries(value.deliveries)
    return text


def deliveries(outcomes: Sequence[scheduler_pb2.DeliveryOutcome]) -> str:
    return table(
        ["DESTINATION", "STATE", "ATTEMPTS", "FILE NAME", "DETAIL"],
        [
            [
                o.destination,
                enum_label(scheduler_pb2.DeliveryOutcome.State, o.state, "STATE_").upper(),
                str(o.attempts), o.file_name, o.detail,
            ]
            for o in outcomes
        ],
    )


def jobs(values: Sequence[scheduler_pb2.Job]) -> str:
    return table(
        ["NAME", "STATE", "REPORT DEFINITION", "CREATED", "ROWS"],
        [
            [j.name, state_label(j.state), j.report_definition, timestamp(j, "create_time"),
             str(j.row_count) if j.saved_report else ""]
            for j in values
        ],
    )


def job_state_line(value: scheduler_pb2.Job) -> str:
    """One line of ``job watch``: the state, when it changed, and what matters in that state."""
    detail = ""
    if value.state == scheduler_pb2.Job.STATE_SUCCEEDED:
        detail = f"rows={value.row_count} saved_report={value.saved_report or EMPTY}"
    elif value.state in (scheduler_pb2.Job.STATE_FAILED, scheduler_pb2.Job.STATE_CANCELLED):
        detail = value.failure_reason
    elif value.state in (scheduler_pb2.Job.STATE_GENERATING, scheduler_pb2.Job.STATE_DELIVERING):
        detail = f"attempt {value.attempts}"
    return f"{state_label(value.state):<11} {timestamp(value, 'update_time')}  {detail}".rstrip()


def saved_report(report: catalog_pb2.SavedReport) -> str:
    return fields([
        ("name", report.name),
        ("display name", report.display_name),
        ("report definition", report.report_definition),
        ("job", report.job),
        ("type", report_type(report.report_type)),
        ("file name", report.file_name),
        ("content type", report.content_type),
        ("size bytes", str(report.size_bytes)),
        ("rows", str(report.row_count)),
        ("sha256", report.sha256),
        ("window start", timestamp(report, "window_start")),
        ("window end", timestamp(report, "window_end")),
        ("created", timestamp(report, "create_time")),
        ("expires", timestamp(report, "expire_time")),
    ])


def saved_reports(reports: Sequence[catalog_pb2.SavedReport]) -> str:
    return table(
        ["NAME", "FILE NAME", "ROWS", "SIZE", "CREATED", "EXPIRES"],
        [
            [r.name, r.file_name, str(r.row_count), str(r.size_bytes), timestamp(r, "create_time"),
             timestamp(r, "expire_time")]
            for r in reports
        ],
    )


def ingest_summary(response: Message, lines: Sequence[int] = ()) -> str:
    """received/stored(/duplicates)/rejected counts, then one line per rejected record.

    Args:
        response: an Ingest*Response whose rejected positions are positions in the input file.
        lines: the file line of each record position, when known.
    """
    pairs = [("received", str(response.received)), ("stored", str(response.stored))]
    if "duplicates" in response.DESCRIPTOR.fields_by_name:
        pairs.append(("duplicates", str(response.duplicates)))
    pairs.append(("rejected", str(len(response.rejected))))
    text = fields(pairs)
    for record in response.rejected:
        where = f"record {record.position}"
        if 0 <= record.position < len(lines):
            where += f" (line {lines[record.position]})"
        ident = f" id={record.id}" if record.id else ""
        text += f"\n  {where}{ident} field={record.field or EMPTY}: {record.reason}"
    return text


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
