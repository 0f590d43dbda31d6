"""Runs: one due time of a schedule, with the job it started or the reason none was started.

A run that started a job has no state of its own: it is read from the job, so the job stays the
one source of truth from QUEUED to its end.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from services.scheduler.domain.jobs import Job, JobState
from services.scheduler.domain.schedules import run_id


class RunState(enum.Enum):
    """Where a run stands (the proto's Run.State)."""

    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    SKIPPED_EMPTY = "SKIPPED_EMPTY"
    MISSED = "MISSED"
    UNSPECIFIED = "UNSPECIFIED"


_FROM_JOB = {
    JobState.QUEUED: RunState.QUEUED,
    JobState.GENERATING: RunState.RUNNING,
    JobState.DELIVERING: RunState.RUNNING,
    JobState.SUCCEEDED: RunState.SUCCEEDED,
    JobState.FAILED: RunState.FAILED,
    JobState.CANCELLED: RunState.CANCELLED,
    JobState.SKIPPED: RunState.SKIPPED_EMPTY,
}


def state_of(job: JobState) -> RunState:
    """The state of a run whose job is in the given state."""
    return _FROM_JOB[job]


@dataclass(frozen=True)
class RunRecord:
    """A run as the tick writes it: ``job`` set (and state None) when it started one."""

    schedule_id: str
    account: str
    due_time: datetime
    job_id: str | None
    state: RunState | None
    reason: str
    start_time: datetime | None


@dataclass(frozen=True)
class Run:
    """A run as ListRuns shows it, with its job when it has one."""

    account: str
    schedule_id: str
    due_time: datetime
    start_time: datetime | None
    own_state: RunState | None
    reason: str
    job: Job | None

    @property
    def name(self) -> str:
        return f"accounts/{self.account}/schedules/{self.schedule_id}/runs/{run_id(self.due_time)}"

    @property
    def state(self) -> RunState:
        if self.job is not None:
            return state_of(self.job.state)
        return self.own_state or RunState.UNSPECIFIED

    @property
    def why(self) -> str:
        """Why the run failed, was skipped or was missed ("" when it did none of them)."""
        if self.job is not None:
            return self.job.failure_reason
        return self.reason
