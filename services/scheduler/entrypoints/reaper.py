"""The reaper: a timer that keeps jobs from staying running or queued forever.

Each sweep (1) treats every stage whose lease lapsed as a retryable failure, and (2) publishes
again every waiting stage whose message went out long ago without anyone claiming it. Both lock
their rows with ``FOR UPDATE SKIP LOCKED``, so several scheduler replicas can sweep at once.
"""

from __future__ import annotations

import logging

from reportsuite.core.loops import BackgroundLoop
from services.scheduler.domain.service import SWEEP_BATCH, JobService

log = logging.getLogger(__name__)

# A queued stage's message is published again when nobody claimed it within this time.
DEFAULT_STALE_AFTER_SECONDS = 300.0


class Reaper:
    """Sweeps every ``interval_seconds`` on its own thread once started.

    Args:
        jobs: the scheduler's use cases.
        interval_seconds: seconds between sweeps.
        stale_after_seconds: how long a published, unclaimed stage waits before it is republished.
    """

    def __init__(self, jobs: JobService, interval_seconds: float,
                 stale_after_seconds: float = DEFAULT_STALE_AFTER_SECONDS) -> None:
        self._jobs = jobs
        self._stale_after = stale_after_seconds
        self._loop = BackgroundLoop("reaper", self.sweep, interval_seconds)

    def sweep(self) -> bool:
        """Runs one sweep; True when a batch was full and another sweep should follow at once."""
        lapsed = self._jobs.reap_expired_leases()
        stale = self._jobs.republish_unclaimed(self._stale_after)
        if lapsed or stale:
            log.info("reaper: %d lapsed leases handled, %d unclaimed stages republished", lapsed, stale)
        return max(lapsed, stale) >= SWEEP_BATCH

    def start(self) -> None:
        self._loop.start()

    def stop(self) -> None:
        self._loop.stop()
