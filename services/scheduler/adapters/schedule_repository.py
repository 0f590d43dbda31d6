"""The SQL of schedules, runs and schedule request ids, translated to and from domain objects.

The tick's statements are set-based (one claim, one multi-row INSERT of runs, one UPDATE of
next due times per batch), so a batch of hundreds of schedules costs a handful of round trips.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import db
from services.scheduler.adapters.catalog import snapshot_of
from services.scheduler.adapters.orm import JobRow, RunRow, ScheduleRequestRow, ScheduleRow
from services.scheduler.adapters.repository import SqlJobTransaction
from services.scheduler.adapters.repository import _to_job as job_of_row
from services.scheduler.domain.runs import Run, RunRecord, RunState
from services.scheduler.domain.schedule_ports import DueSchedule, PageCursor, Prefetch, StoredRequest
from services.scheduler.domain.schedules import Crontab, MisfirePolicy, Schedule, Weekly, parse_crontab

WEEKLY, CRONTAB = "WEEKLY", "CRONTAB"


class SqlScheduleStore:
    """Opens SqlScheduleTransactions on the scheduler's schema."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def transaction(self) -> Iterator[SqlScheduleTransaction]:
        with db.transaction(self._sessions) as session:
            tx = SqlScheduleTransaction(session)
            yield tx
            tx.jobs.flush_pending()


