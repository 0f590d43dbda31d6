"""Turning reportctl's arguments into request messages, and the options those requests need."""

from __future__ import annotations

import argparse
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.cli import formatting
from reportsuite.core import timestamps

REPORT_TYPES = formatting.enum_choices(catalog_pb2.ReportType, "REPORT_TYPE_")
LEVELS = formatting.enum_choices(catalog_pb2.Level, "LEVEL_")
TIME_FRAMES = formatting.enum_choices(catalog_pb2.TimeFrame.Kind, "KIND_")


class UsageError(Exception):
    """Arguments that parse but do not make sense together; exits 2 like argparse's own errors."""


def instant(text: str | None, option: str) -> Timestamp | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not an ISO 8601 instant such as 2026-11-01T09:00:00Z") from None
    if value.tzinfo is None:
        raise UsageError(f"{option} {text!r} needs a UTC offset, such as 2026-11-01T09:00:00Z")
    return timestamps.to_proto(value)


def build_time_frame(args: argparse.Namespace) -> catalog_pb2.TimeFrame:
    """--time-frame KIND, or --start/--end [--tz] for Explicit Dates."""
    explicit = TIME_FRAMES["explicit-dates"]
    if args.start or args.end:
        if not (args.start and args.end):
            raise UsageError("--start and --end go together")
        if args.time_frame not in (None, "explicit-dates"):
            raise UsageError("--start/--end mean Explicit Dates; leave out --time-frame")
        return catalog_pb2.TimeFrame(kind=explicit, start=args.start, end=args.end, time_zone=args.tz or "")
    if args.tz:
        raise UsageError("--tz applies to --start/--end only")
    if args.time_frame is None:
        raise UsageError("give --time-frame or --start/--end")
    if args.time_frame == "explicit-dates":
        raise UsageError("--time-frame explicit-dates needs --start and --end")
    return catalog_pb2.TimeFrame(kind=TIME_FRAMES[args.time_frame])


def build_output(args: argparse.Namespace) -> catalog_pb2.OutputOptions:
    """The guide's Report Output Options from --emails, --sftp/--ftp, --file-name-format, --zip, --pgp."""
    output = catalog_pb2.OutputOptions(
        email_addresses=args.emails or "", file_name_format=args.file_name_format or "",
        zip=args.zip, pgp_encrypt=args.pgp, output_specification=args.output_spec or "",
    )
    protocols = catalog_pb2.FileTransfer.Protocol
    if args.sftp:
        output.file_transfer.CopyFrom(catalog_pb2.FileTransfer(protocol=protocols.Value("PROTOCOL_SFTP"),
                                                               destination=args.sftp))
    elif args.ftp:
        output.file_transfer.CopyFrom(catalog_pb2.FileTransfer(protocol=protocols.Value("PROTOCOL_FTP"),
                                                               destination=args.ftp))
    return output


def build_report_definition(args: argparse.Namespace) -> catalog_pb2.ReportDefinition:
    return catalog_pb2.ReportDefinition(
        display_name=args.name, description=args.description or "",
        report_type=REPORT_TYPES[args.type], level=LEVELS[args.level], target=args.target or "",
        yesterdays_activity=args.yesterdays_activity, time_frame=build_time_frame(args),
        output=build_output(args),
    )


def add_report_create_arguments(create: argparse.ArgumentParser) -> None:
    create.add_argument("--account", required=True)
    create.add_argument("--name", required=True, help="the report's display name")
    create.add_argument("--description")
    create.add_argument("--type", required=True, choices=sorted(REPORT_TYPES))
    create.add_argument("--level", required=True, choices=sorted(LEVELS))
    create.add_argument("--target", help="campaign, sub-campaign, agent group or list id")
    create.add_argument("--yesterdays-activity", action="store_true", help="<Yesterday's activity> as target")
    create.add_argument("--time-frame", choices=sorted(TIME_FRAMES))
    create.add_argument("--start", help="Explicit Dates start, YYYY-MM-DDTHH:MM")
    create.add_argument("--end", help="Explicit Dates end (exclusive), YYYY-MM-DDTHH:MM")
    create.add_argument("--tz", help="IANA zone of --start/--end (default: the account's)")
    create.add_argument("--emails", help='comma-separated addresses, e.g. "a@x.com, b@y.com"')
    transfer = create.add_mutually_exclusive_group()
    transfer.add_argument("--sftp", metavar="USER:PASS@HOST[:PORT]/[DIR]")
    transfer.add_argument("--ftp", metavar="USER:PASS@HOST[:PORT]/[DIR]")
    create.add_argument("--file-name-format")
    create.add_argument("--zip", action="store_true")
    create.add_argument("--pgp", action="store_true", help="PGP-encrypt to the account's key")
    create.add_argument("--output-spec", help="output specification file name")
    create.add_argument("--request-id", help="makes a retried create return the first definition")
