"""Translation between the catalog's proto messages and its domain objects.

Enum values map by name: the proto's REPORT_TYPE_ALL_ATTEMPTS is the domain's ReportType.ALL_ATTEMPTS,
and each *_UNSPECIFIED becomes None, which the domain rules then report as a missing field.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.core import timestamps
from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.model import (
    DefinitionRecord,
    FileTransfer,
    OutputOptions,
    ReportDefinition,
    SavedReport,
    SavedReportDraft,
    TimeFrame,
    TimeFrameKind,
    TransferProtocol,
)
from services.catalog.domain.report_types import Level, ReportType

E = TypeVar("E", bound=enum.Enum)


def _from_proto_enum(wrapper: Any, value: int, prefix: str, domain: type[E], field: str) -> E | None:
    """Maps a proto enum number to the domain enum; 0 is None and an unknown number is InvalidArgument."""
    if value == 0:
        return None
    try:
        return domain[wrapper.Name(value).removeprefix(prefix)]
    except (ValueError, KeyError):
        raise InvalidArgument(f"{field} {value} is not a known value", field=field,
                              rule="one of " + ", ".join(wrapper.keys()[1:])) from None


def _to_proto_enum(wrapper: Any, value: enum.Enum | None, prefix: str) -> Any:
    # Any: the generated stubs type each enum field as its own wrapper class, not int.
    return 0 if value is None else int(wrapper.Value(prefix + value.name))


def report_type_from_proto(value: int, field: str) -> ReportType | None:
    return _from_proto_enum(pb.ReportType, value, "REPORT_TYPE_", ReportType, field)


def report_type_to_proto(value: ReportType | None) -> Any:
    return _to_proto_enum(pb.ReportType, value, "REPORT_TYPE_")


def output_from_proto(message: pb.OutputOptions) -> OutputOptions:
    transfer = message.file_transfer
    return OutputOptions(
        email_addresses=message.email_addresses,
        file_transfer=FileTransfer(
            protocol=_from_proto_enum(pb.FileTransfer.Protocol, transfer.protocol, "PROTOCOL_", TransferProtocol,
                                      "report_definition.output.file_transfer.protocol"),
            destination=transfer.destination,
        ),
        file_name_format=message.file_name_format, zip=message.zip, pgp_encrypt=message.pgp_encrypt,
        output_specification=message.output_specification,
    )


def output_to_proto(output: OutputOptions) -> pb.OutputOptions:
    transfer = output.file_transfer
    # An unset transfer stays an absent message, as the caller sent it.
    message = None if transfer == FileTransfer() else pb.FileTransfer(
        protocol=_to_proto_enum(pb.FileTransfer.Protocol, transfer.protocol, "PROTOCOL_"),
        destination=transfer.destination,
    )
    return pb.OutputOptions(
        email_addresses=output.email_addresses,
        file_transfer=message,
        file_name_format=output.file_name_format, zip=output.zip, pgp_encrypt=output.pgp_encrypt,
        output_specification=output.output_specification,
    )


def definition_from_proto(message: pb.ReportDefinition) -> ReportDefinition:
    """The user's choices in a ReportDefinition message (name and times are output only)."""
    frame = message.time_frame
    return ReportDefinition(
        display_name=message.display_name, description=message.description,
        report_type=report_type_from_proto(message.report_type, "report_definition.report_type"),
        level=_from_proto_enum(pb.Level, message.level, "LEVEL_", Level, "report_definition.level"),
        target=message.target, yesterdays_activity=message.yesterdays_activity,
        time_frame=TimeFrame(
            kind=_from_proto_enum(pb.TimeFrame.Kind, frame.kind, "KIND_", TimeFrameKind,
                                  "report_definition.time_frame.kind"),
            start=frame.start, end=frame.end, time_zone=frame.time_zone,
        ),
        output=output_from_proto(message.output),
    )


def definition_to_proto(record: DefinitionRecord) -> pb.ReportDefinition:
    d = record.definition
    frame = d.time_frame
    return pb.ReportDefinition(
        name=record.name, display_name=d.display_name, description=d.description,
        report_type=report_type_to_proto(d.report_type), level=_to_proto_enum(pb.Level, d.level, "LEVEL_"),
        target=d.target, yesterdays_activity=d.yesterdays_activity,
        time_frame=pb.TimeFrame(kind=_to_proto_enum(pb.TimeFrame.Kind, frame.kind, "KIND_"), start=frame.start,
                                end=frame.end, time_zone=frame.time_zone),
        output=output_to_proto(d.output),
        create_time=timestamps.to_proto(record.create_time), update_time=timestamps.to_proto(record.update_time),
    )


def draft_from_proto(message: pb.SavedReport) -> SavedReportDraft:
    """What the generator says about its file (name, create_time and expire_time are output only)."""
    return SavedReportDraft(
        report_definition=message.report_definition, job=message.job, display_name=message.display_name,
        report_type=report_type_from_proto(message.report_type, "saved_report.report_type"),
        file_name=message.file_name, content_type=message.content_type, size_bytes=message.size_bytes,
        row_count=message.row_count, sha256=message.sha256,
        window_start=timestamps.from_proto(message.window_start, present=message.HasField("window_start")),
        window_end=timestamps.from_proto(message.window_end, present=message.HasField("window_end")),
        storage_key=message.storage_key,
    )


def saved_report_to_proto(record: SavedReport) -> pb.SavedReport:
    return pb.SavedReport(
        name=record.name, report_definition=record.report_definition, job=record.job,
        display_name=record.display_name, report_type=report_type_to_proto(record.report_type),
        file_name=record.file_name, content_type=record.content_type, size_bytes=record.size_bytes,
        row_count=record.row_count, sha256=record.sha256,
        window_start=timestamps.to_proto(record.window_start), window_end=timestamps.to_proto(record.window_end),
        create_time=timestamps.to_proto(record.create_time), expire_time=timestamps.to_proto(record.expire_time),
        storage_key=record.storage_key,
    )
