"""reportctl's ``audit list`` and the ``--token-file`` option (docs/security.md).

    reportctl audit list                                   every service, newest first
    reportctl audit list --service catalog --account demo --since 2026-11-01T00:00:00Z
    reportctl --token-file ~/.reportsuite/token report list --account demo

Only operators may read the audit trail; each service keeps the events it served.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportsuite.audit.v1 import audit_pb2, audit_pb2_grpc
from reportsuite.cli import formatting, reportctl
from reportsuite.cli.report_args import instant
from reportsuite.core import clients
from reportsuite.core.security import credentials

SERVICES = ("catalog", "scheduler", "generator", "delivery")


class _TokenFile(argparse.Action):
    """Sends the token in a file with every call (instead of REPORTSUITE_TOKEN)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        path = Path(str(values))
        if not path.is_file():
            parser.error(f"--token-file {path}: no such file")
        credentials.use_token_file(path)
        setattr(namespace, self.dest, path)


def add_token_file_option(parser: argparse.ArgumentParser) -> None:
    """Adds ``--token-file`` to reportctl's top-level options."""
    parser.add_argument("--token-file", action=_TokenFile, metavar="FILE",
                        help="file holding the bearer token to call with (default: $REPORTSUITE_TOKEN)")


def _events(service: str, request: audit_pb2.ListAuditEventsRequest, limit: int) -> list[audit_pb2.AuditEvent]:
    stub = audit_pb2_grpc.AuditServiceStub(clients.channel(reportctl.address(service)))
    found: list[audit_pb2.AuditEvent] = []
    page = audit_pb2.ListAuditEventsRequest()
    page.CopyFrom(request)
    while len(found) < limit:
        response = stub.ListAuditEvents(page, timeout=reportctl.CALL_TIMEOUT)
        found.extend(response.audit_events)
        if not response.next_page_token:
            break
        page.page_token = response.next_page_token
    return found[:limit]


def _audit_list(args: argparse.Namespace) -> int:
    request = audit_pb2.ListAuditEventsRequest(
        principal=args.principal or "", account=f"accounts/{args.account}" if args.account else "",
        method=args.method or "", start_time=instant(args.since, "--since"), end_time=instant(args.until, "--until"),
        page_size=min(args.limit, reportctl.PAGE_SIZE),
    )
    events = [event for service in args.service or SERVICES for event in _events(service, request, args.limit)]
    events.sort(key=lambda e: (e.time.seconds, e.time.nanos), reverse=True)
    merged = audit_pb2.ListAuditEventsResponse(audit_events=events[: args.limit])
    return reportctl._emit(args, merged, lambda m: audit_text(m.audit_events))


def audit_text(events: Any) -> str:
    """The events as an aligned table, newest first."""
    rows = [[formatting.timestamp(e, "time"), e.service, f"{e.principal or '-'} ({e.role or 'no token'})",
             e.method.rsplit("/", 1)[-1], e.code, ", ".join(e.resources[:3]) + (" ..." if len(e.resources) > 3 else "")]
            for e in events]
    return formatting.table(["TIME (UTC)", "SERVICE", "PRINCIPAL", "METHOD", "OUTCOME", "RESOURCES"], rows)


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds ``audit list`` to reportctl's parser (``groups`` is its sub-parsers, ``command`` its leaf maker)."""
    audit = groups.add_parser("audit", help="the audit trail (operators)").add_subparsers(title="commands",
                                                                                          required=True)
    listing = command(audit, "list", _audit_list, "who created, changed, ran, downloaded or deleted what, and when")
    listing.add_argument("--service", action="append", choices=SERVICES, help="only this service (repeatable)")
    listing.add_argument("--principal", help="only calls of this principal")
    listing.add_argument("--account", help="only calls that named this account")
    listing.add_argument("--method", help="only this method, e.g. DeleteReportDefinition")
    listing.add_argument("--since", help="ISO instant: only events at or after it")
    listing.add_argument("--until", help="ISO instant: only events before it")
    listing.add_argument("--limit", type=int, default=100, help="most events to show (default 100)")
