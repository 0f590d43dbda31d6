"""The guide's Incremental Reports example, at the clock times it gives (an injected clock).

"If you have an incremental All Attempts report scheduled to run every hour at the top of the hour,
and you manually run an incremental All Attempts report at 10:30AM, the 10:30 report will only
contain data collected from 10:00AM-10:30AM ... the 11:00 report would only contain data collected
from 10:30AM-11:00AM." A scheduled run takes the same job-creation path as a manual one, so both
are RunReport here; "collected at 10:10" means ingested (committed) while the clock reads 10:10.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from tests.integration.incremental.harness import AttemptSpec, Harness, Kind


def at(hhmm: str, day: str = "2024-01-15") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=UTC)


class Clock:
    """The injected clock: reads what the test last set."""

    def __init__(self) -> None:
        self.now = at("09:00")

    def __call__(self) -> datetime:
        return self.now


def collected(attempt_id: str, hhmm: str) -> AttemptSpec:
    return AttemptSpec(attempt_id, complete_time=at(hhmm))


def window(job: object) -> tuple[datetime, datetime]:
    return job.window_start, job.window_end  # type: ignore[attr-defined]


def hourly_report_with_history(incremental_db: sa.Engine) -> tuple[Harness, Clock, str]:
    """An hourly Incremental report whose 10:00 run already happened (it was the first)."""
    clock = Clock()
    harness = Harness(incremental_db, clock)
    definition = harness.definition()
    clock.now = at("10:00")
    harness.run(definition)
    return harness, clock, definition


def test_a_manual_run_at_1030_holds_1000_to_1030_and_the_1100_run_holds_1030_to_1100(
    incremental_db: sa.Engine,
) -> None:
    harness, clock, hourly = hourly_report_with_history(incremental_db)
    clock.now = at("10:10")
    harness.ingest(collected("ten-past", "10:09"))

    clock.now = at("10:30")
    manual = harness.run(harness.definition())  # another definition of the same report type and target
    clock.now = at("10:40")
    harness.ingest(collected("twenty-to", "10:39"))
    clock.now = at("11:00")
    scheduled = harness.run(hourly)

    assert harness.report(manual) == ["ten-past"]
    assert window(manual) == (at("10:00"), at("10:30"))
    assert harness.report(scheduled) == ["twenty-to"]
    assert window(scheduled) == (at("10:30"), at("11:00"))


def test_a_last_7_days_run_at_1030_leaves_the_1100_run_holding_1000_to_1100(incremental_db: sa.Engine) -> None:
    harness, clock, hourly = hourly_report_with_history(incremental_db)
    clock.now = at("10:10")
    harness.ingest(collected("ten-past", "10:09"))

    clock.now = at("10:30")
    last_7_days = harness.run(harness.definition(Kind.KIND_LAST_7_DAYS))
    clock.now = at("10:40")
    harness.ingest(collected("twenty-to", "10:39"))
    clock.now = at("11:00")
    scheduled = harness.run(hourly)

    assert last_7_days.incremental is None
    assert window(last_7_days) == (at("00:00", "2024-01-08"), at("00:00"))
    assert sorted(harness.report(scheduled)) == ["ten-past", "twenty-to"]
    assert window(scheduled) == (at("10:00"), at("11:00"))


def test_an_attempt_started_at_1050_and_completed_at_1101_is_in_the_run_after_1100(
    incremental_db: sa.Engine,
) -> None:
    harness, clock, hourly = hourly_report_with_history(incremental_db)
    clock.now = at("10:50")
    # The platform began sending it before 11:00; its ingest commits at 11:01.
    straddling = harness.open_ingest()
    straddling.begin()
    straddling.insert([AttemptSpec("ten-to-eleven", complete_time=at("11:01"))])

    clock.now = at("11:00")
    eleven = harness.run(hourly)
    clock.now = at("11:01")
    straddling.commit()
    harness.ingest(AttemptSpec("started-1050", complete_time=at("11:01")))
    clock.now = at("12:00")
    noon = harness.run(hourly)

    assert harness.report(eleven) == []
    assert sorted(harness.report(noon)) == ["started-1050", "ten-to-eleven"]


def test_the_first_run_ever_holds_the_previous_15_hours(incremental_db: sa.Engine) -> None:
    clock = Clock()
    harness = Harness(incremental_db, clock)
    harness.ingest(AttemptSpec("sixteen-hours-ago", complete_time=at("17:59", "2024-01-14"),
                               ingested_at=at("18:00", "2024-01-14")),
                   AttemptSpec("fourteen-hours-ago", complete_time=at("19:59", "2024-01-14"),
                               ingested_at=at("20:00", "2024-01-14")),
                   # Collected 14 hours ago, though it happened long before: collected is what counts.
                   AttemptSpec("late-arrival", complete_time=at("09:00", "2023-12-01"),
                               ingested_at=at("20:00", "2024-01-14")))
    clock.now = at("10:00")

    first = harness.run(harness.definition())

    assert first.incremental is not None and first.incremental.previous_cutoff == ""
    assert window(first) == (at("19:00", "2024-01-14"), at("10:00"))
    assert sorted(harness.report(first)) == ["fourteen-hours-ago", "late-arrival"]


def test_a_run_weeks_later_holds_everything_collected_since_the_last_run(incremental_db: sa.Engine) -> None:
    # The guide: after two weeks "you will get more than 15 hours worth of data when the first
    # scheduled run occurs": the watermark outlives any list of saved reports.
    harness, clock, hourly = hourly_report_with_history(incremental_db)
    clock.now = at("12:00", "2024-01-20")
    harness.ingest(AttemptSpec("day-five", complete_time=at("11:00", "2024-01-20"),
                               ingested_at=at("12:00", "2024-01-20")))
    clock.now = at("10:00", "2024-02-01")

    later = harness.run(hourly)

    assert window(later) == (at("10:00"), at("10:00", "2024-02-01"))
    assert harness.report(later) == ["day-five"]
