"""The rules behind DeliveryService's RPCs: checking output options and previewing file names."""

from __future__ import annotations

from datetime import datetime

from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.destinations import (
    PROTOCOL_FIELD,
    TRANSFER_FIELD,
    check_transfer_allowed,
    parse_email_list,
    parse_transfer,
)
from services.delivery.domain.file_names import FileNameContext, parse_format, render
from services.delivery.domain.simple_date_format import load_zone

DEFAULT_TIME_ZONE = "UTC"


def check_output_options(
    *, email_addresses: str, transfer_protocol: str, transfer_destination: str, file_name_format: str,
    report_type: str,
) -> tuple[str, ...]:
    """Validates a definition's output options and returns the parsed recipients.

    Args:
        transfer_protocol: "sftp", "ftp" or "" for none.
        report_type: the type's name such as "ALL_ATTEMPTS"; "" skips the detail-report rule.

    Raises:
        InvalidArgument: naming "email_addresses", "file_transfer.protocol",
            "file_transfer.destination", "file_transfer" or "file_name_format".
    """
    recipients = parse_email_list(email_addresses)
    if transfer_protocol and not transfer_destination:
        raise InvalidArgument(f"{TRANSFER_FIELD} is empty", field=TRANSFER_FIELD,
                              rule="must be user:passwd@host[:port]/[directory] when a protocol is chosen")
    if transfer_destination:
        if not transfer_protocol:
            raise InvalidArgument(f"{PROTOCOL_FIELD} is not set", field=PROTOCOL_FIELD,
                                  rule="must be FTP, FTPS or SFTP when a destination is given")
        parse_transfer(transfer_protocol, transfer_destination)
        check_transfer_allowed(report_type)
    if file_name_format:
        parse_format(file_name_format)
    return recipients


def preview_file_name(
    file_name_format: str, context: FileNameContext, instant: datetime, time_zone: str, *,
    has_output_specification: bool,
) -> str:
    """Renders the name a report's file would get; an empty zone means UTC."""
    zone = load_zone(time_zone or DEFAULT_TIME_ZONE)
    return render(file_name_format, context, instant, zone, has_output_specification=has_output_specification)
