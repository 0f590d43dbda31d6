"""The delivery domain's types and the ports its adapters implement.

Proto and ORM types stay in adapters and entrypoints; these are what the rules work on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO, Protocol

from services.delivery.domain.destinations import TransferTarget
from services.delivery.domain.packaging import Packaging, PgpRecipient


class DeliveryState(enum.StrEnum):
    """A destination's delivery state, as stored and as reported to the scheduler."""

    PENDING = "PENDING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class OutputOptions:
    """A definition's Report Output Options; ``transfer_destination`` holds the password."""

    email_addresses: str = ""
    transfer_protocol: str = ""
    transfer_destination: str = field(default="", repr=False)
    zip: bool = False
    pgp_encrypt: bool = False


@dataclass(frozen=True)
class ReportToDeliver:
    """What delivery needs of a report definition."""

    name: str
    display_name: str
    report_type: str
    output: OutputOptions


@dataclass(frozen=True)
class Job:
    """A job as the scheduler granted it for the deliver stage."""

    name: str
    report_definition: str
    saved_report: str
    window_start: datetime | None
    window_end: datetime | None
    # The definition as it was at the run's start, with its password masked.
    snapshot: ReportToDeliver


@dataclass(frozen=True)
class Lease:
    """A granted claim on a job's deliver stage."""

    job: Job
    token: str


@dataclass(frozen=True)
class ReportFile:
    """The generated file: where the artifact store keeps it and the name it is sent under."""

    storage_key: str
    file_name: str
    content_type: str
    size_bytes: int = 0
    # The saved report's resource name, for the download instructions of a mail without attachment.
    name: str = ""


@dataclass(frozen=True)
class Outcome:
    """What happened at one destination; ``retryable`` is False for a permanent failure."""

    destination: str
    state: DeliveryState
    detail: str = ""
    attempts: int = 0
    file_name: str = ""
    retryable: bool = False
    complete_time: datetime | None = None


@dataclass(frozen=True)
class ReportMail:
    """One report mail's text; the adapter builds the message from it."""

    subject: str
    body: str
    file_name: str
    content_type: str


class SendError(Exception):
    """A destination refused or could not be reached; ``transient`` says a retry may succeed."""

    def __init__(self, detail: str, *, transient: bool) -> None:
        super().__init__(detail)
        self.detail = detail
        self.transient = transient


class JobStages(Protocol):
    """The scheduler's stage methods. Claims raise FailedPrecondition, Aborted or NotFound."""

    def claim(self, job_name: str) -> Lease: ...

    def heartbeat(self, lease: Lease) -> bool:
        """Extends the lease; returns True when the job was cancelled."""
        ...

    def complete(self, lease: Lease, outcomes: list[Outcome]) -> None: ...

    def fail(self, lease: Lease, reason: str, retryable: bool, outcomes: list[Outcome]) -> None: ...


class Catalog(Protocol):
    """The catalog's reads. ``report_definition`` returns None when the definition was deleted."""

    def report_definition(self, name: str) -> ReportToDeliver | None: ...

    def saved_report(self, name: str) -> ReportFile: ...

    def pgp_keys(self, account: str) -> tuple[PgpRecipient, ...]:
        """The account's PGP public keys (raises Unavailable when the catalog cannot answer)."""
        ...


class Files(Protocol):
    """The artifact store."""

    def exists(self, storage_key: str) -> bool: ...

    def open(self, storage_key: str) -> AbstractContextManager[BinaryIO]: ...


class OutcomeStore(Protocol):
    """The ``deliveries`` table: one row per (job, destination)."""

    def outcomes(self, job: str) -> dict[str, Outcome]: ...

    def begin(self, job: str, destination: str, file_name: str) -> int:
        """Marks a send as started and returns the destination's attempt count so far."""
        ...

    def finish(self, job: str, outcome: Outcome) -> Outcome:
        """Records the outcome of the current attempt and returns it as stored."""
        ...


class MailSession(Protocol):
    def send(self, recipient: str, mail: ReportMail, content: bytes) -> str:
        """Sends one message to one recipient; returns the server's answer or raises SendError."""
        ...


class Mailer(Protocol):
    def session(self) -> AbstractContextManager[MailSession]: ...


class Transfer(Protocol):
    def upload(self, target: TransferTarget, file_name: str, source: BinaryIO, *, account: str) -> str:
        """Uploads so that only the complete file is ever visible; returns a detail or raises SendError.

        ``account`` ("a1" of "accounts/a1") selects the SSH host keys pinned for it.
        """
        ...


class Packager(Protocol):
    def open(self, source: BinaryIO, inner_name: str, size: int,
             packaging: Packaging) -> AbstractContextManager[BinaryIO]:
        """The packaged bytes of ``source`` as a stream; its last read raises SendError if packaging failed."""
        ...


def iter_outcomes(outcomes: dict[str, Outcome], order: list[str]) -> Iterator[Outcome]:
    """Outcomes in the order destinations were planned."""
    for destination in order:
        if destination in outcomes:
            yield outcomes[destination]
