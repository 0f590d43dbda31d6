"""Translation between the catalog's table rows and its domain objects."""

from __future__ import annotations

from typing import Any

from services.catalog.adapters.orm import ReportDefinitionRow, SavedReportRow
from services.catalog.domain.model import (
    DefinitionRecord,
    FileTransfer,
    OutputOptions,
    ReportDefinition,
    SavedReport,
    TimeFrame,
    TimeFrameKind,
    TransferProtocol,
)
from services.catalog.domain.report_types import Level, ReportType


def definition_values(record: DefinitionRecord) -> dict[str, Any]:
    """The column values of a definition (every column but the request ids)."""
    d = record.definition
    frame, output = d.time_frame, d.output
    if d.report_type is None or d.level is None or frame.kind is None:
        raise ValueError("only a validated definition is stored")
    return {
        "id": record.report_id, "account": record.account,
        "display_name": d.display_name, "description": d.description,
        "report_type": d.report_type.name, "level": d.level.name,
        "target": d.target, "yesterdays_activity": d.yesterdays_activity,
        "time_frame_kind": frame.kind.name, "time_frame_start": frame.start,
        "time_frame_end": frame.end, "time_frame_time_zone": frame.time_zone,
        "email_addresses": output.email_addresses,
        "transfer_protocol": output.file_transfer.protocol.name if output.file_transfer.protocol else None,
        "transfer_destination": output.file_transfer.destination,
        "file_name_format": output.file_name_format, "zip": output.zip,
        "pgp_encrypt": output.pgp_encrypt, "output_specification": output.output_specification,
        "create_time": record.create_time, "update_time": record.update_time,
    }


def definition_from_row(row: ReportDefinitionRow) -> DefinitionRecord:
    """The domain record of a stored definition."""
    transfer = FileTransfer(
        protocol=TransferProtocol[row.transfer_protocol] if row.transfer_protocol else None,
        destination=row.transfer_destination,
    )
    definition = ReportDefinition(
        display_name=row.display_name, description=row.description,
        report_type=ReportType[row.report_type], level=Level[row.level],
        target=row.target, yesterdays_activity=row.yesterdays_activity,
        time_frame=TimeFrame(TimeFrameKind[row.time_frame_kind], row.time_frame_start, row.time_frame_end,
                             row.time_frame_time_zone),
        output=OutputOptions(
            email_addresses=row.email_addresses, file_transfer=transfer, file_name_format=row.file_name_format,
            zip=row.zip, pgp_encrypt=row.pgp_encrypt, output_specification=row.output_specification,
        ),
    )
    return DefinitionRecord(row.account, row.id, definition, row.create_time, row.update_time)


def saved_report_values(record: SavedReport) -> dict[str, Any]:
    """The column values of a saved report (every column but the request id)."""
    return {
        "id": record.saved_report_id, "account": record.account,
        "report_definition": record.report_definition_id, "job": record.job_id,
        "display_name": record.display_name, "report_type": record.report_type.name,
        "file_name": record.file_name, "content_type": record.content_type,
        "size_bytes": record.size_bytes, "row_count": record.row_count, "sha256": record.sha256,
        "window_start": record.window_start, "window_end": record.window_end,
        "create_time": record.create_time, "expire_time": record.expire_time,
        "storage_key": record.storage_key,
    }


def saved_report_from_row(row: SavedReportRow) -> SavedReport:
    """The domain record of a stored saved report."""
    return SavedReport(
        account=row.account, saved_report_id=row.id, report_definition_id=row.report_definition,
        job_id=row.job, display_name=row.display_name, report_type=ReportType[row.report_type],
        file_name=row.file_name, content_type=row.content_type, size_bytes=row.size_bytes,
        row_count=row.row_count, sha256=row.sha256, window_start=row.window_start,
        window_end=row.window_end, create_time=row.create_time, expire_time=row.expire_time,
        storage_key=row.storage_key,
    )
