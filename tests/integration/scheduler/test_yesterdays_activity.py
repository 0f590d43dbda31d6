"""<Yesterday's activity> runs cover the previous report day, whatever the definition's time frame."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import timestamps
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from tests.integration.scheduler.conftest import run
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator

Stub = scheduler_pb2_grpc.SchedulerServiceStub
K = catalog_pb2.TimeFrame


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize("kind", [K.KIND_YESTERDAY, K.KIND_LAST_7_DAYS, K.KIND_TODAY, K.KIND_INCREMENTAL])
def test_yesterdays_activity_covers_the_previous_report_day_whatever_the_time_frame(
    scheduler: Stub, catalog: FakeCatalog, generator: FakeGenerator, unique_id: str, kind: K.Kind,
) -> None:
    generator.add_account(unique_id, "America/New_York")
    definition = catalog.add(unique_id, K(kind=kind), level=catalog_pb2.LEVEL_CAMPAIGN, yesterdays_activity=True)

    job = run(scheduler, definition.name, as_of=timestamps.to_proto(utc("2024-11-04T15:00")))

    # Report day 3 November 2024 of an account west of GMT: 03:00 to 03:00 ET, both EST (08:00Z).
    assert (job.window_start.ToDatetime(tzinfo=UTC), job.window_end.ToDatetime(tzinfo=UTC)) == (
        utc("2024-11-03T08:00"), utc("2024-11-04T08:00"))
    assert not job.HasField("incremental")
