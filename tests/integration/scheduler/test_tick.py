"""The tick on real PostgreSQL with a clock the test moves: one run per due time, misfires, prefetch.

A tick on a moved clock claims every schedule due by it, so these tests use a database of their own
(conftest's clock_* fixtures), with schedules in 2031 that the real clock never reaches.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.core import timestamps
from reportsuite.core.queue import GENERATE
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from services.scheduler.domain.schedule_service import ScheduleSpec, WeeklySpec
from services.scheduler.domain.schedules import MisfirePolicy
from services.scheduler.entrypoints.ticker import Ticker
from tests.integration.scheduler.conftest import eventually, outbox_rows, run
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator
from tests.integration.scheduler.schedule_helpers import (
    YESTERDAY,
    Clock,
    Wired,
    crontab_spec,
    runs_of,
    wire,
)

Stub = scheduler_pb2_grpc.SchedulerServiceStub
EVERY_TEN_MINUTES = "0,10,20,30,40,50 * * * *"


def at(clock: str, day: str = "2031-01-06") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


@pytest.fixture
def wired(clock_settings: Settings, clock_database: sa.Engine, generator: FakeGenerator, unique_id: str) -> Wired:
    generator.add_account(unique_id, "UTC")  # its Yesterday is a UTC day
    return wire(clock_settings, clock_database, Clock(at("08:00:30")))


def list_runs(clock_scheduler: Stub, schedule: str, page_size: int = 0) -> list[pb.Run]:
    found, token = [], ""
    while True:
        page = clock_scheduler.ListRuns(pb.ListRunsRequest(parent=schedule, page_size=page_size, page_token=token),
                                  timeout=10)
        found += list(page.runs)
        token = page.next_page_token
        if not token:
            return found


def test_the_tick_starts_one_run_and_one_job_per_due_time(wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub,
                                                          clock_database: sa.Engine, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 * * * *"), "")
    assert schedule.next_due_time == at("09:00")

    wired.clock.set(at("09:00:00.5"))
    wired.ticker.tick()
    wired.ticker.tick()  # the same instant again: nothing new
    wired.clock.set(at("10:00:00.2"))
    wired.ticker.tick()

    runs = list_runs(clock_scheduler, schedule.name)
    assert [timestamps.from_proto(r.due_time) for r in runs] == [at("10:00"), at("09:00")]
    assert [r.state for r in runs] == [pb.Run.STATE_QUEUED] * 2, [r.reason for r in runs]
    assert [timestamps.from_proto(r.start_time) for r in runs] == [at("10:00:00.2"), at("09:00:00.5")]
    assert runs[1].name == f"{schedule.name}/runs/20310106T090000Z"
    job = clock_scheduler.GetJob(pb.GetJobRequest(name=runs[1].job), timeout=10).job
    assert (job.schedule, job.report_definition, job.skip_if_empty) == (schedule.name, definition.name, False)
    assert timestamps.from_proto(job.as_of) == at("09:00")  # the run covers yesterday as of its due time
    assert (timestamps.from_proto(runs[1].window_start), timestamps.from_proto(runs[1].window_end)) == (
        at("00:00", "2031-01-05"), at("00:00", "2031-01-06"))
    assert [row["queue_name"] for row in outbox_rows(clock_database, job.name)] == [GENERATE.queue_name]
    assert wired.schedules.get(schedule.name).next_due_time == at("11:00")


def test_downtime_collapses_missed_times_into_one_late_run_and_records_the_rest_as_missed(
        wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, EVERY_TEN_MINUTES), "")
    loop = Ticker(wired.ticker)
    loop.start()
    wired.clock.set(at("08:10:00.5"))
    eventually(lambda: list_runs(clock_scheduler, schedule.name))
    loop.stop()  # the scheduler goes down for five hours and a quarter

    wired.clock.set(at("13:25:10"))
    restarted = Ticker(wired.ticker)
    restarted.start()
    runs = eventually(lambda: found if len(found := list_runs(clock_scheduler, schedule.name, page_size=7)) == 32
                      else None)
    restarted.stop()

    late, *missed, first = runs
    assert (timestamps.from_proto(late.due_time), late.state) == (at("13:20"), pb.Run.STATE_QUEUED)
    assert timestamps.from_proto(late.start_time) == at("13:25:10") and late.job
    assert (timestamps.from_proto(first.due_time), first.state) == (at("08:10"), pb.Run.STATE_QUEUED)
    assert {r.state for r in missed} == {pb.Run.STATE_MISSED} and not any(r.job for r in missed)
    coalesced = ("the scheduler was not running at the due time; "
                 "coalesced into the run due at 2031-01-06T13:20:00+00:00")
    past = "the scheduler was not running at the due time; past the grace window of 1 h"
    assert [r.reason for r in missed] == [coalesced] * 5 + [past] * 25
    assert [timestamps.from_proto(r.due_time) for r in missed[4:6]] == [at("12:30"), at("12:20")]
    assert wired.schedules.get(schedule.name).next_due_time == at("13:30")


def test_downtime_under_skip_records_every_missed_time_and_runs_none(wired: Wired, catalog: FakeCatalog,
                                                                     clock_database: sa.Engine, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    spec = crontab_spec(definition.name, EVERY_TEN_MINUTES, misfire_policy=MisfirePolicy.SKIP)
    schedule = wired.schedules.create(f"accounts/{unique_id}", spec, "")

    wired.clock.set(at("08:45"))
    wired.ticker.tick()

    rows = runs_of(clock_database, schedule.name)
    assert [(r["due_time"], r["state"], r["job"]) for r in rows] == [
        (at("08:10"), "MISSED", None), (at("08:20"), "MISSED", None), (at("08:30"), "MISSED", None),
        (at("08:40"), "MISSED", None)]
    assert {r["reason"] for r in rows} == {
        "the scheduler was not running at the due time; the misfire policy is SKIP"}


def test_a_paused_schedule_is_not_run_and_resumes_from_its_next_fire_time(wired: Wired, catalog: FakeCatalog,
                                                                           clock_database: sa.Engine,
                                                                           unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, EVERY_TEN_MINUTES), "")
    wired.schedules.pause(schedule.name, "")

    wired.clock.set(at("09:05"))
    wired.ticker.tick()
    resumed = wired.schedules.resume(schedule.name, "")

    assert runs_of(clock_database, schedule.name) == []
    assert resumed.next_due_time == at("09:10")


def test_a_prefetched_definition_is_used_without_asking_the_catalog_at_the_due_time(
        wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")

    wired.clock.set(at("08:59:20"))
    wired.ticker.prefetch()
    del catalog.definitions[definition.name]  # from now on the catalog answers NOT_FOUND
    wired.clock.set(at("09:00:00.1"))
    wired.ticker.tick()

    (started,) = list_runs(clock_scheduler, schedule.name)
    assert started.state == pb.Run.STATE_QUEUED
    job = clock_scheduler.GetJob(pb.GetJobRequest(name=started.job), timeout=10).job
    assert job.report.name == definition.name and job.report.display_name == definition.display_name


def test_a_run_whose_definition_is_gone_fails_with_the_reason_and_the_schedule_moves_on(
        wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")
    del catalog.definitions[definition.name]

    wired.clock.set(at("09:00:01"))
    wired.ticker.tick()

    (failed,) = list_runs(clock_scheduler, schedule.name)
    assert (failed.state, failed.job) == (pb.Run.STATE_FAILED, "")
    assert failed.reason == f"no job was started: report definition {definition.name} does not exist"
    assert wired.schedules.get(schedule.name).next_due_time == at("09:00", "2031-01-07")


def test_a_weekly_schedule_in_the_spring_gap_runs_once_at_the_end_of_the_gap(
        wired: Wired, clock_settings: Settings, clock_database: sa.Engine, catalog: FakeCatalog,
        unique_id: str) -> None:
    wired = wire(clock_settings, clock_database, Clock(at("00:00", "2031-03-08")))
    definition = catalog.add(unique_id, YESTERDAY)
    spec = ScheduleSpec(report_definition=definition.name, weekly=WeeklySpec((7,), "02:30", "America/New_York"))
    schedule = wired.schedules.create(f"accounts/{unique_id}", spec, "")

    # 9 March 2031: New York jumps from 02:00 EST to 03:00 EDT (07:00 UTC); 02:30 never happens.
    assert schedule.next_due_time == at("07:00", "2031-03-09")
    wired.clock.set(at("07:00:00.3", "2031-03-09"))
    wired.ticker.tick()

    assert [r["due_time"] for r in runs_of(clock_database, schedule.name)] == [at("07:00", "2031-03-09")]
    assert wired.schedules.get(schedule.name).next_due_time == at("06:30", "2031-03-16")


def test_a_run_now_never_collides_with_a_scheduled_run(wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub,
                                                       clock_database: sa.Engine, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")
    wired.clock.set(at("09:00:00.1"))

    wired.ticker.tick()
    manual = run(clock_scheduler, definition.name, as_of=timestamps.to_proto(at("09:00")))

    (scheduled,) = runs_of(clock_database, schedule.name)
    assert manual.schedule == "" and manual.name.rsplit("/", 1)[1] != scheduled["job"]
    jobs = clock_scheduler.ListJobs(pb.ListJobsRequest(parent=f"accounts/{unique_id}"), timeout=10).jobs
    assert sorted(job.schedule for job in jobs) == ["", schedule.name]


def test_replicas_ticking_at_once_start_each_due_time_exactly_once(wired: Wired, clock_settings: Settings,
                                                                   clock_database: sa.Engine, catalog: FakeCatalog,
                                                                   unique_id: str) -> None:
    clock = Clock(at("08:00:30"))
    replicas = [wire(clock_settings, clock_database, clock, batch=7) for _ in range(3)]  # small batches interleave
    definition = catalog.add(unique_id, YESTERDAY)
    made = [replicas[0].schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")
            for _ in range(60)]
    clock.set(at("09:00:00.1"))

    threads = [threading.Thread(target=lambda r=r: [r.ticker.tick() for _ in range(12)]) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with clock_database.connect() as connection:
        runs = connection.execute(sa.text(
            "SELECT r.schedule, r.due_time, r.job, o.queue_name FROM scheduler.runs r "
            "JOIN scheduler.outbox o ON o.job = r.job WHERE r.account = :a"), {"a": unique_id}).all()
    assert sorted(r.schedule for r in runs) == sorted(s.id for s in made)
    assert {r.due_time for r in runs} == {at("09:00")}
    assert len({r.job for r in runs}) == 60


def test_a_scheduled_run_trace_starts_at_the_scheduler(wired: Wired, catalog: FakeCatalog, clock_database: sa.Engine,
                                                       exporter: InMemorySpanExporter, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")
    wired.clock.set(at("09:00:00.1"))

    wired.ticker.tick()

    (started,) = runs_of(clock_database, schedule.name)
    (span,) = [s for s in exporter.get_finished_spans()
               if s.name == "scheduled run" and s.attributes and s.attributes.get("schedule") == schedule.name]
    (row,) = outbox_rows(clock_database, f"accounts/{unique_id}/jobs/{started['job']}")
    assert span.parent is None  # the root of the run's trace
    assert span.attributes is not None
    assert span.attributes["due_time"] == at("09:00").isoformat()
    assert row["trace_context"]["traceparent"].split("-")[1] == f"{span.context.trace_id:032x}"


def test_a_late_run_is_late_by_its_start_time_minus_its_due_time(wired: Wired, catalog: FakeCatalog,
                                                                 clock_database: sa.Engine, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")

    wired.clock.set(at("09:20"))
    wired.ticker.tick()

    (late,) = runs_of(clock_database, schedule.name)
    assert late["start_time"] - late["due_time"] == timedelta(minutes=20)
