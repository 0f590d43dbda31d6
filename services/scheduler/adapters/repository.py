"""The scheduler's SQL: jobs, their events and the outbox, translated to and from domain objects."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, TextClause, func, select, text, tuple_, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.core import db, queue
from services.scheduler.adapters.orm import IncrementalWatermarkRow, JobEventRow, JobRow, OutboxRow
from services.scheduler.domain.incremental import IncrementalCutoffs, Watermark, WatermarkKey
from services.scheduler.domain.jobs import (
    DeliveryOutcome,
    Job,
    JobEvent,
    JobState,
    Lease,
    Publication,
    Stage,
)
from services.scheduler.domain.ports import Cursor

QUEUES = {Stage.GENERATE: queue.GENERATE, Stage.DELIVER: queue.DELIVER}
WORKING = (JobState.GENERATING.value, JobState.DELIVERING.value)
WAITING = (JobState.QUEUED.value, JobState.DELIVERING.value)


class SqlJobStore:
    """Opens SqlJobTransactions on the scheduler's schema."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def transaction(self) -> Iterator[SqlJobTransaction]:
        with db.transaction(self._sessions) as session:
            tx = SqlJobTransaction(session)
            yield tx
            tx.flush_pending()


class SqlJobTransaction:
    """The JobTransaction port on one SQLAlchemy session inside a transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: dict[str, JobRow] = {}
        self._pending = _Pending()

    def flush_pending(self) -> None:
        """Writes the held-back rows of new jobs: jobs, then their events, then their outbox rows.

        Jobs inserted without a request_id (nothing to conflict with) are held back with their
        events and outbox rows and written together, before any read and when the transaction
        ends, so a tick's batch of hundreds of runs costs three statements rather than a thousand.
        """
        pending, self._pending = self._pending, _Pending()
        for table, rows in ((JobRow, list(pending.jobs.values())), (JobEventRow, pending.events),
                            (OutboxRow, pending.outbox)):
            if rows:
                self._session.execute(*_unnested_insert(cast(Table, table.__table__), rows))

    def job_by_request(self, account: str, request_id: str) -> Job | None:
        self.flush_pending()
        row = self._session.scalar(
            select(JobRow).where(JobRow.account == account, JobRow.request_id == request_id)
        )
        return None if row is None else _to_job(row)

    def insert_job(self, job: Job) -> bool:
        values = {"id": job.id, "account": job.account, "request_id": job.request_id, **_job_values(job)}
        if job.request_id is None:  # nothing to conflict with: hold it back (flush_pending)
            self._pending.jobs[job.id] = values
            self._pending.sequences[job.id] = 0
            return True
        inserted = self._session.scalar(
            insert(JobRow).values(**values)
            .on_conflict_do_nothing(index_elements=["account", "request_id"])
            .returning(JobRow.id)
        )
        return inserted is not None

    def job(self, account: str, job_id: str, *, lock: bool = False) -> Job | None:
        self.flush_pending()
        query = select(JobRow).where(JobRow.account == account, JobRow.id == job_id)
        row = self._session.scalar(query.with_for_update() if lock else query)
        if row is None:
            return None
        self._rows[row.id] = row
        return _to_job(row)

    def update_job(self, job: Job) -> None:
        if job.id in self._pending.jobs:
            self._pending.jobs[job.id].update(_job_values(job))
            return
        row = self._rows[job.id]
        for key, value in _job_values(job).items():
            setattr(row, key, value)
        self._session.flush()

    def add_event(self, job: Job, detail: str) -> None:
        if job.id in self._pending.sequences:
            self._pending.sequences[job.id] += 1
            self._pending.events.append({"job": job.id, "sequence": self._pending.sequences[job.id],
                                         "state": job.state.value, "time": job.update_time, "detail": detail})
            return
        self._session.flush()
        sequence = self.last_event_sequence(job.id) + 1
        self._session.add(JobEventRow(job=job.id, sequence=sequence, state=job.state.value,
                                      time=job.update_time, detail=detail))
        self._session.flush()

    def add_outbox(self, job: Job, publication: Publication, trace_context: dict[str, str]) -> None:
        target = QUEUES[publication.stage]
        values = {"job": job.id, "queue_name": target.queue_name, "actor_name": target.actor_name,
                  "trace_context": dict(trace_context), "available_at": publication.available_at,
                  "published_at": None, "create_time": job.update_time}
        if job.id in self._pending.sequences:
            self._pending.outbox.append(values)
            return
        self._session.add(OutboxRow(**values))
        self._session.flush()

    def latest_trace_context(self, job_id: str) -> dict[str, str]:
        self.flush_pending()
        context = self._session.scalar(
            select(OutboxRow.trace_context).where(OutboxRow.job == job_id).order_by(OutboxRow.id.desc()).limit(1)
        )
        return dict(context or {})

    def last_event_sequence(self, job_id: str) -> int:
        self.flush_pending()
        return self._session.scalar(
            select(func.coalesce(func.max(JobEventRow.sequence), 0)).where(JobEventRow.job == job_id)
        ) or 0

    def events_after(self, job_id: str, sequence: int) -> list[JobEvent]:
        self.flush_pending()
        rows = self._session.scalars(
            select(JobEventRow).where(JobEventRow.job == job_id, JobEventRow.sequence > sequence)
            .order_by(JobEventRow.sequence)
        )
        return [JobEvent(r.sequence, JobState(r.state), r.time, r.detail) for r in rows]

    def list_jobs(self, account: str, report_definition: str | None, after: Cursor | None,
                  limit: int) -> list[Job]:
        self.flush_pending()
        query = select(JobRow).where(JobRow.account == account)
        if report_definition:
            query = query.where(JobRow.report_definition == report_definition)
        if after is not None:
            query = query.where(tuple_(JobRow.create_time, JobRow.id) < tuple_(after.create_time, after.job_id))
        rows = self._session.scalars(query.order_by(JobRow.create_time.desc(), JobRow.id.desc()).limit(limit))
        return [_to_job(row) for row in rows]

    def expired_leases(self, now: datetime, limit: int) -> list[Job]:
        return self._lock_many(
            select(JobRow).where(JobRow.state.in_(WORKING), JobRow.lease_expire_time < now)
            .order_by(JobRow.lease_expire_time).limit(limit)
        )

    def unclaimed(self, published_before: datetime, limit: int) -> list[Job]:
        newest_published = (
            select(OutboxRow.published_at).where(OutboxRow.job == JobRow.id)
            .order_by(OutboxRow.id.desc()).limit(1).scalar_subquery()
        )
        return self._lock_many(
            select(JobRow).where(JobRow.state.in_(WAITING), JobRow.lease_token.is_(None),
                                 newest_published < published_before)
            .order_by(JobRow.update_time).limit(limit)
        )

    def lock_watermark(self, key: WatermarkKey) -> Watermark:
        table = IncrementalWatermarkRow
        where = (table.account == key.account, table.report_type == key.report_type, table.level == key.level,
                 table.target == key.target)
        # Insert-if-missing first, so even the first runs of a key have a row to lock: of two
        # concurrent first runs, the second's insert waits for the first's commit, then does nothing.
        self._session.execute(
            insert(table).values(account=key.account, report_type=key.report_type, level=key.level,
                                 target=key.target).on_conflict_do_nothing()
        )
        row = self._session.scalars(select(table).where(*where).with_for_update()).one()
        return Watermark(key, row.cutoff or "", row.cutoff_time, row.job or "")

    def move_watermark(self, watermark: Watermark) -> None:
        table = IncrementalWatermarkRow
        key = watermark.key
        self._session.execute(
            update(table).where(table.account == key.account, table.report_type == key.report_type,
                                table.level == key.level, table.target == key.target)
            .values(cutoff=watermark.cutoff, cutoff_time=watermark.cutoff_time, job=watermark.job_id or None,
                    update_time=func.now())
        )

    def _lock_many(self, query: Any) -> list[Job]:
        self.flush_pending()
        rows = list(self._session.scalars(query.with_for_update(skip_locked=True, of=JobRow)))
        self._rows.update((row.id, row) for row in rows)
        return [_to_job(row) for row in rows]


@dataclass
class _Pending:
    """Rows of new jobs a transaction holds back until flush_pending."""

    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    # Each held-back job's newest event sequence.
    sequences: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxMessage:
    """An outbox row ready to publish."""

    id: int
    job_name: str
    queue: queue.JobQueue
    trace_context: dict[str, str]


class OutboxStore:
    """The relay's side of the outbox."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def publish_due(self, now: datetime, limit: int, send: Callable[[list[OutboxMessage]], None]) -> int:
        """Sends the oldest due rows (skipping rows another relay holds) as one batch and marks them
        published; returns how many.

        ``send`` publishes the whole batch or raises; then nothing is marked and the error is raised.
        The marks commit after the send, so a crash in between republishes (workers claim first).
        """
        with db.transaction(self._sessions) as session:
            rows = session.execute(
                select(OutboxRow, JobRow.account).join(JobRow, JobRow.id == OutboxRow.job)
                .where(OutboxRow.published_at.is_(None), OutboxRow.available_at <= now)
                .order_by(OutboxRow.id).limit(limit).with_for_update(skip_locked=True, of=OutboxRow)
            ).all()
            if not rows:
                return 0
            send([OutboxMessage(row.id, f"accounts/{account}/jobs/{row.job}",
                                queue.JobQueue(row.queue_name, row.actor_name), dict(row.trace_context))
                  for row, account in rows])
            session.execute(update(OutboxRow).where(OutboxRow.id.in_([row.id for row, _ in rows]))
                            .values(published_at=now).execution_options(synchronize_session=False))
        return len(rows)


