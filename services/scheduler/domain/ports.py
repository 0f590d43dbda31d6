"""What the scheduler's use cases need from the outside world; adapters provide it, tests may fake it."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from services.scheduler.domain.incremental import Watermark, WatermarkKey
from services.scheduler.domain.jobs import Job, JobEvent, Publication
from services.scheduler.domain.time_frames import TimeFrame


@dataclass(frozen=True)
class ReportSnapshot:
    """A report definition as the catalog returned it when a run started.

    Attributes:
        name: "accounts/{account}/reports/{report}".
        payload: the whole definition, serialized; the job keeps it as its snapshot.
        usage: True for Usage reports (their report day is always Eastern Time).
        target: the campaign (or other target) id; empty at account and enterprise level.
        time_frame: the period the report covers.
        has_destination: True when the report is mailed or transferred anywhere.
        report_type: the report type's name, such as "ALL_ATTEMPTS" (an Incremental watermark's key).
        level: the level's name, such as "CAMPAIGN" (an Incremental watermark's key).
    """

    name: str
    payload: bytes
    usage: bool
    target: str
    time_frame: TimeFrame
    has_destination: bool
    report_type: str = ""
    level: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where a page of jobs (newest first) ends."""

    create_time: datetime
    job_id: str


class JobTransaction(Protocol):
    """The scheduler's tables inside one open transaction."""

    def job_by_request(self, account: str, request_id: str) -> Job | None:
        """The job RunReport created for this request_id in the account, if any."""

    def insert_job(self, job: Job) -> bool:
        """Inserts job; False (and nothing written) when its request_id was used already."""

    def job(self, account: str, job_id: str, *, lock: bool = False) -> Job | None:
        """Reads a job; lock=True holds its row (SELECT ... FOR UPDATE) until the transaction ends."""

    def update_job(self, job: Job) -> None:
        """Writes back a job read with lock=True."""

    def add_event(self, job: Job, detail: str) -> None:
        """Appends the job's current state to its history."""

    def add_outbox(self, job: Job, publication: Publication, trace_context: dict[str, str]) -> None:
        """Writes an outbox row that the relay publishes once it is available."""

    def latest_trace_context(self, job_id: str) -> dict[str, str]:
        """The trace context of the job's newest outbox row ({} when it has none)."""

    def last_event_sequence(self, job_id: str) -> int:
        """The sequence of the job's newest event (0 when it has none)."""

    def events_after(self, job_id: str, sequence: int) -> list[JobEvent]:
        """The job's events newer than sequence, oldest first."""

    def list_jobs(self, account: str, report_definition: str | None, after: Cursor | None,
                  limit: int) -> list[Job]:
        """An account's jobs newest first, starting after the cursor."""

    def expired_leases(self, now: datetime, limit: int) -> list[Job]:
        """Locks (skipping rows others hold) working jobs whose lease expired before now."""

    def unclaimed(self, published_before: datetime, limit: int) -> list[Job]:
        """Locks (skipping rows others hold) waiting jobs without a lease whose newest outbox row
        was published before published_before."""

    def lock_watermark(self, key: WatermarkKey) -> Watermark:
        """Reads key's Incremental watermark and holds its row (SELECT ... FOR UPDATE) until the
        transaction ends, creating it empty first when there is none; a concurrent run of the
        same key waits here."""

    def move_watermark(self, watermark: Watermark) -> None:
        """Writes back a watermark read with lock_watermark."""


class JobStore(Protocol):
    """Opens transactions on the scheduler's tables."""

    def transaction(self) -> AbstractContextManager[JobTransaction]:
        """Commits when the block ends normally, rolls back when it raises."""


class Catalog(Protocol):
    """The catalog service, as the scheduler uses it."""

    def report_definition(self, name: str) -> ReportSnapshot:
        """Raises NotFound on "report_definition", or Unavailable when the catalog does not answer."""


class ActivityStore(Protocol):
    """The generator's accounts and campaigns, as the scheduler uses them."""

    def reports_time_zone(self, account: str) -> str:
        """The account's Reports Default Time Zone; raises FailedPrecondition when unknown."""

    def campaign_start(self, account: str, campaign: str) -> datetime:
        """When the campaign started; raises FailedPrecondition when unknown."""

    def ingest_cutoff(self) -> str:
        """A new ingest cutoff (GeneratorService.GetIngestCutoff); raises Unavailable when the
        generator does not answer."""
