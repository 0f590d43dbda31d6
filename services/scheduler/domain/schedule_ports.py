"""What the schedule use cases and the tick need from the outside world; adapters provide it."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from services.scheduler.domain.ports import JobTransaction, ReportSnapshot
from services.scheduler.domain.runs import Run, RunRecord
from services.scheduler.domain.schedules import Schedule


@dataclass(frozen=True)
class DueSchedule:
    """A schedule the tick claimed, with the definition prefetched for ``snapshot_due_time``."""

    schedule: Schedule
    snapshot: ReportSnapshot | None
    snapshot_due_time: datetime | None


@dataclass(frozen=True)
class Prefetch:
    """A schedule whose definition a prefetcher claimed to read before its next due time."""

    schedule_id: str
    report_definition: str
    due_time: datetime


@dataclass(frozen=True)
class StoredRequest:
    """The first call made with a request_id, and the schedule it returned."""

    method: str
    schedule_id: str
    result: Schedule


@dataclass(frozen=True)
class PageCursor:
    """Where a page ends: the last item's sort time and id."""

    time: datetime
    id: str


class ScheduleTransaction(Protocol):
    """The schedule tables (and, through ``jobs``, the job tables) inside one open transaction."""

    @property
    def jobs(self) -> JobTransaction:
        """The job tables in the same transaction (JobService.create_job writes through it)."""

    def schedule_by_request(self, account: str, request_id: str) -> Schedule | None:
        """The schedule CreateSchedule made for this request_id in the account, if any."""

    def insert_schedule(self, schedule: Schedule) -> bool:
        """Inserts schedule; False (and nothing written) when its request_id was used already."""

    def schedule(self, account: str, schedule_id: str, *, lock: bool = False) -> Schedule | None:
        """Reads a schedule; lock=True holds its row until the transaction ends."""

    def update_schedule(self, schedule: Schedule) -> None:
        """Writes back a schedule read with lock=True and forgets its prefetched definition."""

    def delete_schedule(self, account: str, schedule_id: str) -> None:
        """Deletes a schedule and its runs (not the jobs they started)."""

    def list_schedules(self, account: str, report_definition: str | None, after: PageCursor | None,
                       limit: int) -> list[Schedule]:
        """An account's schedules, newest first, after the cursor."""

    def request(self, account: str, request_id: str) -> StoredRequest | None:
        """The call first made with request_id in the account, if any."""

    def save_request(self, account: str, request_id: str, method: str, result: Schedule,
                     now: datetime) -> None:
        """Remembers a call's result for its retries."""

    def list_runs(self, schedule_id: str, before: datetime | None, limit: int) -> list[Run]:
        """A schedule's runs, latest due time first, with due times before ``before``."""

    def claim_due(self, now: datetime, limit: int) -> list[DueSchedule]:
        """Locks (skipping rows others hold) unpaused schedules due at or before now, earliest first."""

    def existing_runs(self, keys: list[tuple[str, datetime]]) -> set[tuple[str, datetime]]:
        """Which of these (schedule, due time) runs exist already."""

    def insert_runs(self, runs: list[RunRecord]) -> None:
        """Writes runs; a (schedule, due time) that exists already is left as it is."""

    def advance(self, moves: list[tuple[str, datetime]], now: datetime) -> None:
        """Sets each claimed schedule's next due time and forgets its prefetched definition."""

    def next_due_time(self) -> datetime | None:
        """The earliest next due time of any unpaused schedule."""

    def claim_prefetch(self, now: datetime, until: datetime, lease_until: datetime,
                       limit: int) -> list[Prefetch]:
        """Leases unpaused schedules due after now and by until whose definition was not read yet."""

    def store_snapshots(self, snapshots: list[tuple[str, datetime, bytes]]) -> None:
        """Keeps each (schedule, due time, definition) if the schedule is still due then."""


class ScheduleStore(Protocol):
    """Opens transactions on the scheduler's tables."""

    def transaction(self) -> AbstractContextManager[ScheduleTransaction]:
        """A transaction that commits when the block ends and rolls back on an error."""


class RunMetrics(Protocol):
    """The scheduler's run metrics (adapters.metrics); the default records nothing."""

    def run_recorded(self, state: str) -> None:
        """A run entered a state (QUEUED when started, MISSED, FAILED, ... when it ended)."""

    def run_started(self, lag_seconds: float) -> None:
        """A run started this many seconds after its due time."""

    def runs_missed(self, count: int, policy: str) -> None:
        """Runs were recorded MISSED under a misfire policy."""


class NoMetrics:
    """RunMetrics that records nothing."""

    def run_recorded(self, state: str) -> None:
        pass

    def run_started(self, lag_seconds: float) -> None:
        pass

    def runs_missed(self, count: int, policy: str) -> None:
        pass
