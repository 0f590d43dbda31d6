"""The times an Incremental run's window is shown with, and how a run moves the watermark."""

from __future__ import annotations

from datetime import UTC, datetime

from services.scheduler.domain.incremental import Watermark, WatermarkKey
from services.scheduler.domain.time_frames import FrameContext, Kind, TimeFrame, Window, resolve

KEY = WatermarkKey("acme", "ALL_ATTEMPTS", "CAMPAIGN", "spring")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def no_zone() -> str:
    raise AssertionError("an Incremental window needs no time zone")


def no_campaign() -> datetime:
    raise AssertionError("an Incremental window needs no campaign")


def incremental(cutoff_time: str, previous: str | None) -> Window:
    context = FrameContext(as_of=utc(cutoff_time), usage=False, account_time_zone=no_zone,
                           campaign_start=no_campaign, previous_cutoff_time=utc(previous) if previous else None)
    return resolve(TimeFrame(Kind.INCREMENTAL), context)


def test_the_first_incremental_run_covers_the_previous_15_hours() -> None:
    assert incremental("2024-01-15T10:00", None) == Window(utc("2024-01-14T19:00"), utc("2024-01-15T10:00"))


def test_a_later_incremental_run_starts_at_the_previous_runs_cutoff() -> None:
    assert incremental("2024-01-15T11:00", "2024-01-15T10:30") == Window(utc("2024-01-15T10:30"),
                                                                         utc("2024-01-15T11:00"))


def test_a_run_weeks_after_the_last_covers_everything_since_it() -> None:
    # The guide: after the Saved Reports list was cleared, the first scheduled run holds more than 15 hours.
    window = incremental("2024-02-15T10:00", "2024-01-15T10:00")
    assert window.start == utc("2024-01-15T10:00")


def test_a_previous_cutoff_stamped_later_by_a_skewed_clock_gives_an_empty_window_not_an_error() -> None:
    assert incremental("2024-01-15T11:00", "2024-01-15T11:00:02") == Window(utc("2024-01-15T11:00"),
                                                                            utc("2024-01-15T11:00"))


def test_a_watermark_before_its_first_run_has_no_previous_cutoff_time() -> None:
    fresh = Watermark(KEY)
    moved = fresh.moved_to("10:12:", utc("2024-01-15T10:00"), "job1")
    assert fresh.previous_cutoff_time is None
    assert moved == Watermark(KEY, "10:12:", utc("2024-01-15T10:00"), "job1")
    assert moved.previous_cutoff_time == utc("2024-01-15T10:00")
