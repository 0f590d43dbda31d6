"""Weekly schedules keep their wall-clock time across the 2026 US and EU daylight-saving changes.

2026: the US changes on 8 March (02:00 -> 03:00) and 1 November (02:00 -> 01:00); the EU on
29 March (01:00 UTC) and 25 October (01:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from reportsuite.core.errors import InvalidArgument
from services.scheduler.domain.schedules import fire_times, latest_fire, next_fire, parse_weekly

MONDAY, WEDNESDAY, FRIDAY, SUNDAY = 1, 3, 5, 7


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(instant: datetime, zone: str) -> str:
    return instant.astimezone(ZoneInfo(zone)).strftime("%a %Y-%m-%d %H:%M %Z")


def test_nine_o_clock_stays_nine_o_clock_across_the_us_spring_change() -> None:
    fires = fire_times(parse_weekly([SUNDAY], "09:00", ""), "America/New_York", at("2026-02-28T00:00"), 3)

    assert fires == [at("2026-03-01T14:00"), at("2026-03-08T13:00"), at("2026-03-15T13:00")]
    assert [local(f, "America/New_York") for f in fires] == [
        "Sun 2026-03-01 09:00 EST", "Sun 2026-03-08 09:00 EDT", "Sun 2026-03-15 09:00 EDT"]


def test_nine_o_clock_stays_nine_o_clock_across_the_eu_autumn_change() -> None:
    fires = fire_times(parse_weekly([SUNDAY], "09:00", ""), "Europe/Berlin", at("2026-10-17T00:00"), 2)

    assert fires == [at("2026-10-18T07:00"), at("2026-10-25T08:00")]


def test_a_time_in_the_us_spring_gap_runs_at_the_first_instant_after_the_gap() -> None:
    # 02:30 does not exist on 8 March 2026 in New York: the clocks go from 01:59:59 EST to 03:00 EDT.
    fires = fire_times(parse_weekly([SUNDAY], "02:30", ""), "America/New_York", at("2026-02-28T00:00"), 3)

    assert fires == [at("2026-03-01T07:30"), at("2026-03-08T07:00"), at("2026-03-15T06:30")]
    assert local(fires[1], "America/New_York") == "Sun 2026-03-08 03:00 EDT"


def test_a_time_in_the_eu_spring_gap_runs_at_the_first_instant_after_the_gap() -> None:
    fires = fire_times(parse_weekly([SUNDAY], "02:30", ""), "Europe/Berlin", at("2026-03-28T00:00"), 1)

    assert fires == [at("2026-03-29T01:00")]
    assert local(fires[0], "Europe/Berlin") == "Sun 2026-03-29 03:00 CEST"


def test_a_time_in_the_us_autumn_overlap_runs_once_at_its_first_occurrence() -> None:
    # 01:30 happens twice on 1 November 2026 in New York: 05:30 UTC (EDT) and 06:30 UTC (EST).
    fires = fire_times(parse_weekly([SUNDAY], "01:30", ""), "America/New_York", at("2026-10-31T00:00"), 2)

    assert fires == [at("2026-11-01T05:30"), at("2026-11-08T06:30")]
    assert local(fires[0], "America/New_York") == "Sun 2026-11-01 01:30 EDT"


def test_a_time_in_the_eu_autumn_overlap_runs_once_at_its_first_occurrence() -> None:
    fires = fire_times(parse_weekly([SUNDAY], "02:30", ""), "Europe/Berlin", at("2026-10-24T00:00"), 2)

    assert fires == [at("2026-10-25T00:30"), at("2026-11-01T01:30")]


def test_the_second_occurrence_of_an_overlapped_time_does_not_fire_again() -> None:
    weekly = parse_weekly([SUNDAY], "01:30", "")

    assert next_fire(weekly, "America/New_York", at("2026-11-01T05:30")) == at("2026-11-08T06:30")


def test_several_days_a_week_across_the_us_spring_change() -> None:
    weekly = parse_weekly([MONDAY, WEDNESDAY, FRIDAY], "09:00", "")

    fires = fire_times(weekly, "America/Los_Angeles", at("2026-03-05T00:00"), 4)

    assert fires == [at("2026-03-06T17:00"), at("2026-03-09T16:00"), at("2026-03-11T16:00"),
                     at("2026-03-13T16:00")]


def test_a_weekly_time_near_midnight_is_found_on_the_right_local_day() -> None:
    # 23:30 Saturday in Tokyo is 14:30 UTC the same Saturday.
    assert next_fire(parse_weekly([6], "23:30", ""), "Asia/Tokyo", at("2026-05-01T00:00")) == at("2026-05-02T14:30")
    # 00:15 Monday in Los Angeles is Monday 07:15 UTC.
    assert next_fire(parse_weekly([MONDAY], "00:15", ""), "America/Los_Angeles",
                     at("2026-05-03T23:00")) == at("2026-05-04T07:15")


def test_the_latest_weekly_fire_time_at_or_before_an_instant() -> None:
    weekly = parse_weekly([SUNDAY], "09:00", "")

    assert latest_fire(weekly, "America/New_York", at("2026-03-10T00:00")) == at("2026-03-08T13:00")
    assert latest_fire(weekly, "America/New_York", at("2026-03-08T13:00")) == at("2026-03-08T13:00")


@pytest.mark.parametrize(("days", "time", "zone", "field"), [
    ([], "09:00", "", "schedule.weekly.days"),
    ([0], "09:00", "", "schedule.weekly.days"),
    ([8], "09:00", "", "schedule.weekly.days"),
    ([1, 1], "09:00", "", "schedule.weekly.days"),
    ([1], "9:00", "", "schedule.weekly.time"),
    ([1], "24:00", "", "schedule.weekly.time"),
    ([1], "09:60", "", "schedule.weekly.time"),
    ([1], "0900", "", "schedule.weekly.time"),
    ([1], "09:00", "Mars/Olympus", "schedule.weekly.time_zone"),
])
def test_a_malformed_weekly_schedule_is_refused_naming_the_field(days: list[int], time: str, zone: str,
                                                                 field: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        parse_weekly(days, time, zone)

    assert refused.value.field == field
