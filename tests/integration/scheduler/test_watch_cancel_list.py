"""WatchJob, CancelJob and ListJobs as a user sees them."""

from __future__ import annotations

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import error_details
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from tests.integration.scheduler.conftest import explicit, run
from tests.integration.scheduler.fakes import FakeCatalog

Stub = scheduler_pb2_grpc.SchedulerServiceStub
EMAIL = catalog_pb2.OutputOptions(email_addresses="ops@example.com")


def claim(scheduler: Stub, name: str, stage: pb.Stage) -> str:
    request = pb.ClaimJobStageRequest(name=name, stage=stage, worker="worker-1")
    return scheduler.ClaimJobStage(request, timeout=10).lease_token


def complete(scheduler: Stub, name: str, token: str) -> None:
    scheduler.CompleteJobStage(pb.CompleteJobStageRequest(name=name, lease_token=token, row_count=1), timeout=10)


def test_watch_streams_each_state_in_order_until_the_job_ends(scheduler: Stub, catalog: FakeCatalog,
                                                              unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"), output=EMAIL)
    job = run(scheduler, definition.name)
    stream = scheduler.WatchJob(pb.WatchJobRequest(name=job.name), timeout=20)

    seen = [next(stream).job.state]
    complete_generation = claim(scheduler, job.name, pb.STAGE_GENERATE)
    seen.append(next(stream).job.state)
    complete(scheduler, job.name, complete_generation)
    seen.append(next(stream).job.state)
    complete(scheduler, job.name, claim(scheduler, job.name, pb.STAGE_DELIVER))
    last = next(stream).job
    seen.append(last.state)

    assert seen == [pb.Job.STATE_QUEUED, pb.Job.STATE_GENERATING, pb.Job.STATE_DELIVERING, pb.Job.STATE_SUCCEEDED]
    assert last.name == job.name and last.row_count == 1
    assert list(stream) == []


def test_watching_an_ended_job_yields_it_once(scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(scheduler, definition.name)
    scheduler.CancelJob(pb.CancelJobRequest(name=job.name), timeout=10)

    states = [r.job.state for r in scheduler.WatchJob(pb.WatchJobRequest(name=job.name), timeout=10)]

    assert states == [pb.Job.STATE_CANCELLED]


def test_cancel_stops_a_running_job_and_its_worker_hears_of_it(scheduler: Stub, catalog: FakeCatalog,
                                                               unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(scheduler, definition.name)
    token = claim(scheduler, job.name, pb.STAGE_GENERATE)

    cancelled = scheduler.CancelJob(pb.CancelJobRequest(name=job.name), timeout=10).job
    beat = scheduler.HeartbeatJobStage(pb.HeartbeatJobStageRequest(name=job.name, lease_token=token), timeout=10)

    assert (cancelled.state, cancelled.failure_reason) == (pb.Job.STATE_CANCELLED, "cancelled by user")
    assert beat.cancelled is True
    with pytest.raises(grpc.RpcError) as raised:
        complete(scheduler, job.name, token)
    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_cancelling_an_ended_job_returns_it_unchanged(scheduler: Stub, catalog: FakeCatalog,
                                                      unique_id: str) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    job = run(scheduler, definition.name)
    complete(scheduler, job.name, claim(scheduler, job.name, pb.STAGE_GENERATE))
    succeeded = scheduler.GetJob(pb.GetJobRequest(name=job.name), timeout=10).job

    after = scheduler.CancelJob(pb.CancelJobRequest(name=job.name), timeout=10).job

    assert after == succeeded
    assert after.state == pb.Job.STATE_SUCCEEDED


def test_an_unknown_job_is_not_found_on_name(scheduler: Stub, unique_id: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        scheduler.GetJob(pb.GetJobRequest(name=f"accounts/{unique_id}/jobs/nope"), timeout=10)

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(raised.value)["field"] == "name"


def test_list_jobs_pages_newest_first_and_filters_by_definition(scheduler: Stub, catalog: FakeCatalog,
                                                                unique_id: str) -> None:
    daily = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    weekly = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-08T00:00"))
    created = [run(scheduler, (daily if i % 2 else weekly).name).name for i in range(5)]
    parent = f"accounts/{unique_id}"

    pages, token = [], ""
    while True:
        page = scheduler.ListJobs(pb.ListJobsRequest(parent=parent, page_size=2, page_token=token), timeout=10)
        pages.append([job.name for job in page.jobs])
        token = page.next_page_token
        if not token:
            break
    only_daily = scheduler.ListJobs(pb.ListJobsRequest(parent=parent, report_definition=daily.name), timeout=10)

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [name for page in pages for name in page] == created[::-1]
    assert [job.name for job in only_daily.jobs] == [created[3], created[1]]


def test_a_page_token_not_issued_by_the_service_is_an_invalid_argument(scheduler: Stub, unique_id: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        scheduler.ListJobs(pb.ListJobsRequest(parent=f"accounts/{unique_id}", page_token="bm90LWEtdG9rZW4="),
                           timeout=10)

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(raised.value)["field"] == "page_token"
