"""The contact trace: one contact's attempts, filter records and Direct Connect attempts, in time order.

A contact is found by ClientID, or by a phone number or email address among the devices of the
contacts of the scope (so a shared number can name several ClientIDs). The scope is one account,
or every account of an enterprise: nothing outside it is ever read. Entries are ordered by when
they happened (an attempt's or Direct Connect's start, a filter's instant); on the same instant a
filter comes before an attempt and an attempt before its Direct Connect attempts, then by id.
Pages are cut on that order with an opaque keyset token (docs/contact-trace.md).
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from reportsuite.core import names, pagination
from reportsuite.core.errors import InvalidArgument, NotFound
from services.generator.domain import statuses
from services.generator.domain.model import Channel
from services.generator.domain.records import device_key


class EntryKind(enum.Enum):
    """What a trace entry records; the value orders entries of the same instant."""

    FILTERED = 0
    ATTEMPT = 1
    DIRECT_CONNECT = 2


class ContactBy(enum.Enum):
    """How the contact is named."""

    CLIENT_ID = "client_id"
    PHONE_NUMBER = "phone_number"
    EMAIL_ADDRESS = "email_address"


@dataclass(frozen=True)
class TraceRequest:
    """A trace as asked: the scope's resource name, the contact, and the page."""

    parent: str
    by: ContactBy | None
    value: str
    page_size: int = 0
    page_token: str = ""


@dataclass(frozen=True)
class Position:
    """Where an entry sits in the trace's order; a page starts after the previous page's last."""

    time: datetime
    kind: EntryKind
    record_id: str
    sequence: int


@dataclass(frozen=True)
class TraceEntry:
    """One event of the contact's history, its status explained in words."""

    position: Position
    account: str
    campaign: str
    campaign_name: str
    sub_campaign: str
    sub_campaign_name: str
    pass_id: str
    client_id: str
    channel: Channel | None
    device: str
    status: str
    complete_time: datetime | None
    ring_seconds: int = 0
    hold_seconds: int = 0
    talk_seconds: int = 0
    message_content: str = ""
    status_description: str = ""
    rank: int = 0


@dataclass(frozen=True)
class TracePage:
    """One page of a trace, the ClientIDs it covers and the token of the next page ("" on the last)."""

    entries: list[TraceEntry]
    client_ids: list[str]
    next_page_token: str


class ContactHistory(Protocol):
    """What the trace reads from the activity store, always within the given accounts."""

    def account_exists(self, account: str) -> bool: ...

    def enterprise_accounts(self, enterprise: str) -> list[str]: ...

    def client_ids_with_device(self, accounts: list[str], key: str) -> list[str]:
        """The ClientIDs of the contacts having a device with this lookup key (records.device_key)."""
        ...

    def client_id_known(self, accounts: list[str], client_id: str) -> bool:
        """True when a contact or any activity has this ClientID in the accounts."""
        ...

    def history(self, accounts: list[str], client_ids: list[str], after: Position | None,
                limit: int) -> list[TraceEntry]:
        """At most limit entries after the position, in trace order (descriptions left empty)."""
        ...


def trace_contact(request: TraceRequest, store: ContactHistory) -> TracePage:
    """Returns one page of the contact's history.

    Raises:
        InvalidArgument: a malformed parent, no contact given, an unusable phone number or token.
        NotFound: the account or enterprise, or the contact within it, is not known.
    """
    accounts = _scope(request.parent, store)
    client_ids = _client_ids(request, accounts, store)
    size = pagination.page_size(request.page_size)
    after = _position(pagination.decode(request.page_token), _fingerprint(request))
    found = store.history(accounts, client_ids, after, size + 1)
    entries = [_explained(entry) for entry in found[:size]]
    token = _token(entries[-1].position, _fingerprint(request)) if len(found) > size else ""
    return TracePage(entries, client_ids, token)


def _scope(parent: str, store: ContactHistory) -> list[str]:
    if parent.startswith("accounts/"):
        account = names.parse("accounts/{account}", parent, "parent")["account"]
        if not store.account_exists(account):
            raise NotFound(f"account {parent!r} does not exist", field="parent", rule="must name an existing account")
        return [account]
    if parent.startswith("enterprises/"):
        enterprise = names.parse("enterprises/{enterprise}", parent, "parent")["enterprise"]
        accounts = store.enterprise_accounts(enterprise)
        if not accounts:
            raise NotFound(f"enterprise {parent!r} has no accounts", field="parent",
                           rule="must name an enterprise with accounts")
        return accounts
    raise InvalidArgument(f"parent {parent!r} is not an account or enterprise", field="parent",
                          rule="must be accounts/{account} or enterprises/{enterprise}")


def _client_ids(request: TraceRequest, accounts: list[str], store: ContactHistory) -> list[str]:
    if request.by is None or not request.value.strip():
        raise InvalidArgument("no contact given", field="contact",
                              rule="give one of client_id, phone_number or email_address")
    field = request.by.value
    if request.by is ContactBy.CLIENT_ID:
        if not store.client_id_known(accounts, request.value):
            raise NotFound(f"no contact has ClientID {request.value!r} here", field=field, rule="unknown contact")
        return [request.value]
    key = device_key(request.value)
    if request.by is ContactBy.PHONE_NUMBER and not 7 <= len(key) <= 15:
        raise InvalidArgument(f"{request.value!r} is not a phone number", field=field,
                              rule="a phone number has 7 to 15 digits")
    if request.by is ContactBy.EMAIL_ADDRESS and "@" not in key:
        raise InvalidArgument(f"{request.value!r} is not an email address", field=field,
                              rule="an email address has an @")
    found = store.client_ids_with_device(accounts, key)
    if not found:
        raise NotFound(f"no contact has the device {request.value!r} here", field=field, rule="unknown contact")
    return found


def _explained(entry: TraceEntry) -> TraceEntry:
    status = statuses.find(entry.status)
    if status is None:  # every stored status was checked at ingest; say so plainly if the table moved on
        return replace(entry, status_description="(not a status of the guide)")
    return replace(entry, status_description=status.description, rank=status.rank)


def _fingerprint(request: TraceRequest) -> str:
    """Ties a page token to the trace it came from."""
    what = f"{request.parent}|{request.by.value if request.by else ''}|{request.value}"
    return hashlib.sha256(what.encode()).hexdigest()[:16]


def _token(position: Position, fingerprint: str) -> str:
    return pagination.encode({"t": position.time.isoformat(), "k": position.kind.value, "i": position.record_id,
                              "s": position.sequence, "f": fingerprint})


def _position(cursor: dict[str, object] | None, fingerprint: str) -> Position | None:
    if cursor is None:
        return None
    try:
        if cursor["f"] != fingerprint:
            raise ValueError("another trace's token")
        return Position(datetime.fromisoformat(str(cursor["t"])), EntryKind(cursor["k"]), str(cursor["i"]),
                        int(str(cursor["s"])))
    except (KeyError, ValueError):
        raise InvalidArgument("page_token is not a token of this trace", field="page_token",
                              rule="must be a next_page_token from the same trace") from None
