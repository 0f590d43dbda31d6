"""The guide's time frames resolved into UTC windows, worked by hand (docs/time-frames.md).

Dates are in 2024: the EU changed clocks on 31 March and 27 October, the US on 10 March and
3 November. Accounts at GMT or east of it get midnight-to-midnight days in their own zone,
accounts west of GMT get 3AM-3AM Eastern Time days, Usage reports midnight-to-midnight ET.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reportsuite.core.errors import FailedPrecondition
from services.scheduler.domain.time_frames import FrameContext, Kind, TimeFrame, Window, resolve


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def no_campaign() -> datetime:
    raise AssertionError("the campaign is not needed for this time frame")


def context(as_of: str, zone: str, *, usage: bool = False, campaign_start: str | None = None) -> FrameContext:
    return FrameContext(
        as_of=utc(as_of), usage=usage, account_time_zone=lambda: zone,
        campaign_start=(lambda: utc(campaign_start)) if campaign_start else no_campaign,
    )


def window(start: str, end: str) -> Window:
    return Window(utc(start), utc(end))


# (account zone, kind, as_of UTC, expected window start UTC, expected window end UTC)
RELATIVE = [
    # Europe/London: GMT in winter (offset 0 counts as "GMT or east"), BST in summer.
    ("Europe/London", Kind.TODAY, "2024-01-15T12:00", "2024-01-15T00:00", "2024-01-15T12:00"),
    ("Europe/London", Kind.YESTERDAY, "2024-01-15T12:00", "2024-01-14T00:00", "2024-01-15T00:00"),
    ("Europe/London", Kind.TODAY, "2024-03-31T00:30", "2024-03-31T00:00", "2024-03-31T00:30"),
    # 31 March 2024 was 23 hours long in London; 27 October 25 hours.
    ("Europe/London", Kind.YESTERDAY, "2024-04-01T10:00", "2024-03-31T00:00", "2024-03-31T23:00"),
    ("Europe/London", Kind.YESTERDAY, "2024-10-28T10:00", "2024-10-26T23:00", "2024-10-28T00:00"),
    ("Europe/London", Kind.LAST_7_DAYS, "2024-10-30T09:00", "2024-10-22T23:00", "2024-10-30T00:00"),
    # Europe/Paris: CET (+1) / CEST (+2).
    ("Europe/Paris", Kind.TODAY, "2024-03-31T12:00", "2024-03-30T23:00", "2024-03-31T12:00"),
    ("Europe/Paris", Kind.LAST_7_DAYS, "2024-04-03T08:00", "2024-03-26T23:00", "2024-04-02T22:00"),
    ("Europe/Paris", Kind.LAST_MONTH, "2024-11-05T12:00", "2024-09-30T22:00", "2024-10-31T23:00"),
    # 23:30 UTC on 31 October is already 00:30 on 1 November in Paris: a new month has begun.
    ("Europe/Paris", Kind.MONTH_TO_DATE, "2024-10-31T23:30", "2024-10-31T23:00", "2024-10-31T23:30"),
    # America/New_York (west of GMT): days run 3AM-3AM ET.
    ("America/New_York", Kind.TODAY, "2024-01-15T12:00", "2024-01-15T08:00", "2024-01-15T12:00"),
    # 02:30 EST is before 3AM: still the report day of the 14th.
    ("America/New_York", Kind.TODAY, "2024-01-15T07:30", "2024-01-14T08:00", "2024-01-15T07:30"),
    # Report day 2 November 2024 (3AM EDT to 3AM EST) is 25 hours long.
    ("America/New_York", Kind.YESTERDAY, "2024-11-03T15:00", "2024-11-02T07:00", "2024-11-03T08:00"),
    ("America/New_York", Kind.YESTERDAY, "2024-11-04T15:00", "2024-11-03T08:00", "2024-11-04T08:00"),
    ("America/New_York", Kind.LAST_7_DAYS, "2024-03-12T12:00", "2024-03-05T08:00", "2024-03-12T07:00"),
    # 02:30 EST on 1 March is still report day 29 February: Month to Date is February's.
    ("America/New_York", Kind.MONTH_TO_DATE, "2024-03-01T07:30", "2024-02-01T08:00", "2024-03-01T07:30"),
    ("America/New_York", Kind.LAST_MONTH, "2024-03-15T12:00", "2024-02-01T08:00", "2024-03-01T08:00"),
    # America/Los_Angeles is west of GMT too: its days are Eastern Time days, not Pacific ones.
    # Report day 9 March 2024 (3AM EST to 3AM EDT) is 23 hours long.
    ("America/Los_Angeles", Kind.YESTERDAY, "2024-03-10T15:00", "2024-03-09T08:00", "2024-03-10T07:00"),
    ("America/Los_Angeles", Kind.TODAY, "2024-03-10T15:00", "2024-03-10T07:00", "2024-03-10T15:00"),
    ("America/Los_Angeles", Kind.LAST_MONTH, "2024-11-10T12:00", "2024-10-01T07:00", "2024-11-01T07:00"),
    ("America/Los_Angeles", Kind.MONTH_TO_DATE, "2024-11-03T12:00", "2024-11-01T07:00", "2024-11-03T12:00"),
    # Asia/Tokyo: +9 all year.
    ("Asia/Tokyo", Kind.TODAY, "2024-01-15T12:00", "2024-01-14T15:00", "2024-01-15T12:00"),
    ("Asia/Tokyo", Kind.TODAY, "2024-01-15T16:00", "2024-01-15T15:00", "2024-01-15T16:00"),
    ("Asia/Tokyo", Kind.LAST_7_DAYS, "2024-03-10T03:00", "2024-03-02T15:00", "2024-03-09T15:00"),
    ("Asia/Tokyo", Kind.LAST_MONTH, "2024-03-01T00:00", "2024-01-31T15:00", "2024-02-29T15:00"),
    # UTC.
    ("UTC", Kind.YESTERDAY, "2024-02-29T10:00", "2024-02-28T00:00", "2024-02-29T00:00"),
    ("UTC", Kind.LAST_MONTH, "2024-01-10T00:00", "2023-12-01T00:00", "2024-01-01T00:00"),
    ("UTC", Kind.MONTH_TO_DATE, "2024-02-29T10:00", "2024-02-01T00:00", "2024-02-29T10:00"),
    ("UTC", Kind.LAST_7_DAYS, "2024-01-03T00:00", "2023-12-27T00:00", "2024-01-03T00:00"),
    # Atlantic/Azores is UTC-1 in winter (west: ET days) and UTC+0 in summer (east: its own days).
    ("Atlantic/Azores", Kind.TODAY, "2024-01-15T12:00", "2024-01-15T08:00", "2024-01-15T12:00"),
    ("Atlantic/Azores", Kind.TODAY, "2024-07-01T12:00", "2024-07-01T00:00", "2024-07-01T12:00"),
]


@pytest.mark.parametrize(("zone", "kind", "as_of", "start", "end"), RELATIVE)
def test_relative_time_frames_cover_whole_report_days(zone: str, kind: Kind, as_of: str, start: str,
                                                      end: str) -> None:
    assert resolve(TimeFrame(kind), context(as_of, zone)) == window(start, end)


USAGE = [
    # Usage reports ignore the account's zone: midnight to midnight Eastern Time.
    ("Asia/Tokyo", Kind.YESTERDAY, "2024-01-15T12:00", "2024-01-14T05:00", "2024-01-15T05:00"),
    ("America/Los_Angeles", Kind.TODAY, "2024-01-15T07:30", "2024-01-15T05:00", "2024-01-15T07:30"),
    # 10 March 2024 was 23 hours long in New York.
    ("Europe/London", Kind.YESTERDAY, "2024-03-11T12:00", "2024-03-10T05:00", "2024-03-11T04:00"),
    ("UTC", Kind.LAST_MONTH, "2024-11-15T12:00", "2024-10-01T04:00", "2024-11-01T04:00"),
    ("Europe/Paris", Kind.MONTH_TO_DATE, "2024-12-01T03:00", "2024-11-01T04:00", "2024-12-01T03:00"),
]


@pytest.mark.parametrize(("zone", "kind", "as_of", "start", "end"), USAGE)
def test_usage_reports_run_midnight_to_midnight_eastern_time(zone: str, kind: Kind, as_of: str, start: str,
                                                              end: str) -> None:
    assert resolve(TimeFrame(kind), context(as_of, zone, usage=True)) == window(start, end)


EXPLICIT = [
    # (frame zone, start, end, expected UTC start, expected UTC end)
    ("America/New_York", "2024-03-10T00:00", "2024-03-11T00:00", "2024-03-10T05:00", "2024-03-11T04:00"),
    # 02:30 does not exist on 10 March in New York: it moves forward by the gap, to 03:30 EDT.
    ("America/New_York", "2024-03-10T02:30", "2024-03-10T12:00", "2024-03-10T07:30", "2024-03-10T16:00"),
    # 01:30 happens twice on 3 November in New York: the first (EDT) one is taken.
    ("America/New_York", "2024-11-03T01:30", "2024-11-04T00:00", "2024-11-03T05:30", "2024-11-04T05:00"),
    ("Europe/London", "2024-10-27T01:30", "2024-10-28T00:00", "2024-10-27T00:30", "2024-10-28T00:00"),
    ("Europe/Paris", "2024-03-31T02:15", "2024-04-01T00:00", "2024-03-31T01:15", "2024-03-31T22:00"),
    ("America/Los_Angeles", "2024-11-01T00:00", "2024-12-01T00:00", "2024-11-01T07:00", "2024-12-01T08:00"),
    # The guide's billing-cycle example: 11/01/2010 04:00 AM GMT to 12/01/2010 04:00 AM GMT.
    ("UTC", "2010-11-01T04:00", "2010-12-01T04:00", "2010-11-01T04:00", "2010-12-01T04:00"),
]


@pytest.mark.parametrize(("zone", "start", "end", "utc_start", "utc_end"), EXPLICIT)
def test_explicit_dates_are_wall_clock_times_in_their_zone(zone: str, start: str, end: str, utc_start: str,
                                                           utc_end: str) -> None:
    frame = TimeFrame(Kind.EXPLICIT_DATES, start=start, end=end, time_zone=zone)
    assert resolve(frame, context("2025-01-01T00:00", "Asia/Tokyo")) == window(utc_start, utc_end)


def test_explicit_dates_without_a_zone_use_the_accounts_reports_time_zone() -> None:
    frame = TimeFrame(Kind.EXPLICIT_DATES, start="2024-01-01T00:00", end="2024-02-01T00:00")
    resolved = resolve(frame, context("2025-01-01T00:00", "Asia/Tokyo"))
    assert resolved == window("2023-12-31T15:00", "2024-01-31T15:00")


def test_entire_campaign_runs_from_the_campaign_start_to_as_of() -> None:
    resolved = resolve(TimeFrame(Kind.ENTIRE_CAMPAIGN),
                       context("2024-02-01T00:00", "UTC", campaign_start="2024-01-01T09:00"))
    assert resolved == window("2024-01-01T09:00", "2024-02-01T00:00")


@pytest.mark.parametrize(("frame", "as_of", "zone", "words"), [
    (TimeFrame(Kind.UNSPECIFIED), "2024-01-15T12:00", "UTC", "no time frame"),
    # Exactly at the start of a report day, Today and Month to Date cover nothing yet.
    (TimeFrame(Kind.TODAY), "2024-01-15T08:00", "America/New_York", "covers no time"),
    (TimeFrame(Kind.MONTH_TO_DATE), "2024-03-01T08:00", "America/New_York", "covers no time"),
    (TimeFrame(Kind.EXPLICIT_DATES, "2024-01-02T00:00", "2024-01-01T00:00", "UTC"), "2024-01-15T12:00", "UTC",
     "covers no time"),
    (TimeFrame(Kind.EXPLICIT_DATES, "2024-13-01T00:00", "2024-12-02T00:00", "UTC"), "2024-01-15T12:00", "UTC",
     "YYYY-MM-DDTHH:MM"),
    (TimeFrame(Kind.EXPLICIT_DATES, "2024-01-01T00:00", "2024-01-02T00:00", "Mars/Olympus"), "2024-01-15T12:00",
     "UTC", "not an IANA time zone"),
    (TimeFrame(Kind.YESTERDAY), "2024-01-15T12:00", "Nowhere/Special", "not an IANA time zone"),
    (TimeFrame(Kind.ENTIRE_CAMPAIGN), "2023-12-01T00:00", "UTC", "covers no time"),
])
def test_time_frames_that_cannot_be_resolved_are_failed_preconditions_on_the_definition(
    frame: TimeFrame, as_of: str, zone: str, words: str,
) -> None:
    with pytest.raises(FailedPrecondition) as raised:
        resolve(frame, context(as_of, zone, campaign_start="2024-01-01T09:00"))
    assert raised.value.field == "report_definition"
    assert words in raised.value.message


def test_report_days_around_a_change_of_clocks_are_23_and_25_hours_long() -> None:
    spring = resolve(TimeFrame(Kind.YESTERDAY), context("2024-04-01T10:00", "Europe/Paris"))
    autumn = resolve(TimeFrame(Kind.YESTERDAY), context("2024-10-28T10:00", "Europe/Paris"))
    assert (spring.end - spring.start).total_seconds() == 23 * 3600
    assert (autumn.end - autumn.start).total_seconds() == 25 * 3600