class SqlScheduleTransaction:
    """The ScheduleTransaction port on one session; ``jobs`` shares the session and transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.jobs = SqlJobTransaction(session)
        self._rows: dict[str, ScheduleRow] = {}

    # --- the use cases ---------------------------------------------------------------------

    def schedule_by_request(self, account: str, request_id: str) -> Schedule | None:
        row = self._session.scalar(
            select(ScheduleRow).where(ScheduleRow.account == account, ScheduleRow.request_id == request_id))
        return None if row is None else _to_schedule(row)

    def insert_schedule(self, schedule: Schedule) -> bool:
        values_ = {"id": schedule.id, "account": schedule.account, "request_id": schedule.request_id,
                   "create_time": schedule.create_time, **_schedule_values(schedule)}
        inserted = self._session.scalar(
            insert(ScheduleRow).values(**values_)
            .on_conflict_do_nothing(index_elements=["account", "request_id"]).returning(ScheduleRow.id))
        return inserted is not None

    def schedule(self, account: str, schedule_id: str, *, lock: bool = False) -> Schedule | None:
        query = select(ScheduleRow).where(ScheduleRow.account == account, ScheduleRow.id == schedule_id)
        row = self._session.scalar(query.with_for_update() if lock else query)
        if row is None:
            return None
        self._rows[row.id] = row
        return _to_schedule(row)

    def update_schedule(self, schedule: Schedule) -> None:
        row = self._rows[schedule.id]
        for key, value in _schedule_values(schedule).items():
            setattr(row, key, value)
        row.snapshot, row.snapshot_due_time, row.prefetch_lease_until = None, None, None
        self._session.flush()

    def delete_schedule(self, account: str, schedule_id: str) -> None:
        self._session.execute(delete(ScheduleRow).where(ScheduleRow.account == account, ScheduleRow.id == schedule_id))

    def list_schedules(self, account: str, report_definition: str | None, after: PageCursor | None,
                       limit: int) -> list[Schedule]:
        query = select(ScheduleRow).where(ScheduleRow.account == account)
        if report_definition:
            query = query.where(ScheduleRow.report_definition == report_definition)
        if after is not None:
            query = query.where(tuple_(ScheduleRow.create_time, ScheduleRow.id) < tuple_(after.time, after.id))
        rows = self._session.scalars(query.order_by(ScheduleRow.create_time.desc(), ScheduleRow.id.desc())
                                     .limit(limit))
        return [_to_schedule(row) for row in rows]

    def request(self, account: str, request_id: str) -> StoredRequest | None:
        row = self._session.get(ScheduleRequestRow, (account, request_id))
        if row is None:
            return None
        return StoredRequest(row.method, row.schedule, _schedule_from_json(row.result))

    def save_request(self, account: str, request_id: str, method: str, result: Schedule, now: datetime) -> None:
        self._session.add(ScheduleRequestRow(account=account, request_id=request_id, method=method,
                                             schedule=result.id, result=_schedule_to_json(result), create_time=now))
        self._session.flush()

    def list_runs(self, schedule_id: str, before: datetime | None, limit: int) -> list[Run]:
        query = (select(RunRow, JobRow).outerjoin(JobRow, JobRow.id == RunRow.job)
                 .where(RunRow.schedule == schedule_id))
        if before is not None:
            query = query.where(RunRow.due_time < before)
        rows = self._session.execute(query.order_by(RunRow.due_time.desc()).limit(limit)).all()
        return [Run(run.account, run.schedule, run.due_time, run.start_time,
                    RunState(run.state) if run.state else None, run.reason, None if job is None else job_of_row(job))
                for run, job in rows]

    # --- the tick and the prefetch -----------------------------------------------------------

    def claim_due(self, now: datetime, limit: int) -> list[DueSchedule]:
        rows = self._session.scalars(
            select(ScheduleRow).where(ScheduleRow.next_due_time <= now)
            .order_by(ScheduleRow.next_due_time).limit(limit).with_for_update(skip_locked=True))
        return [DueSchedule(_to_schedule(row), _snapshot(row.snapshot), row.snapshot_due_time) for row in rows]

    def existing_runs(self, keys: list[tuple[str, datetime]]) -> set[tuple[str, datetime]]:
        found = self._session.execute(_EXISTING_RUNS, {"ids": [key[0] for key in keys],
                                                       "dues": [key[1] for key in keys]})
        return {(schedule, due) for schedule, due in found}

    def insert_runs(self, runs: list[RunRecord]) -> None:
        if not runs:
            return
        # The jobs the runs name may still be held back (SqlJobTransaction.flush_pending): the
        # foreign key is deferred to the commit, after they were written.
        self._session.execute(_INSERT_RUNS, {
            "schedules": [run.schedule_id for run in runs], "dues": [run.due_time for run in runs],
            "accounts": [run.account for run in runs], "jobs": [run.job_id for run in runs],
            "states": [run.state.value if run.state else None for run in runs],
            "reasons": [run.reason for run in runs], "starts": [run.start_time for run in runs],
            "creates": [run.start_time or run.due_time for run in runs],
        })

    def advance(self, moves: list[tuple[str, datetime]], now: datetime) -> None:
        if moves:
            self._session.execute(_ADVANCE, {"ids": [move[0] for move in moves], "dues": [move[1] for move in moves]})

    def next_due_time(self) -> datetime | None:
        return self._session.scalar(select(func.min(ScheduleRow.next_due_time)))

    def claim_prefetch(self, now: datetime, until: datetime, lease_until: datetime, limit: int) -> list[Prefetch]:
        table = ScheduleRow
        wanted = (
            select(table.id).where(
                table.next_due_time > now, table.next_due_time <= until,
                (table.snapshot_due_time.is_(None)) | (table.snapshot_due_time != table.next_due_time),
                (table.prefetch_lease_until.is_(None)) | (table.prefetch_lease_until < now))
            .order_by(table.next_due_time).limit(limit).with_for_update(skip_locked=True).scalar_subquery())
        rows = self._session.execute(
            update(table).where(table.id.in_(wanted)).values(prefetch_lease_until=lease_until)
            .returning(table.id, table.report_definition, table.next_due_time)
            .execution_options(synchronize_session=False)).all()
        # The claim selected rows with a next due time, so none is NULL.
        return [Prefetch(schedule_id, definition, due) for schedule_id, definition, due in rows if due is not None]

    def store_snapshots(self, snapshots: list[tuple[str, datetime, bytes]]) -> None:
        self._session.execute(_STORE_SNAPSHOTS, {"ids": [item[0] for item in snapshots],
                                                 "dues": [item[1] for item in snapshots],
                                                 "payloads": [item[2] for item in snapshots]})


# Batches are passed as arrays and unnested by PostgreSQL: one small statement, compiled once,
# whatever the batch size (a VALUES list would be rendered and parsed anew for every batch).
_EXISTING_RUNS = text(
    "SELECT r.schedule, r.due_time FROM scheduler.runs r"
    " JOIN unnest(CAST(:ids AS text[]), CAST(:dues AS timestamptz[])) AS k(id, due)"
    " ON r.schedule = k.id AND r.due_time = k.due")
_INSERT_RUNS = text(
    "INSERT INTO scheduler.runs (schedule, due_time, account, job, state, reason, start_time, create_time)"
    " SELECT * FROM unnest(CAST(:schedules AS text[]), CAST(:dues AS timestamptz[]), CAST(:accounts AS text[]),"
    " CAST(:jobs AS text[]), CAST(:states AS text[]), CAST(:reasons AS text[]), CAST(:starts AS timestamptz[]),"
    " CAST(:creates AS timestamptz[])) ON CONFLICT (schedule, due_time) DO NOTHING")
_ADVANCE = text(
    "UPDATE scheduler.schedules s SET next_due_time = m.due, snapshot = NULL, snapshot_due_time = NULL,"
    " prefetch_lease_until = NULL"
    " FROM unnest(CAST(:ids AS text[]), CAST(:dues AS timestamptz[])) AS m(id, due) WHERE s.id = m.id")
_STORE_SNAPSHOTS = text(
    "UPDATE scheduler.schedules s SET snapshot = f.payload, snapshot_due_time = f.due"
    " FROM unnest(CAST(:ids AS text[]), CAST(:dues AS timestamptz[]), CAST(:payloads AS bytea[]))"
    " AS f(id, due, payload) WHERE s.id = f.id AND s.next_due_time = f.due")


def _snapshot(payload: bytes | None) -> Any:
    return None if payload is None else snapshot_of(catalog_pb2.ReportDefinition.FromString(payload))


def _schedule_values(schedule: Schedule) -> dict[str, Any]:
    timing = schedule.timing
    weekly = timing if isinstance(timing, Weekly) else None
    return {
        "report_definition": schedule.report_definition, "kind": WEEKLY if weekly else CRONTAB,
        "crontab": timing.text if isinstance(timing, Crontab) else None,
        "weekly_days": list(weekly.days) if weekly else None,
        "weekly_time": weekly.at.strftime("%H:%M") if weekly else None,
        "weekly_time_zone": weekly.time_zone if weekly else None,
        "time_zone": schedule.time_zone, "skip_if_empty": schedule.skip_if_empty, "paused": schedule.paused,
        "misfire_policy": schedule.misfire_policy.value, "grace_seconds": int(schedule.grace.total_seconds()),
        "next_due_time": schedule.next_due_time, "update_time": schedule.update_time,
    }


def _to_schedule(row: ScheduleRow) -> Schedule:
    timing: Weekly | Crontab
    if row.kind == WEEKLY:
        hour, minute = (int(part) for part in (row.weekly_time or "00:00").split(":"))
        timing = Weekly(tuple(row.weekly_days or ()), time(hour, minute), row.weekly_time_zone or "")
    else:
        timing = parse_crontab(row.crontab or "")
    return Schedule(
        id=row.id, account=row.account, report_definition=row.report_definition, timing=timing,
        time_zone=row.time_zone, skip_if_empty=row.skip_if_empty, paused=row.paused,
        misfire_policy=MisfirePolicy(row.misfire_policy), grace=timedelta(seconds=row.grace_seconds),
        next_due_time=row.next_due_time, create_time=row.create_time, update_time=row.update_time,
        request_id=row.request_id,
    )


def _schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    found = _schedule_values(schedule)
    found.update(id=schedule.id, account=schedule.account, request_id=schedule.request_id,
                 create_time=schedule.create_time)
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in found.items()}


def _schedule_from_json(found: dict[str, Any]) -> Schedule:
    times = {"next_due_time", "create_time", "update_time"}
    row = ScheduleRow(**{key: datetime.fromisoformat(value) if key in times and value else value
                         for key, value in found.items()})
    return _to_schedule(row)
