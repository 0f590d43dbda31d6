"""Claim, heartbeat, complete and fail: the stage protocol workers follow (docs/jobs.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import error_details
from reportsuite.core.queue import DELIVER, GENERATE
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from tests.integration.scheduler.conftest import explicit, outbox_rows, run
from tests.integration.scheduler.fakes import FakeCatalog

Stub = scheduler_pb2_grpc.SchedulerServiceStub
EMAIL = catalog_pb2.OutputOptions(email_addresses="ops@example.com")
SFTP = catalog_pb2.OutputOptions(file_transfer=catalog_pb2.FileTransfer(
    protocol=catalog_pb2.FileTransfer.PROTOCOL_SFTP, destination="reports:****@127.0.0.1:2222/in"))


def new_job(scheduler: Stub, catalog: FakeCatalog, account: str,
            output: catalog_pb2.OutputOptions | None = None) -> pb.Job:
    definition = catalog.add(account, explicit("2024-01-01T00:00", "2024-01-02T00:00"), output=output)
    return run(scheduler, definition.name)


def claim(scheduler: Stub, job: pb.Job, stage: pb.Stage = pb.STAGE_GENERATE,
          worker: str = "worker-1") -> pb.ClaimJobStageResponse:
    return scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=job.name, stage=stage, worker=worker), timeout=10)


def complete(scheduler: Stub, job: pb.Job, token: str, **fields: Any) -> pb.Job:
    request = pb.CompleteJobStageRequest(name=job.name, lease_token=token, **fields)
    return scheduler.CompleteJobStage(request, timeout=10).job


def fail(scheduler: Stub, job: pb.Job, token: str, reason: str, retryable: bool) -> pb.Job:
    request = pb.FailJobStageRequest(name=job.name, lease_token=token, reason=reason, retryable=retryable)
    return scheduler.FailJobStage(request, timeout=10).job


def refused(call: Callable[[], object]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def test_a_claim_grants_a_lease_and_returns_the_snapshot(scheduler: Stub, catalog: FakeCatalog,
                                                          unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id, EMAIL)

    granted = claim(scheduler, job)

    assert granted.job.state == pb.Job.STATE_GENERATING
    assert granted.job.attempts == 1
    assert granted.job.report.output.email_addresses == "ops@example.com"
    assert len(granted.lease_token) == 32
    expires = granted.lease_expire_time.ToDatetime(tzinfo=UTC)
    assert timedelta(seconds=25) < expires - datetime.now(UTC) <= timedelta(seconds=30)


def test_a_live_lease_held_by_another_worker_is_aborted(scheduler: Stub, catalog: FakeCatalog,
                                                          unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)
    claim(scheduler, job, worker="worker-1")

    error = refused(lambda: claim(scheduler, job, worker="worker-2"))

    assert error.code() == grpc.StatusCode.ABORTED
    assert scheduler.GetJob(pb.GetJobRequest(name=job.name), timeout=10).job.attempts == 1


def test_generation_with_destinations_moves_to_delivering_with_a_deliver_outbox_row(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str, database: sa.Engine,
) -> None:
    job = new_job(scheduler, catalog, unique_id, SFTP)
    token = claim(scheduler, job).lease_token

    done = complete(scheduler, job, token, saved_report=f"accounts/{unique_id}/savedReports/s1", row_count=42)

    assert done.state == pb.Job.STATE_DELIVERING
    assert (done.saved_report, done.row_count, done.attempts) == (f"accounts/{unique_id}/savedReports/s1", 42, 0)
    assert [row["queue_name"] for row in outbox_rows(database, job.name)] == [GENERATE.queue_name, DELIVER.queue_name]
    assert outbox_rows(database, job.name)[1]["actor_name"] == "deliver_report"


def test_generation_without_destinations_succeeds_the_job(scheduler: Stub, catalog: FakeCatalog,
                                                           unique_id: str, database: sa.Engine) -> None:
    job = new_job(scheduler, catalog, unique_id)
    token = claim(scheduler, job).lease_token

    done = complete(scheduler, job, token, saved_report=f"accounts/{unique_id}/savedReports/s1", row_count=3)

    assert done.state == pb.Job.STATE_SUCCEEDED
    assert [row["queue_name"] for row in outbox_rows(database, job.name)] == [GENERATE.queue_name]


def test_a_repeated_completion_returns_the_job_unchanged(scheduler: Stub, catalog: FakeCatalog,
                                                         unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id, EMAIL)
    token = claim(scheduler, job).lease_token
    first = complete(scheduler, job, token, saved_report=f"accounts/{unique_id}/savedReports/s1", row_count=5)

    again = complete(scheduler, job, token, saved_report=f"accounts/{unique_id}/savedReports/s2", row_count=9)

    assert again == first


def test_a_done_stage_or_one_not_reached_is_a_failed_precondition(scheduler: Stub, catalog: FakeCatalog,
                                                                   unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id, EMAIL)
    early = refused(lambda: claim(scheduler, job, pb.STAGE_DELIVER))
    token = claim(scheduler, job).lease_token
    complete(scheduler, job, token, saved_report="s", row_count=1)

    done = refused(lambda: claim(scheduler, job, pb.STAGE_GENERATE))

    assert early.code() == done.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(done)["field"] == "stage"


def test_delivery_completes_the_job_with_its_outcomes(scheduler: Stub, catalog: FakeCatalog,
                                                      unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id, EMAIL)
    complete(scheduler, job, claim(scheduler, job).lease_token, saved_report="s", row_count=1)
    token = claim(scheduler, job, pb.STAGE_DELIVER, "courier-1").lease_token
    outcome = pb.DeliveryOutcome(destination="email:ops@example.com", state=pb.DeliveryOutcome.STATE_SUCCEEDED,
                                 detail="250 OK", attempts=1, file_name="daily.csv")

    done = complete(scheduler, job, token, deliveries=[outcome])

    assert done.state == pb.Job.STATE_SUCCEEDED
    assert list(done.deliveries) == [outcome]
    assert refused(lambda: claim(scheduler, job, pb.STAGE_DELIVER)).code() == grpc.StatusCode.FAILED_PRECONDITION


def test_a_heartbeat_extends_the_lease_and_a_wrong_token_is_refused(scheduler: Stub, catalog: FakeCatalog,
                                                                    unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)
    granted = claim(scheduler, job)

    beat = scheduler.HeartbeatJobStage(pb.HeartbeatJobStageRequest(name=job.name, lease_token=granted.lease_token),
                                       timeout=10)
    wrong = refused(lambda: scheduler.HeartbeatJobStage(
        pb.HeartbeatJobStageRequest(name=job.name, lease_token="0" * 32), timeout=10))

    assert beat.lease_expire_time.ToDatetime() > granted.lease_expire_time.ToDatetime()
    assert beat.cancelled is False
    assert wrong.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(wrong)["field"] == "lease_token"


def test_a_retryable_failure_requeues_the_job_after_a_backoff(scheduler: Stub, catalog: FakeCatalog,
                                                              unique_id: str, database: sa.Engine) -> None:
    job = new_job(scheduler, catalog, unique_id)
    token = claim(scheduler, job).lease_token

    after = fail(scheduler, job, token, "activity store busy", retryable=True)

    assert (after.state, after.attempts, after.failure_reason) == (pb.Job.STATE_QUEUED, 1, "")
    retry = outbox_rows(database, job.name)[-1]
    assert retry["queue_name"] == GENERATE.queue_name
    assert timedelta(seconds=1) < retry["available_at"] - datetime.now(UTC) <= timedelta(seconds=2)
    assert refused(lambda: complete(scheduler, job, token)).code() == grpc.StatusCode.FAILED_PRECONDITION


def test_a_failure_that_is_not_retryable_fails_the_job_with_its_reason(scheduler: Stub, catalog: FakeCatalog,
                                                                       unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)
    token = claim(scheduler, job).lease_token

    after = fail(scheduler, job, token, "the output specification file is missing", retryable=False)

    assert after.state == pb.Job.STATE_FAILED
    assert after.failure_reason == "the output specification file is missing"


def test_retryable_failures_fail_the_job_on_the_last_attempt(scheduler: Stub, catalog: FakeCatalog,
                                                             unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)
    states = []
    for _ in range(3):  # REPORTSUITE_JOB_MAX_ATTEMPTS defaults to 3
        states.append(fail(scheduler, job, claim(scheduler, job).lease_token, "timeout", retryable=True).state)

    assert states == [pb.Job.STATE_QUEUED, pb.Job.STATE_QUEUED, pb.Job.STATE_FAILED]
    assert scheduler.GetJob(pb.GetJobRequest(name=job.name), timeout=10).job.failure_reason == "timeout"


def test_claims_beyond_the_attempt_limit_fail_the_job_with_the_reason(scheduler: Stub, catalog: FakeCatalog,
                                                                      unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)
    for _ in range(3):  # the same worker claiming again: its earlier attempts died without a word
        claim(scheduler, job, worker="worker-1")

    error = refused(lambda: claim(scheduler, job, worker="worker-1"))

    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    failed = scheduler.GetJob(pb.GetJobRequest(name=job.name), timeout=10).job
    assert failed.state == pb.Job.STATE_FAILED
    assert failed.failure_reason.startswith("gave up after 3 attempts: worker-1 claimed the stage again")


def test_an_unspecified_stage_is_an_invalid_argument(scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    job = new_job(scheduler, catalog, unique_id)

    error = refused(lambda: claim(scheduler, job, pb.STAGE_UNSPECIFIED))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "stage"
