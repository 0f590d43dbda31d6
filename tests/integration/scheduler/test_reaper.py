"""The reaper: lapsed leases are retried then failed, and unclaimed stages are published again."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import grpc
import pytest
import sqlalchemy as sa

from reportsuite.core import clients, db
from reportsuite.core.queue import GENERATE
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from services.scheduler import bootstrap
from services.scheduler.adapters.activity import GeneratorClient
from services.scheduler.adapters.catalog import CatalogClient
from services.scheduler.adapters.repository import SqlJobStore
from services.scheduler.domain.jobs import LeasePolicy
from services.scheduler.domain.service import JobService
from services.scheduler.entrypoints.reaper import Reaper
from tests.integration.scheduler.conftest import eventually, explicit, outbox_rows, run, take_messages
from tests.integration.scheduler.fakes import FakeCatalog

Stub = scheduler_pb2_grpc.SchedulerServiceStub


@pytest.fixture(scope="module")
def short_lease_scheduler(settings: Settings) -> Iterator[Stub]:
    """A second replica on the same database whose leases last one second and stages get two claims."""
    quick = dataclasses.replace(settings, job_lease_seconds=1, job_max_attempts=2, reaper_interval_seconds=1)
    service = bootstrap.start(quick, "127.0.0.1:0")
    yield clients.scheduler(f"127.0.0.1:{service.port}")
    service.stop(0)


def claim(scheduler: Stub, name: str) -> pb.ClaimJobStageResponse:
    request = pb.ClaimJobStageRequest(name=name, stage=pb.STAGE_GENERATE, worker="doomed-worker")
    return scheduler.ClaimJobStage(request, timeout=10)


def get(scheduler: Stub, name: str) -> pb.Job:
    return scheduler.GetJob(pb.GetJobRequest(name=name), timeout=10).job


def in_state(scheduler: Stub, name: str, state: pb.Job.State) -> pb.Job | None:
    job = get(scheduler, name)
    return job if job.state == state else None


def test_a_lapsed_lease_is_retried_and_then_fails_the_job(short_lease_scheduler: Stub, catalog: FakeCatalog,
                                                          unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(short_lease_scheduler, definition.name)
    claim(short_lease_scheduler, job.name)

    retried = eventually(lambda: in_state(short_lease_scheduler, job.name, pb.Job.STATE_QUEUED))
    # Whichever replica's reaper sweeps first decides with its own attempt limit: this one's (2)
    # or the session scheduler's (3). Claim again while the stage is put back; this replica
    # refuses a claim past its own limit and fails the job then.
    for _ in range(3):
        if get(short_lease_scheduler, job.name).state == pb.Job.STATE_FAILED:
            break
        try:
            claim(short_lease_scheduler, job.name)
        except grpc.RpcError as refused:
            assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION
            break
        eventually(lambda: get(short_lease_scheduler, job.name).state != pb.Job.STATE_GENERATING)
    failed = get(short_lease_scheduler, job.name)

    assert retried.attempts == 1 and retried.failure_reason == ""
    assert failed.state == pb.Job.STATE_FAILED
    assert "worker lease expired (no heartbeat since " in failed.failure_reason


def test_heartbeats_keep_a_lease_from_lapsing(short_lease_scheduler: Stub, catalog: FakeCatalog,
                                              unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(short_lease_scheduler, definition.name)
    token = claim(short_lease_scheduler, job.name).lease_token

    for _ in range(8):
        time.sleep(0.3)
        short_lease_scheduler.HeartbeatJobStage(pb.HeartbeatJobStageRequest(name=job.name, lease_token=token),
                                                timeout=10)

    assert get(short_lease_scheduler, job.name).state == pb.Job.STATE_GENERATING


def test_a_queued_job_nobody_claimed_is_published_again(scheduler: Stub, catalog: FakeCatalog, settings: Settings,
                                                        database: sa.Engine, unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(scheduler, definition.name)
    eventually(lambda: outbox_rows(database, job.name)[0]["published_at"])
    assert len(take_messages(settings, GENERATE.queue_name, {job.name})) == 1  # a worker took it, then vanished
    reaper = Reaper(job_service(settings, database), interval_seconds=1, stale_after_seconds=1)

    time.sleep(1.1)
    reaper.sweep()

    rows = outbox_rows(database, job.name)
    assert [row["queue_name"] for row in rows] == [GENERATE.queue_name, GENERATE.queue_name]
    assert rows[1]["trace_context"] == rows[0]["trace_context"]
    assert len(take_messages(settings, GENERATE.queue_name, {job.name})) == 1
    assert get(scheduler, job.name).state == pb.Job.STATE_QUEUED


def job_service(settings: Settings, engine: sa.Engine) -> JobService:
    return JobService(
        SqlJobStore(db.make_sessions(engine)), CatalogClient(clients.catalog(settings.catalog_addr)),
        GeneratorClient(clients.generator(settings.generator_addr)),
        LeasePolicy(lease_seconds=settings.job_lease_seconds, max_attempts=settings.job_max_attempts),
    )