@functools.lru_cache(maxsize=16)
def _unnested_statement(table: Table, columns: tuple[str, ...]) -> TextClause:
    types = [table.c[name].type.compile(dialect=postgresql.dialect()) for name in columns]
    arrays = ", ".join(f"CAST(:c{index} AS {kind}[])" for index, kind in enumerate(types))
    return text(f'INSERT INTO {table.schema}.{table.name} ({", ".join(columns)}) SELECT * FROM unnest({arrays})')


def _unnested_insert(table: Table, rows: list[dict[str, Any]]) -> tuple[TextClause, dict[str, list[Any]]]:
    """One INSERT of many rows, each column passed as one array: a statement PostgreSQL parses once
    however many rows it carries, with none of the ORM's per-row work."""
    columns = tuple(rows[0])
    values: dict[str, list[Any]] = {}
    for index, name in enumerate(columns):
        column = [row[name] for row in rows]
        if isinstance(table.c[name].type, JSONB):
            column = [None if item is None else json.dumps(item) for item in column]
        values[f"c{index}"] = column
    return _unnested_statement(table, columns), values


def _job_values(job: Job) -> dict[str, Any]:
    lease = job.lease
    return {
        "report_definition": job.report_definition, "state": job.state.value, "report": job.report,
        "has_destination": job.has_destination, "as_of": job.as_of, "window_start": job.window_start,
        "window_end": job.window_end, "saved_report": job.saved_report, "row_count": job.row_count,
        "failure_reason": job.failure_reason, "attempts": job.attempts,
        "last_attempt_error": job.last_attempt_error,
        "lease_token": lease.token if lease else None, "lease_expire_time": lease.expire_time if lease else None,
        "lease_worker": lease.worker if lease else None, "heartbeat_time": lease.heartbeat_time if lease else None,
        "completed_lease_tokens": list(job.completed_lease_tokens),
        "create_time": job.create_time, "update_time": job.update_time,
        "deliveries": [_outcome_to_json(outcome) for outcome in job.deliveries],
        "incremental_previous_cutoff": job.incremental.previous_cutoff if job.incremental else None,
        "incremental_cutoff": job.incremental.cutoff if job.incremental else None,
        "schedule": job.schedule, "skip_if_empty": job.skip_if_empty,
    }


