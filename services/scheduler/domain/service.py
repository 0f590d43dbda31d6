"""The scheduler's use cases: running reports, reading and cancelling jobs, and the stage protocol.

Every change is one short transaction that locks the job row, applies a rule from
``domain.jobs`` and records the event (and outbox row) with it, so a job's state, its history
and its pending messages never disagree.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from reportsuite.core import names, pagination
from reportsuite.core.errors import FailedPrecondition, InvalidArgument, NotFound
from services.scheduler.domain import jobs, time_frames
from services.scheduler.domain.incremental import IncrementalCutoffs, Watermark, WatermarkKey
from services.scheduler.domain.jobs import (
    DeliveryOutcome,
    Job,
    JobState,
    LeasePolicy,
    Publication,
    Stage,
    StageResult,
)
from services.scheduler.domain.ports import ActivityStore, Catalog, Cursor, JobStore, JobTransaction, ReportSnapshot

DEFINITION_NAME = "accounts/{account}/reports/{report}"
ACCOUNT_NAME = "accounts/{account}"
MAX_REQUEST_ID_LENGTH = 200
MAX_WORKER_LENGTH = 200
# A sweep handles at most this many jobs per transaction; the next sweep takes the rest.
SWEEP_BATCH = 100


def utc_now() -> datetime:
    return datetime.now(UTC)


class JobService:
    """The scheduler's use cases, wired to its ports by bootstrap.

    Args:
        store: the scheduler's tables.
        catalog: where report definitions are read.
        activity: where account time zones and campaign start times are read.
        policy: lease length and attempt limit.
        trace_context: returns the caller's trace context, stored with each outbox row.
        outbox_written: called after a commit that wrote an outbox row (wakes the relay).
        job_ended: called with each job a change ended (for the scheduler's run metrics).
        clock: returns the current time (aware UTC).
    """

    def __init__(self, store: JobStore, catalog: Catalog, activity: ActivityStore, policy: LeasePolicy, *,
                 trace_context: Callable[[], dict[str, str]] = dict,
                 outbox_written: Callable[[], None] = lambda: None,
                 job_ended: Callable[[Job], None] = lambda job: None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._catalog = catalog
        self._activity = activity
        self._policy = policy
        self._trace_context = trace_context
        self._outbox_written = outbox_written
        self._job_ended = job_ended
        self._clock = clock

    # --- running reports -------------------------------------------------------------------

    def run_report(self, definition_name: str, as_of: datetime | None, request_id: str) -> Job:
        """Queues a run of a definition; a repeated request_id returns the account's first job.

        Raises:
            InvalidArgument: a malformed name or request_id.
            NotFound: on "report_definition" when the catalog has no such definition.
            FailedPrecondition: on "report_definition" when its time frame cannot be resolved.
            Unavailable: the catalog or generator did not answer.
        """
        account = names.parse(DEFINITION_NAME, definition_name, "report_definition")["account"]
        _check_length(request_id, MAX_REQUEST_ID_LENGTH, "request_id")
        if request_id:
            with self._store.transaction() as tx:
                first = tx.job_by_request(account, request_id)
            if first is not None:
                return first
        snapshot = self._catalog.report_definition(definition_name)
        with self._store.transaction() as tx:
            job = self.create_job(tx, account, snapshot, as_of, request_id or None)
            if job is None:
                return _required(tx.job_by_request(account, request_id), definition_name)
        self._outbox_written()
        return job

    def create_job(self, tx: JobTransaction, account: str, snapshot: ReportSnapshot, as_of: datetime | None,
                   request_id: str | None, *, schedule: str = "", skip_if_empty: bool = False) -> Job | None:
        """Creates a run's job inside tx: the one path every run takes (RunReport, schedules).

        Writes the QUEUED job, its event and its generate outbox row. For an Incremental
        definition it first locks the watermark of the report's type and target, then takes the
        ingest cutoff, and moves the watermark to it with the job, so concurrent runs of one
        target chain their windows and a crash records both or neither (docs/incremental.md).
        The caller commits and then wakes the relay (``outbox_written``).

        Args:
            tx: the open transaction; the job is created when it commits.
            account: the definition's account.
            snapshot: the definition as the catalog returned it.
            as_of: the instant the time frame is resolved against (None: now). An Incremental
                window always ends at the cutoff taken now, whatever as_of says.
            request_id: the caller's request id, unique per account, or None.
            schedule: the schedule whose run this is ("" for RunReport).
            skip_if_empty: the schedule's "do not generate if report is empty".

        Returns:
            The job, or None (and nothing written) when request_id was used already.
        """
        watermark: Watermark | None = None
        cutoff = ""
        if snapshot.time_frame.kind is time_frames.Kind.INCREMENTAL:
            watermark = tx.lock_watermark(_watermark_key(account, snapshot))
            # Taken only once the lock is held: a run that waited behind another gets a later cutoff.
            cutoff = self._activity.ingest_cutoff()
        now = self._clock()
        job = self._new_job(account, snapshot, as_of or now, request_id, now, watermark)
        if watermark is not None:
            job.incremental = IncrementalCutoffs(watermark.cutoff, cutoff)
        job.schedule, job.skip_if_empty = schedule, skip_if_empty
        if not tx.insert_job(job):
            return None
        detail = (f"queued: {snapshot.time_frame.kind.name} window "
                  f"{job.window_start.isoformat()} to {job.window_end.isoformat()}")
        if watermark is not None:
            tx.move_watermark(watermark.moved_to(cutoff, now, job.id))
            detail += " (first Incremental run)" if not watermark.cutoff else f" (after job {watermark.job_id})"
        tx.add_event(job, detail)
        tx.add_outbox(job, Publication(Stage.GENERATE, now), self._trace_context())
        return job

    def _new_job(self, account: str, snapshot: ReportSnapshot, as_of: datetime, request_id: str | None,
                 now: datetime, watermark: Watermark | None) -> Job:
        context = time_frames.FrameContext(
            # An Incremental window ends at its cutoff, taken just now.
            as_of=now if watermark is not None else as_of, usage=snapshot.usage,
            account_time_zone=lambda: self._activity.reports_time_zone(account),
            campaign_start=lambda: self._campaign_start(account, snapshot),
            previous_cutoff_time=watermark.previous_cutoff_time if watermark is not None else None,
        )
        window = time_frames.resolve(snapshot.time_frame, context)
        return Job(
            id=uuid.uuid4().hex, account=account, report_definition=snapshot.name, state=JobState.QUEUED,
            report=snapshot.payload, has_destination=snapshot.has_destination, as_of=as_of,
            window_start=window.start, window_end=window.end, create_time=now, update_time=now,
            request_id=request_id,
        )

    def _campaign_start(self, account: str, snapshot: ReportSnapshot) -> datetime:
        if not snapshot.target:
            raise FailedPrecondition(
                "the Entire Campaign time frame needs a campaign target", field="report_definition",
                rule="an Entire Campaign report must name its campaign",
            )
        return self._activity.campaign_start(account, snapshot.target)

    # --- reading and cancelling ------------------------------------------------------------

    def get_job(self, name: str) -> Job:
        """Returns a job. Raises InvalidArgument or NotFound on "name"."""
        account, job_id = _parse_job_name(name)
        with self._store.transaction() as tx:
            return _required(tx.job(account, job_id), name)

    def list_jobs(self, parent: str, report_definition: str, page_size: int,
                  page_token: str) -> tuple[list[Job], str]:
        """One page of an account's jobs, newest first, and the next page's token ("" on the last)."""
        account = names.parse(ACCOUNT_NAME, parent, "parent")["account"]
        if report_definition:
            owner = names.parse(DEFINITION_NAME, report_definition, "report_definition")["account"]
            if owner != account:
                raise InvalidArgument(
                    f"{report_definition} is not in {parent}", field="report_definition",
                    rule="must be a definition of the parent account",
                )
        limit = pagination.page_size(page_size)
        after = _cursor(pagination.decode(page_token))
        with self._store.transaction() as tx:
            found = tx.list_jobs(account, report_definition or None, after, limit + 1)
        if len(found) <= limit:
            return found, ""
        last = found[limit - 1]
        return found[:limit], pagination.encode({"t": last.create_time.isoformat(), "id": last.id})

    def cancel_job(self, name: str) -> Job:
        """Cancels a job that has not ended; an ended job is returned unchanged."""
        account, job_id = _parse_job_name(name)
        with self._store.transaction() as tx:
            job = _required(tx.job(account, job_id, lock=True), name)
            change = jobs.cancel(job, self._clock())
            if change is not None:
                tx.update_job(job)
                tx.add_event(job, change.detail)
                self._job_ended(job)
        return job

    def watch_job(self, name: str, is_active: Callable[[], bool], poll_seconds: float = 0.1) -> Iterator[Job]:
        """Yields the job now, then the job at each later change of state, until it ends.

        No database connection is held between polls. A job yielded for an older event carries
        that event's state and time with the job's newer fields.
        """
        account, job_id = _parse_job_name(name)
        with self._store.transaction() as tx:
            job = _required(tx.job(account, job_id), name)
            sequence = tx.last_event_sequence(job_id)
        yield job
        state = job.state
        while state not in jobs.TERMINAL and is_active():
            time.sleep(poll_seconds)
            with self._store.transaction() as tx:
                events = tx.events_after(job_id, sequence)
                job = _required(tx.job(account, job_id), name) if events else job
            for event in events:
                sequence = event.sequence
                if event.state is not state:
                    state = event.state
                    yield replace(job, state=event.state, update_time=event.time)
                if state in jobs.TERMINAL:
                    return

    # --- the stage protocol ----------------------------------------------------------------

    def claim_stage(self, name: str, stage: Stage, worker: str) -> Job:
        """Gives worker a lease on a stage; the job returned carries it in ``lease``.

        Raises:
            FailedPrecondition: the job ended, the stage is done or not reached, or it ran out of
                attempts (the job is FAILED first).
            Aborted: another worker holds a live lease.
        """
        _check_length(worker, MAX_WORKER_LENGTH, "worker")
        change, job = self._apply(name, lambda job, now: jobs.claim(
            job, stage, worker or "unknown worker", now, self._policy))
        if change.refusal is not None:
            raise change.refusal
        return job

    def heartbeat_stage(self, name: str, token: str) -> tuple[datetime, bool]:
        """Extends a lease; returns its new expiry and whether the job was cancelled."""
        account, job_id = _parse_job_name(name)
        with self._store.transaction() as tx:
            job = _required(tx.job(account, job_id, lock=True), name)
            cancelled = jobs.heartbeat(job, token, self._clock(), self._policy)
            if not cancelled:
                tx.update_job(job)
        assert job.lease is not None
        return job.lease.expire_time, cancelled

    def complete_stage(self, name: str, token: str, result: StageResult) -> Job:
        """Records a stage's result; a repeated completion returns the job unchanged."""
        if result.row_count < 0:
            raise InvalidArgument("row_count must not be negative", field="row_count", rule="must be >= 0")
        _, job = self._apply(name, lambda job, now: jobs.complete(job, token, result, now))
        return job

    def fail_stage(self, name: str, token: str, reason: str, retryable: bool,
                   deliveries: list[DeliveryOutcome]) -> Job:
        """Records a stage's failure: queued again after a backoff while attempts remain, else FAILED."""
        _, job = self._apply(name, lambda job, now: jobs.fail(
            job, token, reason, retryable, deliveries, now, self._policy))
        return job

    def _apply(self, name: str, rule: Callable[[Job, datetime], jobs.Change | None]) -> tuple[jobs.Change, Job]:
        """Locks the job, applies rule and records its change in one transaction."""
        account, job_id = _parse_job_name(name)
        with self._store.transaction() as tx:
            job = _required(tx.job(account, job_id, lock=True), name)
            change = rule(job, self._clock())
            if change is not None:
                self._record(tx, job, change)
        if change is not None and change.publication is not None:
            self._outbox_written()
        return change or jobs.Change("unchanged"), job

    def _record(self, tx: JobTransaction, job: Job, change: jobs.Change,
                trace_context: dict[str, str] | None = None) -> None:
        tx.update_job(job)
        tx.add_event(job, change.detail)
        if job.ended:
            self._job_ended(job)
        if change.publication is not None:
            context = self._trace_context() if trace_context is None else trace_context
            tx.add_outbox(job, change.publication, context)

    # --- the reaper's sweeps ---------------------------------------------------------------

    def reap_expired_leases(self) -> int:
        """Retries (or fails, out of attempts) every stage whose lease lapsed; returns how many."""
        with self._store.transaction() as tx:
            now = self._clock()
            lapsed = tx.expired_leases(now, SWEEP_BATCH)
            for job in lapsed:
                # The sweep has no caller: a retry stays in the trace of the job's last message.
                self._record(tx, job, jobs.lapse(job, now, self._policy), tx.latest_trace_context(job.id))
        if lapsed:
            self._outbox_written()
        return len(lapsed)

    def republish_unclaimed(self, stale_after_seconds: float) -> int:
        """Publishes again every waiting stage whose message went out stale_after_seconds ago
        and that nobody claimed; returns how many."""
        with self._store.transaction() as tx:
            now = self._clock()
            stale = tx.unclaimed(now - timedelta(seconds=stale_after_seconds), SWEEP_BATCH)
            for job in stale:
                tx.add_outbox(job, jobs.republish(job, now), tx.latest_trace_context(job.id))
        if stale:
            self._outbox_written()
        return len(stale)


def _watermark_key(account: str, snapshot: ReportSnapshot) -> WatermarkKey:
    return WatermarkKey(account, snapshot.report_type, snapshot.level, snapshot.target)


def _parse_job_name(name: str) -> tuple[str, str]:
    parts = names.parse(jobs.JOB_NAME, name, "name")
    return parts["account"], parts["job"]


def _required(job: Job | None, name: str) -> Job:
    if job is None:
        raise NotFound(f"{name} does not exist", field="name", rule="the job must exist")
    return job


def _check_length(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise InvalidArgument(f"{field} is longer than {limit} characters", field=field,
                              rule=f"at most {limit} characters")


def _cursor(token: dict[str, object] | None) -> Cursor | None:
    if token is None:
        return None
    try:
        return Cursor(datetime.fromisoformat(str(token["t"])), str(token["id"]))
    except (KeyError, ValueError):
        raise InvalidArgument(
            "page_token is not a token this service issued", field="page_token",
            rule="must be a next_page_token from a previous call",
        ) from None
