"""What the domain needs from the outside world, as protocols the adapters implement.

Adapters raise ``reportsuite.core.errors.Unavailable`` for failures worth retrying (a service
or the database did not answer), and the exceptions of ``jobs`` for the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol

from services.generator.domain.jobs import Claim
from services.generator.domain.model import Account, Attempt, Campaign, SubCampaign
from services.generator.domain.output_spec import OutputFormat
from services.generator.domain.record_ports import RecordStore
from services.generator.domain.references import Key, Reference
from services.generator.domain.reports import ReportQuery, ReportType


class ActivityStore(RecordStore, Protocol):
    """The accounts, campaigns and attempts tables, and the other activity records (RecordStore)."""

    def existing(self, reference: Reference, keys: Collection[Key]) -> dict[Key, str]:
        """The keys that exist, each with its detail (a pass's channel; "" otherwise)."""
        ...

    def upsert_accounts(self, accounts: Sequence[Account]) -> int:
        """Creates or replaces accounts; returns how many were new or changed."""
        ...

    def upsert_campaigns(self, campaigns: Sequence[Campaign]) -> int:
        """Creates or replaces campaigns, their sub-campaigns and passes; returns how many campaigns
        were new or changed (a sub-campaign or pass included)."""
        ...

    def insert_attempts(self, attempts: Sequence[Attempt]) -> int:
        """Stores the attempts not stored yet, in one round trip; returns how many were new."""
        ...

    def ingest_cutoff(self) -> str:
        """An opaque token marking every ingest committed so far (an Incremental run's cutoff)."""
        ...

    def get_account(self, account: str) -> Account | None: ...

    def get_campaign(self, account: str, campaign: str) -> Campaign | None: ...

    def sub_campaigns_named(self, account: str, sub_campaign: str) -> list[tuple[Campaign, SubCampaign]]:
        """The sub-campaigns of the account with this id (ids are unique only in a campaign)."""
        ...

    def enterprise_members(self, enterprise: str) -> tuple[str, tuple[str, ...]]:
        """The enterprise's name (its id when unnamed) and the ids of its accounts, in order."""
        ...


class Sink(Protocol):
    """Where a report's bytes go as they are produced."""

    def write(self, data: bytes, /) -> int: ...


class ReportWriter(Protocol):
    """Runs a report query and streams the CSV (header included) into a sink."""

    def write_csv(self, query: ReportQuery, sink: Sink) -> int:
        """Writes the report; returns the number of data rows."""
        ...


class ArtifactStore(Protocol):
    """Where report files are kept; ``reportsuite.core.filestore.FileStore`` is one."""

    def writer(self, key: str) -> AbstractContextManager[BinaryIO]: ...

    def delete(self, key: str) -> None: ...


@dataclass(frozen=True)
class FileNameRequest:
    """The values a file name format's tags are filled from."""

    file_name_format: str
    report: str
    report_name: str
    name_at_level_run: str
    campaign: str
    sub_campaign: str
    group: str
    account: str
    account_uid: str
    report_id: str
    start_time: datetime | None
    end_time: datetime | None
    instant: datetime
    time_zone: str
    has_output_specification: bool


class FileNamer(Protocol):
    """Renders a report's file name (the delivery service owns the format's rules)."""

    def file_name(self, request: FileNameRequest) -> str: ...


@dataclass(frozen=True)
class SavedReportDraft:
    """A generated file to register with the catalog."""

    account: str
    request_id: str
    report_definition: str
    job: str
    display_name: str
    report_type: ReportType
    file_name: str
    content_type: str
    size_bytes: int
    row_count: int
    sha256: str
    window_start: datetime
    window_end: datetime
    storage_key: str


class SavedReports(Protocol):
    """The catalog's saved reports."""

    def register(self, draft: SavedReportDraft) -> str:
        """Registers the file, idempotently by request_id; returns the saved report's name."""
        ...


class JobStages(Protocol):
    """The scheduler's stage protocol for the generate stage."""

    def claim(self, job_name: str) -> Claim: ...

    def heartbeat(self, claim: Claim) -> bool:
        """Extends the lease; returns True when the job was cancelled and work should stop."""
        ...

    def complete(self, claim: Claim, saved_report: str, row_count: int) -> None: ...

    def skip_empty(self, claim: Claim) -> None:
        """Ends the job as skipped: it found no rows and its schedule skips empty reports."""
        ...

    def fail(self, claim: Claim, reason: str, retryable: bool) -> None: ...


class OutputSpecifications(Protocol):
    """The catalog's output specification files, parsed."""

    def get(self, name: str) -> OutputFormat:
        """Returns the format of the specification named "accounts/{account}/outputSpecifications/{id}"."""
        ...
