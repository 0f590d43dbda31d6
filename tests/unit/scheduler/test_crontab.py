"""The guide's "Crontab String (GMT)": its exact grammar, each refusal naming the field, and fire times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reportsuite.core.errors import InvalidArgument
from services.scheduler.domain.schedules import fire_times, latest_fire, next_fire, parse_crontab


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("crontab", "croniter_expression"), [
    ("0 9 * * 1", "0 9 * * 1"),
    ("0 9 * * 7", "0 9 * * 0"),  # the guide's 7 is Sunday, croniter's 0
    ("0 9 * * 1,7", "0 9 * * 0,1"),
    ("0,30 * * * *", "0,30 * * * *"),
    ("5 4 1,15 * *", "5 4 1,15 * *"),
    ("59 23 31 12 7", "59 23 31 12 0"),
    ("07 08 09 10 05", "7 8 9 10 5"),  # two digits with a leading zero
    ("*   *  *\t* *", "* * * * *"),  # any run of spaces between the fields
    ("0 0 29 2 *", "0 0 29 2 *"),  # 29 February exists in leap years
    ("0 0 30 2,4 *", "0 0 30 2,4 *"),  # April has a 30th
    ("15,15 * * * *", "15 * * * *"),
])
def test_a_valid_crontab_is_read_field_by_field(crontab: str, croniter_expression: str) -> None:
    assert parse_crontab(crontab).croniter_expression() == croniter_expression


@pytest.mark.parametrize(("crontab", "field"), [
    ("0 9 * * 0", "day_of_week"),  # 0 is not a day: the guide numbers 1-7 from Monday
    ("0 9 * * 8", "day_of_week"),
    ("0 9 * * 1-5", "day_of_week"),  # ranges are not in the guide's grammar
    ("0 9 * * MON", "day_of_week"),  # nor names
    ("0 9 * * 1#2", "day_of_week"),
    ("*/5 * * * *", "minute"),  # nor steps
    ("H * * * *", "minute"),
    ("? * * * *", "minute"),
    ("-1 * * * *", "minute"),
    ("100 * * * *", "minute"),  # three digits
    ("60 * * * *", "minute"),
    ("1,,2 * * * *", "minute"),
    ("1, * * * *", "minute"),
    ("0 24 * * *", "hour"),
    ("0 9-17 * * *", "hour"),
    ("0 0 0 * *", "day_of_month"),
    ("0 0 32 * *", "day_of_month"),
    ("0 0 L * *", "day_of_month"),
    ("0 0 31 2 *", "day_of_month"),  # 31 February never comes: the schedule would never fire
    ("0 0 * 0 *", "month"),
    ("0 0 * 13 *", "month"),
    ("0 9 * JAN *", "month"),
])
def test_an_invalid_field_is_refused_naming_the_field_and_the_rule(crontab: str, field: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        parse_crontab(crontab)

    assert refused.value.field == f"schedule.crontab.{field}"
    assert refused.value.rule


@pytest.mark.parametrize("crontab", ["", "0 0 * *", "0 0 * * * *", "0 0 0 * * * 2026", "@daily"])
def test_a_crontab_without_exactly_five_fields_is_refused(crontab: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        parse_crontab(crontab)

    assert refused.value.field == "schedule.crontab"
    assert "five fields" in refused.value.rule


def test_day_of_week_seven_fires_on_sundays_in_utc() -> None:
    sundays = fire_times(parse_crontab("0 9 * * 7"), "UTC", at("2026-03-02T00:00"), 2)

    assert sundays == [at("2026-03-08T09:00"), at("2026-03-15T09:00")]
    assert {fire.isoweekday() for fire in sundays} == {7}


def test_day_of_month_and_day_of_week_must_both_match() -> None:
    # "the 1st, if it is a Monday"; Vixie cron (and croniter's default) would also fire every Monday.
    fires = fire_times(parse_crontab("0 9 1 * 1"), "UTC", at("2026-01-01T00:00"), 3)

    assert fires == [at("2026-06-01T09:00"), at("2027-02-01T09:00"), at("2027-03-01T09:00")]


def test_a_restricted_day_of_week_alone_fires_on_those_days_of_any_month() -> None:
    fires = fire_times(parse_crontab("0 9 * * 3"), "UTC", at("2026-01-01T00:00"), 2)

    assert fires == [at("2026-01-07T09:00"), at("2026-01-14T09:00")]


def test_the_29th_of_february_on_a_monday_is_found_years_ahead() -> None:
    assert next_fire(parse_crontab("0 0 29 2 1"), "UTC", at("2026-01-01T00:00")) == at("2044-02-29T00:00")


@pytest.mark.parametrize("day", ["2026-03-07", "2026-10-24", "2026-10-31"])
def test_a_crontab_fires_once_a_day_across_daylight_saving_changes(day: str) -> None:
    # GMT has no daylight saving: 02:30 comes exactly once on the days US and EU clocks change.
    start = at(f"{day}T00:00")
    fires = fire_times(parse_crontab("30 2 * * *"), "UTC", start, 3)

    assert fires == [start + timedelta(days=n, hours=2, minutes=30) for n in range(3)]


def test_the_next_fire_time_is_strictly_after_the_instant() -> None:
    crontab = parse_crontab("0 9 * * *")

    assert next_fire(crontab, "UTC", at("2026-05-01T09:00")) == at("2026-05-02T09:00")
    assert next_fire(crontab, "UTC", at("2026-05-01T08:59:59.999999")) == at("2026-05-01T09:00")
    assert next_fire(crontab, "UTC", at("2026-05-01T09:00:00.000001")) == at("2026-05-02T09:00")


def test_the_latest_fire_time_at_or_before_an_instant() -> None:
    crontab = parse_crontab("0,30 * * * *")

    assert latest_fire(crontab, "UTC", at("2026-05-01T09:29:59")) == at("2026-05-01T09:00")
    assert latest_fire(crontab, "UTC", at("2026-05-01T09:30")) == at("2026-05-01T09:30")
