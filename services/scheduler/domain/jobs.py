"""Jobs and the stage protocol: the rules for claiming, renewing, finishing and failing a stage.

Each function here takes a job already read (and locked) by the caller, changes it in place and
returns a ``Change`` saying what the caller must record: the job event, and an outbox row when a
stage must be (re)published. Nothing here reads a clock; ``now`` is passed in.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from reportsuite.core.errors import Aborted, DomainError, FailedPrecondition, InvalidArgument
from services.scheduler.domain.incremental import IncrementalCutoffs

JOB_NAME = "accounts/{account}/jobs/{job}"
MAX_BACKOFF_SECONDS = 60
CANCELLED_BY_USER = "cancelled by user"


class JobState(enum.Enum):
    """Where a job stands (the proto's Job.State)."""

    QUEUED = "QUEUED"
    GENERATING = "GENERATING"
    DELIVERING = "DELIVERING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    # The report had no rows and the job's schedule skips empty reports (docs/schedules.md).
    SKIPPED = "SKIPPED"


TERMINAL = frozenset({JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED, JobState.SKIPPED})
SKIPPED_EMPTY = "the report has no rows and its schedule says not to generate it if empty"


class Stage(enum.Enum):
    """A worker's part of a job."""

    GENERATE = "GENERATE"
    DELIVER = "DELIVER"


# The state a job is in while a worker holds each stage.
WORKING_STATE = {Stage.GENERATE: JobState.GENERATING, Stage.DELIVER: JobState.DELIVERING}
# The state a job waits in for each stage to be claimed.
WAITING_STATE = {Stage.GENERATE: JobState.QUEUED, Stage.DELIVER: JobState.DELIVERING}


@dataclass(frozen=True)
class LeasePolicy:
    """How long a lease lasts and how many claims a stage gets."""

    lease_seconds: int
    max_attempts: int


@dataclass
class Lease:
    """A worker's hold on a stage; lapses at expire_time unless heartbeated."""

    token: str
    expire_time: datetime
    worker: str
    heartbeat_time: datetime


@dataclass(frozen=True)
class DeliveryOutcome:
    """What happened at one destination; state is PENDING, SUCCEEDED, FAILED or UNSPECIFIED."""

    destination: str
    state: str
    detail: str = ""
    attempts: int = 0
    file_name: str = ""
    complete_time: datetime | None = None


@dataclass
class Job:
    """One run of a report definition. ``report`` is the definition's snapshot, kept opaque."""

    id: str
    account: str
    report_definition: str
    state: JobState
    report: bytes
    has_destination: bool
    as_of: datetime
    window_start: datetime
    window_end: datetime
    create_time: datetime
    update_time: datetime
    request_id: str | None = None
    saved_report: str = ""
    row_count: int = 0
    failure_reason: str = ""
    attempts: int = 0
    lease: Lease | None = None
    last_attempt_error: str = ""
    completed_lease_tokens: list[str] = field(default_factory=list)
    deliveries: list[DeliveryOutcome] = field(default_factory=list)
    # An Incremental run's ingest cutoffs; they, not the window's times, choose its rows.
    incremental: IncrementalCutoffs | None = None
    # The schedule whose run started the job ("" for RunReport), and its "do not generate if empty".
    schedule: str = ""
    skip_if_empty: bool = False

    @property
    def name(self) -> str:
        return f"accounts/{self.account}/jobs/{self.id}"

    @property
    def ended(self) -> bool:
        return self.state in TERMINAL


@dataclass(frozen=True)
class JobEvent:
    """One state change of a job, for WatchJob and the job's history."""

    sequence: int
    state: JobState
    time: datetime
    detail: str


@dataclass(frozen=True)
class Publication:
    """An outbox row to write: publish ``stage``'s message once ``available_at`` has come."""

    stage: Stage
    available_at: datetime


@dataclass(frozen=True)
class Change:
    """What a transition asks the caller to record, in the same transaction as the job.

    ``refusal``, when set, is raised to the caller after the change is committed.
    """

    detail: str
    publication: Publication | None = None
    refusal: DomainError | None = None


@dataclass(frozen=True)
class StageResult:
    """What a worker reports when it completes a stage."""

    saved_report: str = ""
    row_count: int = 0
    deliveries: tuple[DeliveryOutcome, ...] = ()
    # The generate stage found no rows in a skip_if_empty job: end it SKIPPED, with no saved report.
    skipped_empty: bool = False


def backoff_seconds(attempts: int) -> int:
    """Seconds before a failed stage is published again: 2**attempts, at most a minute."""
    return min(2 ** max(attempts, 0), MAX_BACKOFF_SECONDS)


def lease_lapse_reason(lease: Lease) -> str:
    return f"worker lease expired (no heartbeat since {lease.heartbeat_time.isoformat()})"


def stage_of(job: Job) -> Stage:
    """The stage a leased job is in."""
    return Stage.GENERATE if job.state is JobState.GENERATING else Stage.DELIVER


def _touch(job: Job, state: JobState, now: datetime) -> None:
    job.state = state
    job.update_time = now


def claim(job: Job, stage: Stage, worker: str, now: datetime, policy: LeasePolicy) -> Change:
    """Grants worker a new lease on stage, or refuses.

    Raises:
        FailedPrecondition: the job ended, the stage is done, or it is not reached yet.
        Aborted: another worker holds a live lease on the job.
    """
    _check_claimable(job, stage)
    lease = job.lease
    if lease is not None and lease.expire_time > now and lease.worker != worker:
        raise Aborted(
            f"{job.name} is leased to {lease.worker} until {lease.expire_time.isoformat()}",
            field="name", rule="another worker holds a live lease on the job",
        )
    if lease is not None:
        job.last_attempt_error = (lease_lapse_reason(lease) if lease.expire_time <= now
                                  else f"{worker} claimed the stage again before finishing attempt {job.attempts}")
    job.attempts += 1
    if job.attempts > policy.max_attempts:
        return _give_up(job, now)
    job.lease = Lease(uuid.uuid4().hex, now + timedelta(seconds=policy.lease_seconds), worker, now)
    _touch(job, WORKING_STATE[stage], now)
    return Change(f"{stage.value.lower()} claimed by {worker} (attempt {job.attempts} of {policy.max_attempts})")


def _check_claimable(job: Job, stage: Stage) -> None:
    if job.ended:
        raise FailedPrecondition(
            f"{job.name} has ended ({job.state.value})", field="name", rule="the job must not have ended"
        )
    if stage is Stage.GENERATE and job.state is JobState.DELIVERING:
        raise FailedPrecondition(
            f"{job.name} is already generated", field="stage", rule="the stage must not be done already"
        )
    if stage is Stage.DELIVER and job.state in (JobState.QUEUED, JobState.GENERATING):
        raise FailedPrecondition(
            f"{job.name} is not generated yet", field="stage", rule="the deliver stage follows the generate stage"
        )


def _give_up(job: Job, now: datetime) -> Change:
    tried = job.attempts - 1
    reason = f"gave up after {tried} attempts: {job.last_attempt_error or 'no reason was recorded'}"
    _end(job, JobState.FAILED, reason, now)
    refusal = FailedPrecondition(f"{job.name} failed: {reason}", field="name", rule="the stage ran out of attempts")
    return Change(reason, refusal=refusal)


def _end(job: Job, state: JobState, reason: str, now: datetime) -> None:
    job.failure_reason = reason
    job.lease = None
    _touch(job, state, now)


def heartbeat(job: Job, token: str, now: datetime, policy: LeasePolicy) -> bool:
    """Extends the lease; returns True (without extending) when the job was cancelled.

    Raises:
        FailedPrecondition: on "lease_token" when the token is not the job's live lease.
    """
    _check_token(job, token)
    if job.state is JobState.CANCELLED:
        return True
    assert job.lease is not None  # _check_token guarantees it
    if job.ended or job.lease.expire_time <= now:
        raise FailedPrecondition(
            f"the lease on {job.name} expired at {job.lease.expire_time.isoformat()}",
            field="lease_token", rule="the lease must not have expired",
        )
    job.lease.expire_time = now + timedelta(seconds=policy.lease_seconds)
    job.lease.heartbeat_time = now
    return False


def _check_token(job: Job, token: str) -> None:
    if job.lease is None or not token or token != job.lease.token:
        raise FailedPrecondition(
            f"lease_token is not the current lease on {job.name}",
            field="lease_token", rule="must be the token of the job's current lease",
        )


def _check_working(job: Job, token: str) -> Stage:
    _check_token(job, token)
    if job.ended:
        raise FailedPrecondition(
            f"{job.name} has ended ({job.state.value})", field="name", rule="the job must not have ended"
        )
    return stage_of(job)


def complete(job: Job, token: str, result: StageResult, now: datetime) -> Change | None:
    """Records a stage's result and moves the job on; None when this completion was recorded before.

    Raises:
        FailedPrecondition: the token is not the live lease, or the job ended.
    """
    if token and token in job.completed_lease_tokens:
        return None
    stage = _check_working(job, token)
    job.completed_lease_tokens.append(token)
    job.lease = None
    if result.skipped_empty:
        return _skip_empty(job, stage, result, now)
    if stage is Stage.DELIVER:
        job.deliveries = list(result.deliveries)
        _touch(job, JobState.SUCCEEDED, now)
        return Change(f"delivered to {len(job.deliveries)} destinations")
    job.saved_report = result.saved_report
    job.row_count = result.row_count
    generated = f"generated {result.saved_report or 'the report'} with {result.row_count} rows"
    if not job.has_destination:
        _touch(job, JobState.SUCCEEDED, now)
        return Change(f"{generated}; the report has no destination")
    job.attempts = 0
    job.last_attempt_error = ""
    _touch(job, JobState.DELIVERING, now)
    return Change(f"{generated}; queued for delivery", Publication(Stage.DELIVER, now))


def _skip_empty(job: Job, stage: Stage, result: StageResult, now: datetime) -> Change:
    """Ends a generated-empty job of a skip-if-empty schedule: nothing is saved or delivered.

    Raises:
        InvalidArgument: on "skipped_empty" for the deliver stage, or with rows or a saved report.
        FailedPrecondition: on "skipped_empty" when the job's schedule does not skip empty reports.
    """
    if stage is not Stage.GENERATE or result.row_count or result.saved_report:
        raise InvalidArgument(
            "only a generate stage with no rows and no saved report can complete as skipped_empty",
            field="skipped_empty", rule="skipped_empty requires the generate stage, row_count 0 and no saved_report",
        )
    if not job.skip_if_empty:
        raise FailedPrecondition(
            f"{job.name} does not skip empty reports", field="skipped_empty",
            rule="only a job whose schedule skips empty reports may complete as skipped_empty",
        )
    job.row_count = 0
    _end(job, JobState.SKIPPED, SKIPPED_EMPTY, now)
    return Change(f"skipped: {SKIPPED_EMPTY}")


def fail(job: Job, token: str, reason: str, retryable: bool, deliveries: list[DeliveryOutcome],
         now: datetime, policy: LeasePolicy) -> Change:
    """Records a worker's failure of its stage: retried when retryable and attempts remain, else FAILED.

    Raises:
        FailedPrecondition: the token is not the live lease, or the job ended.
    """
    stage = _check_working(job, token)
    if deliveries:
        job.deliveries = list(deliveries)
    return retry_or_fail(job, stage, reason or "the stage failed without a reason", retryable, now, policy)


def retry_or_fail(job: Job, stage: Stage, reason: str, retryable: bool, now: datetime,
                  policy: LeasePolicy) -> Change:
    """Puts stage back in its queue after a backoff, or fails the job with reason."""
    if not (retryable and job.attempts < policy.max_attempts):
        _end(job, JobState.FAILED, reason, now)
        return Change(f"failed: {reason}")
    delay = backoff_seconds(job.attempts)
    job.lease = None
    job.last_attempt_error = reason
    _touch(job, WAITING_STATE[stage], now)
    detail = f"{stage.value.lower()} attempt {job.attempts} failed, retrying in {delay} s: {reason}"
    return Change(detail, Publication(stage, now + timedelta(seconds=delay)))


def lapse(job: Job, now: datetime, policy: LeasePolicy) -> Change:
    """The reaper's rule: a stage whose lease expired counts as a retryable failure."""
    assert job.lease is not None
    return retry_or_fail(job, stage_of(job), lease_lapse_reason(job.lease), True, now, policy)


def cancel(job: Job, now: datetime) -> Change | None:
    """Cancels a job that has not ended; None (and the job unchanged) when it has.

    The lease is kept so that the worker's next heartbeat is answered with cancelled=true.
    """
    if job.ended:
        return None
    job.failure_reason = CANCELLED_BY_USER
    _touch(job, JobState.CANCELLED, now)
    return Change(CANCELLED_BY_USER)


def republish(job: Job, now: datetime) -> Publication:
    """The reaper's rule for a waiting stage nobody claimed: publish its message again."""
    stage = Stage.GENERATE if job.state is JobState.QUEUED else Stage.DELIVER
    return Publication(stage, now)
