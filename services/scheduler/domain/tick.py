"""The tick: turns the fire times that came due into runs and jobs, exactly once across replicas.

One tick is one transaction over a batch of due schedules, claimed with
``SELECT ... FOR UPDATE SKIP LOCKED`` (replicas take disjoint batches). For each schedule it
decides, by the misfire policy, which due time runs and which are MISSED, creates the run's job
through ``JobService.create_job`` (the path RunReport takes: job, event and outbox row), writes
the runs (primary key (schedule, due time)) and moves the schedule's next due time, all in that
transaction. A replica killed mid-tick commits nothing; another claims the same rows after.

The prefetch reads each schedule's definition from the catalog during the two minutes before its
due time, so the tick itself makes no catalog call for a run that is on time (docs/schedules.md).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportsuite.core.errors import DomainError, Unavailable
from services.scheduler.domain import schedules
from services.scheduler.domain.misfire import CatchUp, catch_up
from services.scheduler.domain.ports import Catalog, JobTransaction, ReportSnapshot
from services.scheduler.domain.runs import RunRecord, RunState
from services.scheduler.domain.schedule_ports import DueSchedule, NoMetrics, RunMetrics, ScheduleStore
from services.scheduler.domain.schedules import Schedule
from services.scheduler.domain.service import JobService

# Schedules per tick transaction; a full batch makes the loop tick again at once.
BATCH = 500
# Due times of one schedule handled per tick; a longer catch-up continues in the next tick.
MAX_CATCH_UP = 1000
# Definitions are read this long before their due time, under a lease of PREFETCH_LEASE: long
# enough for the catalog to serve 10,000 definitions due in one minute (about 300 reads/s here).
LOOKAHEAD = timedelta(seconds=120)
PREFETCH_LEASE = timedelta(seconds=60)
PREFETCH_BATCH = 500
FETCH_THREADS = 8
# The tick sleeps until the next due time, but never longer than MAX_WAIT nor shorter than MIN_WAIT.
MAX_WAIT_SECONDS = 1.0
MIN_WAIT_SECONDS = 0.02

log = logging.getLogger(__name__)

RunSpan = Callable[[Schedule, datetime], AbstractContextManager[object]]
Fetched = ReportSnapshot | DomainError


def no_span(schedule: Schedule, due_time: datetime) -> AbstractContextManager[object]:
    """The RunSpan of a tick without tracing."""
    return contextlib.nullcontext()


@dataclass(frozen=True)
class _Plan:
    item: DueSchedule
    catch: CatchUp
    next_due: datetime


class ScheduleTicker:
    """The tick and the prefetch of every scheduler replica.

    Args:
        store: the scheduler's tables.
        jobs: creates each run's job (JobService.create_job).
        catalog: where definitions are read when no prefetched one fits.
        clock: returns the current time (aware UTC); tests move it.
        metrics: where runs are counted.
        run_span: opens the "scheduled run" span each run's trace starts with.
        runs_started: called after a commit that started runs (wakes the outbox relay).
        batch: schedules per tick transaction.
    """

    def __init__(self, store: ScheduleStore, jobs: JobService, catalog: Catalog, clock: Callable[[], datetime], *,
                 metrics: RunMetrics | None = None, run_span: RunSpan = no_span,
                 runs_started: Callable[[], None] = lambda: None, batch: int = BATCH) -> None:
        self._store = store
        self._jobs = jobs
        self._catalog = catalog
        self._clock = clock
        self._metrics = metrics or NoMetrics()
        self._run_span = run_span
        self._runs_started = runs_started
        self._batch = batch
        self._next_due: datetime | None = None
        self._claimed_none = False

    def tick(self) -> bool:
        """Handles one batch of due schedules; True when the batch was full (tick again at once)."""
        now = self._clock()
        with self._store.transaction() as tx:
            plans = [self._plan(item, now) for item in tx.claim_due(now, self._batch)]
            fetched = self._fetch_all(_live_fetches(plans))
            started = [(p.item.schedule.id, p.catch.run) for p in plans if p.catch.run is not None]
            existing = tx.existing_runs(started) if started else set()
            records: list[RunRecord] = []
            moves: list[tuple[str, datetime]] = []
            for plan in plans:
                written = self._runs_of(tx.jobs, plan, fetched, existing)
                if written is not None:  # None: a service it needs is down; the schedule stays due
                    records.extend(written)
                    moves.append((plan.item.schedule.id, plan.next_due))
            tx.insert_runs(records)
            tx.advance(moves, now)
            self._next_due = tx.next_due_time()
        self._claimed_none = not plans
        started_runs = sum(1 for record in records if record.job_id)
        if started_runs:
            self._runs_started()
        if plans:
            log.info("tick: %d schedules due, %d runs started, %d recorded without a job", len(plans),
                     started_runs, len(records) - started_runs)
        self._count(plans, records)
        return len(plans) == self._batch

    def next_wait(self) -> float:
        """Seconds the tick loop may sleep: until the next due time, at most a second."""
        if self._next_due is None:
            return MAX_WAIT_SECONDS
        until = (self._next_due - self._clock()).total_seconds()
        floor = MIN_WAIT_SECONDS if self._claimed_none else 0.0
        return min(MAX_WAIT_SECONDS, max(floor, until))

    def _plan(self, item: DueSchedule, now: datetime) -> _Plan:
        schedule = item.schedule
        assert schedule.next_due_time is not None  # claim_due returns unpaused schedules only
        due_times: list[datetime] = []
        due = schedule.next_due_time
        while due <= now and len(due_times) < MAX_CATCH_UP:
            due_times.append(due)
            due = schedules.next_fire(schedule.timing, schedule.time_zone, due)
        latest = schedules.latest_fire(schedule.timing, schedule.time_zone, now) if due <= now else None
        decision = catch_up(due_times, now, schedule.misfire_policy, schedule.grace, latest)
        return _Plan(item, decision, due)

    def _runs_of(self, jobs: JobTransaction, plan: _Plan, fetched: dict[str, Fetched],
                 existing: set[tuple[str, datetime]]) -> list[RunRecord] | None:
        schedule = plan.item.schedule
        records = [_run(schedule, missed.due_time, RunState.MISSED, missed.reason) for missed in plan.catch.missed]
        due = plan.catch.run
        if due is None or (schedule.id, due) in existing:
            return records
        snapshot = _snapshot_for(plan, fetched)
        try:
            if isinstance(snapshot, DomainError):
                raise snapshot
            with self._run_span(schedule, due):
                job = self._jobs.create_job(jobs, schedule.account, snapshot, due, None, schedule=schedule.name,
                                            skip_if_empty=schedule.skip_if_empty)
        except Unavailable:
            return None
        except DomainError as error:
            return [*records, _run(schedule, due, RunState.FAILED, f"no job was started: {error.message}")]
        assert job is not None  # without a request_id the job is always created
        return [*records, RunRecord(schedule.id, schedule.account, due, job.id, None, "", job.create_time)]

    def _count(self, plans: list[_Plan], records: list[RunRecord]) -> None:
        for record in records:
            self._metrics.run_recorded(RunState.QUEUED.value if record.job_id else _state_name(record))
            if record.job_id and record.start_time is not None:
                self._metrics.run_started((record.start_time - record.due_time).total_seconds())
        written = {(record.schedule_id, record.due_time) for record in records}
        for plan in plans:
            missed = sum((plan.item.schedule.id, m.due_time) in written for m in plan.catch.missed)
            if missed:
                self._metrics.runs_missed(missed, plan.item.schedule.misfire_policy.value)

    def prefetch(self) -> bool:
        """Reads the definitions of schedules due within LOOKAHEAD; True when the batch was full."""
        now = self._clock()
        with self._store.transaction() as tx:
            claimed = tx.claim_prefetch(now, now + LOOKAHEAD, now + PREFETCH_LEASE, PREFETCH_BATCH)
        fetched = self._fetch_all({item.report_definition for item in claimed})
        snapshots = [(item.schedule_id, item.due_time, found.payload) for item in claimed
                     if isinstance(found := fetched[item.report_definition], ReportSnapshot)]
        if snapshots:
            with self._store.transaction() as tx:
                tx.store_snapshots(snapshots)
        return len(claimed) == PREFETCH_BATCH

    def _fetch_all(self, definitions: Iterable[str]) -> dict[str, Fetched]:
        wanted = sorted(set(definitions))
        if not wanted:
            return {}
        with ThreadPoolExecutor(min(FETCH_THREADS, len(wanted)), thread_name_prefix="definition-fetch") as pool:
            return dict(zip(wanted, pool.map(self._fetch, wanted), strict=True))

    def _fetch(self, definition: str) -> Fetched:
        try:
            return self._catalog.report_definition(definition)
        except DomainError as error:
            return error


def _live_fetches(plans: list[_Plan]) -> set[str]:
    """Definitions of runs due now that have no prefetched snapshot for their due time."""
    return {plan.item.schedule.report_definition for plan in plans
            if plan.catch.run is not None and not _prefetched(plan)}


def _prefetched(plan: _Plan) -> bool:
    return plan.item.snapshot is not None and plan.item.snapshot_due_time == plan.catch.run


def _snapshot_for(plan: _Plan, fetched: dict[str, Fetched]) -> Fetched:
    if _prefetched(plan):
        assert plan.item.snapshot is not None
        return plan.item.snapshot
    return fetched[plan.item.schedule.report_definition]


def _run(schedule: Schedule, due: datetime, state: RunState, reason: str) -> RunRecord:
    return RunRecord(schedule.id, schedule.account, due, None, state, reason, None)


def _state_name(record: RunRecord) -> str:
    return (record.state or RunState.UNSPECIFIED).value
