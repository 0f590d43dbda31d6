"""reportctl's ``trace`` command: one contact's whole history from the generator (docs/contact-trace.md).

    reportctl trace --account A --client-id X       by ClientID
    reportctl trace --account A --phone P           by phone number (digits compared: +1 (617) 555-0100)
    reportctl trace --enterprise E --email E        across every account of an enterprise

Prints every attempt, filter record and Direct Connect attempt in time order, each status with the
guide's explanation; ``--json`` prints the TraceContactResponse (all pages merged) instead.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from reportsuite.cli import formatting, reportctl
from reportsuite.core import clients
from reportsuite.generator.v1 import generator_pb2

Entry = generator_pb2.ContactTraceEntry
_WHAT = {Entry.KIND_ATTEMPT: "attempt", Entry.KIND_FILTERED: "filtered", Entry.KIND_DIRECT_CONNECT: "direct connect"}


def trace_all(stub: Any, request: generator_pb2.TraceContactRequest) -> generator_pb2.TraceContactResponse:
    """Calls TraceContact page after page; returns one response holding every entry."""
    merged = generator_pb2.TraceContactResponse()
    while True:
        page = stub.TraceContact(request, timeout=reportctl.CALL_TIMEOUT)
        if not merged.client_ids:
            merged.client_ids.extend(page.client_ids)
        merged.entries.extend(page.entries)
        if not page.next_page_token:
            return merged
        request.page_token = page.next_page_token


def _where(entry: Any) -> str:
    campaign = entry.campaign_name or entry.campaign
    sub_campaign = entry.sub_campaign_name or entry.sub_campaign
    return f"{campaign} / {sub_campaign}" + (f" / {entry.pass_id}" if entry.pass_id else "")


def trace_text(response: generator_pb2.TraceContactResponse, scope: str, accounts: bool) -> str:
    """The history as an aligned table: when, what, where, channel, device, status and its meaning."""
    found = ", ".join(response.client_ids)
    heading = f"{len(response.entries)} entries for ClientID {found} in {scope}"
    headers = ["TIME (UTC)", "WHAT", *(["ACCOUNT"] if accounts else []), "CAMPAIGN / SUB-CAMPAIGN", "CHANNEL",
               "DEVICE", "STATUS", "MEANING"]
    rows = []
    for entry in response.entries:
        what = _WHAT.get(entry.kind, "?") + (f" #{entry.sequence}" if entry.kind == Entry.KIND_DIRECT_CONNECT else "")
        channel = formatting.enum_label(generator_pb2.Channel, entry.channel, "CHANNEL_").capitalize()
        rows.append([formatting.timestamp(entry, "time"), what, *([entry.account] if accounts else []),
                     _where(entry), channel, entry.device, entry.status, entry.status_description])
    return heading + "\n\n" + formatting.table(headers, rows)


def _trace(args: argparse.Namespace) -> int:
    parent = f"accounts/{args.account}" if args.account else f"enterprises/{args.enterprise}"
    contact = {"client_id": args.client_id, "phone_number": args.phone, "email_address": args.email}
    which = {key: value for key, value in contact.items() if value is not None}
    request = generator_pb2.TraceContactRequest(parent=parent, page_size=reportctl.PAGE_SIZE, **which)
    response = trace_all(clients.generator(reportctl.address("generator")), request)
    return reportctl._emit(args, response, lambda r: trace_text(r, parent, accounts=bool(args.enterprise)))


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds ``trace`` to reportctl's parser (``groups`` is its sub-parsers, ``command`` its leaf maker)."""
    trace = command(groups, "trace", _trace, "every attempt, filter and Direct Connect of one contact, in time order")
    scope = trace.add_mutually_exclusive_group(required=True)
    scope.add_argument("--account", help="look in this account's campaigns")
    scope.add_argument("--enterprise", help="look in the campaigns of every account of this enterprise")
    who = trace.add_mutually_exclusive_group(required=True)
    who.add_argument("--client-id", help="the contact's ClientID")
    who.add_argument("--phone", help="a phone number of the contact")
    who.add_argument("--email", help="an email address of the contact")
