"""Helpers of the schedule tests: a movable clock, a tick wired to the test database, and builders."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, db, queue
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from services.scheduler.adapters.activity import GeneratorClient
from services.scheduler.adapters.catalog import CatalogClient
from services.scheduler.adapters.repository import SqlJobStore
from services.scheduler.adapters.schedule_repository import SqlScheduleStore
from services.scheduler.adapters.telemetry import OtelRunMetrics, scheduled_run_span
from services.scheduler.domain.jobs import LeasePolicy
from services.scheduler.domain.schedule_service import ScheduleService, ScheduleSpec
from services.scheduler.domain.service import JobService
from services.scheduler.domain.tick import BATCH, ScheduleTicker

YESTERDAY = catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_YESTERDAY)


class Clock:
    """A clock a test moves by hand; the tick and the use cases read it instead of the real time."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def set(self, now: datetime) -> None:
        with self._lock:
            self.now = now

    def advance(self, **delta: float) -> None:
        self.set(self.now + timedelta(**delta))


@dataclass
class Wired:
    """The schedule use cases and a tick on the test database, both reading ``clock``."""

    clock: Clock
    schedules: ScheduleService
    ticker: ScheduleTicker
    jobs: JobService


def wire(settings: Settings, engine: sa.Engine, clock: Clock, batch: int = BATCH) -> Wired:
    sessions = db.make_sessions(engine)
    catalog = CatalogClient(clients.catalog(settings.catalog_addr))
    activity = GeneratorClient(clients.generator(settings.generator_addr))
    jobs = JobService(SqlJobStore(sessions), catalog, activity, LeasePolicy(lease_seconds=30, max_attempts=3),
                      trace_context=queue.current_trace_context, clock=clock)
    ticker = ScheduleTicker(SqlScheduleStore(sessions), jobs, catalog, clock, metrics=OtelRunMetrics(),
                            run_span=scheduled_run_span, batch=batch)
    return Wired(clock, ScheduleService(SqlScheduleStore(sessions), catalog, activity, clock), ticker, jobs)


def crontab_schedule(definition: str, crontab: str, **fields: Any) -> pb.Schedule:
    return pb.Schedule(report_definition=definition, crontab=crontab, **fields)


def weekly_schedule(definition: str, days: list[pb.DayOfWeek], time: str, zone: str = "", **fields: Any) -> pb.Schedule:
    return pb.Schedule(report_definition=definition,
                       weekly=pb.WeeklySchedule(days=days, time=time, time_zone=zone), **fields)


def crontab_spec(definition: str, crontab: str, **fields: Any) -> ScheduleSpec:
    return ScheduleSpec(report_definition=definition, crontab=crontab, **fields)


def runs_of(engine: sa.Engine, schedule_name: str) -> list[dict[str, Any]]:
    """A schedule's run rows, earliest due time first."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT due_time, job, state, reason, start_time FROM scheduler.runs "
                    "WHERE schedule = :schedule ORDER BY due_time"),
            {"schedule": schedule_name.rsplit("/", 1)[1]})
        return [dict(row._mapping) for row in rows]
