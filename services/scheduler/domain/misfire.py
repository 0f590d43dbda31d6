"""Misfires: what becomes of the fire times that passed while no scheduler was running.

A pure function of the due fire times, the time now and the schedule's policy. Nothing is
dropped silently: every due time either runs or is recorded as a MISSED run with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.scheduler.domain.schedules import MisfirePolicy

# A due time picked up within this much of it is on time: the tick wakes at least every second,
# so only a scheduler that was down (or far behind) sees a due time older than this.
ON_TIME = timedelta(seconds=60)
NOT_RUNNING = "the scheduler was not running at the due time"


@dataclass(frozen=True)
class Missed:
    """A due time that will not run, and why."""

    due_time: datetime
    reason: str


@dataclass(frozen=True)
class CatchUp:
    """The decision for a schedule's due times: at most one to run now, the rest missed."""

    run: datetime | None
    missed: tuple[Missed, ...]


def catch_up(due_times: Sequence[datetime], now: datetime, policy: MisfirePolicy, grace: timedelta,
             latest: datetime | None = None) -> CatchUp:
    """Decides which of a schedule's due times runs now.

    Args:
        due_times: due fire times not yet handled, earliest first, none after now.
        now: the time of the tick.
        policy: RUN_ONCE_LATE runs the latest due time if it is within the grace period (or on
            time) and records the others as missed, coalesced into it; SKIP runs the latest due
            time only when it is on time and records every other as missed.
        grace: how late RUN_ONCE_LATE may still run a due time.
        latest: the latest due time overall when due_times is only the first part of a long
            list (a catch-up handled in chunks); it then runs in a later chunk, not from this one.

    Returns:
        The due time to run (None for none) and the missed ones with their reasons.
    """
    if not due_times:
        return CatchUp(None, ())
    newest = latest or due_times[-1]
    window = max(grace, ON_TIME) if policy is MisfirePolicy.RUN_ONCE_LATE else ON_TIME
    runs_newest = now - newest <= window
    run = due_times[-1] if runs_newest and due_times[-1] == newest else None
    missed = tuple(
        Missed(due, _reason(due, now, policy, grace, newest if runs_newest else None))
        for due in due_times if due != run
    )
    return CatchUp(run, missed)


def _reason(due: datetime, now: datetime, policy: MisfirePolicy, grace: timedelta,
            coalesced_into: datetime | None) -> str:
    if policy is MisfirePolicy.SKIP:
        return f"{NOT_RUNNING}; the misfire policy is SKIP"
    if now - due <= max(grace, ON_TIME) and coalesced_into is not None:
        return f"{NOT_RUNNING}; coalesced into the run due at {coalesced_into.isoformat()}"
    return f"{NOT_RUNNING}; past the grace window of {describe(grace)}"


def describe(duration: timedelta) -> str:
    """A duration in words: "1 h", "1 h 30 min", "45 s", "0 s"."""
    seconds = int(duration.total_seconds())
    parts = [(seconds // 86400, "d"), (seconds % 86400 // 3600, "h"), (seconds % 3600 // 60, "min"),
             (seconds % 60, "s")]
    return " ".join(f"{amount} {unit}" for amount, unit in parts if amount) or "0 s"
