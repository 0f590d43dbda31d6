"""RunReport of an Incremental definition: the cutoffs chain per report type and target.

The fake generator hands out cutoffs "cutoff-1", "cutoff-2", ... in the order they are taken.
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import error_details
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc
from tests.integration.scheduler.conftest import run
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator

Stub = scheduler_pb2_grpc.SchedulerServiceStub
INCREMENTAL = catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_INCREMENTAL)
YESTERDAY = catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_YESTERDAY)


def add(catalog: FakeCatalog, account: str, frame: catalog_pb2.TimeFrame = INCREMENTAL, target: str = "spring",
        report_type: int = catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS) -> str:
    return catalog.add(account, frame, report_type=report_type, level=catalog_pb2.LEVEL_CAMPAIGN,
                       target=target).name


def window(job: scheduler_pb2.Job) -> tuple[datetime, datetime]:
    return job.window_start.ToDatetime(tzinfo=UTC), job.window_end.ToDatetime(tzinfo=UTC)


def test_the_first_incremental_run_covers_15_hours_up_to_its_cutoff(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    before = datetime.now(UTC)

    job = run(scheduler, add(catalog, unique_id))

    start, end = window(job)
    assert job.incremental.previous_cutoff == ""
    assert job.incremental.cutoff.startswith("cutoff-")
    assert before <= end <= datetime.now(UTC)
    assert end - start == timedelta(hours=15)


def test_the_next_incremental_run_starts_where_the_previous_one_ended(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = add(catalog, unique_id)

    first = run(scheduler, definition)
    second = run(scheduler, definition)

    assert second.incremental.previous_cutoff == first.incremental.cutoff
    assert second.incremental.cutoff != first.incremental.cutoff
    assert window(second)[0] == window(first)[1]
    assert scheduler.GetJob(scheduler_pb2.GetJobRequest(name=second.name), timeout=10).job.incremental == \
        second.incremental


def test_a_non_incremental_run_of_the_same_report_does_not_move_the_watermark(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str,
) -> None:
    generator.add_account(unique_id, "UTC")
    first = run(scheduler, add(catalog, unique_id))

    yesterday = run(scheduler, add(catalog, unique_id, YESTERDAY))
    second = run(scheduler, add(catalog, unique_id))

    assert not yesterday.HasField("incremental")
    assert second.incremental.previous_cutoff == first.incremental.cutoff


def test_every_definition_of_a_report_type_and_target_shares_one_watermark_and_others_keep_their_own(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    first = run(scheduler, add(catalog, unique_id))

    other_target = run(scheduler, add(catalog, unique_id, target="autumn"))
    other_type = run(scheduler, add(catalog, unique_id, report_type=catalog_pb2.REPORT_TYPE_BEST_CONTACT))
    same_report_type_and_target = run(scheduler, add(catalog, unique_id))

    assert other_target.incremental.previous_cutoff == ""
    assert other_type.incremental.previous_cutoff == ""
    assert same_report_type_and_target.incremental.previous_cutoff == first.incremental.cutoff


def test_a_retried_run_with_the_same_request_id_moves_the_watermark_once(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = add(catalog, unique_id)
    first = run(scheduler, definition, request_id="nightly-1")

    retried = run(scheduler, definition, request_id="nightly-1")
    following = run(scheduler, definition)

    assert retried == first
    assert following.incremental.previous_cutoff == first.incremental.cutoff


def test_without_a_cutoff_the_run_is_unavailable_and_the_watermark_stays(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str,
) -> None:
    definition = add(catalog, unique_id)
    first = run(scheduler, definition)
    generator.refuse_cutoffs = True
    try:
        with pytest.raises(grpc.RpcError) as raised:
            run(scheduler, definition)
    finally:
        generator.refuse_cutoffs = False
    following = run(scheduler, definition)

    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
    assert error_details(raised.value)["field"] == "report_definition"
    assert following.incremental.previous_cutoff == first.incremental.cutoff
    jobs = scheduler.ListJobs(scheduler_pb2.ListJobsRequest(parent=f"accounts/{unique_id}"), timeout=10).jobs
    assert len(jobs) == 2


def test_concurrent_incremental_runs_of_one_target_chain_without_sharing_a_window(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = add(catalog, unique_id)
    jobs: list[scheduler_pb2.Job] = []
    lock = threading.Lock()

    def one_run() -> None:
        job = run(scheduler, definition)
        with lock:
            jobs.append(job)

    threads = [threading.Thread(target=one_run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    following = {job.incremental.previous_cutoff: job for job in jobs}
    assert len(following) == len(jobs)  # no two runs started from the same cutoff
    chain, cutoff = [], ""
    while cutoff in following:
        chain.append(following[cutoff])
        cutoff = following[cutoff].incremental.cutoff
    assert len(chain) == len(jobs)  # one unbroken chain from the first run
    assert all(window(a)[1] == window(b)[0] for a, b in itertools.pairwise(chain))
