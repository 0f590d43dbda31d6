"""RunReport: a QUEUED job with the resolved window, a snapshot, and idempotency by request_id."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, timestamps
from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc
from services.scheduler import bootstrap
from tests.integration.scheduler.conftest import explicit, run
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator

Stub = scheduler_pb2_grpc.SchedulerServiceStub


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def stamp(text: str) -> Timestamp:
    return timestamps.to_proto(utc(text)) or Timestamp()


def window_of(job: scheduler_pb2.Job) -> tuple[datetime, datetime]:
    return job.window_start.ToDatetime(tzinfo=UTC), job.window_end.ToDatetime(tzinfo=UTC)


def test_run_report_queues_a_job_with_the_explicit_dates_in_their_zone(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = catalog.add(unique_id, explicit("2024-03-01T00:00", "2024-04-01T00:00", "America/New_York"))

    job = run(scheduler, definition.name)

    assert job.state == scheduler_pb2.Job.STATE_QUEUED
    assert job.name.startswith(f"accounts/{unique_id}/jobs/")
    assert job.report_definition == definition.name
    assert job.report == definition
    assert window_of(job) == (utc("2024-03-01T05:00"), utc("2024-04-01T04:00"))
    assert catalog.views[-1] == catalog_pb2.REPORT_DEFINITION_VIEW_BASIC
    assert scheduler.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=10).job == job


def test_an_explicit_day_with_a_change_of_clocks_is_23_hours_long(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = catalog.add(unique_id, explicit("2024-03-31T00:00", "2024-04-01T00:00", "Europe/Paris"))

    start, end = window_of(run(scheduler, definition.name))

    assert (start, end) == (utc("2024-03-30T23:00"), utc("2024-03-31T22:00"))
    assert (end - start).total_seconds() == 23 * 3600


def test_explicit_dates_without_a_zone_are_in_the_accounts_reports_time_zone(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str,
) -> None:
    generator.add_account(unique_id, "Asia/Tokyo")
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00", ""))

    assert window_of(run(scheduler, definition.name)) == (utc("2023-12-31T15:00"), utc("2024-01-01T15:00"))


def test_yesterday_for_an_account_west_of_gmt_is_3am_to_3am_eastern_time(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str,
) -> None:
    generator.add_account(unique_id, "America/Los_Angeles")
    definition = catalog.add(unique_id, catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_YESTERDAY))

    job = run(scheduler, definition.name, as_of=stamp("2024-11-03T15:00"))

    assert window_of(job) == (utc("2024-11-02T07:00"), utc("2024-11-03T08:00"))
    assert job.as_of.ToDatetime(tzinfo=UTC) == utc("2024-11-03T15:00")


def test_entire_campaign_runs_from_the_campaign_start(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str,
) -> None:
    generator.add_campaign(unique_id, "spring", utc("2024-04-02T09:30"))
    definition = catalog.add(unique_id, catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_ENTIRE_CAMPAIGN),
                             level=catalog_pb2.LEVEL_CAMPAIGN, target="spring")

    job = run(scheduler, definition.name, as_of=stamp("2024-05-01T00:00"))

    assert window_of(job) == (utc("2024-04-02T09:30"), utc("2024-05-01T00:00"))


def test_as_of_defaults_to_now(scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator,
                               unique_id: str) -> None:
    generator.add_account(unique_id, "UTC")
    definition = catalog.add(unique_id, catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_MONTH_TO_DATE))
    before = datetime.now(UTC)

    job = run(scheduler, definition.name)

    as_of = job.as_of.ToDatetime(tzinfo=UTC)
    assert before <= as_of <= datetime.now(UTC)
    assert window_of(job) == (datetime(before.year, before.month, 1, tzinfo=UTC), as_of)


def test_rerun_with_same_request_id_returns_the_first_job(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))

    first = run(scheduler, definition.name, request_id="nightly-2024-01-02")
    again = run(scheduler, definition.name, request_id="nightly-2024-01-02")
    other = run(scheduler, definition.name, request_id="nightly-2024-01-03")

    assert again == first
    assert other.name != first.name
    listed = scheduler.ListJobs(scheduler_pb2.ListJobsRequest(parent=f"accounts/{unique_id}"), timeout=10).jobs
    assert len(listed) == 2


def test_an_unknown_definition_is_not_found_on_report_definition(scheduler: Stub, unique_id: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        run(scheduler, f"accounts/{unique_id}/reports/missing")

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(raised.value)["field"] == "report_definition"


def test_a_malformed_definition_name_is_an_invalid_argument(scheduler: Stub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        run(scheduler, "reports/nightly")

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(raised.value)["field"] == "report_definition"


@pytest.mark.parametrize(("time_frame", "words"), [
    (explicit("2024-01-02T00:00", "2024-01-01T00:00"), "covers no time"),
    (explicit("2024-01-01", "2024-01-02"), "YYYY-MM-DDTHH:MM"),
])
def test_a_time_frame_that_cannot_run_is_a_failed_precondition(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str, time_frame: catalog_pb2.TimeFrame, words: str,
) -> None:
    definition = catalog.add(unique_id, time_frame)

    with pytest.raises(grpc.RpcError) as raised:
        run(scheduler, definition.name)

    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(raised.value)["field"] == "report_definition"
    assert words in (raised.value.details() or "")
    listed = scheduler.ListJobs(scheduler_pb2.ListJobsRequest(parent=f"accounts/{unique_id}"), timeout=10).jobs
    assert list(listed) == []


def test_an_account_unknown_to_the_activity_store_is_a_failed_precondition(
    scheduler: Stub, catalog: FakeCatalog, unique_id: str,
) -> None:
    definition = catalog.add(unique_id, catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_TODAY))

    with pytest.raises(grpc.RpcError) as raised:
        run(scheduler, definition.name)

    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert f"accounts/{unique_id}" in (raised.value.details() or "")


def test_an_unreachable_catalog_is_unavailable(settings: Settings, unique_id: str) -> None:
    # Nothing listens on the discard port on loopback, so the catalog is unreachable.
    unreachable = dataclasses.replace(settings, catalog_addr="127.0.0.1:9")
    service = bootstrap.start(unreachable, "127.0.0.1:0")
    try:
        with pytest.raises(grpc.RpcError) as raised:
            run(clients.scheduler(f"127.0.0.1:{service.port}"), f"accounts/{unique_id}/reports/r1")
    finally:
        service.stop(0)

    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
