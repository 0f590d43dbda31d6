"""A run follows its job to the end, a stuck one included; the tick's runs are counted in metrics."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from opentelemetry.sdk.metrics import Counter, Histogram
from opentelemetry.sdk.metrics.export import AggregationTemporality, InMemoryMetricReader
from opentelemetry.util.types import AnyValue

from reportsuite.core import clients, telemetry
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from services.scheduler import bootstrap
from tests.integration.scheduler.conftest import eventually
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator
from tests.integration.scheduler.schedule_helpers import YESTERDAY, Clock, Wired, crontab_spec, wire

Stub = scheduler_pb2_grpc.SchedulerServiceStub
EVERY_TEN_MINUTES = "0,10,20,30,40,50 * * * *"


def at(clock: str) -> datetime:
    return datetime.fromisoformat(f"2031-01-06T{clock}").replace(tzinfo=UTC)


@pytest.fixture
def wired(clock_settings: Settings, clock_database: sa.Engine, generator: FakeGenerator, unique_id: str) -> Wired:
    generator.add_account(unique_id, "UTC")
    return wire(clock_settings, clock_database, Clock(at("08:00:30")))


@pytest.fixture(scope="module")
def short_lease_scheduler(clock_settings: Settings) -> Iterator[Stub]:
    """A replica on the clock database whose leases last a second."""
    quick = dataclasses.replace(clock_settings, job_lease_seconds=1, reaper_interval_seconds=1)
    service = bootstrap.start(quick, "127.0.0.1:0")
    yield clients.scheduler(f"127.0.0.1:{service.port}")
    service.stop(0)


def test_a_run_whose_worker_keeps_vanishing_is_retried_then_fails_with_the_reason(
        wired: Wired, catalog: FakeCatalog, short_lease_scheduler: Stub, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, "0 9 * * *"), "")
    wired.clock.set(at("09:00:00.1"))
    wired.ticker.tick()
    listing = pb.ListRunsRequest(parent=schedule.name)

    def the_run() -> pb.Run:
        (found,) = short_lease_scheduler.ListRuns(listing, timeout=10).runs
        return found

    seen: list[pb.Run.State] = []
    # Each claim's worker vanishes without a heartbeat; a reaper retries the stage until the
    # attempts run out (3 by default), then the job, and so the run, fails with the reason.
    while (current := the_run()).state == pb.Run.STATE_QUEUED and len(seen) < 5:
        short_lease_scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=current.job, stage=pb.STAGE_GENERATE,
                                                                    worker="vanishing-worker"), timeout=10)
        seen.append(eventually(lambda: run if (run := the_run()).state != pb.Run.STATE_RUNNING else None,
                               timeout=15).state)

    assert seen[:-1] == [pb.Run.STATE_QUEUED] * (len(seen) - 1) and len(seen) >= 2
    failed = the_run()
    assert failed.state == pb.Run.STATE_FAILED
    assert failed.reason.startswith("worker lease expired (no heartbeat since ")


@pytest.fixture(scope="module")
def reader(exporter: object) -> InMemoryMetricReader:
    """Reads the process's metrics as deltas: each read holds what happened since the last."""
    memory = InMemoryMetricReader(preferred_temporality={Counter: AggregationTemporality.DELTA,
                                                         Histogram: AggregationTemporality.DELTA})
    telemetry.configure("scheduler-tests", metric_reader=memory)
    return memory


def points(reader: InMemoryMetricReader) -> dict[tuple[str, tuple[tuple[str, AnyValue], ...]], object]:
    found: dict[tuple[str, tuple[tuple[str, AnyValue], ...]], object] = {}
    data = reader.get_metrics_data()
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points:
                    found[(metric.name, tuple(sorted((point.attributes or {}).items())))] = point
    return found


def test_runs_by_state_start_lag_and_missed_runs_are_measured(wired: Wired, catalog: FakeCatalog,
                                                              clock_scheduler: Stub, reader: InMemoryMetricReader,
                                                              unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    schedule = wired.schedules.create(f"accounts/{unique_id}", crontab_spec(definition.name, EVERY_TEN_MINUTES), "")
    points(reader)  # forget what came before

    wired.clock.set(at("09:05:10"))  # 08:10 to 09:00 are due: 09:00 runs 310 s late, five are missed
    wired.ticker.tick()
    measured = points(reader)
    (run, *_) = clock_scheduler.ListRuns(pb.ListRunsRequest(parent=schedule.name), timeout=10).runs
    claim = clock_scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=run.job, stage=pb.STAGE_GENERATE, worker="w"),
                                    timeout=10)
    clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(name=run.job, lease_token=claim.lease_token,
                                                          saved_report="s", row_count=2), timeout=10)
    ended = points(reader)

    assert measured[("reportsuite.scheduler.runs", (("state", "QUEUED"),))].value >= 1  # type: ignore[attr-defined]
    assert measured[("reportsuite.scheduler.runs", (("state", "MISSED"),))].value == 5  # type: ignore[attr-defined]
    missed = measured[("reportsuite.scheduler.runs.missed", (("misfire_policy", "RUN_ONCE_LATE"),))]
    assert missed.value == 5  # type: ignore[attr-defined]
    lag = measured[("reportsuite.scheduler.run.start_lag", ())]
    assert lag.count >= 1 and lag.max == 310.0  # type: ignore[attr-defined]
    assert ended[("reportsuite.scheduler.runs", (("state", "SUCCEEDED"),))].value >= 1  # type: ignore[attr-defined]
