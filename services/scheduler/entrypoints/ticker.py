"""The schedule loops: the tick (due fire times become runs and jobs) and the prefetch.

The tick sleeps until the next due time, never longer than a second; the prefetch reads the
definitions of schedules due within the next two minutes, on its own thread so a slow catalog never
delays a tick.
"""

from __future__ import annotations

from reportsuite.core.loops import BackgroundLoop
from services.scheduler.domain.tick import MAX_WAIT_SECONDS, ScheduleTicker

PREFETCH_INTERVAL_SECONDS = 1.0
# Ticks of one replica run on this many threads, each claiming its own batch (SKIP LOCKED): while
# one waits for PostgreSQL another computes, so a burst of due schedules drains faster.
TICK_THREADS = 2


class Ticker:
    """Runs a ScheduleTicker's tick and prefetch on two background threads once started."""

    def __init__(self, ticker: ScheduleTicker, tick_threads: int = TICK_THREADS) -> None:
        self._ticks = [BackgroundLoop(f"schedule-tick-{n}", ticker.tick, MAX_WAIT_SECONDS, wait=ticker.next_wait)
                       for n in range(tick_threads)]
        self._prefetch = BackgroundLoop("schedule-prefetch", ticker.prefetch, PREFETCH_INTERVAL_SECONDS)

    def start(self) -> None:
        for tick in self._ticks:
            tick.start()
        self._prefetch.start()

    def stop(self) -> None:
        self._prefetch.stop()
        for tick in self._ticks:
            tick.stop()
