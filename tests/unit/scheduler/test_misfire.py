"""Misfires: due times missed while no scheduler ran collapse into one late run or are recorded MISSED."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.scheduler.domain.misfire import CatchUp, Missed, catch_up, describe
from services.scheduler.domain.schedules import MisfirePolicy

HOUR = timedelta(hours=1)
LATE, SKIP = MisfirePolicy.RUN_ONCE_LATE, MisfirePolicy.SKIP
NOT_RUNNING = "the scheduler was not running at the due time"


def at(clock: str) -> datetime:
    return datetime.fromisoformat(f"2026-05-04T{clock}").replace(tzinfo=UTC)


def test_a_due_time_picked_up_on_time_runs_and_nothing_is_missed() -> None:
    assert catch_up([at("09:00")], at("09:00:00.4"), LATE, HOUR) == CatchUp(at("09:00"), ())
    assert catch_up([at("09:00")], at("09:00:00.4"), SKIP, HOUR) == CatchUp(at("09:00"), ())


def test_missed_due_times_within_the_grace_window_collapse_into_one_run_of_the_latest() -> None:
    decision = catch_up([at("08:40"), at("08:50"), at("09:00")], at("09:20"), LATE, HOUR)

    assert decision.run == at("09:00")
    reason = f"{NOT_RUNNING}; coalesced into the run due at 2026-05-04T09:00:00+00:00"
    assert decision.missed == (Missed(at("08:40"), reason), Missed(at("08:50"), reason))


def test_due_times_past_the_grace_window_are_missed_with_that_reason() -> None:
    decision = catch_up([at("07:00"), at("08:30"), at("09:00")], at("09:20"), LATE, HOUR)

    assert decision.run == at("09:00")
    assert decision.missed[0] == Missed(at("07:00"), f"{NOT_RUNNING}; past the grace window of 1 h")
    assert decision.missed[1].reason.endswith("coalesced into the run due at 2026-05-04T09:00:00+00:00")


def test_when_even_the_latest_due_time_is_past_the_grace_window_nothing_runs() -> None:
    decision = catch_up([at("06:00"), at("07:00")], at("09:00"), LATE, timedelta(minutes=90))

    assert decision.run is None
    assert [missed.reason for missed in decision.missed] == [f"{NOT_RUNNING}; past the grace window of 1 h 30 min"] * 2


def test_skip_records_every_missed_due_time_and_runs_none_late() -> None:
    decision = catch_up([at("08:40"), at("09:00")], at("09:05"), SKIP, HOUR)

    assert decision.run is None
    assert decision.missed == tuple(Missed(due, f"{NOT_RUNNING}; the misfire policy is SKIP")
                                    for due in (at("08:40"), at("09:00")))


def test_skip_still_runs_a_due_time_that_is_on_time() -> None:
    decision = catch_up([at("08:40"), at("09:00")], at("09:00:01"), SKIP, HOUR)

    assert decision.run == at("09:00")
    assert [missed.due_time for missed in decision.missed] == [at("08:40")]


def test_a_zero_grace_window_still_runs_a_due_time_picked_up_within_a_minute() -> None:
    assert catch_up([at("09:00")], at("09:00:30"), LATE, timedelta(0)).run == at("09:00")
    assert catch_up([at("09:00")], at("09:01:30"), LATE, timedelta(0)).run is None


def test_a_long_catch_up_handled_in_chunks_runs_only_the_overall_latest() -> None:
    first_chunk = [at("06:00"), at("06:30")]

    decision = catch_up(first_chunk, at("09:10"), LATE, HOUR, latest=at("09:00"))

    assert decision.run is None
    assert [m.reason.rsplit("; ", 1)[1] for m in decision.missed] == ["past the grace window of 1 h"] * 2


def test_nothing_due_decides_nothing() -> None:
    assert catch_up([], at("09:00"), LATE, HOUR) == CatchUp(None, ())


def test_durations_are_described_in_words() -> None:
    assert describe(timedelta(hours=1)) == "1 h"
    assert describe(timedelta(days=1, minutes=5, seconds=3)) == "1 d 5 min 3 s"
    assert describe(timedelta(0)) == "0 s"