def _to_job(row: JobRow) -> Job:
    lease = None
    if row.lease_token is not None and row.lease_expire_time is not None:
        lease = Lease(row.lease_token, row.lease_expire_time, row.lease_worker or "",
                      row.heartbeat_time or row.lease_expire_time)
    return Job(
        id=row.id, account=row.account, report_definition=row.report_definition, state=JobState(row.state),
        report=row.report, has_destination=row.has_destination, as_of=row.as_of,
        window_start=row.window_start, window_end=row.window_end, create_time=row.create_time,
        update_time=row.update_time, request_id=row.request_id, saved_report=row.saved_report,
        row_count=row.row_count, failure_reason=row.failure_reason, attempts=row.attempts, lease=lease,
        last_attempt_error=row.last_attempt_error, completed_lease_tokens=list(row.completed_lease_tokens),
        deliveries=[_outcome_from_json(item) for item in row.deliveries],
        incremental=(IncrementalCutoffs(row.incremental_previous_cutoff or "", row.incremental_cutoff)
                     if row.incremental_cutoff else None),
        schedule=row.schedule, skip_if_empty=row.skip_if_empty,
    )


def _outcome_to_json(outcome: DeliveryOutcome) -> dict[str, Any]:
    return {
        "destination": outcome.destination, "state": outcome.state, "detail": outcome.detail,
        "attempts": outcome.attempts, "file_name": outcome.file_name,
        "complete_time": outcome.complete_time.isoformat() if outcome.complete_time else None,
    }


def _outcome_from_json(item: dict[str, Any]) -> DeliveryOutcome:
    complete = item.get("complete_time")
    return DeliveryOutcome(
        destination=item.get("destination", ""), state=item.get("state", "UNSPECIFIED"),
        detail=item.get("detail", ""), attempts=int(item.get("attempts", 0)), file_name=item.get("file_name", ""),
        complete_time=datetime.fromisoformat(complete) if complete else None,
    )
