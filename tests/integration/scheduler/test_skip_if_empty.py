""""Do not generate if report is empty": a scheduled run with no rows ends SKIPPED_EMPTY, nothing is
saved or delivered; without the option an empty (header-only) report is generated and delivered.

The generator's side is played through the stage RPCs, as a generator worker calls them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import error_details
from reportsuite.core.queue import DELIVER, GENERATE
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from tests.integration.scheduler.conftest import outbox_rows
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator
from tests.integration.scheduler.schedule_helpers import YESTERDAY, Clock, Wired, crontab_spec, wire

Stub = scheduler_pb2_grpc.SchedulerServiceStub
DUE = datetime(2031, 1, 6, 9, tzinfo=UTC)


@pytest.fixture
def wired(clock_settings: Settings, clock_database: sa.Engine, generator: FakeGenerator, unique_id: str) -> Wired:
    generator.add_account(unique_id, "UTC")
    return wire(clock_settings, clock_database, Clock(datetime(2031, 1, 6, 8, tzinfo=UTC)))


def scheduled_job(wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, account: str,
                  skip_if_empty: bool) -> tuple[str, pb.Job]:
    """Ticks a 09:00 schedule of a mailed report at 09:00 and claims its generate stage."""
    definition = catalog.add(account, YESTERDAY, output=catalog_pb2.OutputOptions(email_addresses="ops@example.com"))
    spec = crontab_spec(definition.name, "0 9 * * *", skip_if_empty=skip_if_empty)
    schedule = wired.schedules.create(f"accounts/{account}", spec, "")
    wired.clock.set(DUE)
    wired.ticker.tick()
    (run,) = clock_scheduler.ListRuns(pb.ListRunsRequest(parent=schedule.name), timeout=10).runs
    claim = clock_scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=run.job, stage=pb.STAGE_GENERATE,
                                                            worker="test-generator"), timeout=10)
    return schedule.name, claim


def only_run(clock_scheduler: Stub, schedule: str) -> pb.Run:
    (run,) = clock_scheduler.ListRuns(pb.ListRunsRequest(parent=schedule), timeout=10).runs
    return run


def test_an_empty_report_of_a_skip_if_empty_schedule_is_skipped_and_not_delivered(
        wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, clock_database: sa.Engine, unique_id: str) -> None:
    schedule, claim = scheduled_job(wired, catalog, clock_scheduler, unique_id, skip_if_empty=True)
    assert claim.job.skip_if_empty and claim.job.schedule == schedule

    done = clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(
        name=claim.job.name, lease_token=claim.lease_token, skipped_empty=True), timeout=10).job

    assert (done.state, done.saved_report, done.row_count) == (pb.Job.STATE_SKIPPED, "", 0)
    assert done.failure_reason == "the report has no rows and its schedule says not to generate it if empty"
    run = only_run(clock_scheduler, schedule)
    assert (run.state, run.reason, run.saved_report, len(run.deliveries)) == (
        pb.Run.STATE_SKIPPED_EMPTY, done.failure_reason, "", 0)
    assert [row["queue_name"] for row in outbox_rows(clock_database, done.name)] == [GENERATE.queue_name]


def test_without_the_option_an_empty_report_is_generated_and_delivered(
        wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub, clock_database: sa.Engine, unique_id: str) -> None:
    schedule, claim = scheduled_job(wired, catalog, clock_scheduler, unique_id, skip_if_empty=False)
    saved = f"accounts/{unique_id}/savedReports/empty"

    generated = clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(
        name=claim.job.name, lease_token=claim.lease_token, saved_report=saved, row_count=0), timeout=10).job
    assert only_run(clock_scheduler, schedule).state == pb.Run.STATE_RUNNING
    delivery = clock_scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=claim.job.name, stage=pb.STAGE_DELIVER,
                                                               worker="test-delivery"), timeout=10)
    sent = pb.DeliveryOutcome(destination="email:ops@example.com", state=pb.DeliveryOutcome.STATE_SUCCEEDED,
                              file_name="Daily_attempts.csv")
    clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(
        name=claim.job.name, lease_token=delivery.lease_token, deliveries=[sent]), timeout=10)

    assert generated.state == pb.Job.STATE_DELIVERING
    assert [row["queue_name"] for row in outbox_rows(clock_database, claim.job.name)] == [GENERATE.queue_name,
                                                                                  DELIVER.queue_name]
    run = only_run(clock_scheduler, schedule)
    assert (run.state, run.saved_report, run.row_count) == (pb.Run.STATE_SUCCEEDED, saved, 0)
    assert [(d.destination, d.state) for d in run.deliveries] == [("email:ops@example.com",
                                                                   pb.DeliveryOutcome.STATE_SUCCEEDED)]


def test_a_job_without_the_option_cannot_be_skipped(wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub,
                                                    unique_id: str) -> None:
    schedule, claim = scheduled_job(wired, catalog, clock_scheduler, unique_id, skip_if_empty=False)

    with pytest.raises(grpc.RpcError) as refused:
        clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(
            name=claim.job.name, lease_token=claim.lease_token, skipped_empty=True), timeout=10)

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(refused.value)["field"] == "skipped_empty"
    assert only_run(clock_scheduler, schedule).state == pb.Run.STATE_RUNNING


def test_a_skipped_completion_with_rows_is_refused(wired: Wired, catalog: FakeCatalog, clock_scheduler: Stub,
                                                   unique_id: str) -> None:
    _, claim = scheduled_job(wired, catalog, clock_scheduler, unique_id, skip_if_empty=True)

    with pytest.raises(grpc.RpcError) as refused:
        clock_scheduler.CompleteJobStage(pb.CompleteJobStageRequest(
            name=claim.job.name, lease_token=claim.lease_token, skipped_empty=True, row_count=3), timeout=10)

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(refused.value)["field"] == "skipped_empty"
