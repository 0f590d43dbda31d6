"""Schedules over gRPC: create, get, list, update, pause, resume, delete, preview, and their refusals."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import grpc
import pytest
import sqlalchemy as sa
from google.protobuf.duration_pb2 import Duration
from google.protobuf.field_mask_pb2 import FieldMask

from reportsuite.core import clients, timestamps
from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from services.scheduler import bootstrap
from services.scheduler.adapters.orm import ScheduleRequestRow
from services.scheduler.domain.schedules import next_fire, parse_crontab
from tests.integration.scheduler.conftest import eventually
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator
from tests.integration.scheduler.schedule_helpers import YESTERDAY, crontab_schedule, weekly_schedule

Stub = scheduler_pb2_grpc.SchedulerServiceStub
NEW_YEAR = "0 0 1 1 *"
MONDAY, SUNDAY = pb.DAY_OF_WEEK_MONDAY, pb.DAY_OF_WEEK_SUNDAY


pytestmark = pytest.mark.usefixtures("no_schedules_left")


def create(scheduler: Stub, account: str, schedule: pb.Schedule, request_id: str = "") -> pb.Schedule:
    request = pb.CreateScheduleRequest(parent=f"accounts/{account}", schedule=schedule, request_id=request_id)
    return scheduler.CreateSchedule(request, timeout=10).schedule


def refusal(call: object) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as raised:
        call()  # type: ignore[operator]
    return raised.value.code(), error_details(raised.value).get("field", "")


def when(stamp: object) -> datetime:
    return timestamps.from_proto(stamp)  # type: ignore[arg-type,return-value]


def test_a_crontab_schedule_is_created_with_its_next_due_time(scheduler: Stub, catalog: FakeCatalog,
                                                             unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    before = datetime.now(UTC)

    created = create(scheduler, unique_id, crontab_schedule(definition.name, "30 6 * * 1,3"))

    assert created.name.startswith(f"accounts/{unique_id}/schedules/")
    assert (created.crontab, created.paused, created.skip_if_empty) == ("30 6 * * 1,3", False, False)
    assert created.misfire_policy == pb.MISFIRE_POLICY_RUN_ONCE_LATE
    assert created.misfire_grace_period.ToTimedelta() == timedelta(hours=1)
    assert when(created.next_due_time) == next_fire(parse_crontab("30 6 * * 1,3"), "UTC", before)
    assert scheduler.GetSchedule(pb.GetScheduleRequest(name=created.name), timeout=10).schedule == created


def test_a_weekly_schedule_runs_in_the_account_reports_time_zone(scheduler: Stub, catalog: FakeCatalog,
                                                                generator: FakeGenerator, unique_id: str) -> None:
    generator.add_account(unique_id, "America/Chicago")
    definition = catalog.add(unique_id, YESTERDAY)

    created = create(scheduler, unique_id, weekly_schedule(definition.name, [pb.DAY_OF_WEEK_FRIDAY], "07:45"))

    assert (created.weekly.time_zone, created.weekly.effective_time_zone) == ("", "America/Chicago")
    due = when(created.next_due_time).astimezone(ZoneInfo("America/Chicago"))
    assert (due.isoweekday(), due.hour, due.minute) == (5, 7, 45)


def test_a_weekly_schedule_may_name_its_own_zone(scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)  # the activity store does not know this account

    created = create(scheduler, unique_id, weekly_schedule(definition.name, [MONDAY, SUNDAY], "23:15", "Asia/Kolkata"))

    assert created.weekly.effective_time_zone == "Asia/Kolkata"
    assert list(created.weekly.days) == [pb.DAY_OF_WEEK_MONDAY, pb.DAY_OF_WEEK_SUNDAY]


def test_a_weekly_schedule_of_an_account_unknown_to_the_activity_store_needs_a_zone(
        scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)

    code, field = refusal(lambda: create(scheduler, unique_id, weekly_schedule(definition.name, [MONDAY], "09:00")))

    assert (code, field) == (grpc.StatusCode.FAILED_PRECONDITION, "schedule.weekly.time_zone")


@pytest.mark.parametrize(("schedule", "field"), [
    (pb.Schedule(crontab="0 9 * * 0"), "schedule.crontab.day_of_week"),
    (pb.Schedule(crontab="*/5 * * * *"), "schedule.crontab.minute"),
    (pb.Schedule(crontab="0 9 * *"), "schedule.crontab"),
    (pb.Schedule(), "schedule.timing"),
    (pb.Schedule(weekly=pb.WeeklySchedule(days=[], time="09:00", time_zone="UTC")), "schedule.weekly.days"),
    (pb.Schedule(weekly=pb.WeeklySchedule(days=[MONDAY], time="9am", time_zone="UTC")), "schedule.weekly.time"),
    (pb.Schedule(crontab=NEW_YEAR, misfire_grace_period=Duration(seconds=8 * 86400)),
     "schedule.misfire_grace_period"),
])
def test_a_malformed_schedule_is_refused_naming_the_field(scheduler: Stub, catalog: FakeCatalog, unique_id: str,
                                                         schedule: pb.Schedule, field: str) -> None:
    schedule.report_definition = catalog.add(unique_id, YESTERDAY).name

    assert refusal(lambda: create(scheduler, unique_id, schedule)) == (grpc.StatusCode.INVALID_ARGUMENT, field)


def test_a_schedule_of_an_unknown_or_foreign_definition_is_refused(scheduler: Stub, catalog: FakeCatalog,
                                                                   unique_id: str) -> None:
    unknown = crontab_schedule(f"accounts/{unique_id}/reports/nope", NEW_YEAR)
    foreign = crontab_schedule(catalog.add("someone-else", YESTERDAY).name, NEW_YEAR)

    assert refusal(lambda: create(scheduler, unique_id, unknown)) == (
        grpc.StatusCode.NOT_FOUND, "schedule.report_definition")
    assert refusal(lambda: create(scheduler, unique_id, foreign)) == (
        grpc.StatusCode.INVALID_ARGUMENT, "schedule.report_definition")


def test_a_retried_create_with_the_same_request_id_returns_the_first_schedule(
        scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)

    first = create(scheduler, unique_id, crontab_schedule(definition.name, NEW_YEAR), request_id="create-1")
    again = create(scheduler, unique_id, crontab_schedule(definition.name, "0 1 * * *"), request_id="create-1")

    assert again == first
    listed = scheduler.ListSchedules(pb.ListSchedulesRequest(parent=f"accounts/{unique_id}"), timeout=10)
    assert [s.name for s in listed.schedules] == [first.name]


def test_schedules_are_listed_newest_first_page_by_page(scheduler: Stub, catalog: FakeCatalog,
                                                        unique_id: str) -> None:
    definition, other = catalog.add(unique_id, YESTERDAY), catalog.add(unique_id, YESTERDAY)
    made = [create(scheduler, unique_id, crontab_schedule(d.name, NEW_YEAR)).name
            for d in (definition, other, definition, other, definition)]

    names, token = [], ""
    while True:
        page = scheduler.ListSchedules(pb.ListSchedulesRequest(parent=f"accounts/{unique_id}", page_size=2,
                                                               page_token=token), timeout=10)
        assert len(page.schedules) <= 2
        names += [s.name for s in page.schedules]
        token = page.next_page_token
        if not token:
            break
    only_other = scheduler.ListSchedules(pb.ListSchedulesRequest(parent=f"accounts/{unique_id}",
                                                                 report_definition=other.name), timeout=10)

    assert names == made[::-1]
    assert [s.name for s in only_other.schedules] == [made[3], made[1]]
    assert refusal(lambda: scheduler.ListSchedules(pb.ListSchedulesRequest(
        parent=f"accounts/{unique_id}", page_token="garbage"), timeout=10)) == (
        grpc.StatusCode.INVALID_ARGUMENT, "page_token")


def test_an_update_changes_only_the_masked_fields_and_moves_the_next_due_time(
        scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    created = create(scheduler, unique_id, crontab_schedule(definition.name, NEW_YEAR))
    change = pb.Schedule(name=created.name, crontab="15 * * * *", skip_if_empty=True,
                         misfire_policy=pb.MISFIRE_POLICY_SKIP)

    updated = scheduler.UpdateSchedule(pb.UpdateScheduleRequest(
        schedule=change, update_mask=FieldMask(paths=["crontab", "skip_if_empty"])), timeout=10).schedule

    assert (updated.crontab, updated.skip_if_empty) == ("15 * * * *", True)
    assert updated.misfire_policy == pb.MISFIRE_POLICY_RUN_ONCE_LATE  # not in the mask
    assert when(updated.next_due_time) - datetime.now(UTC) < timedelta(hours=1)
    assert when(updated.update_time) > when(created.update_time)


@pytest.mark.parametrize(("paths", "change", "field"), [
    ([], pb.Schedule(), "update_mask"),
    (["name"], pb.Schedule(), "update_mask"),
    (["next_due_time"], pb.Schedule(), "update_mask"),
    (["crontab"], pb.Schedule(crontab="0 0 * * 8"), "schedule.crontab.day_of_week"),
    (["weekly"], pb.Schedule(crontab="0 0 * * 1"), "schedule.timing"),
])
def test_a_bad_update_is_refused_naming_the_field(scheduler: Stub, catalog: FakeCatalog, unique_id: str,
                                                  paths: list[str], change: pb.Schedule, field: str) -> None:
    created = create(scheduler, unique_id, crontab_schedule(catalog.add(unique_id, YESTERDAY).name, NEW_YEAR))
    change.name = created.name

    code, named = refusal(lambda: scheduler.UpdateSchedule(pb.UpdateScheduleRequest(
        schedule=change, update_mask=FieldMask(paths=paths)), timeout=10))

    assert (code, named) == (grpc.StatusCode.INVALID_ARGUMENT, field)


def test_a_retried_update_returns_the_first_result(scheduler: Stub, catalog: FakeCatalog, unique_id: str) -> None:
    created = create(scheduler, unique_id, crontab_schedule(catalog.add(unique_id, YESTERDAY).name, NEW_YEAR))

    def update(crontab: str, request_id: str) -> pb.Schedule:
        return scheduler.UpdateSchedule(pb.UpdateScheduleRequest(
            schedule=pb.Schedule(name=created.name, crontab=crontab), update_mask=FieldMask(paths=["crontab"]),
            request_id=request_id), timeout=10).schedule

    first = update("0 2 * * *", "u-1")
    update("0 3 * * *", "u-2")
    retried = update("0 2 * * *", "u-1")

    assert retried == first
    assert scheduler.GetSchedule(pb.GetScheduleRequest(name=created.name), timeout=10).schedule.crontab == "0 3 * * *"
    assert refusal(lambda: scheduler.PauseSchedule(pb.PauseScheduleRequest(name=created.name, request_id="u-1"),
                                                   timeout=10)) == (grpc.StatusCode.INVALID_ARGUMENT, "request_id")


def test_a_paused_schedule_has_no_next_due_time_until_resumed(scheduler: Stub, catalog: FakeCatalog,
                                                              unique_id: str) -> None:
    created = create(scheduler, unique_id, crontab_schedule(catalog.add(unique_id, YESTERDAY).name, "0 * * * *"))

    paused = scheduler.PauseSchedule(pb.PauseScheduleRequest(name=created.name), timeout=10).schedule
    paused_again = scheduler.PauseSchedule(pb.PauseScheduleRequest(name=created.name), timeout=10).schedule
    resumed = scheduler.ResumeSchedule(pb.ResumeScheduleRequest(name=created.name), timeout=10).schedule

    assert paused.paused and not paused.HasField("next_due_time")
    assert paused_again == paused
    assert not resumed.paused and when(resumed.next_due_time) > datetime.now(UTC)


def test_a_deleted_schedule_is_gone_and_a_retried_delete_succeeds(scheduler: Stub, catalog: FakeCatalog,
                                                                  unique_id: str) -> None:
    created = create(scheduler, unique_id, crontab_schedule(catalog.add(unique_id, YESTERDAY).name, NEW_YEAR))
    delete = pb.DeleteScheduleRequest(name=created.name, request_id="d-1")

    scheduler.DeleteSchedule(delete, timeout=10)
    scheduler.DeleteSchedule(delete, timeout=10)

    get = pb.GetScheduleRequest(name=created.name)
    assert refusal(lambda: scheduler.GetSchedule(get, timeout=10)) == (grpc.StatusCode.NOT_FOUND, "name")
    assert refusal(lambda: scheduler.DeleteSchedule(pb.DeleteScheduleRequest(name=created.name), timeout=10))[0] \
        == grpc.StatusCode.NOT_FOUND
    assert refusal(lambda: scheduler.ListRuns(pb.ListRunsRequest(parent=created.name), timeout=10))[0] \
        == grpc.StatusCode.NOT_FOUND


def test_preview_lists_the_next_fire_times_of_a_saved_schedule(scheduler: Stub, catalog: FakeCatalog,
                                                               unique_id: str) -> None:
    created = create(scheduler, unique_id, crontab_schedule(catalog.add(unique_id, YESTERDAY).name, "0 12 * * 7"))
    start = datetime(2026, 3, 1, tzinfo=UTC)

    preview = scheduler.PreviewSchedule(pb.PreviewScheduleRequest(
        name=created.name, count=3, start_time=timestamps.to_proto(start)), timeout=10)

    assert [when(t) for t in preview.fire_times] == [datetime(2026, 3, d, 12, tzinfo=UTC) for d in (1, 8, 15)]
    assert preview.time_zone == "UTC"


def test_preview_of_an_unsaved_weekly_schedule_shows_the_dst_rule(scheduler: Stub) -> None:
    unsaved = weekly_schedule("", [pb.DAY_OF_WEEK_SUNDAY], "02:30", "America/New_York")
    start = datetime(2026, 3, 1, tzinfo=UTC)

    preview = scheduler.PreviewSchedule(pb.PreviewScheduleRequest(
        schedule=unsaved, count=2, start_time=timestamps.to_proto(start)), timeout=10)

    assert [when(t) for t in preview.fire_times] == [datetime(2026, 3, 1, 7, 30, tzinfo=UTC),
                                                     datetime(2026, 3, 8, 7, 0, tzinfo=UTC)]
    assert preview.time_zone == "America/New_York"
    assert len(scheduler.PreviewSchedule(pb.PreviewScheduleRequest(schedule=unsaved), timeout=10).fire_times) == 10


@pytest.mark.parametrize(("request_", "field"), [
    (pb.PreviewScheduleRequest(schedule=pb.Schedule(crontab="* * * * *"), count=101), "count"),
    (pb.PreviewScheduleRequest(schedule=pb.Schedule(crontab="* * * * *"), count=-1), "count"),
    (pb.PreviewScheduleRequest(), "name"),
    (pb.PreviewScheduleRequest(name="accounts/a/schedules/s", schedule=pb.Schedule(crontab="* * * * *")), "name"),
    (pb.PreviewScheduleRequest(schedule=pb.Schedule(crontab="* * * * 0")), "schedule.crontab.day_of_week"),
    (pb.PreviewScheduleRequest(schedule=pb.Schedule(weekly=pb.WeeklySchedule(days=[MONDAY], time="09:00"))),
     "schedule.report_definition"),
])
def test_a_bad_preview_is_refused_naming_the_field(scheduler: Stub, request_: pb.PreviewScheduleRequest,
                                                   field: str) -> None:
    assert refusal(lambda: scheduler.PreviewSchedule(request_, timeout=10)) == (grpc.StatusCode.INVALID_ARGUMENT,
                                                                                field)


def test_a_retried_delete_after_the_request_id_retention_is_a_new_delete(
        settings: Settings, database: sa.Engine, catalog: FakeCatalog, unique_id: str) -> None:
    definition = catalog.add(unique_id, YESTERDAY)
    settings = dataclasses.replace(settings, request_id_retention_days=7)
    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        scheduler = clients.scheduler(f"127.0.0.1:{service.port}")
        created = create(scheduler, unique_id, crontab_schedule(definition.name, NEW_YEAR))
        delete = pb.DeleteScheduleRequest(name=created.name, request_id="d-1")
        scheduler.DeleteSchedule(delete, timeout=10)
    finally:
        service.stop(0)
    remembered = sa.inspect(ScheduleRequestRow).local_table
    assert isinstance(remembered, sa.Table)
    with database.begin() as connection:
        connection.execute(sa.update(remembered).where(remembered.c.account == unique_id)
                           .values(create_time=remembered.c.create_time - timedelta(days=7, minutes=1)))

    # A scheduler forgets expired request_ids when it starts, then every hour.
    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        scheduler = clients.scheduler(f"127.0.0.1:{service.port}")
        forgotten = eventually(lambda: _refused_or_none(lambda: scheduler.DeleteSchedule(delete, timeout=10)))
    finally:
        service.stop(0)

    assert forgotten == (grpc.StatusCode.NOT_FOUND, "name")


def _refused_or_none(call: object) -> tuple[grpc.StatusCode, str] | None:
    try:
        call()  # type: ignore[operator]
    except grpc.RpcError as error:
        return error.code(), error_details(error).get("field", "")
    return None
